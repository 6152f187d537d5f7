"""No input reaches the database unchecked: extreme or malformed values posted to every input
serializer of the penugasan API answer 400 (or the domain's 403/404/409), never 5xx."""
from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from penugasan import apis, services
from penugasan.models import PermohonanPenugasan

from .helpers import MULAI, SELESAI, ajukan, bangun_pemda

pytestmark = pytest.mark.django_db

RAKSASA = 10**30
NILAI_BURUK = [RAKSASA, -1, 1_000_000_000, 2**63, "9" * 40, "abc", None, {}, "\x00", "x" * 20_000,
               "0001-01-01", "9999-12-31"]


def _isi(**kw):
    data = {"judul": "Penyusunan Renstra", "maksud_tujuan": "Membantu Renstra", "kompetensi_uraian": "Perencanaan",
            "hasil_diharapkan": "Dokumen Renstra", "mulai": MULAI.isoformat(), "selesai": SELESAI.isoformat()}
    data.update(kw)
    return data


def _field_input(serializer_cls):
    """(name, is a list field) of each input field."""
    from rest_framework.fields import ListField
    from rest_framework.relations import ManyRelatedField

    return [(n, isinstance(f, (ManyRelatedField, ListField))) for n, f in serializer_cls().fields.items()]


# every API view with an input serializer, and how to reach it
TITIK = [  # (url name, takes the request's pk, input serializer, who posts)
    ("api-permohonan-ajukan", False, apis.PermohonanAjukanApi.InputSerializer, "pemohon"),
    ("api-permohonan-setujui", True, apis.PermohonanSetujuiApi.InputSerializer, "penentu"),
    ("api-permohonan-tolak", True, apis.PermohonanTolakApi.InputSerializer, "penentu"),
    ("api-permohonan-kembalikan", True, apis.PermohonanKembalikanApi.InputSerializer, "penentu"),
    ("api-permohonan-perbaiki", True, apis.PermohonanPerbaikiApi.InputSerializer, "pemohon"),
    ("api-permohonan-jawab-ketersediaan", True, apis.PermohonanJawabKetersediaanApi.InputSerializer, "penentu"),
    ("api-permohonan-batalkan", True, apis.PermohonanBatalkanApi.InputSerializer, "pemohon"),
]


def test_jumlah_dibutuhkan_raksasa_400_bukan_500():
    d = bangun_pemda("belu", kode="belu")
    c = APIClient()
    c.force_login(d.kabid[0].user)
    r = c.post(reverse("api-permohonan-ajukan"), _isi(rute="penunjukan_lintas_unit", unit_tujuan=d.seksi[1].pk,
                                                      kriteria="Perencana", jumlah_dibutuhkan=1_000_000_000),
               format="json")
    assert r.status_code == 400 and "jumlah_dibutuhkan" in r.json()
    assert not PermohonanPenugasan.objects.exists()


@pytest.mark.slow  # ~12 values x every field x 7 endpoints: hundreds of requests
@pytest.mark.parametrize("nama,pakai_pk,serializer,siapa", TITIK, ids=[t[0] for t in TITIK])
def test_nilai_ekstrem_pada_setiap_field_tidak_pernah_5xx(nama, pakai_pk, serializer, siapa):
    d = bangun_pemda("belu", kode="belu")
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    dasar = _isi(rute="penunjukan_lintas_unit", unit_tujuan=d.seksi[1].pk, kriteria="Perencana")
    if nama == "api-permohonan-perbaiki":  # revision only of a returned request: reach the service too
        services.permohonan_kembalikan(actor=d.kasi[1].user, permohonan_id=p.pk, alasan="Lengkapi")
    for pengguna in ({"pemohon": d.kabid[0], "penentu": d.kasi[1]}[siapa],):
        c = APIClient(raise_request_exception=False)
        c.force_login(pengguna.user)
        url = reverse(nama, args=[p.pk]) if pakai_pk else reverse(nama)
        for field, daftar in _field_input(serializer):
            for nilai in NILAI_BURUK:
                bentuk = [nilai] if daftar else nilai
                data = {**(dasar if not pakai_pk else {"langkah": p.langkah_ke}), field: bentuk}
                r = c.post(url, data, format="json")
                assert r.status_code < 500, (field, repr(bentuk)[:60], r.status_code)
    # path ids out of range too: not found, never an overflow
    c = APIClient(raise_request_exception=False)
    c.force_login(d.kabid[0].user)

    def url_id(nama_url: str, pk) -> str:
        return reverse(nama_url, args=[987654]).replace("/987654/", f"/{pk}/")

    for pk in (RAKSASA, 2**63, 2**31, 10**18 - 1):
        if pakai_pk:
            assert c.post(url_id(nama, pk), {}, format="json").status_code < 500
        assert c.get(url_id("api-permohonan-detail", pk)).status_code == 404
        assert c.post(url_id("api-penugasan-terima", pk)).status_code == 404
        assert c.get(url_id("api-pegawai-beban-kerja", pk)).status_code == 404
        assert c.get(url_id("permohonan_detail", pk)).status_code == 404


# ---------------------------------------------------------------- HTML forms: the same bounds


@pytest.mark.slow  # hundreds of page posts
def test_formulir_halaman_nilai_ekstrem_tidak_pernah_5xx():
    from django.test import Client

    d = bangun_pemda("belu", kode="belu")
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], kriteria="Perencana")
    pemohon, penentu = Client(raise_request_exception=False), Client(raise_request_exception=False)
    pemohon.force_login(d.kabid[0].user)
    penentu.force_login(d.kasi[1].user)
    dasar = {"rute": "penunjukan_lintas_unit", "judul": "R", "maksud_tujuan": "M", "kompetensi_uraian": "K",
             "hasil_diharapkan": "H", "mulai": MULAI.isoformat(), "selesai": SELESAI.isoformat(), "sifat": "insidental",
             "unit_tujuan": d.seksi[1].pk, "kriteria": "Perencana", "jumlah_dibutuhkan": 1}
    buruk = [str(RAKSASA), str(2**63), "-1", "abc", "9999-12-31", "0001-01-01", "x" * 20_000]
    titik = [
        (pemohon, reverse("permohonan_baru"), dasar,
         ["unit_tujuan", "pegawai_diminta", "kompetensi", "tim", "jumlah_dibutuhkan", "mulai", "selesai", "judul"]),
        (penentu, reverse("permohonan_setujui", args=[p.pk]), {"langkah": p.langkah_ke},
         ["pegawai_ids", "catatan", "langkah"]),
        (penentu, reverse("kotak_masuk_setujui_massal"), {}, ["permohonan"]),
        (penentu, reverse("kotak_masuk"), None, ["unit", "umur", "rute"]),
    ]
    for c, url, isi, fields in titik:
        for field in fields:
            for nilai in buruk:
                if isi is None:
                    r = c.get(url, {field: nilai})
                else:
                    r = c.post(url, {**isi, field: nilai})
                assert r.status_code < 500, (url, field, nilai[:40], r.status_code)
