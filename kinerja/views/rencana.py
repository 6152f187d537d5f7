"""Pages of the plans: the activity and budget plan of a target (drafted by the JF/Pelaksana
with Level 2, approved by Level 2), and each pegawai's individual work plan. The ketua's action
plan lives on the team page (``views.tim``). Rows are posted as numbered fields (``kegiatan-0-…``),
the empty ones left out; the services name a wrong value by row and field."""
from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organisasi import selectors as org

from .. import forms, services
from ..models import StatusRencana
from ._umum import ip, pesan_validasi, rencana_anggaran_atau_404, target_atau_404

KOLOM_KEGIATAN = ("kegiatan", "kode_subkegiatan", "nama_subkegiatan", "pagu", "bulan")
BARIS_KOSONG = 3


def bulan_dari_teks(teks: str) -> list:
    """'1, 2, 5' → [1, 2, 5]; a token that is not a number is kept as text so that the service
    refuses it naming the field."""
    hasil: list = []
    for token in re.split(r"[\s,;]+", teks or ""):
        if token:
            hasil.append(int(token) if token.isdigit() and len(token) <= 2 else token)
    return hasil


def kegiatan_dari_post(data) -> list[dict]:
    baris = forms.baris_bernomor(data, "kegiatan", KOLOM_KEGIATAN)
    for b in baris:
        b.pop("_i")
        b["bulan"] = bulan_dari_teks(b["bulan"])
    return baris


def _baris_tampil(kegiatan: list[dict]) -> list[dict]:
    tampil = [dict(k, bulan=", ".join(str(b) for b in k.get("bulan") or [])) for k in kegiatan]
    return tampil + [dict.fromkeys(KOLOM_KEGIATAN, "") for _i in range(BARIS_KOSONG)]


@login_required
def rka_baru(request: HttpRequest, pk: int) -> HttpResponse:
    target = target_atau_404(request, pk)
    galat: list[str] = []
    kegiatan: list[dict] = []
    judul = ""
    if request.method == "POST":
        judul = (request.POST.get("judul") or "").strip()[:250]
        kegiatan = kegiatan_dari_post(request.POST)
        try:
            rencana = services.rencana_anggaran_simpan(actor=request.user, ip=ip(request), target_id=target.pk,
                                                       judul=judul, kegiatan=kegiatan)
        except ValidationError as exc:
            galat = pesan_validasi(exc)
        else:
            messages.success(request, _("Rencana kegiatan dan anggaran disimpan sebagai draf."))
            return redirect("kinerja_rka_detail", pk=rencana.pk)
    return render(request, "kinerja/rka_form.html", {
        "target": target, "rencana": None, "judul": judul or _("Rencana kegiatan %(ind)s") % {"ind": target.indikator.uraian[:150]},
        "baris": _baris_tampil(kegiatan), "galat": galat}, status=400 if galat else 200)


@login_required
def rka_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rencana = rencana_anggaran_atau_404(request, pk)
    target = target_atau_404(request, rencana.target_id)
    galat: list[str] = []
    kegiatan = [{k: getattr(x, k) for k in KOLOM_KEGIATAN} for x in rencana.kegiatan.order_by("urutan")]
    judul = rencana.judul
    if request.method == "POST":
        judul = (request.POST.get("judul") or "").strip()[:250]
        kegiatan = kegiatan_dari_post(request.POST)
        try:
            services.rencana_anggaran_simpan(actor=request.user, ip=ip(request), target_id=target.pk, judul=judul,
                                             kegiatan=kegiatan, rencana_id=rencana.pk)
        except ValidationError as exc:
            galat = pesan_validasi(exc)
        else:
            messages.success(request, _("Rencana disimpan."))
            return redirect("kinerja_rka_detail", pk=rencana.pk)
    pejabat = org.pejabat_pada(jabatan=target.jabatan)
    pegawai = getattr(request.user, "pegawai", None)
    return render(request, "kinerja/rka_form.html", {
        "target": target, "rencana": rencana, "judul": judul, "baris": _baris_tampil(kegiatan), "galat": galat,
        "bisa_sunting": rencana.status in (StatusRencana.DRAF, StatusRencana.DIKEMBALIKAN),
        "bisa_putuskan": rencana.status == StatusRencana.DIAJUKAN and pejabat is not None and pegawai is not None
        and pejabat.pegawai.pk == pegawai.pk,
        "total_pagu": sum((x.pagu for x in rencana.kegiatan.all()), 0),
        "keputusan_form": forms.KeputusanForm(),
    }, status=400 if galat else 200)


@login_required
@require_POST
def rka_ajukan(request: HttpRequest, pk: int) -> HttpResponse:
    rencana = rencana_anggaran_atau_404(request, pk)
    services.rencana_anggaran_ajukan(actor=request.user, ip=ip(request), rencana_id=rencana.pk)
    messages.success(request, _("Rencana diajukan untuk disetujui."))
    return redirect("kinerja_rka_detail", pk=rencana.pk)


@login_required
@require_POST
def rka_putuskan(request: HttpRequest, pk: int) -> HttpResponse:
    """Level 2 approves, or returns with a note (required)."""
    rencana = rencana_anggaran_atau_404(request, pk)
    form = forms.KeputusanForm(request.POST)
    catatan = form.cleaned_data["catatan"] if form.is_valid() else ""
    try:
        if request.POST.get("keputusan") == "setujui":
            services.rencana_anggaran_setujui(actor=request.user, ip=ip(request), rencana_id=rencana.pk, catatan=catatan)
            messages.success(request, _("Rencana disetujui."))
        else:
            services.rencana_anggaran_kembalikan(actor=request.user, ip=ip(request), rencana_id=rencana.pk,
                                                 catatan=catatan)
            messages.success(request, _("Rencana dikembalikan untuk diperbaiki."))
    except ValidationError as exc:
        for g in pesan_validasi(exc):
            messages.error(request, g)
    return redirect("kinerja_rka_detail", pk=rencana.pk)
