"""Kinerja II pages: the journey anggota → ketua → PU → results returned once → accepted, with
the same answers as the API (404 for what one may not see, 400 naming the field, 409 stale)."""
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kinerja.models import Kendala, Laporan, PenyerahanHasil
from organisasi import selectors as org
from organisasi.models import Preset
from penugasan.models import AnggotaTim, PeranTim, StatusTim

from .helpers import bagi_dua, pemda, pk_berlaku, tim_dari_strategi

pytestmark = pytest.mark.django_db


def masuk(pegawai) -> Client:
    c = Client()
    c.force_login(pegawai.user)
    return c


def test_perjalanan_halaman_laporan_kendala_hasil():
    d = pemda(Preset.BELU)
    pk, s, ind = pk_berlaku(d)
    t0, _ = bagi_dua(d, ind)
    p, tim = tim_dari_strategi(d, t0)
    ketua = AnggotaTim.objects.get(tim=tim, peran=PeranTim.KETUA).pegawai
    anggota = AnggotaTim.objects.get(tim=tim, peran=PeranTim.ANGGOTA).pegawai
    a, k, pu, kadis = masuk(anggota), masuk(ketua), masuk(d.kabid[0]), masuk(d.kepala_dinas)

    r = a.get(reverse("kinerja_pelaksanaan_beranda"))
    assert r.status_code == 200 and tim.nama in r.content.decode()
    # anggota → ketua, with evidence; an empty summary is a 400 naming the field
    url = reverse("kinerja_pelaksanaan_laporan_kirim")
    r = a.post(url, {"jenis": "anggota_ke_ketua", "tim_id": tim.pk, "ringkasan": ""})
    assert r.status_code == 400 and "ringkasan" in r.content.decode()
    r = a.post(url, {"jenis": "anggota_ke_ketua", "tim_id": tim.pk, "ringkasan": "Bab 1 selesai"})
    lap = Laporan.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("kinerja_pelaksanaan_laporan", args=[lap.pk])
    r = a.post(reverse("kinerja_pelaksanaan_laporan_aksi", args=[lap.pk, "bukti"]),
               {"berkas": SimpleUploadedFile("b.pdf", b"%PDF-1.4 x", content_type="application/pdf")})
    assert r.status_code == 302
    bukti = lap.bukti.get()
    assert k.get(reverse("kinerja_pelaksanaan_bukti", args=[bukti.pk])).status_code == 200
    assert masuk(d.kabid[1]).get(reverse("kinerja_pelaksanaan_bukti", args=[bukti.pk])).status_code == 404
    assert masuk(d.kabid[1]).get(reverse("kinerja_pelaksanaan_laporan", args=[lap.pk])).status_code == 404
    assert 'data-testid="laporan-masuk"' in k.get(reverse("kinerja_pelaksanaan_beranda")).content.decode()
    r = k.post(reverse("kinerja_pelaksanaan_laporan_aksi", args=[lap.pk, "terima"]), {})
    assert r.status_code == 302
    r = k.post(reverse("kinerja_pelaksanaan_laporan_aksi", args=[lap.pk, "terima"]), {})
    assert r.status_code == 409
    # ketua → PU, a kendala with two options, the PU picks one
    r = k.post(url, {"jenis": "tim", "tim_id": tim.pk, "ringkasan": "Progres 60%"})
    assert r.status_code == 302
    r = k.post(reverse("kinerja_pelaksanaan_kendala_ajukan"), {"tim_id": tim.pk, "uraian": "Data BPS terlambat",
                                                               "opsi_1": "Minta data sementara", "opsi_2": "Geser jadwal"})
    kendala = Kendala.objects.get()
    assert r.status_code == 302 and kendala.opsi.count() == 2
    r = pu.get(reverse("kinerja_pelaksanaan_kendala", args=[kendala.pk]))
    assert 'data-testid="putuskan-kendala"' in r.content.decode()
    r = pu.post(reverse("kinerja_pelaksanaan_kendala_aksi", args=[kendala.pk, "putuskan"]),
                {"opsi_id": kendala.opsi.get(urutan=1).pk, "status_dilihat": "diajukan"})
    assert r.status_code == 302
    kendala.refresh_from_db()
    assert kendala.status == "diputuskan"
    # results: handed in, returned once by Level 2, reworked, forwarded, accepted by Level 1
    r = k.post(reverse("kinerja_pelaksanaan_hasil_serahkan"), {"tim_id": tim.pk, "target_id": t0.pk,
                                                               "uraian_hasil": "RKPD", "realisasi": "55"})
    h = PenyerahanHasil.objects.get()
    assert r.status_code == 302
    r = pu.post(reverse("kinerja_pelaksanaan_hasil_aksi", args=[h.pk, "kembalikan"]), {"langkah": 0, "alasan": ""})
    assert r.status_code == 400 and "alasan" in r.content.decode()
    pu.post(reverse("kinerja_pelaksanaan_hasil_aksi", args=[h.pk, "kembalikan"]), {"langkah": 0, "alasan": "Lengkapi"})
    k.post(reverse("kinerja_pelaksanaan_hasil_aksi", args=[h.pk, "serahkan-ulang"]),
           {"uraian_hasil": "RKPD lengkap", "realisasi": "60"})
    pu.post(reverse("kinerja_pelaksanaan_hasil_aksi", args=[h.pk, "teruskan"]), {"langkah": 0})
    r = pu.post(reverse("kinerja_pelaksanaan_hasil_aksi", args=[h.pk, "teruskan"]), {"langkah": 0})
    assert r.status_code == 409  # stale step
    r = kadis.post(reverse("kinerja_pelaksanaan_hasil_aksi", args=[h.pk, "terima"]), {"langkah": 1})
    assert r.status_code == 302
    h.refresh_from_db()
    tim.refresh_from_db()
    assert h.status == "diterima" and tim.status == StatusTim.DIBUBARKAN
    # the ketua's note reaches the member's own PPK, who sees it on their page
    k.post(url, {"jenis": "catatan_anggota", "tim_id": tim.pk, "tentang_pegawai_id": anggota.pk,
                 "ringkasan": "Sangat membantu"})  # the team is dissolved now: 409
    ppk = org.ppk_pegawai(pegawai=anggota).pegawai
    r = masuk(ppk).get(reverse("kinerja_pelaksanaan_catatan_bawahan"))
    assert r.status_code == 200
    r = kadis.get(reverse("kinerja_pelaksanaan_papan", args=[t0.pk]))
    assert r.status_code == 200 and 'data-testid="status-rag"' in r.content.decode()


