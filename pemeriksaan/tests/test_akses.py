"""Auditors are scoped to their Instansi and read-only, page by page and endpoint by endpoint."""
from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from organisasi.tests.factories import UserFactory
from penugasan import selectors as penugasan_selectors
from inti.models import JejakAudit
from penugasan.models import LangkahPermohonan, Penugasan, PermohonanPenugasan, TimKerja
from surat.models import StatusSurat, Surat
from surat.selectors import surat_boleh_dilihat, surat_list_terlihat

from .helpers import dua_pemda, penanda_b

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return dua_pemda()


def test_selector_lama_dibatasi_lingkup(w):
    surat_a = set(Surat.objects.filter(instansi=w.a.instansi).values_list("pk", flat=True))
    surat_b = Surat.objects.filter(instansi=w.b.instansi)
    assert surat_a and surat_b.exists()
    assert set(surat_list_terlihat(user=w.auditor).values_list("pk", flat=True)) == surat_a
    assert not surat_boleh_dilihat(w.auditor, surat_b.first())
    permohonan = set(penugasan_selectors.permohonan_terlihat(w.auditor).values_list("instansi_asal", flat=True))
    assert permohonan == {w.a.instansi.pk}
    assert set(penugasan_selectors.penugasan_terlihat(w.auditor).values_list("instansi", flat=True)) == {
        w.a.instansi.pk}
    assert penugasan_selectors.tim_boleh_dilihat(user=w.auditor, tim=TimKerja.objects.get(instansi=w.a.instansi))
    assert not penugasan_selectors.tim_boleh_dilihat(user=w.auditor, tim=TimKerja.objects.get(instansi=w.b.instansi))


def test_halaman_pemeriksaan_tidak_pernah_memuat_data_instansi_lain(client, w):
    client.force_login(w.auditor)
    tim_a, tim_b = TimKerja.objects.get(instansi=w.a.instansi), TimKerja.objects.get(instansi=w.b.instansi)
    halaman = [reverse("pemeriksaan_beranda"), reverse("pemeriksaan_ekspor_saya"),
               reverse("pemeriksaan_cari") + "?q=Tim", reverse("pemeriksaan_cari") + "?q=Rahasia",
               *(reverse("pemeriksaan_register", args=[k])
                 for k in ("surat", "celah_nomor", "beban", "keputusan", "jejak_audit"))]
    for url in halaman:
        r = client.get(url)
        assert r.status_code == 200, url
        html = r.content.decode()
        for penanda in penanda_b(w):
            assert penanda not in html, (url, penanda)
    html = client.get(reverse("pemeriksaan_cari") + "?q=Tim").content.decode()
    assert tim_a.nama in html
    # the other Instansi's objects are "not found", like missing ones
    objek_b = {"permohonan": w.b.isi.permohonan, "tim": tim_b, "surat": Surat.objects.filter(instansi=w.b.instansi).first(),
               "penugasan": Penugasan.objects.filter(instansi=w.b.instansi).first()}
    objek_a = {"permohonan": w.a.isi.permohonan, "tim": tim_a, "surat": Surat.objects.filter(instansi=w.a.instansi).first(),
               "penugasan": Penugasan.objects.filter(instansi=w.a.instansi).first()}
    for jenis, objek in objek_b.items():
        assert client.get(reverse("pemeriksaan_detail", args=[jenis, objek.pk])).status_code == 404, jenis
    for jenis, objek in objek_a.items():
        r = client.get(reverse("pemeriksaan_detail", args=[jenis, objek.pk]))
        assert r.status_code == 200, jenis
        assert "Jejak audit" in r.content.decode()
    # history of a request: its steps and the audit rows, including refused attempts
    html = client.get(reverse("pemeriksaan_detail", args=["permohonan", w.a.isi.sukarela.pk])).content.decode()
    assert "Ditolak" in html
    # the operational pages and the API follow the same scope
    assert client.get(reverse("permohonan_detail", args=[w.a.isi.permohonan.pk])).status_code == 200
    assert client.get(reverse("permohonan_detail", args=[w.b.isi.permohonan.pk])).status_code in (403, 404)
    assert client.get(reverse("tim_detail", args=[tim_a.pk])).status_code == 200
    assert client.get(reverse("tim_detail", args=[tim_b.pk])).status_code in (403, 404)
    assert client.get(reverse("surat_unduh", args=[objek_b["surat"].pk])).status_code in (403, 404)
    api = APIClient()
    api.force_login(w.auditor)
    assert api.get(reverse("api-permohonan-detail", args=[w.a.isi.permohonan.pk])).status_code == 200
    assert api.get(reverse("api-permohonan-detail", args=[w.b.isi.permohonan.pk])).status_code == 404


