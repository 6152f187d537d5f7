"""The kinerja page of one team: the Matriks Pembagian Peran dan Hasil (the ketua assigns each
member a role, result, indikator and target; each member accepts their row or asks for a
change, with a comment), the targets it serves, and the ketua's action plan with milestones."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from penugasan.models import TimKerja
from surat.services import boleh_mencabut

from .. import forms, selectors, services
from ..models import BarisMatriksPeran, RencanaAksi
from ..services.rencana import ketua_tim
from ._umum import baris_atau_404, ip, pesan_validasi, tim_atau_404

KOLOM_MATRIKS = ("peran", "hasil", "indikator", "target_nilai", "satuan", "target_id")
KOLOM_TONGGAK = ("uraian", "keluaran", "tenggat", "bobot", "pemilik")


def _konteks(request: HttpRequest, tim: TimKerja, **lain) -> dict:
    matriks = selectors.matriks_tim(tim=tim)
    baris = {b.anggota_id: b for b in BarisMatriksPeran.objects.filter(tim=tim)}
    targets = list(services.target_tim(tim).select_related("jabatan", "indikator"))
    pegawai = getattr(request.user, "pegawai", None)
    ketua = ketua_tim(tim)
    adalah_ketua = ketua is not None and pegawai is not None and ketua.pk == pegawai.pk
    isi_post = lain.pop("isi_matriks", None)
    for a in matriks["anggota"]:
        b = baris.get(a["anggota_id"])
        a["saya"] = pegawai is not None and a["pegawai_id"] == pegawai.pk
        a["isi"] = (isi_post or {}).get(a["anggota_id"]) or ({
            "peran": b.peran, "hasil": b.hasil, "indikator": b.indikator,
            "target_nilai": "" if b.target_nilai is None else f"{b.target_nilai.normalize():f}",
            "satuan": b.satuan, "target_id": b.target_id or ""} if b else dict.fromkeys(KOLOM_MATRIKS, ""))
    rencana = (RencanaAksi.objects.filter(tim=tim).prefetch_related("tonggak__pemilik").first())
    tonggak = lain.pop("tonggak", None)
    if tonggak is None:
        tonggak = [{"uraian": t.uraian, "keluaran": t.keluaran, "tenggat": t.tenggat.isoformat(),
                    "bobot": "" if t.bobot is None else t.bobot,
                    "pemilik": next((str(p.pk) for p in t.pemilik.all()), "")}
                   for t in rencana.tonggak.all()] if rencana else []
    tonggak = tonggak + [dict.fromkeys(KOLOM_TONGGAK, "") for _i in range(3)]
    lengkap = bool(matriks["anggota"]) and all(a["matriks"] and a["matriks"]["status"] == "diterima"
                                               for a in matriks["anggota"])
    keputusan = services.keputusan_tim_berlaku(tim)
    return {"tim": tim, "matriks": matriks, "keputusan": keputusan,
            "boleh_perbarui_keputusan": lengkap and keputusan is not None and boleh_mencabut(actor=request.user,
                                                                                           surat=keputusan), "targets": targets, "adalah_ketua": adalah_ketua, "ketua": ketua,
            "rencana": rencana, "tonggak": tonggak, "lengkap": lengkap,
            "judul_rencana": lain.pop("judul_rencana", None) or (rencana.judul if rencana else
                                                                 _("Rencana aksi %(tim)s") % {"tim": tim.nama}),
            "tanggapan_form": forms.TanggapanForm(), **lain}


@login_required
def tim_kinerja(request: HttpRequest, pk: int) -> HttpResponse:
    tim = tim_atau_404(request, pk)
    return render(request, "kinerja/tim.html", _konteks(request, tim))


@login_required
@require_POST
def matriks_isi(request: HttpRequest, pk: int) -> HttpResponse:
    """The ketua's rows, one per member (``m-<anggota id>-<kolom>``); an empty row is left out."""
    tim = tim_atau_404(request, pk)
    anggota_ids = list(tim.anggota.values_list("pk", flat=True))
    isi, baris = {}, []
    for aid in anggota_ids:
        b = {k: (request.POST.get(f"m-{aid}-{k}") or "").strip()[:2000] for k in KOLOM_MATRIKS}
        isi[aid] = b
        if any(b.values()):
            baris.append({"anggota_id": aid, "peran": b["peran"], "hasil": b["hasil"], "indikator": b["indikator"],
                          "target_nilai": b["target_nilai"] or None, "satuan": b["satuan"],
                          "target_id": forms.id_atau_none(b["target_id"])})
    try:
        services.matriks_isi(actor=request.user, ip=ip(request), tim_id=tim.pk, baris=baris)
    except ValidationError as exc:
        return render(request, "kinerja/tim.html", _konteks(request, tim, isi_matriks=isi,
                                                            galat=pesan_validasi(exc)), status=400)
    messages.success(request, _("Matriks peran dan hasil disimpan; anggota diminta menanggapi barisnya."))
    return redirect("kinerja_tim", pk=tim.pk)


