"""Pages of the Perjanjian Kinerja: the list (and a new draft), the editor (sasaran, indikator,
import with row/column errors, set, amend as a new version with its reason) and the cascade
tree. Thin: ``kinerja.services`` write, ``kinerja.selectors`` read."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inti.halaman import halaman_dari
from inti.waktu import hari_ini
from organisasi import selectors as org

from .. import forms, selectors, selectors_halaman, services
from ..models import IndikatorKinerja, PerjanjianKinerja, SasaranKinerja, StatusPK
from ._umum import indikator_atau_404, ip, pesan_validasi, pk_atau_404


def _terapkan(form, exc: ValidationError) -> None:
    """A service's ValidationError onto the form: field errors where the field exists."""
    for baris in pesan_validasi(exc) if not hasattr(exc, "error_dict") else []:
        form.add_error(None, baris)
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            if field in form.fields:
                form.add_error(field, errors)
            else:
                form.add_error(None, [m if field in ("__all__", "berkas") else f"{field}: {m}" for m in errors])


@login_required
def pk_daftar(request: HttpRequest) -> HttpResponse:
    """Every PK the user may read (50 a page) and, for whoever sets a PK, a new draft."""
    pilihan = selectors_halaman.jabatan_penetap_milik(user=request.user)
    form = forms.PkBuatForm(request.POST or None, jabatan_pilihan=pilihan,
                            initial={"tahun": hari_ini().year})
    if request.method == "POST" and form.is_valid():
        try:
            pk = services.pk_buat(actor=request.user, ip=ip(request), jabatan_id=form.cleaned_data["jabatan"],
                                  tahun=form.cleaned_data["tahun"], judul=form.cleaned_data["judul"])
        except ValidationError as exc:
            _terapkan(form, exc)
        else:
            messages.success(request, _("Draf Perjanjian Kinerja dibuat. Tambahkan sasaran dan indikatornya."))
            return redirect("kinerja_pk_detail", pk=pk.pk)
    halaman = halaman_dari(request, selectors.pk_list(user=request.user))
    return render(request, "kinerja/pk_daftar.html", {"halaman": halaman, "items": list(halaman.object_list),
                                                      "form": form if pilihan else None},
                  status=400 if form.errors else 200)


def _konteks_detail(request: HttpRequest, pk: PerjanjianKinerja, **forms_) -> dict:
    sasaran = list(SasaranKinerja.objects.filter(pk_kinerja=pk).prefetch_related("indikator").order_by("urutan"))
    versi = list(PerjanjianKinerja.objects.filter(jabatan_id=pk.jabatan_id, tahun=pk.tahun).order_by("versi"))
    pejabat = org.pejabat_pada(jabatan=pk.jabatan)
    pegawai = getattr(request.user, "pegawai", None)
    pemilik = pejabat is not None and pegawai is not None and pejabat.pegawai.pk == pegawai.pk
    draf = pk.status == StatusPK.DRAF
    boleh_diubah = (pk.status == StatusPK.DITETAPKAN
                    and selectors.aturan_kinerja_pada(instansi=pk.instansi).pk_boleh_diubah)
    gagal_id = forms_.get("indikator_sasaran_id")
    for s in sasaran:  # one indikator form per sasaran, each with its own element ids
        s.indikator_form = (forms_["indikator_form"] if s.pk == gagal_id and forms_.get("indikator_form") else
                            forms.IndikatorForm(prefix="indikator", auto_id=f"id_s{s.pk}_%s"))
    return {
        "pk": pk, "sasaran": sasaran, "versi_list": versi, "pemilik": pemilik, "draf": draf,
        "pejabat": pejabat, "boleh_diubah": boleh_diubah,
        "sasaran_form": forms_.get("sasaran_form") or forms.SasaranForm(prefix="sasaran"),
        "indikator_sasaran_id": gagal_id,
        "tetapkan_form": forms_.get("tetapkan_form") or forms.TetapkanForm(),
        "ubah_form": forms_.get("ubah_form") or forms.UbahForm(),
        "impor_form": forms_.get("impor_form") or forms.ImporForm(),
    }


@login_required
def pk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    obj = pk_atau_404(request, pk)
    return render(request, "kinerja/pk_detail.html", _konteks_detail(request, obj))


def _gagal(request, obj, **forms_) -> HttpResponse:
    return render(request, "kinerja/pk_detail.html", _konteks_detail(request, obj, **forms_), status=400)


@login_required
@require_POST
def sasaran_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    obj = pk_atau_404(request, pk)
    form = forms.SasaranForm(request.POST, prefix="sasaran")
    if form.is_valid():
        try:
            services.sasaran_simpan(actor=request.user, ip=ip(request), pk_id=obj.pk, **form.cleaned_data)
        except ValidationError as exc:
            _terapkan(form, exc)
        else:
            messages.success(request, _("Sasaran ditambahkan."))
            return redirect("kinerja_pk_detail", pk=obj.pk)
    return _gagal(request, obj, sasaran_form=form)


@login_required
@require_POST
def indikator_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    sasaran = SasaranKinerja.objects.filter(pk=pk).select_related("pk_kinerja").first()
    obj = pk_atau_404(request, sasaran.pk_kinerja_id if sasaran else 0)
    form = forms.IndikatorForm(request.POST, prefix="indikator", auto_id=f"id_s{sasaran.pk}_%s")
    if form.is_valid():
        try:
            services.indikator_simpan(actor=request.user, ip=ip(request), sasaran_id=sasaran.pk, **form.cleaned_data)
        except ValidationError as exc:
            _terapkan(form, exc)
        else:
            messages.success(request, _("Indikator ditambahkan."))
            return redirect("kinerja_pk_detail", pk=obj.pk)
    return _gagal(request, obj, indikator_form=form, indikator_sasaran_id=sasaran.pk)


