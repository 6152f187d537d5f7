"""Register 5 (target → assignment crosswalk) read back from CSV, XLSX and PDF: the chain from a
PK indikator to the team, its letter, members and results, and the four exception lists; scope
(the second Pemda never appears); query count constant for two data sizes."""
from __future__ import annotations

import datetime
import io
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from kinerja.models import AksiPenyerahan, LangkahPenyerahan, PenyerahanHasil, StatusPenyerahan
from kinerja.tests.helpers import bagi_dua, pemda, pk_berlaku, tim_dari_strategi
from organisasi.permissions import beri_auditor
from organisasi.tests.factories import UserFactory
from pemeriksaan.selectors import Saringan
from pemeriksaan.selectors.silang import BAGIAN, KOLOM, baris_silang
from surat.tests.helpers import pdf_teks_rapat

from .helpers import _isi_pemda, baca_csv
from .test_register import _ekspor

pytestmark = pytest.mark.django_db


def _serahkan(tim, target, oleh, *, diterima_pada=None, kembali=0):
    h = PenyerahanHasil.objects.create(
        target=target, tim=tim, diserahkan_oleh=oleh, uraian_hasil="Dokumen RKPD", realisasi="55",
        putaran=kembali + 1, status=StatusPenyerahan.DITERIMA if diterima_pada else StatusPenyerahan.DITINJAU,
        diterima_pada=diterima_pada)
    for i in range(kembali):
        LangkahPenyerahan.objects.create(penyerahan=h, urutan=i + 1, putaran=i + 1, aksi=AksiPenyerahan.KEMBALIKAN,
                                         actor=oleh.user, alasan="Belum lengkap")
    return h


def _isi(kode: str, nama_tim: str, tim_bebas: str):
    d = pemda(kode=kode)
    _pk, _s, ind = pk_berlaku(d)
    d.target = bagi_dua(d, ind)
    _p, d.tim = tim_dari_strategi(d, d.target[0], nama_tim=nama_tim)
    d.isi = _isi_pemda(d, tim_bebas)
    return d


@pytest.fixture
def w(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        a = _isi("pemda-a", "Tim RKPD Pemda A", "Tim Tanpa Target A")
        b = _isi("pemda-b", "Tim Rahasia Pemda B", "Tim Bebas Rahasia B")
    terlambat = timezone.make_aware(datetime.datetime.combine(a.tim.selesai + datetime.timedelta(days=10),
                                                              datetime.time(10)))
    _serahkan(a.tim, a.target[0], a.jf_muda[0], diterima_pada=terlambat, kembali=2)
    _serahkan(b.tim, b.target[0], b.jf_muda[0], diterima_pada=terlambat, kembali=3)
    auditor = UserFactory(username="inspektorat-silang")
    beri_auditor(auditor, a.instansi)
    return SimpleNamespace(a=a, b=b, auditor=auditor)


def _tanpa_b(w, teks: str) -> None:
    for penanda in ("Tim Rahasia Pemda B", "Tim Bebas Rahasia B", w.b.instansi.nama, w.b.jf_pertama[1].nip):
        assert penanda not in teks, penanda


def test_silang_csv_rantai_dan_pengecualian(client, w):
    client.force_login(w.auditor)
    data = baca_csv(_ekspor(client, "silang"))
    assert data[0] == KOLOM and all(len(r) == len(KOLOM) for r in data)
    isi = [dict(zip(KOLOM, r)) for r in data[1:]]
    rantai = [r for r in isi if r["Bagian"] == BAGIAN["rantai"]]
    assert len(rantai) == 1
    r = rantai[0]
    assert r["Tim / penugasan"] == "Tim RKPD Pemda A" and r["Jenis penugasan"] == "Tim kerja"
    assert r["Surat"] and w.a.jf_pertama[1].nip in r["Anggota (nama, NIP)"]
    assert r["Jabatan pemilik target"] == w.a.jabatan_kabid[0].nama and r["Porsi target"] == "60"
    assert r["Penyerahan hasil"] == "1" and r["Status penyerahan terakhir"] == "Diterima" and r["Dikembalikan (kali)"] == "2"
    per_bagian = {}
    for x in isi:
        per_bagian.setdefault(x["Bagian"], []).append(x)
    assert [x["Jabatan pemilik target"] for x in per_bagian[BAGIAN["target_tanpa_penugasan"]]] == [
        w.a.jabatan_kabid[1].nama]
    assert "Tim Tanpa Target A" in {x["Tim / penugasan"] for x in per_bagian[BAGIAN["penugasan_tanpa_target"]]}
    assert "Tim RKPD Pemda A" not in {x["Tim / penugasan"] for x in per_bagian[BAGIAN["penugasan_tanpa_target"]]}
    assert len(per_bagian[BAGIAN["dikembalikan_berulang"]]) == 1
    assert "Periode berakhir" in per_bagian[BAGIAN["diterima_terlambat"]][0]["Catatan"]
    _tanpa_b(w, "\n".join(",".join(r) for r in data))
    # one exception list only
    hanya = baca_csv(_ekspor(client, "silang", status="diterima_terlambat"))[1:]
    assert len(hanya) == 1 and hanya[0][0] == BAGIAN["diterima_terlambat"]


def test_silang_xlsx_dan_pdf(client, w):
    client.force_login(w.auditor)
    wb = load_workbook(io.BytesIO(_ekspor(client, "silang", format="xlsx")), read_only=True)
    baris = list(wb.worksheets[0].iter_rows(values_only=True))
    assert baris[0][0] == "Bagian" and any(r[15] == "Tim RKPD Pemda A" for r in baris[1:])
    _tanpa_b(w, " ".join(str(c) for r in baris for c in r if c is not None))
    teks = pdf_teks_rapat(_ekspor(client, "silang", format="pdf"))
    assert "Target dan penugasan (silang)" in teks and "Pengecualian" in teks
    _tanpa_b(w, teks)


def test_silang_jumlah_kueri_tetap(w):
    def hitung():
        with CaptureQueriesContext(connection) as ctx:
            n = len(list(baris_silang(w.auditor, Saringan())))
        return n, len(ctx.captured_queries)

    n1, q1 = hitung()
    for _i in range(3):
        _serahkan(w.a.tim, w.a.target[0], w.a.jf_muda[0], kembali=2)
    n2, q2 = hitung()
    assert n2 == n1 + 3 and q2 == q1
