"""Moved to ``inti.exceptions``; this alias keeps old imports working until every caller is updated."""
from inti.exceptions import KonflikError  # noqa: F401
