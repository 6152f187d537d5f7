"""HTML views of the assignment workflow (thin: forms parse, services write, selectors read)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from notifikasi import selectors as notifikasi_selectors
from organisasi import selectors as org_selectors


def _pegawai(request: HttpRequest):
    return getattr(request.user, "pegawai", None)


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    """Role-aware home: each section appears only when it has something for this user."""
    pegawai = _pegawai(request)
    jabatan = org_selectors.jabatan_dipangku(pegawai=pegawai) if pegawai else []
    notifikasi = notifikasi_selectors.notifikasi_untuk(request.user, per_halaman=5, hanya_belum_dibaca=True)
    return render(request, "penugasan/beranda.html", {
        "pegawai": pegawai,
        "jabatan_dipangku": jabatan,
        "notifikasi_baru": notifikasi.object_list,
        "jumlah_notifikasi_baru": notifikasi.paginator.count,
    })