def test_catatan_bawahan_tampil_untuk_ppk():
    d = pemda(Preset.PASURUAN)
    pk, s, ind = pk_berlaku(d)
    t0, _ = bagi_dua(d, ind)
    p, tim = tim_dari_strategi(d, t0)
    ketua = AnggotaTim.objects.get(tim=tim, peran=PeranTim.KETUA).pegawai
    anggota = AnggotaTim.objects.get(tim=tim, peran=PeranTim.ANGGOTA).pegawai
    r = masuk(ketua).post(reverse("kinerja_pelaksanaan_laporan_kirim"), {
        "jenis": "catatan_anggota", "tim_id": tim.pk, "tentang_pegawai_id": anggota.pk, "ringkasan": "Teliti"})
    assert r.status_code == 302
    ppk = org.ppk_pegawai(pegawai=anggota).pegawai
    html = masuk(ppk).get(reverse("kinerja_pelaksanaan_catatan_bawahan")).content.decode()
    assert anggota.nama_lengkap in html and "Teliti" in html and tim.nama in html
    assert "Teliti" not in masuk(d.kabid[0]).get(reverse("kinerja_pelaksanaan_catatan_bawahan")).content.decode()


def test_templat_tanpa_skrip_atau_gaya_sebaris():
    """Strict CSP: no inline script (the dashboard loads static files), no inline style or event
    handler in the Kinerja II pages."""
    folder = Path(settings.BASE_DIR) / "templates" / "kinerja" / "pelaksanaan"
    for f in folder.glob("*.html"):
        teks = f.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", teks) and "style=" not in teks, f  # only external scripts
        assert not re.search(r"\son[a-z]+=", teks), f


