from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from inti.models import JejakAudit
from kinerja.models import PerjanjianKinerja, StatusBarisMatriks, StatusPK
from organisasi.models import Preset
from penugasan.models import AnggotaTim, PeranTim, PermohonanPenugasan

from .helpers import TAHUN, bagi_dua, pemda, pk_berlaku, putuskan_sampai_selesai

pytestmark = pytest.mark.django_db


def klien(pegawai) -> APIClient:
    c = APIClient()
    c.force_authenticate(pegawai.user)
    return c


def test_alur_pk_lewat_api_dengan_400_403_404_409():
    d = pemda(Preset.PASURUAN)
    lain = pemda(Preset.BELU)
    kadis = klien(d.kepala_dinas)
    r = kadis.post(reverse("api-kinerja-pk-buat"), {"jabatan_id": d.kadis.pk, "tahun": TAHUN}, format="json")
    assert r.status_code == 201, r.json()
    pk_id = r.json()["id"]
    r = kadis.post(reverse("api-kinerja-sasaran-tambah", args=[pk_id]), {"uraian": "Sasaran 1"}, format="json")
    sasaran_id = r.json()["id"]
    r = kadis.post(reverse("api-kinerja-indikator-tambah", args=[sasaran_id]),
                   {"uraian": "Indikator", "satuan": "%", "target_tahunan": "abc"}, format="json")
    assert r.status_code == 400 and "target_tahunan" in r.json()
    r = kadis.post(reverse("api-kinerja-indikator-tambah", args=[sasaran_id]),
                   {"uraian": "Indikator", "satuan": "%", "target_tahunan": "100", "target_tw2": "50"}, format="json")
    assert r.status_code == 201 and r.json()["target_tw2"] == "50.0000"
    ind_id = r.json()["id"]

    # another Instansi's user: 404 (and an audit row), never 403
    r = klien(lain.kepala_dinas).post(reverse("api-kinerja-pk-tetapkan", args=[pk_id]), {}, format="json")
    assert r.status_code == 404
    assert klien(lain.kepala_dinas).get(reverse("api-kinerja-pk-detail", args=[pk_id])).status_code == 404
    assert JejakAudit.objects.filter(aksi="kinerja.pk.tetapkan", diizinkan=False).exists()
    # same Instansi, not the one who sets the PK: 403 with the reason
    r = klien(d.kabid[0]).post(reverse("api-kinerja-pk-tetapkan", args=[pk_id]), {}, format="json")
    assert r.status_code == 403 and "tidak memangku" in r.json()["detail"]

    r = kadis.post(reverse("api-kinerja-pk-tetapkan", args=[pk_id]), {"tanggal_berlaku": f"{TAHUN}-01-02"},
                   format="json")
    assert r.status_code == 200 and r.json()["status"] == StatusPK.DITETAPKAN
    r = kadis.post(reverse("api-kinerja-pk-tetapkan", args=[pk_id]), {}, format="json")
    assert r.status_code == 409
    r = kadis.post(reverse("api-kinerja-indikator-ubah", args=[ind_id]), {"target_tahunan": "90"}, format="json")
    assert r.status_code == 409 and "versi baru" in r.json()["detail"]

    r = kadis.post(reverse("api-kinerja-kaskade-bagi", args=[ind_id]), {"bagian": [
        {"jabatan_id": d.jabatan_kabid[0].pk, "cara": "nilai", "nilai": "60"},
        {"jabatan_id": d.jabatan_kabid[1].pk, "cara": "nilai", "nilai": "-1"}]}, format="json")
    assert r.status_code == 400 and "bagian[1].nilai" in r.json()
    r = kadis.post(reverse("api-kinerja-kaskade-bagi", args=[ind_id]), {"bagian": [
        {"jabatan_id": d.jabatan_kabid[0].pk, "cara": "nilai", "nilai": "60"},
        {"jabatan_id": d.jabatan_kabid[1].pk, "cara": "nilai", "nilai": "30"}]}, format="json")
    assert r.status_code == 400 and "selisih 10" in r.json()["bagian"][0]

    r = kadis.post(reverse("api-kinerja-pk-ubah", args=[pk_id]), {"alasan_perubahan": "Perubahan kegiatan"},
                   format="json")
    assert r.status_code == 201 and r.json()["versi"] == 2 and r.json()["versi_sebelumnya_id"] == pk_id
    r = kadis.get(reverse("api-kinerja-pk-list"), {"tahun": TAHUN})
    assert r.json()["count"] == 2
    assert klien(lain.kepala_dinas).get(reverse("api-kinerja-pk-list")).json()["count"] == 0
    assert kadis.get(reverse("api-kinerja-pk-list"), {"status": "x"}).status_code == 400


def test_impor_lewat_api_semua_atau_tidak_sama_sekali():
    d = pemda()
    pk = PerjanjianKinerja.objects.get(pk=klien(d.kepala_dinas).post(
        reverse("api-kinerja-pk-buat"), {"jabatan_id": d.kadis.pk, "tahun": TAHUN}, format="json").json()["id"])
    url = reverse("api-kinerja-pk-impor", args=[pk.pk])
    salah = SimpleUploadedFile("pk.csv", b"sasaran,indikator,satuan,target_tahunan\nA,B,%,x\n")
    r = klien(d.kepala_dinas).post(url, {"berkas": salah}, format="multipart")
    assert r.status_code == 400 and r.json()["berkas"][0].startswith("Baris 2, kolom target_tahunan:")
    contoh = Path(settings.BASE_DIR) / "fixtures" / "contoh-impor-pk.xlsx"
    r = klien(d.kepala_dinas).post(url, {"berkas": SimpleUploadedFile("pk.xlsx", contoh.read_bytes())},
                                   format="multipart")
    assert r.status_code == 200 and r.json() == {"sasaran_baru": 2, "indikator_baru": 4}


