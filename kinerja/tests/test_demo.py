"""The Kinerja I demo: a set PK cascaded to the Kabid, one team formed from a cross-unit request
linked to its target, plans and a complete role matrix; a Pasuruan-style amended PK. Built
through the services, idempotent."""
import pytest
from django.urls import reverse

from kinerja import demo
from kinerja.models import (
    BarisMatriksPeran,
    PerjanjianKinerja,
    RencanaAksi,
    RencanaKegiatanAnggaran,
    RencanaKerjaIndividu,
    StatusPK,
    TautanTarget,
)
from organisasi import demo as org_demo
from penugasan import demo as penugasan_demo

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_demo_kinerja_lengkap_dan_idempoten(demo_termuat, client):
    n = PerjanjianKinerja.objects.count()
    konteks = demo.muat(penugasan_demo.muat(org_demo.muat()))
    assert PerjanjianKinerja.objects.count() == n == 3  # region 1: v1; region 2: v1 (diubah) + v2
    pk = konteks["kinerja"]["pk"]
    assert pk.status == StatusPK.DITETAPKAN
    tautan = TautanTarget.objects.get(target__indikator__sasaran__pk_kinerja=pk, sumber="strategi")
    tim = tautan.permohonan.tim
    assert tim is not None and tim.anggota.count() == 2
    baris = BarisMatriksPeran.objects.filter(tim=tim)
    assert baris.count() == 2 and {b.status for b in baris} == {"diterima"}
    assert RencanaKegiatanAnggaran.objects.get(target=tautan.target).status == "disetujui"
    assert RencanaAksi.objects.get(tim=tim).tonggak.count() == 2
    assert RencanaKerjaIndividu.objects.filter(tim=tim).exists()
    diubah = konteks["kinerja"]["pk_diubah"]
    assert diubah.versi == 2 and diubah.status == StatusPK.DITETAPKAN and diubah.alasan_perubahan
    assert diubah.versi_sebelumnya.status == StatusPK.DIUBAH
    assert "kadis2" in dict(konteks["peran"])
    # the pages show it: the Kadis's cascade tree down to the members, the jf's "kinerja saya"
    client.force_login(konteks["users"]["kadis"])
    html = client.get(reverse("kinerja_pk_kaskade", args=[pk.pk])).content.decode()
    assert tim.nama in html and html.count('data-testid="simpul-anggota"') == 2
    client.force_login(konteks["users"]["jf"])
    html = client.get(reverse("kinerja_saya")).content.decode()
    assert tim.nama in html and 'data-testid="item-target-saya"' in html
