"""Export of the Matriks Pembagian Peran dan Hasil (PermenPANRB 6/2022) per team and per unit:
XLSX through openpyxl's write-only mode (one pass, any size) and PDF through the letters'
WeasyPrint renderer (``surat.pdf.html_ke_pdf``: our fonts, no network). Both are built from the
same rows (``baris_ekspor``), read from ``selectors.matriks_tim`` / ``matriks_unit``."""
from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from organisasi.models import Instansi
from surat.pdf import html_ke_pdf, tanggal_indonesia

KOLOM = ("No", "Tim", "Nama", "NIP", "Instansi asal", "Kedudukan dalam tim", "Peran", "Hasil kerja",
         "Indikator", "Target", "Status", "Komentar anggota")
STATUS = {"diusulkan": "menunggu tanggapan", "diterima": "diterima", "minta_perbaikan": "minta perbaikan"}
KEDUDUKAN = {"ketua": "Ketua", "anggota": "Anggota", "sekretaris": "Sekretaris", "penanggung_jawab": "Penanggung jawab"}


def baris_ekspor(tims: list[dict]) -> list[list]:
    """One row per member of each team (members from other units and agencies included), in
    the columns of ``KOLOM``. One query (the names of the agencies)."""
    instansi_ids = {a["instansi_id"] for t in tims for a in t["anggota"]}
    nama_instansi = dict(Instansi.objects.filter(pk__in=instansi_ids).values_list("pk", "nama")) if instansi_ids else {}
    hasil, no = [], 0
    for t in tims:
        for a in t["anggota"]:
            no += 1
            m = a["matriks"] or {}
            hasil.append([no, t["tim"]["nama"], a["nama"], a["nip"], nama_instansi.get(a["instansi_id"], ""),
                          KEDUDUKAN.get(a["peran_tim"], a["peran_tim"]), m.get("peran", ""), m.get("hasil", ""),
                          m.get("indikator", ""), m.get("target", ""),
                          STATUS.get(m.get("status"), "belum diisi") if m else "belum diisi", m.get("komentar", "")])
    return hasil


def matriks_xlsx(*, judul: str, subjudul: str, tims: list[dict]) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Matriks Peran dan Hasil")
    for i, lebar in enumerate((5, 24, 26, 20, 22, 14, 22, 32, 32, 16, 16, 28)):
        ws.column_dimensions[chr(ord("A") + i)].width = lebar
    tebal = Font(bold=True)
    sel = WriteOnlyCell(ws, value=judul)
    sel.font = Font(bold=True, size=13)
    ws.append([sel])
    ws.append([subjudul])
    ws.append([])
    kepala = []
    for k in KOLOM:
        c = WriteOnlyCell(ws, value=k)
        c.font = tebal
        c.alignment = Alignment(wrap_text=True, vertical="top")
        kepala.append(c)
    ws.append(kepala)
    for b in baris_ekspor(tims):
        ws.append(b)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def matriks_pdf(*, judul: str, subjudul: str, tims: list[dict]) -> bytes:
    html = render_to_string("kinerja/pdf/matriks.html", {
        "judul": judul, "subjudul": subjudul, "kolom": KOLOM, "baris": baris_ekspor(tims),
        "dicetak": tanggal_indonesia(timezone.localdate())})
    return html_ke_pdf(html)
