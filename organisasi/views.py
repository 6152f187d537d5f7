"""HTML views of the organisation (thin: parse input, call selectors, render)."""
from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from inti import waktu

from . import selectors, selectors_akses, selectors_aturan
from .models import Instansi, Jenjang, JenisJabatan


def _label_staf(staf: dict) -> list[tuple[str, int]]:
    """[('JF Ahli Muda', 2), ('Pelaksana', 3), ...] in a stable order."""
    urutan = [j.value for j in JenisJabatan]
    hasil = []
    for (jenis, jenjang), n in sorted(staf.items(), key=lambda kv: (urutan.index(kv[0][0])
                                                                     if kv[0][0] in urutan else 99, kv[0][1])):
        label = ("JF" if jenis == JenisJabatan.FUNGSIONAL
                 else JenisJabatan(jenis).label if jenis in JenisJabatan.values else jenis)
        if jenjang:
            label = f"{label} {Jenjang(jenjang).label}" if jenjang in Jenjang.values else f"{label} {jenjang}"
        hasil.append((label, n))
    return hasil


def _siapkan(simpul_list):
    for s in simpul_list:
        s.staf_label = _label_staf(s.staf)
        _siapkan(s.anak)


@login_required
def bagan(request: HttpRequest) -> HttpResponse:
    """Read-only org chart of one PD; by default the subtree below the viewer's own unit."""
    pegawai = getattr(request.user, "pegawai", None)
    unit_saya = selectors.unit_pegawai(pegawai=pegawai) if pegawai else None

    # the same visibility as the org-chart API (one selector), not a rule of this view
    pilihan = list(selectors_akses.pd_bagan_terlihat(request.user).order_by("nama").only("id", "nama", "instansi_id"))

    pd_id = request.GET.get("pd")
    if pd_id:
        pd = next((p for p in pilihan if str(p.pk) == pd_id), None)
        if pd is None:
            raise Http404("Perangkat daerah tidak ditemukan.")
    else:
        pd_saya = next((p for p in pilihan if unit_saya and p.pk == unit_saya.perangkat_daerah_id), None)
        pd = pd_saya or (pilihan[0] if pilihan else None)

    seluruh = request.GET.get("seluruh") == "1" or pd is None or unit_saya is None or pd.pk != unit_saya.perangkat_daerah_id
    akar = []
    if pd is not None:
        akar = selectors.bagan_perangkat_daerah(
            perangkat_daerah_id=pd.pk, unit=None if seluruh else unit_saya,
        )
        _siapkan(akar)
    return render(request, "organisasi/bagan.html", {
        "pilihan_pd": pilihan, "pd": pd, "akar": akar, "seluruh": seluruh, "unit_saya": unit_saya,
        "bisa_sebagian": unit_saya is not None and pd is not None and pd.pk == unit_saya.perangkat_daerah_id,
    })


@login_required
def aturan_berlaku(request: HttpRequest, pk: int) -> HttpResponse:
    """The rules of an Instansi in force on a date (?tanggal=YYYY-MM-DD), with every version."""
    instansi = get_object_or_404(Instansi, pk=pk)
    tanggal, salah_tanggal = waktu.hari_ini(), ""
    if request.GET.get("tanggal"):
        try:
            tanggal = datetime.date.fromisoformat(request.GET["tanggal"])
        except ValueError:
            salah_tanggal = "Format tanggal harus YYYY-MM-DD."
    aturan = selectors_aturan.aturan_pada(instansi=instansi, tanggal=tanggal)
    return render(request, "organisasi/aturan.html", {
        "instansi": instansi, "tanggal": tanggal, "salah_tanggal": salah_tanggal, "aturan": aturan,
        "uraian": selectors_aturan.aturan_uraian(versi=aturan) if aturan else None,
        "riwayat": selectors_aturan.aturan_riwayat(instansi=instansi),
        "sebelum_versi_pertama": aturan is not None and aturan.berlaku_mulai > tanggal,
    }, status=400 if salah_tanggal else 200)


class LupaKataSandi(auth_views.PasswordResetView):
    """Django's password reset; the link in the e-mail is built on SITE_URL (the public address),
    never on the Host header of the request."""

    subject_template_name = "registration/password_reset_subject.txt"
    email_template_name = "registration/password_reset_email.txt"

    def form_valid(self, form):
        self.extra_email_context = {"situs": settings.SITE_URL.rstrip("/")}
        return super().form_valid(form)
