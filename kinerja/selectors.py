"""Reads of the kinerja cycle: the rules in force, the cascade tree, "kinerja saya", the role
matrix. Each list read has a fixed number of queries whatever the data size (pinned in tests)."""
from __future__ import annotations

import datetime

from django.utils import timezone

from organisasi.models import Instansi

from .models import AturanKinerja
from .presets import nilai_preset


def hari_ini() -> datetime.date:
    return timezone.localdate()


def aturan_kinerja_pada(*, instansi: Instansi, tanggal: datetime.date | None = None) -> AturanKinerja:
    """The Instansi's kinerja rules in force on ``tanggal`` (one query). Without any recorded
    version, the values of the Instansi's preset (unsaved record), so a region works at once."""
    tanggal = tanggal or hari_ini()
    aturan = (AturanKinerja.objects.filter(instansi=instansi, berlaku_mulai__lte=tanggal)
              .order_by("-berlaku_mulai", "-id").first())
    if aturan is not None:
        return aturan
    return AturanKinerja(instansi=instansi, **nilai_preset(instansi.preset))
