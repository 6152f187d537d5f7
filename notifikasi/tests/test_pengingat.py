"""Daily reminder: the current decider of a request pending longer than the Instansi allows
is reminded once per day; nobody else, and nothing once decided."""
from datetime import timedelta

import pytest
from django.utils import timezone

from notifikasi import services
from notifikasi.models import Notifikasi
from notifikasi.tasks import kirim_pengingat
from penugasan import selectors as penugasan_selectors
from penugasan import services as penugasan_services
from penugasan.tests.helpers import ajukan, bangun_pemda

pytestmark = pytest.mark.django_db


@pytest.fixture
def menunggu():
    """Belu: Kabid 0 asks for a JF of Seksi 1; the step awaits Kasi 1 (hari_pengingat = 3)."""
    d = bangun_pemda("belu")
    d.instansi.hari_pengingat = 3
    d.instansi.save(update_fields=["hari_pengingat"])
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    return d, p


def pengingat(user=None):
    qs = Notifikasi.objects.filter(jenis="pengingat")
    return qs.filter(penerima=user) if user is not None else qs


def test_selector_lists_requests_waiting_longer_than_n_days(menunggu):
    d, p = menunggu
    sekarang = timezone.now()
    assert list(penugasan_selectors.permohonan_tertunda(3, sekarang=sekarang)) == []
    nanti = sekarang + timedelta(days=3, hours=1)
    hasil = list(penugasan_selectors.permohonan_tertunda(3, sekarang=nanti))
    assert hasil == [p]
    assert hasil[0].menunggu_sejak <= sekarang


def test_not_before_the_threshold(menunggu):
    assert services.pengingat_kirim(sekarang=timezone.now() + timedelta(days=2, hours=23)) == 0
    assert pengingat().count() == 0


def test_decider_is_reminded_once_per_day(menunggu):
    d, p = menunggu
    hari4 = timezone.now() + timedelta(days=3, hours=1)

    assert services.pengingat_kirim(sekarang=hari4) == 1
    (n,) = pengingat()
    assert n.penerima == d.kasi[1].user
    assert n.objek == p
    assert n.url == f"/penugasan/permohonan/{p.pk}/"
    assert p.judul in n.pesan

    # same day again: nothing new; next day: one more
    assert services.pengingat_kirim(sekarang=hari4 + timedelta(minutes=5)) == 0
    assert services.pengingat_kirim(sekarang=hari4 + timedelta(days=1)) == 1
    assert pengingat(d.kasi[1].user).count() == 2
    assert pengingat().count() == 2  # nobody else


def test_threshold_is_the_instansi_setting(menunggu):
    d, _ = menunggu
    d.instansi.hari_pengingat = 10
    d.instansi.save(update_fields=["hari_pengingat"])
    assert services.pengingat_kirim(sekarang=timezone.now() + timedelta(days=5)) == 0
    assert services.pengingat_kirim(sekarang=timezone.now() + timedelta(days=10, hours=1)) == 1


def test_no_reminder_after_the_decision(menunggu):
    d, p = menunggu
    penugasan_services.permohonan_setujui(actor=d.kasi[1].user, permohonan_id=p.pk)
    assert services.pengingat_kirim(sekarang=timezone.now() + timedelta(days=30)) == 0
    assert pengingat().count() == 0


def test_beat_task_runs_the_service(menunggu):
    # today nothing is overdue: the task runs and writes nothing
    assert kirim_pengingat.apply().get() == 0
    assert pengingat().count() == 0
