"""A user is offered only the requests their position allows (issue 14): a JF never sees the
penunjukan form (and is told why before typing anything); a Pimpinan Unit is not offered the
volunteer form; a form refused at submission keeps what was typed."""
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from penugasan import selectors, services
from penugasan.models import PermohonanPenugasan
from penugasan.tests.helpers import MULAI, SELESAI, bangun_pemda

pytestmark = pytest.mark.django_db


@pytest.fixture
def d():
    return bangun_pemda("belu")


def test_pilihan_pengajuan_menurut_jabatan(d):
    assert selectors.pengajuan_boleh(d.jf_pertama[0].user) == selectors.PengajuanBoleh(penunjukan=False,
                                                                                        sukarela=True)
    assert selectors.pengajuan_boleh(d.kabid[0].user) == selectors.PengajuanBoleh(penunjukan=True, sukarela=False)


def test_jf_tidak_ditawari_formulir_penunjukan(client, d):
    client.force_login(d.jf_pertama[0].user)
    html = client.get(reverse("permohonan_saya")).content.decode()
    assert reverse("pengajuan_sukarela") in html and reverse("permohonan_baru") not in html

    r = client.get(reverse("permohonan_baru"))
    assert r.status_code == 403
    html = r.content.decode()
    assert 'data-testid="pengajuan-tidak-boleh"' in html and "Pimpinan Unit Organisasi" in html
    assert reverse("pengajuan_sukarela") in html and 'name="judul"' not in html  # no form to fill in
    r = client.post(reverse("permohonan_baru"), {"rute": "penunjukan_dalam_unit", "judul": "X"})
    assert r.status_code == 403 and not PermohonanPenugasan.objects.exists()


def test_pimpinan_unit_tidak_ditawari_sukarela(client, d):
    client.force_login(d.kabid[0].user)
    html = client.get(reverse("permohonan_saya")).content.decode()
    assert reverse("permohonan_baru") in html and reverse("pengajuan_sukarela") not in html
    assert client.get(reverse("permohonan_baru")).status_code == 200
    r = client.get(reverse("pengajuan_sukarela"))
    assert r.status_code == 403 and "Pejabat Fungsional atau Pelaksana" in r.content.decode()


def test_formulir_yang_ditolak_saat_dikirim_tetap_berisi(client, d, monkeypatch):
    # the position changed between opening and sending the form (a Plt. ended): the service refuses
    def tolak(**kw):
        raise PermissionDenied("Masa Plt. Anda telah berakhir.")

    monkeypatch.setattr(services, "permohonan_buat", tolak)
    client.force_login(d.kabid[0].user)
    r = client.post(reverse("permohonan_baru"), {
        "rute": "penunjukan_dalam_unit", "judul": "Penyusunan Renstra 2027", "maksud_tujuan": "Membantu Renstra",
        "kompetensi_uraian": "Perencanaan", "hasil_diharapkan": "Dokumen Renstra", "sifat": "insidental", "jumlah_dibutuhkan": 1,
        "mulai": MULAI.isoformat(), "selesai": SELESAI.isoformat(), "pegawai_diminta": [d.jf_muda[0].pk]})
    html = r.content.decode()
    assert r.status_code == 400
    assert "Masa Plt. Anda telah berakhir." in html
    assert 'value="Penyusunan Renstra 2027"' in html and "Membantu Renstra" in html
