"""Django admin for org-chart imports (``ImporBagan``): upload → dry run → confirm → progress.

Registered on the default admin site when this module is imported (``organisasi/admin.py``
imports it). Views are thin: every step calls a function of ``organisasi.importer``.

URLs (names under the ``admin`` namespace):
  organisasi_imporbagan_changelist   /admin/organisasi/imporbagan/
  organisasi_imporbagan_unggah       /admin/organisasi/imporbagan/unggah/
  organisasi_imporbagan_hasil        /admin/organisasi/imporbagan/<pk>/hasil/     (dry run; POST = confirm)
  organisasi_imporbagan_progres      /admin/organisasi/imporbagan/<pk>/progres/   (progress page)
  organisasi_imporbagan_progres_json /admin/organisasi/imporbagan/<pk>/progres.json
"""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inti.exceptions import KonflikError

from . import importer, permissions
from .models import ImporBagan, Instansi, StatusImpor


def _instansi_untuk(user):
    """Instansi the user may import into: managed wholly, or through at least one PD."""
    if user.is_superuser:
        return Instansi.objects.all()
    return Instansi.objects.filter(
        Q(pk__in=permissions.instansi_yang_dikelola(user).values("pk"))
        | Q(pk__in=permissions.pd_yang_dikelola(user).values("instansi_id"))
    )


