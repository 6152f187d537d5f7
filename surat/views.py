"""HTML views of the letters app: the public verification page and the protected download.
The PDF is never rendered here; it is served from storage."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inti.exceptions import KonflikError
from inti.klien import alamat_klien
from penugasan.models import PermohonanPenugasan

from .forms import CabutSuratForm, CocokkanPdfForm
from .models import StatusSurat, Surat
from .selectors import surat_boleh_dilihat, surat_cocokkan_berkas, surat_dari_uuid, surat_draf_untuk_permohonan
from .services import boleh_mencabut, surat_cabut


@require_http_methods(["GET", "POST"])
def verifikasi(request, uuid):
    """Public (no login): number, date, subject, signer, validity; upload a PDF to compare."""
    surat = surat_dari_uuid(uuid=uuid)
    if surat is None:
        raise Http404(_("Surat tidak ditemukan."))
    hasil = None
    form = CocokkanPdfForm()
    if request.method == "POST":
        form = CocokkanPdfForm(request.POST, request.FILES)
        if form.is_valid():
            hasil = "asli" if surat_cocokkan_berkas(surat=surat, berkas=form.cleaned_data["berkas"]) else "tidak_sesuai"
    response = render(request, "surat/verifikasi.html", {
        "surat": surat, "form": form, "hasil": hasil, "dicabut": surat.status == StatusSurat.DICABUT,
        "belum_dirender": not surat.sha256,
    }, status=200)
    response["X-Robots-Tag"] = "noindex"
    return response


def _surat_terlihat_atau_404(request, pk: int) -> Surat:
    """404 alike for a missing letter and one this user may not see (no enumeration)."""
    surat = Surat.objects.filter(pk=pk).first()
    if surat is None or not surat_boleh_dilihat(request.user, surat):
        raise Http404(_("Surat tidak ditemukan."))
    return surat


@login_required
def unduh(request, pk: int) -> HttpResponse:
    surat = _surat_terlihat_atau_404(request, pk)
    if not surat.berkas:
        return HttpResponse(_("Berkas surat sedang dibuat. Silakan coba beberapa saat lagi."), status=409,
                            content_type="text/plain; charset=utf-8")
    nama = f"{surat.get_jenis_display()} {surat.nomor}".replace("/", "-") + ".pdf"
    response = FileResponse(surat.berkas.open("rb"), content_type="application/pdf", as_attachment=True,
                            filename=nama)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def cabut(request, pk: int) -> HttpResponse:
    """Revoke a letter (POST ``alasan``); the service checks who may. Redirects to the public
    verification page, which then shows the revocation."""
    surat = Surat.objects.filter(pk=pk).first()
    if surat is None or not (surat_boleh_dilihat(request.user, surat) or boleh_mencabut(actor=request.user,
                                                                                        surat=surat)):
        raise Http404(_("Surat tidak ditemukan."))
    form = CabutSuratForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Alasan pencabutan wajib diisi."), status=400, content_type="text/plain; charset=utf-8")
    ip = alamat_klien(request)
    try:
        surat_cabut(surat_id=surat.pk, actor=request.user, alasan=form.cleaned_data["alasan"], ip=ip)
    except ValidationError as exc:
        return HttpResponse("; ".join(exc.messages), status=400, content_type="text/plain; charset=utf-8")
    except KonflikError as exc:
        return HttpResponse(exc.message, status=409, content_type="text/plain; charset=utf-8")
    messages.success(request, _("Surat %(n)s telah dicabut.") % {"n": surat.nomor})
    return redirect("surat_verifikasi", uuid=surat.uuid)


@login_required
@require_GET
def draf_permohonan(request, pk: int) -> HttpResponse:
    """HTMX fragment: the letters the request's current step would issue on approval (unnumbered
    drafts). Only for whoever may read or decide the request: 404 for anyone else."""
    permohonan = PermohonanPenugasan.objects.filter(pk=pk).select_related(
        "pemohon", "jabatan_pemohon", "unit_asal", "unit_tujuan", "instansi_asal", "instansi_tujuan",
        "jabatan_penentu").first()
    if permohonan is None:
        raise Http404(_("Permohonan tidak ditemukan."))
    try:
        daftar = surat_draf_untuk_permohonan(permohonan=permohonan, user=request.user)
    except PermissionDenied:
        raise Http404(_("Permohonan tidak ditemukan.")) from None
    except ValidationError as exc:  # e.g. the signatory's seat is vacant without Plt./Plh.
        return render(request, "surat/_draf.html", {"daftar": [], "galat": "; ".join(exc.messages)})
    return render(request, "surat/_draf.html", {"daftar": daftar, "galat": ""})
