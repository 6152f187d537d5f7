"""The clock of the application: one function for "today", so that tests patch one place.

Dates are local to ``settings.TIME_ZONE`` (Asia/Jakarta by default), never the server's
zone: ``datetime.date.today()`` on a UTC server is yesterday until 07:00 WIB.
"""
from __future__ import annotations

import datetime

from django.utils import timezone


def hari_ini() -> datetime.date:
    """Today in the configured time zone."""
    return timezone.localdate()


def sekarang() -> datetime.datetime:
    """Now (aware, UTC)."""
    return timezone.now()
