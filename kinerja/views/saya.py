"""'Kinerja saya': the targets I contribute to (through which team or assignment, with which
letter number), my role-matrix rows, my work plans (and a form for a new one), the targets my
own positions own, and my PPK and Pimpinan Unit."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from inti.waktu import hari_ini
from penugasan.models import AnggotaTim

from .. import forms, selectors, services
from ._umum import ip, pesan_validasi

KOLOM_BUTIR = ("kegiatan", "hasil", "target", "satuan", "tenggat")


@login_required
def kinerja_saya(request: HttpRequest) -> HttpResponse:
    pegawai = getattr(request.user, "pegawai", None)
    if pegawai is None:
        raise PermissionDenied(_("Akun Anda belum terhubung dengan data pegawai."))
    tahun = hari_ini().year
    galat: list[str] = []
    butir: list[dict] = []
    if request.method == "POST":
        butir = forms.baris_bernomor(request.POST, "butir", KOLOM_BUTIR)
        tim_id = forms.id_atau_none(request.POST.get("tim"))
        kirim = [{k: (b[k] or None) if k in ("target", "tenggat") else b[k] for k in KOLOM_BUTIR} for b in butir]
        try:
            services.rencana_kerja_simpan(actor=request.user, ip=ip(request), tahun=tahun, butir=kirim,
                                          uraian=(request.POST.get("uraian") or "").strip()[:2000], tim_id=tim_id)
        except ValidationError as exc:
            galat = pesan_validasi(exc)
        else:
            messages.success(request, _("Rencana kerja disimpan."))
            return redirect("kinerja_saya")
    data = selectors.kinerja_saya(pegawai=pegawai, tahun=tahun)
    tim_pilihan = list(AnggotaTim.objects.filter(pegawai=pegawai).select_related("tim").order_by("tim__nama"))
    return render(request, "kinerja/saya.html", {
        "data": data, "tim_pilihan": tim_pilihan, "galat": galat,
        "butir": butir + [dict.fromkeys(KOLOM_BUTIR, "") for _i in range(3)],
    }, status=400 if galat else 200)
