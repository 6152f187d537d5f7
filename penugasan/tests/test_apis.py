"""The REST API: status codes, isolation between units/instansi on every endpoint, query pins,
OpenAPI schema."""
from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from inti.models import JejakAudit
from penugasan.models import Penugasan, PermohonanPenugasan

from .helpers import MULAI, SELESAI, ajukan, bangun_pemda

pytestmark = pytest.mark.django_db


def klien(pegawai) -> APIClient:
    c = APIClient()
    c.force_login(pegawai.user)
    return c


def _isi(**kw):
    data = {"judul": "Penyusunan Renstra", "maksud_tujuan": "Membantu Renstra", "kompetensi_uraian": "Perencanaan",
            "hasil_diharapkan": "Dokumen Renstra", "mulai": MULAI.isoformat(), "selesai": SELESAI.isoformat()}
    data.update(kw)
    return data


@pytest.fixture
def d():
    return bangun_pemda("belu", kode="belu")


def test_alur_lintas_unit_lewat_api(d):
    c = klien(d.kabid[0])
    r = c.post(reverse("api-permohonan-ajukan"), _isi(rute="penunjukan_lintas_unit", unit_tujuan=d.seksi[1].pk,
                                                      pegawai_diminta=[d.jf_pertama[1].pk]), format="json")
    assert r.status_code == 201, r.json()
    pk = r.json()["id"]
    assert r.json()["status"] == "menunggu_keputusan" and r.json()["jabatan_penentu"]["nama"] == "Kepala Seksi 2"
    # the decider sees it waiting, with a token too
    token = Token.objects.create(user=d.kasi[1].user)
    t = APIClient()
    t.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    r = t.get(reverse("api-permohonan-menunggu"))
    assert [x["id"] for x in r.json()["results"]] == [pk]
    # refusal without reason: 400 with the field
    r = t.post(reverse("api-permohonan-tolak", args=[pk]), {"alasan": "", "langkah": 0}, format="json")
    assert r.status_code == 400 and "alasan" in r.json()
    # the requester cannot approve: 403
    r = c.post(reverse("api-permohonan-setujui", args=[pk]), {"langkah": 0}, format="json")
    assert r.status_code == 403
    r = t.post(reverse("api-permohonan-setujui", args=[pk]), {"langkah": 0, "catatan": "Silakan"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "disetujui"
    assert [x["keputusan"] for x in r.json()["riwayat"]] == ["ajukan", "setujui"]
    # repeated click: 409
    r = t.post(reverse("api-permohonan-setujui", args=[pk]), {"langkah": 0}, format="json")
    assert r.status_code == 409 and "detail" in r.json()
    # the assignee acknowledges
    tugas = Penugasan.objects.get(permohonan_id=pk)
    ca = klien(d.jf_pertama[1])
    r = ca.get(reverse("api-penugasan-saya"))
    assert [x["id"] for x in r.json()["results"]] == [tugas.pk]
    r = ca.post(reverse("api-penugasan-terima", args=[tugas.pk]))
    assert r.status_code == 200 and r.json()["diterima_pada"]
    assert ca.post(reverse("api-penugasan-terima", args=[tugas.pk])).status_code == 409


def test_validasi_400_dengan_pesan_per_field(d):
    c = klien(d.kabid[0])
    r = c.post(reverse("api-permohonan-ajukan"), _isi(rute="penunjukan_lintas_unit", unit_tujuan=d.seksi[1].pk,
                                                      kompetensi_uraian="", kriteria="Perencana",
                                                      selesai="2000-01-01"), format="json")
    assert r.status_code == 400
    assert set(r.json()) >= {"kompetensi", "selesai"}
    r = c.post(reverse("api-permohonan-ajukan"), {"rute": "penunjukan_lintas_unit"}, format="json")
    assert r.status_code == 400 and {"judul", "maksud_tujuan", "hasil_diharapkan", "mulai"} <= set(r.json())
    assert not PermohonanPenugasan.objects.exists()


def test_sukarela_dan_batal_lewat_api(d):
    c = klien(d.jf_pertama[0])
    r = c.post(reverse("api-permohonan-ajukan"), _isi(rute="sukarela_lintas_unit", unit_tujuan=d.bidang[1].pk),
               format="json")
    assert r.status_code == 201
    pk = r.json()["id"]
    assert {t["nama"] for t in r.json()["tembusan_jabatan"]} == {"Kepala Seksi 1"}
    assert klien(d.kabid[1]).post(reverse("api-permohonan-batalkan", args=[pk]), {}, format="json").status_code == 403
    r = c.post(reverse("api-permohonan-batalkan", args=[pk]), {"alasan": "Berubah rencana"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "dibatalkan"
    assert [x["id"] for x in c.get(reverse("api-permohonan-saya")).json()["results"]] == [pk]
    r = c.get(reverse("api-permohonan-saya"), {"status": "menunggu_keputusan"})
    assert r.json()["count"] == 0


def test_lintas_instansi_jawab_ketersediaan_lewat_api():
    a = bangun_pemda("belu", kode="belu")
    b = bangun_pemda("bungo", kode="bungo")
    r = klien(a.kabid[0]).post(reverse("api-permohonan-ajukan"), _isi(
        rute="penunjukan_lintas_instansi", unit_tujuan=b.seksi[0].pk, kriteria="Perencana"), format="json")
    assert r.status_code == 201, r.json()
    pk = r.json()["id"]
    setujui = reverse("api-permohonan-setujui", args=[pk])
    assert klien(a.bupati).post(setujui, {"langkah": 0}, format="json").status_code == 200
    assert klien(b.bupati).post(setujui, {"langkah": 1}, format="json").status_code == 200
    r = klien(b.kasi[0]).post(reverse("api-permohonan-jawab-ketersediaan", args=[pk]), {"pegawai": [], "langkah": 2},
                              format="json")
    assert r.status_code == 400
    r = klien(b.kasi[0]).post(reverse("api-permohonan-jawab-ketersediaan", args=[pk]),
                              {"pegawai": [b.jf_pertama[0].pk], "catatan": "Rekomendasi Kasi", "langkah": 2},
                              format="json")
    assert r.status_code == 200 and r.json()["langkah_ke"] == 3
    r = klien(b.bupati).post(reverse("api-permohonan-setujui", args=[pk]), {"langkah": 3}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "disetujui"
    assert [p["id"] for p in r.json()["pegawai_ditugaskan"]] == [b.jf_pertama[0].pk]


ENDPOINT_AKSI = [
    ("api-permohonan-detail", "get", {}),
    ("api-permohonan-setujui", "post", {"langkah": 0}),
    ("api-permohonan-tolak", "post", {"alasan": "x", "langkah": 0}),
    ("api-permohonan-jawab-ketersediaan", "post", {"pegawai": [], "langkah": 0}),
    ("api-permohonan-batalkan", "post", {}),
    ("api-permohonan-ajukan-draf", "post", {}),
]


@pytest.mark.parametrize("nama,metode,data", ENDPOINT_AKSI)
def test_pengguna_unit_lain_tidak_dapat_membaca_atau_bertindak(nama, metode, data):
    d = bangun_pemda("belu", kode="belu")
    lain = bangun_pemda("bungo", kode="bungo")
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    sebelum = (p.status, p.langkah_ke)
    for orang in (d.kabid[1], d.jf_muda[1], d.pelaksana[0], lain.kabid[0], lain.kasi[1], lain.bupati):
        r = getattr(klien(orang), metode)(reverse(nama, args=[p.pk]), data, format="json")
        assert r.status_code in (403, 404), (orang, r.status_code)
        if metode == "get":
            assert r.status_code == 404
    p.refresh_from_db()
    assert (p.status, p.langkah_ke) == sebelum
    if metode == "post":
        assert JejakAudit.objects.filter(objek_id=str(p.pk), diizinkan=False).count() == 6
    # lists never show it to them
    for orang in (d.kabid[1], lain.kasi[1]):
        c = klien(orang)
        for daftar in ("api-permohonan-menunggu", "api-permohonan-saya"):
            assert c.get(reverse(daftar)).json()["count"] == 0


def test_penugasan_dan_beban_kerja_orang_lain_tidak_terlihat():
    d = bangun_pemda("belu", kode="belu")
    lain = bangun_pemda("bungo", kode="bungo")
    p = ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.jf_muda[0]])
    tugas = Penugasan.objects.get(permohonan=p)
    assert klien(lain.jf_muda[0]).post(reverse("api-penugasan-terima", args=[tugas.pk])).status_code == 404
    assert klien(d.jf_muda[1]).post(reverse("api-penugasan-terima", args=[tugas.pk])).status_code == 404
    assert klien(d.jf_muda[1]).get(reverse("api-penugasan-saya")).json()["count"] == 0
    assert klien(lain.kabid[0]).get(reverse("api-pegawai-beban-kerja", args=[d.jf_muda[0].pk])).status_code == 404
    r = klien(d.kabid[0]).get(reverse("api-pegawai-beban-kerja", args=[d.jf_muda[0].pk]))
    assert r.status_code == 200 and r.json()["penugasan_individu"] == 1
    assert APIClient().get(reverse("api-penugasan-saya")).status_code in (401, 403)


def test_auditor_membaca_semua_tetapi_tidak_memutuskan():
    from organisasi.permissions import beri_auditor
    from organisasi.tests.factories import UserFactory

    d = bangun_pemda("belu", kode="belu")
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    auditor = UserFactory(username="auditor")
    beri_auditor(auditor, d.instansi)
    c = APIClient()
    c.force_login(auditor)
    r = c.get(reverse("api-permohonan-detail", args=[p.pk]))
    assert r.status_code == 200 and len(r.json()["riwayat"]) == 1
    assert c.post(reverse("api-permohonan-setujui", args=[p.pk]), {"langkah": 0}, format="json").status_code == 403
    assert c.post(reverse("api-permohonan-batalkan", args=[p.pk]), {}, format="json").status_code == 403


def _buat_banyak(d, n):
    for i in range(n):
        ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]],
               judul=f"Permohonan {i}")