def test_bukan_auditor_ditolak_dan_halaman_hanya_get(client, w):
    client.force_login(w.a.jf_muda[0].user)
    assert client.get(reverse("pemeriksaan_beranda")).status_code == 403
    assert client.get(reverse("pemeriksaan_register", args=["surat"])).status_code == 403
    client.logout()
    assert client.get(reverse("pemeriksaan_beranda")).status_code == 302
    client.force_login(w.auditor)
    assert client.post(reverse("pemeriksaan_register", args=["surat"])).status_code == 405
    assert client.post(reverse("pemeriksaan_cari")).status_code == 405


def test_auditor_tidak_dapat_mengubah_apa_pun(client, w):
    """Every workflow endpoint refuses an auditor's POST and nothing changes."""
    p = w.a.isi.sukarela  # waiting for a decision, visible to the auditor
    surat = Surat.objects.filter(instansi=w.a.instansi, status=StatusSurat.TERBIT).first() or \
        Surat.objects.filter(instansi=w.a.instansi).first()
    sebelum = (p.status, LangkahPermohonan.objects.count(), Surat.objects.filter(status=StatusSurat.DICABUT).count(),
               Penugasan.objects.filter(diterima_pada__isnull=False).count())
    tugas = Penugasan.objects.filter(instansi=w.a.instansi).first()
    client.force_login(w.auditor)
    html_post = [
        (reverse("permohonan_setujui", args=[p.pk]), {"langkah": p.langkah_ke}),
        (reverse("permohonan_tolak", args=[p.pk]), {"alasan": "coba", "langkah": p.langkah_ke}),
        (reverse("permohonan_kembalikan", args=[p.pk]), {"alasan": "coba", "langkah": p.langkah_ke}),
        (reverse("permohonan_batalkan", args=[p.pk]), {"alasan": "coba"}),
        (reverse("permohonan_ajukan_ulang", args=[p.pk]), {}),
        (reverse("kotak_masuk_setujui_massal"), {"permohonan": [f"{p.pk}:{p.langkah_ke}"], "konfirmasi": "1"}),
        (reverse("penugasan_terima", args=[tugas.pk]), {}),
        (reverse("surat_cabut", args=[surat.pk]), {"alasan": "coba"}),
    ]
    for url, data in html_post:
        r = client.post(url, data)
        assert r.status_code in (302, 400, 403, 404, 405, 409) or "tidak" in r.content.decode().lower(), url
    api = APIClient()
    api.force_login(w.auditor)
    for nama in ("api-permohonan-setujui", "api-permohonan-tolak", "api-permohonan-batalkan"):
        r = api.post(reverse(nama, args=[p.pk]), {"alasan": "coba", "langkah": p.langkah_ke}, format="json")
        assert r.status_code in (400, 403, 404, 409), nama
    p.refresh_from_db()
    sesudah = (p.status, LangkahPermohonan.objects.count(), Surat.objects.filter(status=StatusSurat.DICABUT).count(),
               Penugasan.objects.filter(diterima_pada__isnull=False).count())
    assert sesudah == sebelum
    # the refusals themselves are audited
    assert JejakAudit.objects.filter(actor=w.auditor, diizinkan=False).exists()


def test_auditor_tanpa_lingkup_tidak_melihat_apa_pun(client, w):
    from organisasi.permissions import beri_auditor

    kosong = UserFactory(username="auditor-kosong")
    beri_auditor(kosong)
    client.force_login(kosong)
    assert not surat_list_terlihat(user=kosong).exists()
    assert not penugasan_selectors.permohonan_terlihat(kosong).exists()
    r = client.get(reverse("pemeriksaan_register", args=["surat"]))
    assert r.status_code == 200 and r.context["total"] == 0
    assert PermohonanPenugasan.objects.exists()


def test_dasbor_grafik_lingkup_saja_dan_js_dari_static_sendiri(client, w, settings):
    import json
    import re
    from pathlib import Path

    client.force_login(w.auditor)
    r = client.get(reverse("pemeriksaan_dasbor"))
    assert r.status_code == 200
    html = r.content.decode()
    for penanda in penanda_b(w):
        assert penanda not in html, penanda
    data = json.loads(re.search(r'<script id="data-dasbor" type="application/json">(.*?)</script>', html, re.S)[1])
    jumlah = sum(sum(s["data"]) for s in data["surat_per_bulan"]["seri"])
    assert jumlah == Surat.objects.filter(instansi=w.a.instansi).count()
    assert sum(data["permohonan_per_status"].values()) == PermohonanPenugasan.objects.filter(
        instansi_asal=w.a.instansi).count()
    assert data["seri_bercelah"] == [] and "semestinya nol" in html
    # Chart.js is vendored: served from our static files, never from a CDN
    assert "/static/vendor/chartjs/chart.umd.min.js" in html and "cdn" not in html.lower()
    assert (Path(settings.BASE_DIR) / "static/vendor/chartjs/chart.umd.min.js").stat().st_size > 100_000
