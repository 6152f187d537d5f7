"""Issue 13, security: every staff search and chooser of the HTML pages is scoped by the selector
of the staff-search API (``organisasi.permissions.instansi_yang_boleh_dibaca``). A user of another
Instansi never sees this agency's staff (NIP, workload) through them."""
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from penugasan.models import Rute
from penugasan.tests.helpers import MULAI, SELESAI, bangun_pemda

pytestmark = pytest.mark.django_db


@pytest.fixture
def ab():
    """Two agencies: ``a`` is the user's own, ``b`` the other one."""
    return bangun_pemda("belu", kode="pemda-a"), bangun_pemda("belu", kode="pemda-b")


def _cari(client, **params):
    return client.get(reverse("cari_pegawai"), params, HTTP_HX_REQUEST="true").content.decode()


def test_cari_unit_instansi_lain_tidak_menampilkan_pegawainya(client, ab):
    a, b = ab
    client.force_login(a.kabid[0].user)
    html = _cari(client, cari_unit=b.bidang[1].pk)
    assert b.jf_muda[1].nip not in html and b.jf_muda[1].nama not in html
    assert 'data-testid="cari-di-luar-instansi"' in html
    # the same search in the own agency lists staff (the protection is a scope, not a blank page)
    assert a.jf_muda[1].nip in _cari(client, cari_unit=a.bidang[1].pk)


def test_unit_tujuan_instansi_lain_tidak_menampilkan_pegawainya(client, ab):
    a, b = ab
    client.force_login(a.kabid[0].user)
    for rute in (Rute.PENUNJUKAN_LINTAS_INSTANSI, Rute.PENUNJUKAN_LINTAS_UNIT, ""):
        html = _cari(client, cari_q=b.jf_muda[1].nama, unit_tujuan=b.bidang[1].pk, rute=rute)
        assert b.jf_muda[1].nip not in html


def test_cari_nama_atau_nip_tanpa_unit_hanya_instansi_sendiri(client, ab):
    a, b = ab
    client.force_login(a.kabid[0].user)
    assert b.jf_muda[1].nip not in _cari(client, cari_q=b.jf_muda[1].nip[:12])
    assert b.jf_muda[1].nip not in _cari(client, cari_q=b.jf_muda[1].nama)


def test_pegawai_diminta_instansi_lain_tidak_dirender(client, ab):
    a, b = ab
    client.force_login(a.kabid[0].user)
    html = _cari(client, pegawai_diminta=[b.jf_muda[1].pk, b.kepala_dinas.pk])
    assert b.jf_muda[1].nip not in html and b.kepala_dinas.nip not in html
    assert a.jf_muda[1].nip in _cari(client, pegawai_diminta=[a.jf_muda[1].pk])


def test_formulir_permohonan_tidak_merender_pegawai_diminta_instansi_lain(client, ab):
    a, b = ab
    client.force_login(a.kabid[0].user)
    resp = client.post(reverse("permohonan_baru"), {
        "rute": Rute.PENUNJUKAN_LINTAS_INSTANSI, "unit_tujuan": b.bidang[1].pk, "judul": "X",
        "pegawai_diminta": [b.jf_muda[1].pk], "mulai": MULAI.isoformat(), "selesai": SELESAI.isoformat()})
    html = resp.content.decode()
    assert resp.status_code == 400
    assert b.jf_muda[1].nip not in html and b.jf_muda[1].nama not in html


def test_bagan_pengguna_tanpa_pegawai_tidak_melihat_pd_siapa_pun(client, ab):
    a, _b = ab
    user = get_user_model().objects.create_user("tamu", password="x")
    client.force_login(user)
    html = client.get(reverse("organisasi_bagan")).content.decode()
    assert a.pd.nama not in html
    assert client.get(reverse("organisasi_bagan"), {"pd": a.pd.pk}).status_code == 404