@pytest.mark.parametrize("nama,siapa,n_query", [
    ("api-permohonan-menunggu", "kasi1", 4),  # the user's positions + vacant posts escalated to them + count + page
    ("api-permohonan-saya", "kabid0", 2), ("api-penugasan-saya", "jf_pertama1", 2),
    ("api-tim-saya", "jf_pertama1", 2),
])
def test_jumlah_query_daftar_tetap(django_assert_num_queries, nama, siapa, n_query):
    from penugasan import services

    d = bangun_pemda("belu", kode="belu")
    orang = {"kasi1": d.kasi[1], "kabid0": d.kabid[0], "jf_pertama1": d.jf_pertama[1]}[siapa]
    c = APIClient()
    c.force_authenticate(orang.user)

    def isi(n):
        for i in range(n):
            p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1],
                       pegawai_diminta=[d.jf_pertama[1]], judul=f"P{i}", nama_tim=f"Tim {i}" if i % 2 else "")
            if nama in ("api-penugasan-saya", "api-tim-saya"):
                services.permohonan_setujui(actor=d.kasi[1].user, permohonan_id=p.pk)

    isi(2)
    with django_assert_num_queries(n_query):  # the same, whatever the number of rows
        r = c.get(reverse(nama))
    n2 = r.json()["count"]
    isi(6)
    with django_assert_num_queries(n_query):
        r = c.get(reverse(nama))
    assert r.json()["count"] > n2 > 0


