"""One clock for "today": ``inti.waktu.hari_ini`` in the configured zone, used by every app and
patchable in one place."""
from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from inti import waktu
from organisasi import selectors as org
from organisasi.tests.factories import JabatanFactory, PegawaiFactory, angkat

pytestmark = pytest.mark.django_db

HARI = datetime.date(2026, 1, 2)


def test_hari_ini_menurut_zona_waktu_instansi_bukan_zona_server(monkeypatch, settings):
    settings.TIME_ZONE = "Asia/Jakarta"
    # 20:00 UTC on 1 January is 03:00 WIB on 2 January
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 1, 1, 20, 0, tzinfo=datetime.timezone.utc))
    assert waktu.hari_ini() == HARI


def test_selektor_organisasi_memakai_jam_yang_sama(monkeypatch):
    jabatan = JabatanFactory()
    pegawai = PegawaiFactory(instansi=jabatan.instansi)
    angkat(pegawai, jabatan, mulai=HARI, selesai=HARI)  # holds the position on that one day only
    monkeypatch.setattr(waktu, "hari_ini", lambda: HARI)
    assert [p.jabatan for p in org.jabatan_dipangku(pegawai=pegawai)] == [jabatan]
    monkeypatch.setattr(waktu, "hari_ini", lambda: HARI + datetime.timedelta(days=1))
    assert org.jabatan_dipangku(pegawai=pegawai) == []
