"""Kinerja II over REST: one endpoint per action, 400 naming the field / 403 / 404 for what one
may not see / 409 for stale or repeated steps; evidence served only to readers of the report."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from inti.models import JejakAudit
from organisasi.models import Preset
from penugasan.models import AnggotaTim, PeranTim

from .helpers import bagi_dua, pemda, pk_berlaku, tim_dari_strategi

pytestmark = pytest.mark.django_db


def klien(pegawai) -> APIClient:
    c = APIClient()
    c.force_authenticate(pegawai.user)
    return c


def _siap(preset=Preset.BELU, kode=None):
    d = pemda(preset, kode)
    pk, s, ind = pk_berlaku(d)
    d.t0, d.t1 = bagi_dua(d, ind)
    p, d.tim = tim_dari_strategi(d, d.t0)
    d.ketua = AnggotaTim.objects.get(tim=d.tim, peran=PeranTim.KETUA).pegawai
    d.anggota = AnggotaTim.objects.get(tim=d.tim, peran=PeranTim.ANGGOTA).pegawai
    return d


def test_laporan_dan_bukti_lewat_api():
    d = _siap()
    lain = pemda(Preset.BUNGO, kode="bungo-api")
    anggota, ketua = klien(d.anggota), klien(d.ketua)
    r = anggota.post(reverse("api-kinerja-laporan-kirim"), {"jenis": "anggota_ke_ketua", "tim_id": d.tim.pk,
                                                            "ringkasan": ""}, format="json")
    assert r.status_code == 400 and "ringkasan" in r.json()
    r = anggota.post(reverse("api-kinerja-laporan-kirim"), {"jenis": "tim", "tim_id": d.tim.pk, "ringkasan": "x"},
                     format="json")
    assert r.status_code == 403 and "ketua" in r.json()["detail"]
    r = anggota.post(reverse("api-kinerja-laporan-kirim"), {"jenis": "anggota_ke_ketua", "tim_id": d.tim.pk,
                                                            "ringkasan": "Bab 1 selesai"}, format="json")
    assert r.status_code == 201, r.json()
    lap = r.json()
    assert lap["penerima"] == d.ketua.nama_lengkap and lap["status"] == "dikirim"
    berkas = SimpleUploadedFile("data.pdf", b"%PDF-1.4 isi", content_type="application/pdf")
    r = anggota.post(reverse("api-kinerja-bukti-tambah", args=[lap["id"]]), {"berkas": berkas}, format="multipart")
    assert r.status_code == 201, r.json()
    unduh = r.json()["berkas"]
    r = anggota.post(reverse("api-kinerja-bukti-tambah", args=[lap["id"]]),
                     {"berkas": SimpleUploadedFile("x.html", b"<html>", content_type="text/html")}, format="multipart")
    assert r.status_code == 400 and "berkas" in r.json()
    # the recipient may read the evidence; someone else gets 404 (audited)
    r = ketua.get(unduh)
    assert r.status_code == 200 and b"".join(r.streaming_content) == b"%PDF-1.4 isi"
    assert r["Content-Disposition"].startswith("attachment")
    assert klien(lain.kepala_dinas).get(unduh).status_code == 404
    assert klien(lain.kepala_dinas).get(reverse("api-kinerja-laporan-detail", args=[lap["id"]])).status_code == 404
    assert JejakAudit.objects.filter(aksi="kinerja.bukti.unduh", diizinkan=False).exists()
    r = ketua.post(reverse("api-kinerja-laporan-kembalikan", args=[lap["id"]]), {"catatan": ""}, format="json")
    assert r.status_code == 400 and "catatan" in r.json()
    r = ketua.post(reverse("api-kinerja-laporan-terima", args=[lap["id"]]), {}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "diterima"
    r = ketua.post(reverse("api-kinerja-laporan-terima", args=[lap["id"]]), {}, format="json")
    assert r.status_code == 409
    r = ketua.get(reverse("api-kinerja-laporan-list"), {"kotak": "masuk"})
    assert [x["id"] for x in r.json()] == [lap["id"]]


def test_permintaan_kendala_lewat_api():
    d = _siap(Preset.BUNGO)
    pu = klien(d.kabid[0])
    r = pu.post(reverse("api-kinerja-permintaan-buat"), {"tim_id": d.tim.pk, "kepada_id": d.anggota.pk,
                                                         "uraian": "x", "tenggat": "2026-12-20"}, format="json")
    assert r.status_code == 400 and "kepada_id" in r.json()  # Bungo: ketua only
    r = pu.post(reverse("api-kinerja-permintaan-buat"), {"tim_id": d.tim.pk, "kepada_id": d.ketua.pk,
                                                         "uraian": "Capaian", "tenggat": "2026-12-20"}, format="json")
    assert r.status_code == 201
    assert [x["id"] for x in klien(d.ketua).get(reverse("api-kinerja-permintaan-list")).json()] == [r.json()["id"]]
    r = klien(d.ketua).post(reverse("api-kinerja-kendala-ajukan"), {
        "tim_id": d.tim.pk, "uraian": "Data belum ada",
        "opsi": [{"uraian": "Minta data ke BPS"}, {"uraian": "Pakai data tahun lalu"}]}, format="json")
    assert r.status_code == 201, r.json()
    k = r.json()
    r = klien(d.kabid[0]).get(reverse("api-kinerja-kendala-list"), {"menunggu": "true"})
    assert [x["id"] for x in r.json()] == [k["id"]]
    r = pu.post(reverse("api-kinerja-kendala-putuskan", args=[k["id"]]),
                {"opsi_id": k["opsi"][1]["id"], "catatan": "Gunakan data 2025", "status_dilihat": "diajukan"},
                format="json")
    assert r.status_code == 200 and r.json()["status"] == "diputuskan"
    assert r.json()["jam_sampai_keputusan"] is not None
    r = pu.post(reverse("api-kinerja-kendala-putuskan", args=[k["id"]]), {"keputusan_lain": "x",
                                                                          "status_dilihat": "diajukan"}, format="json")
    assert r.status_code == 409


def test_hasil_lewat_api_langkah_basi_409_dan_papan():
    d = _siap()
    r = klien(d.ketua).post(reverse("api-kinerja-hasil-serahkan"), {
        "target_id": d.t0.pk, "tim_id": d.tim.pk, "uraian_hasil": "RKPD final", "realisasi": "60"}, format="json")
    assert r.status_code == 201, r.json()
    h = r.json()
    assert [x["nama"] for x in h["langkah_rantai"]] == ["Kepala Bidang 1", "Kepala Dinas Kesehatan"]
    kabid = klien(d.kabid[0])
    assert [x["id"] for x in kabid.get(reverse("api-kinerja-hasil-list"), {"menunggu": "1"}).json()] == [h["id"]]
    r = kabid.post(reverse("api-kinerja-hasil-teruskan", args=[h["id"]]), {}, format="json")
    assert r.status_code == 400 and "langkah" in r.json()
    r = kabid.post(reverse("api-kinerja-hasil-teruskan", args=[h["id"]]), {"langkah": 0}, format="json")
    assert r.status_code == 200 and r.json()["langkah_ke"] == 1
    r = kabid.post(reverse("api-kinerja-hasil-teruskan", args=[h["id"]]), {"langkah": 0}, format="json")
    assert r.status_code == 409 and "sudah diputuskan" in r.json()["detail"]
    kadis = klien(d.kepala_dinas)
    r = kadis.post(reverse("api-kinerja-hasil-kembalikan", args=[h["id"]]), {"langkah": 1, "alasan": "Lengkapi"},
                   format="json")
    assert r.status_code == 200 and r.json()["status"] == "dikembalikan"
    r = klien(d.ketua).post(reverse("api-kinerja-hasil-serahkan-ulang", args=[h["id"]]),
                            {"uraian_hasil": "RKPD final + lampiran"}, format="json")
    assert r.json()["putaran"] == 2
    kabid.post(reverse("api-kinerja-hasil-teruskan", args=[h["id"]]), {"langkah": 0}, format="json")
    r = kadis.post(reverse("api-kinerja-hasil-terima", args=[h["id"]]), {"langkah": 1}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "diterima"
    r = kadis.get(reverse("api-kinerja-papan-target", args=[d.t0.pk]))
    assert r.status_code == 200 and r.json()["penyerahan_status"] == "diterima"
    assert r.json()["status"] in ("merah", "kuning", "hijau")
    assert klien(pemda(Preset.BUNGO, kode="x").kepala_dinas).get(
        reverse("api-kinerja-papan-target", args=[d.t0.pk])).status_code == 404


def test_catatan_bawahan_lewat_api():
    d = _siap()
    klien(d.ketua).post(reverse("api-kinerja-laporan-kirim"), {
        "jenis": "catatan_anggota", "tim_id": d.tim.pk, "tentang_pegawai_id": d.anggota.pk,
        "ringkasan": "Teliti dan tepat waktu"}, format="json")
    from organisasi import selectors as org
    ppk = org.ppk_pegawai(pegawai=d.anggota).pegawai
    r = klien(ppk).get(reverse("api-kinerja-catatan-bawahan"))
    assert r.status_code == 200
    (e,) = r.json()
    assert e["pegawai_id"] == d.anggota.pk and e["catatan"][0]["tim"] == d.tim.nama
    assert klien(d.kabid[0]).get(reverse("api-kinerja-catatan-bawahan")).json() == []
