"""The Matriks Pembagian Peran dan Hasil exported per team and per unit as XLSX (read back with
openpyxl) and PDF (read back with pdftotext), members from another unit included."""
import io
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kinerja import services
from organisasi.models import Preset
from penugasan.models import AnggotaTim

from .helpers import TAHUN, bagi_dua, pemda, pk_berlaku, tim_dari_strategi

pytestmark = pytest.mark.django_db


@pytest.fixture
def tim_dengan_matriks():
    d = pemda(Preset.BELU)
    _pk, _s, ind = pk_berlaku(d)
    target = bagi_dua(d, ind)[0]
    _p, tim = tim_dari_strategi(d, target)
    baris = []
    for a in AnggotaTim.objects.filter(tim=tim).select_related("pegawai"):
        baris.append({"anggota_id": a.pk, "peran": f"Peran {a.pegawai.nama}", "hasil": "Dokumen RKPD bab 2",
                      "indikator": "Bab selesai tepat waktu", "target_nilai": "3", "satuan": "bab",
                      "target_id": target.pk})
    services.matriks_isi(actor=d.jf_muda[0].user, tim_id=tim.pk, baris=baris)
    return d, tim


def _pdf_teks(isi: bytes) -> str:
    teks = subprocess.run(["pdftotext", "-raw", "-", "-"], input=isi, capture_output=True, check=True).stdout.decode()
    return " ".join(teks.split())  # -raw: in drawing order, so a wrapped cell reads on


def test_xlsx_dan_pdf_per_tim(client, tim_dengan_matriks):
    d, tim = tim_dengan_matriks
    client.force_login(d.kabid[0].user)
    r = client.get(reverse("kinerja_matriks_tim_unduh", args=[tim.pk, "xlsx"]))
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = [tuple(row) for row in ws.iter_rows(values_only=True)]
    assert rows[0][0] == "Matriks Pembagian Peran dan Hasil" and tim.nama in rows[1][0]
    kepala = rows[3]
    assert kepala[:4] == ("No", "Tim", "Nama", "NIP")
    data = rows[4:]
    nama = {r[2] for r in data}
    assert d.jf_pertama[1].nama_lengkap in nama and d.jf_muda[0].nama_lengkap in nama  # other unit's JF included
    baris = next(r for r in data if r[2] == d.jf_pertama[1].nama_lengkap)
    assert baris[8] == "Bab selesai tepat waktu" and "3" in baris[9] and baris[10] == "menunggu tanggapan"
    r = client.get(reverse("kinerja_matriks_tim_unduh", args=[tim.pk, "pdf"]))
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    teks = _pdf_teks(r.content)
    assert "Matriks Pembagian Peran dan Hasil" in teks and d.jf_pertama[1].nama_lengkap in teks
    assert "Bab selesai tepat waktu" in teks
    assert client.get(reverse("kinerja_matriks_tim_unduh", args=[tim.pk, "doc"])).status_code == 404


def test_matriks_per_unit_halaman_xlsx_pdf_dan_instansi_lain_404(client, tim_dengan_matriks):
    d, tim = tim_dengan_matriks
    client.force_login(d.kepala_dinas.user)
    unit = tim.unit
    r = client.get(reverse("kinerja_matriks_unit", args=[unit.pk]), {"tahun": tim.mulai.year})
    assert r.status_code == 200 and r.content.decode().count('data-testid="baris-matriks-unit"') == 2
    r = client.get(reverse("kinerja_matriks_unit_unduh", args=[unit.pk, "xlsx"]), {"tahun": tim.mulai.year})
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert unit.nama in rows[1][0] and len(rows[4:]) == 2
    r = client.get(reverse("kinerja_matriks_unit_unduh", args=[unit.pk, "pdf"]), {"tahun": tim.mulai.year})
    assert tim.nama in _pdf_teks(r.content)
    lain = pemda(Preset.BELU)
    client.force_login(lain.kepala_dinas.user)
    assert client.get(reverse("kinerja_matriks_unit", args=[unit.pk])).status_code == 404
    assert client.get(reverse("kinerja_matriks_tim_unduh", args=[tim.pk, "xlsx"])).status_code == 404
    assert TAHUN