def test_dasbor_pimpinan_dengan_data_grafik():
    from kinerja import services
    d = pemda(Preset.KOTABARU)
    pk, s, ind = pk_berlaku(d)
    t0, _ = bagi_dua(d, ind)
    p, tim = tim_dari_strategi(d, t0)
    ketua = AnggotaTim.objects.get(tim=tim, peran=PeranTim.KETUA).pegawai
    h = services.hasil_serahkan(actor=ketua.user, target_id=t0.pk, tim_id=tim.pk, uraian_hasil="x", realisasi="60")
    services.hasil_kembalikan(actor=d.kabid[0].user, penyerahan_id=h.pk, langkah=0, alasan="Lengkapi")
    services.hasil_serahkan_ulang(actor=ketua.user, penyerahan_id=h.pk, uraian_hasil="y", realisasi="60")
    services.hasil_teruskan(actor=d.kabid[0].user, penyerahan_id=h.pk, langkah=0)
    services.hasil_terima(actor=d.kepala_dinas.user, penyerahan_id=h.pk, langkah=1)
    r = masuk(d.kepala_dinas).get(reverse("kinerja_pelaksanaan_dasbor"))
    html = r.content.decode()
    assert r.status_code == 200 and 'id="data-dasbor-kinerja"' in html and "dasbor-kinerja.js" in html
    data = r.context["data"]
    assert data["target_per_status"]["diterima"] == 1 and data["target_per_status"]["belum"] == 1
    assert data["dikembalikan"] == 1 and data["indikator"][0]["realisasi"] == 60.0


def _jumlah_kueri(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the session/user caches
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


def test_halaman_catatan_bawahan_dan_dasbor_kueri_tetap():
    from kinerja import services
    d = pemda(Preset.BELU)
    pk, s, ind = pk_berlaku(d)
    t0, _ = bagi_dua(d, ind)
    p, tim = tim_dari_strategi(d, t0)
    ketua = AnggotaTim.objects.get(tim=tim, peran=PeranTim.KETUA).pegawai
    anggota = AnggotaTim.objects.get(tim=tim, peran=PeranTim.ANGGOTA).pegawai
    ppk = masuk(org.ppk_pegawai(pegawai=anggota).pegawai)
    kadis = masuk(d.kepala_dinas)

    def catat(n):
        for i in range(n):
            services.laporan_kirim(actor=ketua.user, jenis="catatan_anggota", tim_id=tim.pk,
                                   tentang_pegawai_id=anggota.pk, ringkasan=f"catatan {i}")
            k = services.kendala_ajukan(actor=ketua.user, tim_id=tim.pk, target_id=t0.pk, uraian=f"k{i}",
                                        opsi=[{"uraian": "a"}])
            services.kendala_putuskan(actor=d.kabid[0].user, kendala_id=k.pk, keputusan_lain="b")

    catat(1)
    a1 = _jumlah_kueri(ppk, reverse("kinerja_pelaksanaan_catatan_bawahan"))
    b1 = _jumlah_kueri(kadis, reverse("kinerja_pelaksanaan_dasbor"))
    catat(5)
    assert _jumlah_kueri(ppk, reverse("kinerja_pelaksanaan_catatan_bawahan")) == a1
    assert _jumlah_kueri(kadis, reverse("kinerja_pelaksanaan_dasbor")) == b1


def test_navigasi_menandai_hanya_pelaksanaan_kinerja():
    d = pemda(Preset.BELU)
    html = masuk(d.kepala_dinas).get(reverse("kinerja_pelaksanaan_beranda")).content.decode()
    aktif = re.findall(r'<a href="([^"]+)" aria-current="page">', html)
    assert reverse("kinerja_pelaksanaan_beranda") in aktif and reverse("kinerja_saya") not in aktif
