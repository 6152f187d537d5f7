"""HTML views of notifications (thin: selectors for reads, services for writes)."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .models import Notifikasi


@login_required
def daftar(request: HttpRequest) -> HttpResponse:
    hanya_belum = request.GET.get("belum") == "1"
    halaman = selectors.notifikasi_untuk(request.user, halaman=request.GET.get("halaman", 1),
                                         hanya_belum_dibaca=hanya_belum)
    return render(request, "notifikasi/daftar.html", {"halaman": halaman, "hanya_belum": hanya_belum})


@login_required
@require_POST
def tandai_dibaca(request: HttpRequest) -> HttpResponse:
    """Mark one (``id``) or all (``semua=1``) as read; with ``buka=1`` go on to the notification's link."""
    semua = request.POST.get("semua") == "1"
    notifikasi_id = None if semua else request.POST.get("id")
    try:
        services.notifikasi_tandai_dibaca(user=request.user, notifikasi_id=int(notifikasi_id) if notifikasi_id else None,
                                          semua=semua)
    except (Notifikasi.DoesNotExist, ValueError):
        raise Http404(_("Notifikasi tidak ditemukan."))
    if semua:
        messages.success(request, _("Semua notifikasi ditandai sudah dibaca."))
    tujuan = request.POST.get("lanjut", "")
    if tujuan and url_has_allowed_host_and_scheme(tujuan, allowed_hosts={request.get_host()}):
        return redirect(tujuan)
    return redirect("notifikasi_daftar")
