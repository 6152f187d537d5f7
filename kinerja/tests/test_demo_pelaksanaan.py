"""The Kinerja II demo: a year in progress, built through the services, idempotently."""
import pytest

from kinerja import demo_pelaksanaan
from kinerja.models import Kendala, Laporan, PenyerahanHasil, PermintaanLaporan
from organisasi import demo as org_demo

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_demo_kinerja_dua_tahun_berjalan_dan_idempoten(demo_termuat):
    n = (Laporan.objects.count(), Kendala.objects.count(), PenyerahanHasil.objects.count())
    assert n[0] >= 3 and n[1] == 2 and n[2] == 2
    assert set(Kendala.objects.values_list("status", flat=True)) == {"diajukan", "diputuskan"}
    assert set(PenyerahanHasil.objects.values_list("status", flat=True)) == {"dikembalikan", "diterima"}
    assert PermintaanLaporan.objects.filter(status="terbuka").exists()
    assert Laporan.objects.filter(jenis="catatan_anggota").exists()
    demo_pelaksanaan.muat(org_demo.muat())
    assert (Laporan.objects.count(), Kendala.objects.count(), PenyerahanHasil.objects.count()) == n