class UnggahForm(forms.Form):
    instansi = forms.ModelChoiceField(label=_("Instansi"), queryset=Instansi.objects.none())
    berkas = forms.FileField(label=_("Berkas bagan (CSV atau XLSX)"),
                             help_text=_("Format: satu baris per jabatan/pegawai; lihat docs/format-impor.md."))
    tanggal = forms.DateField(label=_("Tanggal mulai bawaan"), required=False,
                              help_text=_("dipakai bila kolom 'mulai' kosong; bawaan: hari ini"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        qs = _instansi_untuk(user)
        self.fields["instansi"].queryset = qs
        if qs.count() == 1:
            self.fields["instansi"].initial = qs.first()

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if not berkas.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError(_("Jenis berkas tidak didukung: gunakan .csv atau .xlsx."))
        return berkas


@admin.register(ImporBagan)
class ImporBaganAdmin(admin.ModelAdmin):
    list_display = ["nama_berkas", "instansi", "status", "total_baris", "persen_tampil", "diunggah_oleh",
                    "created_at"]
    list_filter = ["status", "instansi"]
    ordering = ["-created_at"]
    actions = ["coba_lagi"]

    @admin.action(description=_("Coba terapkan lagi impor yang macet berstatus diproses"), permissions=["coba_lagi"])
    def coba_lagi(self, request, queryset):
        n = 0
        for impor in queryset:
            try:
                importer.impor_bagan_coba_lagi(actor=request.user, impor_id=impor.pk)
            except (KonflikError, PermissionDenied) as exc:
                self.message_user(request, f"{impor.nama_berkas}: {exc}", messages.ERROR)
            else:
                n += 1
        if n:
            self.message_user(request, _("%(n)d impor diantrekan lagi.") % {"n": n}, messages.SUCCESS)

    def has_coba_lagi_permission(self, request):
        return self._boleh(request)

    @admin.display(description=_("kemajuan"))
    def persen_tampil(self, obj):
        return f"{obj.persen}%"

    # ---- who sees what
    def _boleh(self, request) -> bool:
        u = request.user
        return u.is_active and u.is_staff and (u.is_superuser or permissions.adalah_admin_kepegawaian(u))

    def has_module_permission(self, request):
        return self._boleh(request)

    def has_view_permission(self, request, obj=None):
        return self._boleh(request) and (obj is None or self._milik(request, obj))

    def has_add_permission(self, request):
        return self._boleh(request)

    def has_change_permission(self, request, obj=None):
        return False  # jobs are changed only through the import steps

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def _milik(self, request, obj: ImporBagan) -> bool:
        u = request.user
        return u.is_superuser or obj.diunggah_oleh_id == u.pk or permissions.boleh_kelola_instansi(u, obj.instansi)

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("instansi", "diunggah_oleh")
        u = request.user
        if u.is_superuser:
            return qs
        return qs.filter(Q(diunggah_oleh=u) | Q(instansi__in=permissions.instansi_yang_dikelola(u).values("pk")))

    def _ambil(self, request, pk) -> ImporBagan:
        impor = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self._boleh(request):
            raise PermissionDenied
        return impor

    # ---- URLs
    def get_urls(self):
        w = self.admin_site.admin_view
        info = "organisasi_imporbagan"
        return [
            path("unggah/", w(self.unggah_view), name=f"{info}_unggah"),
            path("<int:pk>/hasil/", w(self.hasil_view), name=f"{info}_hasil"),
            path("<int:pk>/progres/", w(self.progres_view), name=f"{info}_progres"),
            path("<int:pk>/kesalahan.csv", w(self.kesalahan_view), name=f"{info}_kesalahan"),
            path("<int:pk>/progres.json", w(self.progres_json_view), name=f"{info}_progres_json"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:organisasi_imporbagan_unggah"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        impor = self._ambil(request, object_id)
        nama = "hasil" if impor.status in (StatusImpor.SIAP, StatusImpor.GAGAL_VALIDASI, StatusImpor.DIPERIKSA) \
            else "progres"
        return HttpResponseRedirect(reverse(f"admin:organisasi_imporbagan_{nama}", args=[impor.pk]))

    def _konteks(self, request, **kw):
        return {**self.admin_site.each_context(request), "opts": self.model._meta,
                "app_label": self.model._meta.app_label, "has_view_permission": True, **kw}

    # ---- step 1: upload (runs the dry run)
    def unggah_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UnggahForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                impor = importer.impor_bagan_unggah(
                    actor=request.user, instansi=form.cleaned_data["instansi"], berkas=form.cleaned_data["berkas"],
                    nama_berkas=form.cleaned_data["berkas"].name,
                    tanggal=form.cleaned_data.get("tanggal") or timezone.localdate())
            except ValidationError as exc:  # {"berkas": ...} from the service, or a plain message
                form.add_error(None if hasattr(exc, "error_dict") else "berkas", exc)
            else:
                return HttpResponseRedirect(reverse("admin:organisasi_imporbagan_hasil", args=[impor.pk]))
        return TemplateResponse(request, "admin/organisasi/imporbagan/unggah.html",
                                self._konteks(request, form=form, title=_("Impor bagan organisasi")))

    # ---- step 2: dry-run result; POST confirms
    def hasil_view(self, request, pk):
        impor = self._ambil(request, pk)
        if request.method == "POST":
            try:
                importer.impor_bagan_konfirmasi(actor=request.user, impor_id=impor.pk)
            except KonflikError as exc:
                messages.error(request, str(exc))
                return HttpResponseRedirect(request.path)
            messages.info(request, _("Impor sedang diterapkan di latar belakang."))
            return HttpResponseRedirect(reverse("admin:organisasi_imporbagan_progres", args=[impor.pk]))
        ringkasan = impor.ringkasan.get("ringkasan", {})
        sampel = impor.ringkasan.get("sampel", {})
        baris_ringkasan = [
            {"kunci": k, "label": importer.ENTITAS.get(k, k), **v} for k, v in ringkasan.items()
        ]
        baris_sampel = [
            {"label": importer.ENTITAS.get(k, k), "baris": v} for k, v in sampel.items() if v
        ]
        return TemplateResponse(request, "admin/organisasi/imporbagan/hasil.html", self._konteks(
            request, impor=impor, ringkasan=baris_ringkasan, sampel=baris_sampel, kesalahan=impor.kesalahan,
            jumlah_kesalahan=impor.ringkasan.get("jumlah_kesalahan", len(impor.kesalahan)),
            boleh_terapkan=impor.status == StatusImpor.SIAP,
            title=_("Hasil uji coba impor: %(n)s") % {"n": impor.nama_berkas}))

    def kesalahan_view(self, request, pk):
        impor = self._ambil(request, pk)
        isi = importer.impor_bagan_kesalahan_csv(actor=request.user, impor_id=impor.pk)
        jawaban = HttpResponse(isi, content_type="text/csv; charset=utf-8")
        jawaban["Content-Disposition"] = f'attachment; filename="kesalahan-impor-{impor.pk}.csv"'
        return jawaban

    # ---- step 3: progress
    def progres_view(self, request, pk):
        impor = self._ambil(request, pk)
        return TemplateResponse(request, "admin/organisasi/imporbagan/progres.html", self._konteks(
            request, impor=impor, progres=importer.impor_bagan_progres(impor=impor),
            title=_("Penerapan impor: %(n)s") % {"n": impor.nama_berkas}))

    def progres_json_view(self, request, pk):
        try:
            impor = self._ambil(request, pk)
        except Http404:
            return JsonResponse({"detail": str(_("Impor tidak ditemukan."))}, status=404)
        data = importer.impor_bagan_progres(impor=impor)
        if data["selesai"]:
            data["kesalahan"] = impor.kesalahan[:200]
            data["ringkasan"] = impor.ringkasan.get("ringkasan", {})
        return JsonResponse(data)
