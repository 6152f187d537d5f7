"""Page of one cascaded target: the Level 2 strategy (individual or team, ketua needed, staff
from other units), the one button that opens the pre-filled penunjukan request linked to the
target, links made after the fact, the third-level division and the target's activity and
budget plans."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inti.waktu import hari_ini

from .. import forms, selectors, selectors_halaman, services
from ..models import CaraBagi, RencanaKegiatanAnggaran, StrategiTarget, TargetJabatan, TautanTarget
from ._umum import ip, pesan_validasi, target_atau_404


def _konteks(request: HttpRequest, target: TargetJabatan, **lain) -> dict:
    pk = target.indikator.sasaran.pk_kinerja
    strategi = StrategiTarget.objects.filter(target=target).first()
    tautan = list(TautanTarget.objects.filter(target=target).select_related("permohonan", "penugasan__pegawai", "tim")
                  .order_by("id"))
    rka = list(RencanaKegiatanAnggaran.objects.filter(target=target).select_related("disusun_oleh").order_by("-id"))
    atur = selectors.aturan_kinerja_pada(instansi=pk.instansi)
    aturan_penentu, jabatan_penentu, pegawai_penentu = services.penentu_strategi(target=target)
    strategi_form = lain.pop("strategi_form", None) or forms.StrategiForm(initial=(
        {"bentuk": strategi.bentuk, "perlu_ketua": strategi.perlu_ketua, "kebutuhan": strategi.kebutuhan,
         "jumlah_dibutuhkan": strategi.jumlah_dibutuhkan, "kompetensi_dibutuhkan": strategi.kompetensi_dibutuhkan,
         "arahan": strategi.arahan} if strategi else {"bentuk": "tim", "kebutuhan": "tidak"}))
    permohonan_form = pratinjau = None
    sudah_dimohon = any(t.permohonan_id and t.sumber == "strategi" for t in tautan)
    if strategi is not None and strategi.perlu_permohonan:
        permohonan_form = lain.pop("permohonan_form", None) or forms.PermohonanDariStrategiForm(
            unit_pilihan=selectors_halaman.unit_tujuan_pilihan(target=target, kebutuhan=strategi.kebutuhan),
            ketua_pilihan=selectors_halaman.ketua_pilihan(target=target) if strategi.perlu_ketua else [],
            pegawai_pilihan=selectors_halaman.pegawai_diminta_pilihan(target=target, kebutuhan=strategi.kebutuhan),
            tim=strategi.bentuk == "tim", initial={"kriteria": strategi.kompetensi_dibutuhkan})
        pratinjau = services.isi_permohonan_dari_strategi(target=target, strategi=strategi, tanggal=hari_ini())
    tiga_tingkat = (target.induk_id is None and pk.perangkat_daerah.jenis in (atur.kaskade_tiga_tingkat or []))
    return {
        "target": target, "pk": pk, "indikator": target.indikator, "strategi": strategi, "tautan": tautan,
        "rka_list": rka, "strategi_form": strategi_form, "permohonan_form": permohonan_form,
        "pratinjau": pratinjau, "sudah_dimohon": sudah_dimohon, "tiga_tingkat": tiga_tingkat,
        "penentu": pegawai_penentu.nama_lengkap if pegawai_penentu else (jabatan_penentu.nama if jabatan_penentu else ""),
        "aturan_penentu": aturan_penentu,
        "tautkan_form": lain.pop("tautkan_form", None) or forms.TautkanForm(),
        "cara_nilai": target.cara == CaraBagi.NILAI, **lain,
    }


@login_required
def target_detail(request: HttpRequest, pk: int) -> HttpResponse:
    target = target_atau_404(request, pk)
    return render(request, "kinerja/target_detail.html", _konteks(request, target))


def _ulang(request, target, galat, **forms_) -> HttpResponse:
    return render(request, "kinerja/target_detail.html", _konteks(request, target, galat=galat, **forms_), status=400)


@login_required
@require_POST
def strategi_simpan(request: HttpRequest, pk: int) -> HttpResponse:
    target = target_atau_404(request, pk)
    form = forms.StrategiForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.strategi_tetapkan(actor=request.user, ip=ip(request), target_id=target.pk, bentuk=d["bentuk"],
                                       perlu_ketua=d["perlu_ketua"], kebutuhan=d["kebutuhan"],
                                       jumlah_dibutuhkan=d["jumlah_dibutuhkan"] or 0,
                                       kompetensi_dibutuhkan=d["kompetensi_dibutuhkan"], arahan=d["arahan"])
        except ValidationError as exc:
            return _ulang(request, target, pesan_validasi(exc), strategi_form=form)
        messages.success(request, _("Strategi target disimpan."))
        return redirect("kinerja_target_detail", pk=target.pk)
    return _ulang(request, target, [], strategi_form=form)


@login_required
@require_POST
def strategi_permohonan(request: HttpRequest, pk: int) -> HttpResponse:
    """One action: the pre-filled penunjukan request, submitted and linked to the target."""
    target = target_atau_404(request, pk)
    strategi = StrategiTarget.objects.filter(target=target).first()
    tim = strategi is not None and strategi.bentuk == "tim"
    kebutuhan = strategi.kebutuhan if strategi else ""
    form = forms.PermohonanDariStrategiForm(
        request.POST, unit_pilihan=selectors_halaman.unit_tujuan_pilihan(target=target, kebutuhan=kebutuhan),
        ketua_pilihan=selectors_halaman.ketua_pilihan(target=target) if strategi and strategi.perlu_ketua else [],
        pegawai_pilihan=selectors_halaman.pegawai_diminta_pilihan(target=target, kebutuhan=kebutuhan), tim=tim)
    if form.is_valid():
        d = form.cleaned_data
        try:
            permohonan = services.strategi_buat_permohonan(
                actor=request.user, ip=ip(request), target_id=target.pk, unit_tujuan_id=d["unit_tujuan"],
                kriteria=d["kriteria"], pegawai_diminta_ids=d.get("pegawai_diminta") or [],
                nama_tim=d.get("nama_tim") or "", ketua_tim_id=d.get("ketua_tim"))
        except ValidationError as exc:
            return _ulang(request, target, pesan_validasi(exc), permohonan_form=form)
        messages.success(request, _("Permohonan penunjukan diajukan dan tertaut ke target."))
        for w in getattr(permohonan, "peringatan", []):
            messages.warning(request, w)
        return redirect("permohonan_detail", pk=permohonan.pk)
    return _ulang(request, target, [], permohonan_form=form)


@login_required
@require_POST
def target_tautkan(request: HttpRequest, pk: int) -> HttpResponse:
    target = target_atau_404(request, pk)
    form = forms.TautkanForm(request.POST)
    if form.is_valid():
        kunci = f"{form.cleaned_data['jenis']}_id"
        try:
            services.tautkan(actor=request.user, ip=ip(request), target_id=target.pk, **{kunci: form.cleaned_data["nomor"]})
        except ValidationError as exc:
            return _ulang(request, target, pesan_validasi(exc), tautkan_form=form)
        messages.success(request, _("Ditautkan ke target."))
        return redirect("kinerja_target_detail", pk=target.pk)
    return _ulang(request, target, [], tautkan_form=form)
