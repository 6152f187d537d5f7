"""Register 4 (team decrees vs role matrix) read back from CSV, XLSX and PDF: each person of the
Keputusan's attachment next to their matrix row, differences named; scope; query count."""
from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from kinerja import services as kinerja_services
from organisasi.tests.factories import PegawaiFactory
from pemeriksaan.selectors import Saringan
from pemeriksaan.selectors.matriks import baris_matriks
from penugasan.models import AnggotaTim, PeranTim, TimKerja
from surat.tests.helpers import pdf_teks_rapat

from .helpers import baca_csv, dua_pemda, penanda_b
from .test_register import _ekspor

pytestmark = pytest.mark.django_db


def _isi_matriks(d, nama_tim: str, indikator: str) -> TimKerja:
    tim = TimKerja.objects.get(instansi=d.instansi, nama=nama_tim)
    ketua = AnggotaTim.objects.get(tim=tim, peran=PeranTim.KETUA)
    anggota = AnggotaTim.objects.get(tim=tim, pegawai=d.jf_muda[1])
    kinerja_services.matriks_isi(actor=ketua.pegawai.user, tim_id=tim.pk, baris=[
        {"anggota_id": ketua.pk, "peran": "Ketua", "hasil": "Dokumen Renstra", "indikator": indikator,
         "target_nilai": "1", "satuan": "dokumen"},
        {"anggota_id": anggota.pk, "peran": "Analis", "hasil": "Analisis data", "indikator": "Bab analisis selesai",
         "target_nilai": "4", "satuan": "bab"}])
    return tim


@pytest.fixture
def w():
    w = dua_pemda()
    w.tim_a = _isi_matriks(w.a, "Tim Renstra Pemda A", "Renstra A ditetapkan")
    _isi_matriks(w.b, "Tim Rahasia Pemda B", "Indikator rahasia B")
    w.baru = PegawaiFactory(instansi=w.a.instansi, nama="Pegawai Tambahan A")
    AnggotaTim.objects.create(tim=w.tim_a, pegawai=w.baru, peran=PeranTim.ANGGOTA)  # after the Keputusan
    return w


def _tanpa_b(w, teks: str) -> None:
    for penanda in [*penanda_b(w), "Indikator rahasia B"]:
        assert penanda not in teks, penanda


def test_matriks_csv_perbedaan_dan_lingkup(client, w):
    client.force_login(w.auditor)
    data = baca_csv(_ekspor(client, "matriks"))
    kolom, isi = data[0], [dict(zip(data[0], r)) for r in data[1:]]
    assert kolom[:4] == ["Instansi", "Perangkat Daerah", "Unit", "Tim"]
    per_nip = {r["NIP"]: r for r in isi if r["Tim"] == w.tim_a.nama}
    assert per_nip[w.a.jf_muda[1].nip]["Nomor Keputusan"]  # the team's Keputusan in force
    analis = per_nip[w.a.jf_muda[1].nip]
    assert analis["Peran di matriks"] == "Analis" and analis["Indikator di matriks"] == "Bab analisis selesai"
    assert analis["Target di matriks"] == "4 bab" and analis["Sesuai"] == "Tidak"
    assert "Indikator berbeda" in analis["Perbedaan"] and "Target berbeda" in analis["Perbedaan"]
    assert "Tidak ada di matriks" in per_nip[w.a.pelaksana[1].nip]["Perbedaan"]
    assert per_nip[w.baru.nip]["Perbedaan"] == "Tidak ada di lampiran Keputusan"
    assert per_nip[w.a.jf_pertama[0].nip]["Peran di Keputusan"] == "Ketua Tim"
    _tanpa_b(w, "\n".join(",".join(r) for r in data))
    # only the differences / only what matches
    beda = baca_csv(_ekspor(client, "matriks", status="beda"))[1:]
    assert beda and all(r[kolom.index("Sesuai")] == "Tidak" for r in beda)
    assert baca_csv(_ekspor(client, "matriks", status="sesuai"))[1:] == []
    assert baca_csv(_ekspor(client, "matriks", unit=w.tim_a.unit_id))[1:]
    lain = next(u for u in (w.a.bidang[0], w.a.bidang[1]) if u.pk != w.tim_a.unit_id)
    assert baca_csv(_ekspor(client, "matriks", unit=lain.pk))[1:] == []


def test_matriks_xlsx_dan_pdf(client, w):
    client.force_login(w.auditor)
    wb = load_workbook(io.BytesIO(_ekspor(client, "matriks", format="xlsx")), read_only=True)
    baris = list(wb.worksheets[0].iter_rows(values_only=True))
    assert baris[0][3] == "Tim" and any(r[7] == w.a.jf_muda[1].nip for r in baris[1:])
    _tanpa_b(w, " ".join(str(c) for r in baris for c in r if c is not None))
    teks = pdf_teks_rapat(_ekspor(client, "matriks", format="pdf"))
    assert "Keputusan tim dan matriks peran" in teks and "Jumlah baris 4" in teks and "Analis" in teks
    _tanpa_b(w, teks)


def test_matriks_jumlah_kueri_tetap(w):
    def hitung():
        with CaptureQueriesContext(connection) as ctx:
            n = len(list(baris_matriks(w.auditor, Saringan())))
        return n, len(ctx.captured_queries)

    n1, q1 = hitung()
    for i in range(3):
        AnggotaTim.objects.create(tim=w.tim_a, pegawai=PegawaiFactory(instansi=w.a.instansi), peran=PeranTim.ANGGOTA)
    n2, q2 = hitung()
    assert n2 == n1 + 3 and q2 == q1
