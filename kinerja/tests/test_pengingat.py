"""Reminders through Celery beat and the outbox: requests before/after the due date, periodic
reports missing near the end of a period and after it; idempotent per day."""
import datetime

import pytest
from django.conf import settings

from kinerja import services
from kinerja.services.pengingat import pengingat_kinerja_kirim
from kinerja.tasks import kirim_pengingat
from notifikasi.models import Notifikasi
from penugasan.models import AnggotaTim, PeranTim

from .helpers import bagi_dua, pemda, pk_berlaku, tim_dari_strategi

pytestmark = pytest.mark.django_db


def test_jadwal_beat_memuat_pengingat_kinerja():
    entri = settings.CELERY_BEAT_SCHEDULE["kinerja-kirim-pengingat"]
    assert entri["task"] == kirim_pengingat.name == "kinerja.kirim_pengingat"


def test_pengingat_permintaan_dan_laporan_berkala():
    d = pemda()
    pk, s, ind = pk_berlaku(d)
    t0, _ = bagi_dua(d, ind)
    p, tim = tim_dari_strategi(d, t0)
    ketua = AnggotaTim.objects.get(tim=tim, peran=PeranTim.KETUA).pegawai
    minta = services.permintaan_buat(actor=d.kabid[0].user, tim_id=tim.pk, kepada_id=ketua.pk, uraian="Capaian",
                                     tenggat=datetime.date(2026, 12, 3))
    Notifikasi.objects.all().delete()
    # 1 December: the request is due in 2 days; December's team report is not due yet (monthly)
    assert pengingat_kinerja_kirim(tanggal=datetime.date(2026, 12, 1)) == 1
    assert Notifikasi.objects.get().penerima == ketua.user
    assert pengingat_kinerja_kirim(tanggal=datetime.date(2026, 12, 1)) == 0  # same day: nothing new
    # 4 December: overdue → the addressee and the requester
    assert pengingat_kinerja_kirim(tanggal=datetime.date(2026, 12, 4)) == 2
    assert Notifikasi.objects.filter(penerima=d.kabid[0].user, judul__contains="terlambat").exists()
    services.laporan_kirim(actor=ketua.user, jenis="jawaban_permintaan", permintaan_id=minta.pk, ringkasan="ok")
    # 29 December: the month's team report is missing → the ketua is reminded; once sent, not any more
    Notifikasi.objects.all().delete()
    assert pengingat_kinerja_kirim(tanggal=datetime.date(2026, 12, 29)) == 1
    assert "Pengingat: kirim laporan periode 01-12-2026" in Notifikasi.objects.get().judul
    services.laporan_kirim(actor=ketua.user, jenis="tim", tim_id=tim.pk, ringkasan="Desember")
    assert pengingat_kinerja_kirim(tanggal=datetime.date(2026, 12, 30)) == 0
    # the task runs the same service (eager in tests)
    assert kirim_pengingat.delay().get() >= 0
