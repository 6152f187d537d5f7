"""Reading: a CSV/XLSX org-chart file → header and ``Baris`` (row number + cells by column)."""
from __future__ import annotations

import csv
import datetime
import io
import os
import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .format import Baris



# --------------------------------------------------------------------------- reading files


_ANGKA_TERPOTONG = "\ue000"  # (a private-use character) marks a number too long for a double (an 18-digit NIP typed as a number)


def _normal_header(h: Any) -> str:
    return re.sub(r"[\s\-]+", "_", str(h or "").strip().lower())


def _sel(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, datetime.datetime):
        return v.date().isoformat()
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    if isinstance(v, float):
        # Excel keeps numbers as doubles: an 18-digit NIP typed as a number has lost digits.
        if not v.is_integer():
            return repr(v)
        return f"{int(v)}{_ANGKA_TERPOTONG if abs(v) >= 2**53 else ''}"
    return str(v).strip()


def baca_berkas(berkas, nama_berkas: str = "") -> tuple[list[str], list[Baris]]:
    """Read a CSV (UTF-8, comma or semicolon) or XLSX (first sheet) org-chart file.

    ``berkas`` is a path, bytes or a binary file object. Returns (header, rows); empty rows
    are skipped, row numbers are those of the spreadsheet. Raises ValidationError when the
    file cannot be read at all.
    """
    if isinstance(berkas, (str, os.PathLike)):
        nama_berkas = nama_berkas or str(berkas)
        with open(berkas, "rb") as fh:
            data = fh.read()
    elif isinstance(berkas, bytes):
        data = berkas
    else:
        if hasattr(berkas, "seek"):
            berkas.seek(0)
        data = berkas.read()
        nama_berkas = nama_berkas or getattr(berkas, "name", "")
    nama = (nama_berkas or "").lower()
    if nama.endswith(".xlsx") or data[:2] == b"PK":
        baris_mentah = _baca_xlsx(data)
    elif nama.endswith(".csv") or not nama or nama.endswith(".txt"):
        baris_mentah = _baca_csv(data)
    else:
        raise ValidationError(_("Jenis berkas tidak didukung: gunakan .csv atau .xlsx."))
    try:
        header_mentah = next(baris_mentah)
    except StopIteration:
        raise ValidationError(_("Berkas kosong.")) from None
    header = [_normal_header(h) for h in header_mentah]
    hasil: list[Baris] = []
    kolom = [(i, h) for i, h in enumerate(header) if h]
    teks = not (nama.endswith(".xlsx") or data[:2] == b"PK")
    maks = settings.IMPOR_BAGAN_MAKS_BARIS
    for nomor, sel in enumerate(baris_mentah, start=2):
        if not any(sel):
            continue
        if len(hasil) >= maks:  # stop reading: a huge file never fills memory or a worker
            raise ValidationError(_("Berkas memuat lebih dari %(n)s baris data (batas impor). Pecah berkas, "
                                    "misalnya per Perangkat Daerah, lalu impor satu per satu.")
                                  % {"n": f"{maks:,}".replace(",", ".")})
        n = len(sel)
        if teks:  # CSV cells are strings already
            nilai = {h: sel[i].strip() for i, h in kolom if i < n}
        else:
            nilai = {h: _sel(sel[i]) for i, h in kolom if i < n}
        hasil.append(Baris(nomor, nilai))
    return header, hasil


def _baca_csv(data: bytes) -> Iterable[list]:
    try:
        teks = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("Berkas CSV harus berenkode UTF-8.")) from None
    baris_pertama = teks.split("\n", 1)[0]
    pemisah = ";" if baris_pertama.count(";") > baris_pertama.count(",") else ","
    return iter(csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah))


def _baca_xlsx(data: bytes) -> Iterable[list]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds
        raise ValidationError(_("Berkas XLSX tidak dapat dibaca: %(e)s") % {"e": exc}) from None
    ws = wb.worksheets[0]
    return (list(r) for r in ws.iter_rows(values_only=True))



def _siapkan(berkas, nama_berkas, baris):
    """(header, rows) from a file, or from already-read rows (dicts by column or ``Baris``)."""
    if baris is not None:
        return None, [b if isinstance(b, Baris) else Baris(i + 2, {k: _sel(v) for k, v in b.items()})
                      for i, b in enumerate(baris)]
    return baca_berkas(berkas, nama_berkas)
