"""Settings of tests/keamanan/sqlite_serentak.py: the test settings with the database exactly as
``make run`` configures it (base: file SQLite, busy timeout, BEGIN IMMEDIATE)."""
from sistemkerja.settings.test import *  # noqa: F401,F403
from sistemkerja.settings.base import DATABASES  # noqa: F401,E402  (undo test.py's in-memory tweak)
