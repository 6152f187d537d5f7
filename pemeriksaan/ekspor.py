"""Writers of the registers: CSV, XLSX (openpyxl write-only mode) and a PDF summary (WeasyPrint
through ``surat.pdf.html_ke_pdf`` and its safe URL fetcher). Each takes the register's columns
and its row iterator and never holds more than a chunk of rows in memory (the PDF summary is
capped at ``MAKS_BARIS_PDF`` rows plus the totals).

Spreadsheet-formula injection: a text cell starting with ``= + - @``, a tab or a carriage return
is written with a leading apostrophe, so that Excel/LibreOffice show it as text instead of
evaluating it (OWASP "CSV Injection")."""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator

from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from surat.pdf import html_ke_pdf

AWALAN_BERBAHAYA = ("=", "+", "-", "@", "\t", "\r")
BARIS_PER_TULIS = 500
MAKS_BARIS_PDF = 500
PROGRES_SETIAP = 1000


def netralkan(nilai):
    """A cell value safe for spreadsheets: dangerous text gets a leading apostrophe; numbers,
    dates and None pass unchanged."""
    if isinstance(nilai, str) and nilai.startswith(AWALAN_BERBAHAYA):
        return "'" + nilai
    return nilai


def _teks(nilai) -> str:
    return "" if nilai is None else str(nilai)


def csv_potongan(kolom: list[str], baris: Iterable[list], *, hitung: Callable[[int], None] | None = None
                 ) -> Iterator[bytes]:
    """CSV (UTF-8 with BOM, for Excel) as byte chunks of ``BARIS_PER_TULIS`` rows."""
    buf = io.StringIO()
    penulis = csv.writer(buf)
    buf.write("\ufeff")
    penulis.writerow(kolom)
    n = 0
    for b in baris:
        penulis.writerow([_teks(netralkan(x)) for x in b])
        n += 1
        if n % BARIS_PER_TULIS == 0:
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
        if hitung is not None and n % PROGRES_SETIAP == 0:
            hitung(n)
    yield buf.getvalue().encode("utf-8")
    if hitung is not None:
        hitung(n)


def tulis_csv(berkas, kolom: list[str], baris: Iterable[list], *, hitung=None) -> None:
    for potongan in csv_potongan(kolom, baris, hitung=hitung):
        berkas.write(potongan)


def tulis_xlsx(berkas, kolom: list[str], baris: Iterable[list], *, judul: str, hitung=None,
               lembar_tambahan: list[tuple[str, list[str], Iterable[list]]] = ()) -> int:
    """XLSX in openpyxl's write-only mode (rows go to a temporary file, not memory); returns the
    number of rows of the main sheet. ``berkas``: a path or a binary file object."""
    wb = Workbook(write_only=True)
    n = 0
    for indeks, (nama, kol, isi) in enumerate([(judul, kolom, baris), *lembar_tambahan]):
        ws = wb.create_sheet(title=str(nama)[:31])
        tebal = []
        for k in kol:
            sel = WriteOnlyCell(ws, value=k)
            sel.font = Font(bold=True)
            tebal.append(sel)
        ws.append(tebal)
        for b in isi:
            ws.append([netralkan(x) for x in b])
            if indeks == 0:
                n += 1
                if hitung is not None and n % PROGRES_SETIAP == 0:
                    hitung(n)
    wb.save(berkas)
    if hitung is not None:
        hitung(n)
    return n


def pdf_ringkasan(*, judul: str, kolom: list[str], baris: Iterable[list], saringan: dict, pengguna: str,
                  total: int, bagian_tambahan: list[dict] = ()) -> tuple[bytes, int]:
    """A PDF summary: the filters, the total, the first ``MAKS_BARIS_PDF`` rows and any extra
    sections (e.g. the gap check); returns (pdf, rows shown)."""
    contoh = []
    for b in baris:
        if len(contoh) >= MAKS_BARIS_PDF:
            break
        contoh.append([_teks(x) for x in b])
    html = render_to_string("pemeriksaan/pdf/ringkasan.html", {
        "judul": judul, "kolom": kolom, "baris": contoh, "saringan": saringan, "pengguna": pengguna,
        "total": total, "dipotong": total > len(contoh), "dibuat": timezone.localtime(),
        "bagian_tambahan": list(bagian_tambahan),
    })
    return html_ke_pdf(html), len(contoh)