def test_skema_openapi_tanpa_peringatan_untuk_penugasan():
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.validation import validate_schema

    GENERATOR_STATS.reset()
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    masalah = [m for m in [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache] if "penugasan" in m]
    assert masalah == []
    jalur = [p for p in schema["paths"] if p.startswith("/api/penugasan/")]
    assert len(jalur) == 21  # + the six ending endpoints (apis_pengakhiran)
    params = {p["name"] for p in schema["paths"]["/api/penugasan/permohonan/menunggu/"]["get"]["parameters"]}
    assert {"page", "rute", "status"} <= params


def test_baris_daftar_sama_dengan_skema_serializer():
    """The fast row builders of the list endpoints give exactly the documented serializer output."""
    from penugasan import apis, selectors, services

    d = bangun_pemda("belu", kode="belu")
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]],
               nama_tim="Tim A", ketua_tim=d.jf_pertama[0])
    for obj in selectors.menunggu_keputusan(d.kasi[1].user):
        assert apis.baris_permohonan(obj) == apis.PermohonanRingkasOutput(obj).data
    services.permohonan_setujui(actor=d.kasi[1].user, permohonan_id=p.pk)
    q = selectors.permohonan_saya(d.kabid[0].user).get()
    assert apis.baris_permohonan(q) == apis.PermohonanRingkasOutput(q).data
    services.penugasan_terima(actor=d.jf_pertama[1].user, penugasan_id=Penugasan.objects.get(
        pegawai=d.jf_pertama[1]).pk)
    for t in selectors.penugasan_saya(d.jf_pertama[1].user):
        assert apis.baris_penugasan(t) == apis.PenugasanOutput(t).data
    for tim in selectors.tim_saya(d.jf_pertama[1].user):
        assert apis.baris_tim(tim) == apis.TimOutput(tim).data


def test_filter_daftar_dan_filter_salah_400(d):
    c = klien(d.kabid[0])
    ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]],
           judul="Alpha")
    ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.jf_muda[0]], judul="Beta")
    assert c.get(reverse("api-permohonan-saya")).json()["count"] == 2
    r = c.get(reverse("api-permohonan-saya"), {"rute": "penunjukan_dalam_unit"})
    assert [x["judul"] for x in r.json()["results"]] == ["Beta"]
    assert c.get(reverse("api-permohonan-saya"), {"q": "alp"}).json()["count"] == 1
    assert c.get(reverse("api-permohonan-saya"), {"status": "disetujui", "page": 1}).json()["count"] == 1
    assert c.get(reverse("api-permohonan-saya"), {"rute": "tidak_ada"}).status_code == 400