def test_strategi_permohonan_matriks_dan_kinerja_saya_lewat_api(django_assert_max_num_queries):
    d = pemda(Preset.BELU)
    pk, s, ind = pk_berlaku(d)
    t0, _t1 = bagi_dua(d, ind)
    kabid = klien(d.kabid[0])
    r = kabid.post(reverse("api-kinerja-strategi", args=[t0.pk]), {
        "bentuk": "tim", "perlu_ketua": True, "kebutuhan": "lintas_unit", "jumlah_dibutuhkan": 1,
        "kompetensi_dibutuhkan": "Perencanaan"}, format="json")
    assert r.status_code == 200, r.json()
    r = kabid.get(reverse("api-kinerja-strategi-pratinjau", args=[t0.pk]))
    assert r.json()["hasil_diharapkan"].endswith("60 dokumen") and r.json()["rute"] == "penunjukan_lintas_unit"
    r = kabid.post(reverse("api-kinerja-strategi-permohonan", args=[t0.pk]), {
        "unit_tujuan_id": d.seksi[1].pk, "nama_tim": "Tim RKPD", "ketua_tim_id": d.jf_muda[0].pk,
        "pegawai_diminta_ids": [d.jf_pertama[1].pk]}, format="json")
    assert r.status_code == 201, r.json()
    p = putuskan_sampai_selesai(PermohonanPenugasan.objects.get(pk=r.json()["id"]))
    p.refresh_from_db()
    tim = p.tim

    ketua = klien(d.jf_muda[0])
    baris = [{"anggota_id": a.pk, "peran": "Ketua" if a.peran == PeranTim.KETUA else "Analis", "hasil": "Hasil",
              "indikator": "Dokumen", "target_nilai": "1", "satuan": "dokumen", "target_id": t0.pk}
             for a in AnggotaTim.objects.filter(tim=tim)]
    assert klien(d.jf_pertama[1]).post(reverse("api-kinerja-matriks-isi", args=[tim.pk]), {"baris": baris},
                                       format="json").status_code == 403
    r = ketua.post(reverse("api-kinerja-matriks-isi", args=[tim.pk]), {"baris": baris}, format="json")
    assert r.status_code == 200 and len(r.json()["anggota"]) == 2
    r = ketua.post(reverse("api-kinerja-matriks-isi", args=[tim.pk]),
                   {"baris": [{**baris[0], "target_nilai": "-3"}]}, format="json")
    assert r.status_code == 400 and "baris[0].target_nilai" in r.json()
    baris_anggota = AnggotaTim.objects.get(tim=tim, pegawai=d.jf_pertama[1]).baris_matriks
    r = klien(d.jf_pertama[1]).post(reverse("api-kinerja-matriks-terima", args=[baris_anggota.pk]),
                                    {"komentar": "Siap"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == StatusBarisMatriks.DITERIMA

    r = klien(d.jf_pertama[1]).get(reverse("api-kinerja-saya"), {"tahun": TAHUN})
    assert r.status_code == 200 and r.json()["target"][0]["target_id"] == t0.pk
    assert r.json()["target"][0]["melalui"][0]["tim"] == "Tim RKPD"

    with django_assert_max_num_queries(25):
        r = kabid.get(reverse("api-kinerja-pk-kaskade", args=[pk.pk]))
    node = r.json()["sasaran"][0]["indikator"][0]["target"][0]
    assert node["tim"][0]["nama"] == "Tim RKPD" and node["permohonan"][0]["sumber"] == "strategi"
    r = kabid.get(reverse("api-kinerja-matriks-unit", args=[d.bidang[0].pk]), {"tahun": TAHUN})
    assert [m["tim"]["id"] for m in r.json()] == [tim.pk]


def test_skema_openapi_kinerja_tanpa_peringatan():
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.validation import validate_schema

    GENERATOR_STATS.reset()
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    masalah = [m for m in [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache] if "kinerja" in m.lower()]
    assert masalah == []
    # 30 of Kinerja I + 28 of Kinerja II (kinerja/api_urls_pelaksanaan.py)
    assert len([p for p in schema["paths"] if p.startswith("/api/kinerja/")]) == 58


def test_daftar_pk_jumlah_kueri_tetap(django_assert_num_queries):
    d = pemda()
    c = klien(d.kepala_dinas)
    pk_berlaku(d)
    c.get(reverse("api-kinerja-pk-list"))  # warm the user/pegawai caches of the client
    with django_assert_num_queries(2):  # count + page, no query per row
        n1 = c.get(reverse("api-kinerja-pk-list")).json()["count"]
    pk_berlaku(d, tahun=TAHUN + 1)
    pk_berlaku(d, tahun=TAHUN + 2)
    with django_assert_num_queries(2):
        n2 = c.get(reverse("api-kinerja-pk-list")).json()["count"]
    assert (n1, n2) == (1, 3)
