"""Every decision carries the step the official saw (rendered into the page at GET time, in the
inbox checkbox, required in the API); the service refuses a stale step with 409. The case that
matters: one person deciding two consecutive steps (a Plh for both posts) who double-clicks."""
import datetime
import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from organisasi.models import JenisPemangku
from organisasi.tests.factories import angkat
from penugasan import services
from penugasan.models import PermohonanPenugasan, Rute, StatusPermohonan
from penugasan.tests.helpers import ajukan, bangun_pemda

pytestmark = pytest.mark.django_db


@pytest.fixture
def plh_dua_langkah():
    """Sukarela lintas unit (Belu: Pimpinan Unit dituju, then the requester's own PPK): the
    holder of the first step's post is also Plh of the second step's post."""
    d = bangun_pemda("belu")
    p = ajukan(d.jf_pertama[0], Rute.SUKARELA_LINTAS_UNIT, unit_tujuan=d.bidang[1])
    jabatan_1 = p.jabatan_penentu
    jabatan_2 = services.jabatan_untuk_peran(permohonan=p, peran=p.langkah_rute[1]["peran"])
    assert jabatan_1 != jabatan_2
    penentu = jabatan_1.pemangku.get(jenis=JenisPemangku.DEFINITIF).pegawai
    angkat(penentu, jabatan_2, jenis=JenisPemangku.PLH, mulai=datetime.date.today() - datetime.timedelta(days=1),
           selesai=datetime.date.today() + datetime.timedelta(days=30))
    return p, penentu


def _langkah_di_halaman(html: str) -> str:
    return re.search(r'name="langkah" value="(\d+)"', html).group(1)


def test_plh_dua_langkah_klik_ganda_di_halaman_hanya_menyetujui_satu(client, plh_dua_langkah):
    p, penentu = plh_dua_langkah
    client.force_login(penentu.user)
    html = client.get(reverse("permohonan_detail", args=[p.pk])).content.decode()
    dilihat = _langkah_di_halaman(html)
    assert dilihat == "0"
    # when: the same form is posted twice (double click)
    pertama = client.post(reverse("permohonan_setujui", args=[p.pk]), {"langkah": dilihat})
    kedua = client.post(reverse("permohonan_setujui", args=[p.pk]), {"langkah": dilihat}, follow=True)
    # then: the first approved step 1 only; the second is a conflict, not an approval of step 2
    assert pertama.status_code == 302
    assert "sudah diputuskan" in kedua.content.decode()
    p = PermohonanPenugasan.objects.get(pk=p.pk)
    assert (p.status, p.langkah_ke) == (StatusPermohonan.MENUNGGU_KEPUTUSAN, 1)
    assert list(p.riwayat.values_list("keputusan", flat=True)) == ["ajukan", "setujui"]
    # the page now shows step 2, and deciding what it shows works
    html = client.get(reverse("permohonan_detail", args=[p.pk])).content.decode()
    assert _langkah_di_halaman(html) == "1"


def test_plh_dua_langkah_tolak_dari_halaman_lama_ditolak_409(client, plh_dua_langkah):
    p, penentu = plh_dua_langkah
    client.force_login(penentu.user)
    html = client.get(reverse("permohonan_detail", args=[p.pk])).content.decode()
    dilihat = _langkah_di_halaman(html)
    client.post(reverse("permohonan_setujui", args=[p.pk]), {"langkah": dilihat})
    # a refusal typed on the page drawn for step 1 must not refuse step 2
    client.post(reverse("permohonan_tolak", args=[p.pk]), {"alasan": "Tidak perlu", "langkah": dilihat})
    p = PermohonanPenugasan.objects.get(pk=p.pk)
    assert (p.status, p.langkah_ke) == (StatusPermohonan.MENUNGGU_KEPUTUSAN, 1)


def test_keputusan_halaman_tanpa_langkah_ditolak(client, plh_dua_langkah):
    p, penentu = plh_dua_langkah
    client.force_login(penentu.user)
    resp = client.post(reverse("permohonan_setujui", args=[p.pk]), {})
    assert resp.status_code == 400 and "Muat ulang halaman" in resp.content.decode()
    assert PermohonanPenugasan.objects.get(pk=p.pk).langkah_ke == 0


def test_setujui_massal_membawa_langkah_per_butir(client, plh_dua_langkah):
    p, penentu = plh_dua_langkah
    client.force_login(penentu.user)
    html = client.get(reverse("kotak_masuk")).content.decode()
    nilai = re.search(rf'name="permohonan" value="({p.pk}:\d+)"', html).group(1)
    assert nilai == f"{p.pk}:0"
    client.post(reverse("kotak_masuk_setujui_massal"), {"permohonan": [nilai], "konfirmasi": "1"})
    resp = client.post(reverse("kotak_masuk_setujui_massal"), {"permohonan": [nilai], "konfirmasi": "1"},
                       follow=True)
    assert "sudah diputuskan" in resp.content.decode()
    p = PermohonanPenugasan.objects.get(pk=p.pk)
    assert (p.status, p.langkah_ke) == (StatusPermohonan.MENUNGGU_KEPUTUSAN, 1)
    # a checkbox value without the step approves nothing
    resp = client.post(reverse("kotak_masuk_setujui_massal"), {"permohonan": [str(p.pk)], "konfirmasi": "1"}, follow=True)
    assert "Pilih sedikitnya satu permohonan" in resp.content.decode()
    assert PermohonanPenugasan.objects.get(pk=p.pk).langkah_ke == 1


def test_api_langkah_wajib_dan_langkah_lama_409(plh_dua_langkah):
    p, penentu = plh_dua_langkah
    c = APIClient()
    c.force_login(penentu.user)
    url = reverse("api-permohonan-setujui", args=[p.pk])
    r = c.post(url, {}, format="json")
    assert r.status_code == 400 and "langkah" in r.json()
    assert c.post(url, {"langkah": 0}, format="json").status_code == 200
    r = c.post(url, {"langkah": 0}, format="json")
    assert r.status_code == 409 and "detail" in r.json()
    p = PermohonanPenugasan.objects.get(pk=p.pk)
    assert (p.status, p.langkah_ke) == (StatusPermohonan.MENUNGGU_KEPUTUSAN, 1)
