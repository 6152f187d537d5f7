"""Auditor pages (read-only apart from requesting an export of one's own): search and open any
request, team, assignment or letter of the scope with its history, the registers with filters,
their exports and "Ekspor saya". Thin: ``selectors`` read, ``services`` write."""
from __future__ import annotations

import itertools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import services
from .forms import EksporForm, SaringanForm
from .models import Ekspor, FormatEkspor, JenisRegister, StatusEkspor
from .penyimpanan import penyimpanan_ekspor
from .permissions import instansi_lingkup, pastikan_pemeriksa
from .selectors import REGISTER, Saringan, register
from .selectors import cari as cari_sel
from .selectors import dasbor as dasbor_sel
from .selectors.jejak import jejak_objek
from .selectors.surat import seri_bercelah

PRATINJAU_BARIS = 50


def _pemeriksa(view):
    """login_required + auditors/superusers only (403 for anyone else)."""
    @login_required
    def pembungkus(request, *args, **kwargs):
        pastikan_pemeriksa(request.user)
        return view(request, *args, **kwargs)

    pembungkus.__name__ = view.__name__
    pembungkus.__doc__ = view.__doc__
    return pembungkus


@require_GET
@_pemeriksa
def beranda(request: HttpRequest) -> HttpResponse:
    return render(request, "pemeriksaan/beranda.html", {
        "register_list": [(k, r.judul) for k, r in REGISTER.items()],
        "instansi_list": list(instansi_lingkup(request.user).order_by("nama")),
    })


@require_GET
@_pemeriksa
def cari(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")
    return render(request, "pemeriksaan/cari.html", {"q": q, "hasil": cari_sel.cari(request.user, q)})


@require_GET
@_pemeriksa
def detail(request: HttpRequest, jenis: str, pk: int) -> HttpResponse:
    if jenis not in cari_sel.JENIS_OBJEK:
        raise Http404
    try:
        objek = cari_sel.objek_detail(request.user, jenis=jenis, pk=pk)
    except ObjectDoesNotExist:
        raise Http404(_("Data tidak ditemukan."))
    konteks = {"jenis": jenis, "objek": objek, "jejak": list(jejak_objek(request.user, objek=objek)[:500])}
    if jenis == "permohonan":
        konteks["riwayat"] = list(cari_sel.riwayat_langkah(objek))
    elif jenis == "tim":
        konteks["anggota"] = list(objek.anggota.select_related("pegawai").order_by("peran", "pegawai__nama"))
    return render(request, "pemeriksaan/detail.html", konteks)


def _register_atau_404(kode: str):
    try:
        return register(kode)
    except (KeyError, ValueError):
        raise Http404(_("Register tidak dikenal."))


@require_GET
@_pemeriksa
def register_lihat(request: HttpRequest, kode: str) -> HttpResponse:
    reg = _register_atau_404(kode)
    form = SaringanForm(request.GET or None, user=request.user, register=reg)
    konteks = {"register": reg, "form": form, "format_list": FormatEkspor.choices}
    if form.is_bound:
        saringan = form.saringan() if form.is_valid() else None
    else:
        saringan = Saringan()
    if saringan is not None:
        konteks.update(
            total=reg.hitung(request.user, saringan),
            baris=list(itertools.islice(reg.baris(request.user, saringan), PRATINJAU_BARIS)),
            query=request.GET.urlencode(),
        )
        if reg.kode == JenisRegister.SURAT:
            konteks["celah"] = seri_bercelah(request.user, saringan)
    return render(request, "pemeriksaan/register.html", konteks)


@require_POST
@_pemeriksa
def register_ekspor(request: HttpRequest, kode: str) -> HttpResponse:
    """Small result: the file streams at once. Large: a background job, then "Ekspor saya"."""
    reg = _register_atau_404(kode)
    form = SaringanForm(request.POST, user=request.user, register=reg)
    format_form = EksporForm(request.POST)
    if not (form.is_valid() and format_form.is_valid()):
        messages.error(request, _("Saringan atau format ekspor tidak sah."))
        return redirect("pemeriksaan_register", kode=reg.kode)
    ekspor = services.ekspor_mulai(actor=request.user, register_kode=reg.kode,
                                   format=format_form.cleaned_data["format"], saringan=form.saringan())
    if ekspor.latar:
        messages.info(request, _("Hasilnya %(n)d baris: ekspor diproses di latar belakang. Anda akan diberi tahu "
                                 "bila sudah siap.") % {"n": ekspor.perkiraan_baris})
        return redirect("pemeriksaan_ekspor_saya")
    response = StreamingHttpResponse(services.ekspor_aliran(ekspor=ekspor),
                                     content_type=services.TIPE_KONTEN[ekspor.format])
    response["Content-Disposition"] = f'attachment; filename="{services.nama_berkas(ekspor)}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@_pemeriksa
def ekspor_saya(request: HttpRequest) -> HttpResponse:
    items = list(Ekspor.objects.filter(diminta_oleh=request.user).order_by("-created_at", "-pk")[:100])
    return render(request, "pemeriksaan/ekspor_saya.html", {"items": items})


def _ekspor_milik(request: HttpRequest, pk: int) -> Ekspor:
    """The user's own export; someone else's is "not found" (404), never revealed."""
    ekspor = Ekspor.objects.filter(pk=pk, diminta_oleh=request.user).first()
    if ekspor is None:
        raise Http404(_("Ekspor tidak ditemukan."))
    return ekspor


@require_GET
@_pemeriksa
def ekspor_status(request: HttpRequest, pk: int) -> HttpResponse:
    """HTMX fragment: the progress bar, polling itself while the job runs."""
    return render(request, "pemeriksaan/_ekspor_baris.html", {"e": _ekspor_milik(request, pk)})


@require_GET
@_pemeriksa
def ekspor_unduh(request: HttpRequest, pk: int) -> HttpResponse:
    ekspor = _ekspor_milik(request, pk)
    if ekspor.status == StatusEkspor.KEDALUWARSA or (
            ekspor.kedaluwarsa_pada is not None and ekspor.kedaluwarsa_pada <= timezone.now()):
        return HttpResponse(_("Berkas ekspor ini sudah kedaluwarsa dan dihapus."), status=410,
                            content_type="text/plain; charset=utf-8")
    if not ekspor.bisa_diunduh:
        return HttpResponse(_("Ekspor belum selesai."), status=409, content_type="text/plain; charset=utf-8")
    response = FileResponse(penyimpanan_ekspor().open(ekspor.berkas, "rb"), as_attachment=True,
                            filename=ekspor.nama_berkas, content_type=services.TIPE_KONTEN[ekspor.format])
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response



@require_GET
@_pemeriksa
def dasbor(request: HttpRequest) -> HttpResponse:
    """Charts (vendored Chart.js, data as JSON in the page) and the findings that need a look."""
    reg = register(JenisRegister.SURAT)
    form = SaringanForm(request.GET or None, user=request.user, register=reg)
    for nama in ("unit", "jenis", "status"):
        form.fields.pop(nama, None)
    saringan = form.saringan() if form.is_bound and form.is_valid() else Saringan()
    return render(request, "pemeriksaan/dasbor.html", {"form": form, "data": dasbor_sel.dasbor(request.user, saringan),
                                                       "query": request.GET.urlencode()})