@login_required
@require_POST
def indikator_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    indikator = indikator_atau_404(request, pk)
    services.indikator_hapus(actor=request.user, ip=ip(request), indikator_id=indikator.pk)
    messages.success(request, _("Indikator dihapus."))
    return redirect("kinerja_pk_detail", pk=indikator.sasaran.pk_kinerja_id)


@login_required
@require_POST
def pk_tetapkan(request: HttpRequest, pk: int) -> HttpResponse:
    obj = pk_atau_404(request, pk)
    form = forms.TetapkanForm(request.POST)
    if form.is_valid():
        try:
            services.pk_tetapkan(actor=request.user, ip=ip(request), pk_id=obj.pk,
                                 tanggal_berlaku=form.cleaned_data["tanggal_berlaku"])
        except ValidationError as exc:
            _terapkan(form, exc)
        else:
            messages.success(request, _("Perjanjian Kinerja ditetapkan."))
            return redirect("kinerja_pk_detail", pk=obj.pk)
    return _gagal(request, obj, tetapkan_form=form)


@login_required
@require_POST
def pk_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    """Amend a set PK: a new draft version with the reason (only where the rules allow)."""
    obj = pk_atau_404(request, pk)
    form = forms.UbahForm(request.POST)
    if form.is_valid():
        try:
            baru = services.pk_ubah(actor=request.user, ip=ip(request), pk_id=obj.pk, **form.cleaned_data)
        except ValidationError as exc:
            _terapkan(form, exc)
        else:
            messages.success(request, _("Draf perubahan (versi %(v)s) dibuat. Sunting lalu tetapkan.")
                             % {"v": baru.versi})
            return redirect("kinerja_pk_detail", pk=baru.pk)
    return _gagal(request, obj, ubah_form=form)


@login_required
@require_POST
def pk_impor(request: HttpRequest, pk: int) -> HttpResponse:
    """Import sasaran/indikator from CSV/XLSX: all or nothing, errors by row and column."""
    obj = pk_atau_404(request, pk)
    form = forms.ImporForm(request.POST, request.FILES)
    if form.is_valid():
        berkas = form.cleaned_data["berkas"]
        try:
            jumlah = services.impor_sasaran_indikator(actor=request.user, ip=ip(request), pk_id=obj.pk,
                                                      berkas=berkas, nama_berkas=berkas.name,
                                                      ganti=form.cleaned_data["ganti"])
        except ValidationError as exc:
            _terapkan(form, exc)
        else:
            messages.success(request, _("Impor berhasil: %(s)s sasaran baru, %(i)s indikator baru.")
                             % {"s": jumlah["sasaran_baru"], "i": jumlah["indikator_baru"]})
            return redirect("kinerja_pk_detail", pk=obj.pk)
    return _gagal(request, obj, impor_form=form)


@login_required
def pk_kaskade(request: HttpRequest, pk: int) -> HttpResponse:
    """The cascade as a picture: sasaran → indikator → owner positions → teams/individuals →
    members, with a progress bar per target (a fixed number of queries)."""
    obj = pk_atau_404(request, pk)
    pohon = selectors_halaman.pohon_dengan_progres(selectors.pohon_kaskade(pk=obj))
    return render(request, "kinerja/pk_kaskade.html", {"pk": obj, "pohon": pohon})


@login_required
def kaskade_bagi(request: HttpRequest, pk: int) -> HttpResponse:
    """Divide an indikator's target among positions below the PK's owner (or, with ``?induk=``,
    a Level 2 target among positions below its owner: the third level where the rules say so)."""
    indikator: IndikatorKinerja = indikator_atau_404(request, pk)
    pk_obj = indikator.sasaran.pk_kinerja
    induk_id = forms.id_atau_none(request.GET.get("induk") or request.POST.get("induk"))
    induk = indikator.kaskade.select_related("jabatan__unit").filter(pk=induk_id).first() if induk_id else None
    jabatan_atas = induk.jabatan if induk else pk_obj.jabatan
    calon = selectors_halaman.calon_pemilik_target(jabatan_atas=jabatan_atas, indikator=indikator, induk=induk)
    form = forms.KaskadeForm(request.POST or None, initial={"cara": calon["cara"]})
    galat: list[str] = []
    if request.method == "POST" and form.is_valid():
        cara = form.cleaned_data["cara"]
        bagian = []
        for j in calon["jabatan"]:
            isi = (request.POST.get(f"porsi-{j['id']}") or "").strip()[:2000]
            if not isi:
                continue
            b = {"jabatan_id": j["id"], "cara": cara}
            b["aspek" if cara == "aspek" else cara] = isi
            bagian.append(b)
        try:
            services.kaskade_bagi(actor=request.user, ip=ip(request), indikator_id=indikator.pk, bagian=bagian,
                                  induk_id=induk.pk if induk else None)
        except ValidationError as exc:
            galat = pesan_validasi(exc)
            for j in calon["jabatan"]:
                j["isi"] = (request.POST.get(f"porsi-{j['id']}") or "").strip()
        else:
            messages.success(request, _("Pembagian target disimpan."))
            return redirect("kinerja_pk_kaskade", pk=pk_obj.pk)
    return render(request, "kinerja/kaskade_bagi.html", {
        "indikator": indikator, "pk": pk_obj, "induk": induk, "jabatan_atas": jabatan_atas, "calon": calon,
        "form": form, "galat": galat}, status=400 if galat or form.errors else 200)