@login_required
@require_POST
def matriks_tanggapi(request: HttpRequest, pk: int) -> HttpResponse:
    """The member accepts their row, or asks for a change (comment required)."""
    baris = baris_atau_404(request, pk)
    form = forms.TanggapanForm(request.POST)
    komentar = form.cleaned_data["komentar"] if form.is_valid() else ""
    try:
        if request.POST.get("tanggapan") == "terima":
            services.matriks_terima(actor=request.user, ip=ip(request), baris_id=baris.pk, komentar=komentar)
            messages.success(request, _("Baris matriks Anda diterima."))
        else:
            services.matriks_minta_perbaikan(actor=request.user, ip=ip(request), baris_id=baris.pk, komentar=komentar)
            messages.success(request, _("Permintaan perbaikan dikirim kepada ketua tim."))
    except ValidationError as exc:
        for g in pesan_validasi(exc):
            messages.error(request, g)
    return redirect("kinerja_tim", pk=baris.tim_id)


@login_required
@require_POST
def rencana_aksi_simpan(request: HttpRequest, pk: int) -> HttpResponse:
    tim = tim_atau_404(request, pk)
    judul = (request.POST.get("judul") or "").strip()[:250]
    rows = forms.baris_bernomor(request.POST, "tonggak", KOLOM_TONGGAK)
    tonggak = []
    for r in rows:
        bobot = r["bobot"]
        tonggak.append({"uraian": r["uraian"], "keluaran": r["keluaran"], "tenggat": r["tenggat"] or None,
                        "bobot": int(bobot) if bobot.isdigit() and len(bobot) <= 3 else (bobot or None),
                        "pemilik_ids": [forms.id_atau_none(r["pemilik"]) or r["pemilik"]] if r["pemilik"] else []})
    try:
        services.rencana_aksi_simpan(actor=request.user, ip=ip(request), tim_id=tim.pk, judul=judul, tonggak=tonggak)
    except ValidationError as exc:
        for r in rows:
            r.pop("_i")
        return render(request, "kinerja/tim.html", _konteks(request, tim, tonggak=rows, judul_rencana=judul,
                                                            galat=pesan_validasi(exc)), status=400)
    messages.success(request, _("Rencana aksi disimpan."))
    return redirect("kinerja_tim", pk=tim.pk)


@login_required
@require_POST
def keputusan_perbarui(request: HttpRequest, pk: int) -> HttpResponse:
    """The signer supersedes the team's Keputusan by one carrying the accepted role matrix."""
    tim = tim_atau_404(request, pk)
    baru = services.keputusan_tim_perbarui(actor=request.user, ip=ip(request), tim_id=tim.pk)
    messages.success(request, _("Keputusan %(nomor)s diterbitkan dengan matriks peran dan hasil; Keputusan "
                                "sebelumnya dicabut.") % {"nomor": baru.nomor})
    return redirect("kinerja_tim", pk=tim.pk)
