"""Register 7 (rules in force on a date and every change to them) read back from CSV, XLSX and
PDF: content, the reference date, scope (the second Pemda's rules never appear), query count."""
from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from inti import waktu
from organisasi.services_aturan import aturan_tetapkan
from organisasi.tests.factories import UserFactory
from pemeriksaan.selectors import Saringan
from pemeriksaan.selectors.aturan import baris_aturan
from surat.tests.helpers import pdf_teks_rapat

from .helpers import baca_csv, dua_pemda
from .test_register import _ekspor

pytestmark = pytest.mark.django_db

PERATURAN_A = "Peraturan Bupati A Nomor 9 Tahun 2026"
PERATURAN_B = "Peraturan Rahasia Pemda B Nomor 1"


def _versi_baru(instansi, actor, peraturan, *, hari=30, catatan="Penyesuaian rute"):
    return aturan_tetapkan(
        instansi=instansi, actor=actor, peraturan=peraturan, catatan=catatan,
        berlaku_mulai=waktu.hari_ini() + datetime.timedelta(days=hari),
        nilai={"lintas_perangkat_daerah_aktif": not instansi.lintas_perangkat_daerah_aktif})


@pytest.fixture
def w():
    w = dua_pemda()
    w.admin = UserFactory(username="admin-aturan", is_superuser=True)
    w.versi_a = _versi_baru(w.a.instansi, w.admin, PERATURAN_A)
    _versi_baru(w.b.instansi, w.admin, PERATURAN_B, catatan="Catatan rahasia B")
    return w


def _tanpa_b(w, teks: str) -> None:
    for penanda in (PERATURAN_B, "Catatan rahasia B", w.b.instansi.nama):
        assert penanda not in teks, penanda


def test_aturan_csv_versi_perubahan_pengubah_dan_lingkup(client, w):
    client.force_login(w.auditor)
    data = baca_csv(_ekspor(client, "aturan"))
    kolom, isi = data[0], [dict(zip(data[0], r)) for r in data[1:]]
    assert kolom[:3] == ["Instansi", "Versi", "Berlaku mulai"]
    versi = {r["Versi"]: r for r in isi if r["Versi"]}
    assert set(versi) == {"1", "2"}
    v2 = versi["2"]
    assert v2["Peraturan"] == PERATURAN_A and v2["Dibuat oleh"] == "admin-aturan"
    assert v2["Alasan perubahan"] == "Penyesuaian rute"
    assert "→" in v2["Pengaturan yang berubah"] and v2["Aksi audit"] == "Pengaturan instansi diubah"
    assert v2["Dicatat oleh"] and v2["Waktu dicatat"]
    # today the first version is in force, the new one only from its date
    assert versi["1"]["Berlaku pada tanggal acuan"] == "Ya" and v2["Berlaku pada tanggal acuan"] == "Tidak"
    assert versi["1"]["Berlaku sampai"]
    _tanpa_b(w, "\n".join(",".join(r) for r in data))
    # on a date after the new version took effect: only that one
    tanggal = (w.versi_a.berlaku_mulai + datetime.timedelta(days=1)).isoformat()
    hanya = baca_csv(_ekspor(client, "aturan", status="berlaku", sampai=tanggal))[1:]
    assert [r[1] for r in hanya] == ["2"]
    # filter by action: the preset rows only
    preset = baca_csv(_ekspor(client, "aturan", jenis="instansi.terapkan_preset"))[1:]
    assert {r[1] for r in preset} == {"1"}


def test_aturan_xlsx_dan_pdf(client, w):
    client.force_login(w.auditor)
    wb = load_workbook(io.BytesIO(_ekspor(client, "aturan", format="xlsx")), read_only=True)
    baris = list(wb.worksheets[0].iter_rows(values_only=True))
    assert baris[0][0] == "Instansi" and any(r[7] == PERATURAN_A for r in baris[1:])
    _tanpa_b(w, " ".join(str(c) for r in baris for c in r if c is not None))
    teks = pdf_teks_rapat(_ekspor(client, "aturan", format="pdf"))
    assert "Aturan yang berlaku dan perubahannya" in teks and "Nomor 9 Tahun 2026" in teks
    _tanpa_b(w, teks)
    # the page and the menu
    html = client.get(reverse("pemeriksaan_register", args=["aturan"])).content.decode()
    assert PERATURAN_A in html and PERATURAN_B not in html
    assert reverse("pemeriksaan_register", args=["aturan"]) in client.get(reverse("pemeriksaan_beranda")).content.decode()


def test_aturan_jumlah_kueri_tetap(w):
    def hitung():
        with CaptureQueriesContext(connection) as ctx:
            n = len(list(baris_aturan(w.auditor, Saringan())))
        return n, len(ctx.captured_queries)

    n1, q1 = hitung()
    for i in range(4):
        _versi_baru(w.a.instansi, w.admin, f"Perbup {i}", hari=40 + i)
    n2, q2 = hitung()
    assert n2 == n1 + 4 and q2 == q1
