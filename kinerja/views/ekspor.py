"""Matriks Pembagian Peran dan Hasil per unit (page) and its downloads per team and per unit,
as XLSX and PDF (``kinerja.ekspor``)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from inti.waktu import hari_ini
from organisasi.models import UnitOrganisasi

from .. import ekspor, selectors
from ._umum import tim_atau_404

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _unduh(isi: bytes, nama: str, jenis: str) -> HttpResponse:
    r = HttpResponse(isi, content_type=XLSX if jenis == "xlsx" else "application/pdf")
    r["Content-Disposition"] = f'attachment; filename="{nama}.{jenis}"'
    return r


def _buat_cek(jenis: str) -> None:
    if jenis not in ("xlsx", "pdf"):
        raise Http404(_("Format tidak dikenal."))


def _buat(jenis: str, **kw) -> bytes:
    return ekspor.matriks_xlsx(**kw) if jenis == "xlsx" else ekspor.matriks_pdf(**kw)


@login_required
def matriks_tim_unduh(request: HttpRequest, pk: int, jenis: str) -> HttpResponse:
    tim = tim_atau_404(request, pk)
    _buat_cek(jenis)
    data = selectors.matriks_tim(tim=tim)
    subjudul = f"{tim.nama} — {tim.unit.nama if tim.unit_id else ''} ({tim.mulai:%d-%m-%Y} s.d. {tim.selesai:%d-%m-%Y})"
    isi = _buat(jenis, judul=_("Matriks Pembagian Peran dan Hasil"), subjudul=subjudul, tims=[data])
    return _unduh(isi, f"matriks-peran-{slugify(tim.nama)[:60]}", jenis)


def _unit_atau_404(request: HttpRequest, pk: int) -> UnitOrganisasi:
    """A unit of the user's own Instansi (everything for a superuser); otherwise 404, as the API."""
    pegawai = getattr(request.user, "pegawai", None)
    unit = UnitOrganisasi.objects.filter(pk=pk).first()
    if unit is None or not (request.user.is_superuser or (pegawai and pegawai.instansi_id == unit.instansi_id)):
        raise Http404(_("Unit tidak ditemukan."))
    return unit


def _tahun(request: HttpRequest) -> int:
    teks = request.GET.get("tahun") or ""
    return int(teks) if teks.isdigit() and 2000 <= int(teks) <= 2100 else hari_ini().year


@login_required
def matriks_unit(request: HttpRequest, pk: int) -> HttpResponse:
    """Every team of the unit (and below) active in the year, with each member's row."""
    unit = _unit_atau_404(request, pk)
    tahun = _tahun(request)
    tims = selectors.matriks_unit(unit=unit, tahun=tahun)
    return render(request, "kinerja/matriks_unit.html", {"unit": unit, "tahun": tahun, "tims": tims,
                                                         "baris": ekspor.baris_ekspor(tims)})


@login_required
def matriks_unit_unduh(request: HttpRequest, pk: int, jenis: str) -> HttpResponse:
    unit = _unit_atau_404(request, pk)
    _buat_cek(jenis)
    tahun = _tahun(request)
    tims = selectors.matriks_unit(unit=unit, tahun=tahun)
    isi = _buat(jenis, judul=_("Matriks Pembagian Peran dan Hasil"), subjudul=f"{unit.nama} — {_('Tahun')} {tahun}",
                tims=tims)
    return _unduh(isi, f"matriks-peran-{slugify(unit.nama)[:60]}-{tahun}", jenis)
