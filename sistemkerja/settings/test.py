"""Test settings: PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set (CI), SQLite otherwise."""
from .base import *  # noqa: F401,F403
from .base import BASE_DIR, DATABASES, env

DEBUG = False
SECRET_KEY = "test-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Unit tests run tasks in-process; the Celery integration tests start a real worker.
CELERY_TASK_ALWAYS_EAGER = True
MEDIA_ROOT = BASE_DIR / ".test-media"
PEMERIKSAAN_EKSPOR_ROOT = BASE_DIR / ".test-ekspor"
KINERJA_BUKTI_ROOT = BASE_DIR / ".test-bukti"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The suite's SQLite database lives in memory and the live server's thread shares its connection
# with the test thread (browser tests): BEGIN IMMEDIATE there blocks the server. The setting is
# for the file database of `make run`; tests/keamanan/test_sqlite_serentak.py checks it on a file
# (settings: tests/keamanan/settings_sqlite_berkas.py, base's DATABASES unchanged).
DATABASES = {alias: {**db, "OPTIONS": {k: v for k, v in db.get("OPTIONS", {}).items() if k != "transaction_mode"}}
             for alias, db in DATABASES.items()}
