"""Django admin for the organisation, scoped per Perangkat Daerah / Instansi.

Thin: every list is restricted through ``permissions.batasi_queryset`` (SQL subqueries), every
object page checks ``permissions.boleh_kelola_objek``, every foreign-key chooser offers only rows
the user manages, and every save that touches a rule (holders, placements, unit tree, presets)
goes through ``services``. A rule broken by the input becomes a form error: the service is first
run inside a savepoint that is rolled back (a dry run) while the form validates, then for real
when the admin saves.
"""
from __future__ import annotations

import copy
import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from inti import waktu

from . import kedudukan, permissions, services, services_aturan
from .models import (
    Instansi,
    Jabatan,
    JenisJabatan,
    JenisPemangku,
    Kedudukan,
    Kompetensi,
    LingkupAuditor,
    Pegawai,
    PemangkuJabatan,
    PerangkatDaerah,
    Preset,
    UnitOrganisasi,
)
from .models_aturan import FIELD_ATURAN, AturanInstansi
from .presets import PRESETS
from .rute import rute_validasi

admin.site.site_header = _("Sistem Kerja — Administrasi")
admin.site.site_title = _("Sistem Kerja")
admin.site.index_title = _("Pengelolaan organisasi dan kepegawaian")


# --------------------------------------------------------------------------- service dry run


class _UjiCobaSelesai(Exception):
    """Raised inside the savepoint to roll a successful dry run back."""


def tambahkan_kesalahan(form: forms.BaseForm, error: ValidationError) -> None:
    """Attach a service's ValidationError to the form: on its field when the form shows that
    field, else as a non-field error naming the field."""
    if hasattr(error, "error_dict"):
        for field, daftar in error.error_dict.items():
            if field in form.fields:
                form.add_error(field, daftar)
            else:
                label = form._meta.model._meta.get_field(field).verbose_name if hasattr(form, "_meta") else field
                for e in daftar:
                    for pesan in e.messages:
                        form.add_error(None, f"{label}: {pesan}")
    else:
        form.add_error(None, error)


def uji_layanan(form: forms.BaseForm, fungsi) -> None:
    """Run ``fungsi`` (a service call) in a savepoint and roll it back; its ValidationError
    becomes form errors. Nothing is written."""
    try:
        with transaction.atomic():
            fungsi()
            raise _UjiCobaSelesai
    except _UjiCobaSelesai:
        pass
    except ValidationError as e:
        tambahkan_kesalahan(form, e)


class FormLayanan(forms.ModelForm):
    """A ModelForm for a new row that a service creates. Subclasses implement
    ``panggil_layanan(actor)``; ``clean`` dry-runs it, the admin calls it for real."""

    def panggil_layanan(self, *, actor):  # pragma: no cover - abstract
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        if not self.errors and self.instance.pk is None:
            uji_layanan(self, lambda: self.panggil_layanan(actor=None))
        return cleaned


class FormUbahLayanan(FormLayanan):
    """A ModelForm for a change to an existing row that a service makes (e.g. ending a holding)."""

    def clean(self):
        cleaned = forms.ModelForm.clean(self)
        if not self.errors:
            uji_layanan(self, lambda: self.panggil_layanan(actor=None))
        return cleaned


def _isi_dari_form(form: forms.ModelForm, obj) -> None:
    """Copy the cleaned values onto the instance (as the ModelForm would after ``clean``) so that
    a service can validate the object as it would be saved."""
    for nama, nilai in form.cleaned_data.items():
        if nama in form.fields and nama in {f.name for f in obj._meta.concrete_fields}:
            setattr(obj, nama, nilai)


def _salin_hasil(obj, hasil) -> None:
    """Make the admin's unsaved ``obj`` point at the row the service created."""
    for field in obj._meta.concrete_fields:
        setattr(obj, field.attname, getattr(hasil, field.attname))
    obj._state.adding = False
    obj._state.db = hasil._state.db


# --------------------------------------------------------------------------- scoping


class CakupanAdmin(admin.ModelAdmin):
    """Restricts lists, object pages and choosers to the Perangkat Daerah / Instansi the user
    manages (``permissions``). Superusers see all; auditors read their Instansi (``LingkupAuditor``)."""

    list_per_page = 50

    def get_queryset(self, request):
        return permissions.batasi_queryset(request.user, super().get_queryset(request))

    def get_object(self, request, object_id, from_field=None):
        # Look the object up unscoped so that another PD's object gives 403 (permission check
        # with the object) rather than Django's "does not exist" redirect.
        model = self.model
        field = model._meta.pk if from_field is None else model._meta.get_field(from_field)
        try:
            object_id = field.to_python(object_id)
            return model._default_manager.get(**{field.name: object_id})
        except (model.DoesNotExist, ValidationError, ValueError):
            return None

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and permissions.boleh_lihat_objek(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and permissions.boleh_kelola_objek(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and permissions.boleh_kelola_objek(request.user, obj)

    def pilihan_fk(self, request, model):
        """Rows of ``model`` this user may pick in a foreign-key chooser."""
        if model is Instansi:
            return permissions.instansi_yang_dapat_dilihat(request.user)
        return permissions.batasi_queryset(request.user, model._default_manager.all(), untuk_ubah=True)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs and db_field.related_model in (
            Instansi, PerangkatDaerah, UnitOrganisasi, Jabatan, Pegawai,
        ):
            kwargs["queryset"] = self.pilihan_fk(request, db_field.related_model)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_formset(self, request, form, formset, change):
        if issubclass(formset.form, FormLayanan):
            baru = []
            for f in formset.forms:
                if f.has_changed() and f.is_valid() and not f.cleaned_data.get("DELETE"):
                    baru.append(f.panggil_layanan(actor=request.user))
            formset.new_objects, formset.changed_objects, formset.deleted_objects = baru, [], []
            return
        super().save_formset(request, form, formset, change)


class CakupanInline:
    """Inline choosers limited like the parent admin's."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs and db_field.related_model in (UnitOrganisasi, Jabatan, Pegawai):
            kwargs["queryset"] = permissions.batasi_queryset(
                request.user, db_field.related_model._default_manager.all(), untuk_ubah=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# --------------------------------------------------------------------------- Instansi


class InstansiForm(forms.ModelForm):
    terapkan_preset = forms.ChoiceField(
        label=_("terapkan preset peraturan"), required=False,
        choices=[("", _("— jangan ubah —"))] + [(k, Preset(k).label) for k in PRESETS],
        help_text=_("mengisi ulang semua pengaturan daerah di bawah dari peraturan yang dipilih"),
    )
    aturan_berlaku_mulai = forms.DateField(
        label=_("perubahan aturan berlaku mulai"), required=False,
        help_text=_("perubahan pengaturan daerah dicatat sebagai versi baru yang berlaku mulai tanggal ini "
                    "(kosong = hari ini); versi lama tetap berlaku bagi permohonan yang diajukan sebelumnya"),
    )
    aturan_peraturan = forms.CharField(
        label=_("peraturan yang menetapkan perubahan"), required=False, max_length=300,
        help_text=_("mis. Peraturan Bupati Kotabaru Nomor 12 Tahun 2026; kosong = dasar hukum"),
    )
    aturan_catatan = forms.CharField(label=_("alasan perubahan aturan"), required=False, widget=forms.Textarea)
    ketua_tim_jenis_jabatan = forms.MultipleChoiceField(
        label=_("jenis jabatan yang boleh menjadi ketua tim"), required=False,
        choices=JenisJabatan.choices, widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Instansi
        exclude = ["preset"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        jabatan = (Jabatan.objects.filter(instansi=self.instance, jenis__in=(
            JenisJabatan.KEPALA_DAERAH, JenisJabatan.JPT_PRATAMA)) if self.instance.pk else Jabatan.objects.none())
        for nama in ("jabatan_pyb", "jabatan_sekda"):
            if nama in self.fields:
                # PyB / Pembina: Kepala Daerah or (by delegation) the Sekda, a JPT position
                self.fields[nama].queryset = jabatan.order_by("-jenis", "nama")

    def clean_aturan_kedudukan(self):
        nilai = self.cleaned_data.get("aturan_kedudukan") or {}
        salah = kedudukan.validasi_data(nilai)
        if salah:
            raise forms.ValidationError(salah)
        return nilai

    def clean_langkah_rute(self):
        nilai = self.cleaned_data.get("langkah_rute") or {}
        try:
            rute_validasi(nilai)
        except ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["langkah_rute"]) from exc
        return nilai


def _aksi_preset(preset: str):
    def aksi(modeladmin, request, queryset):
        n = 0
        for instansi in queryset:
            if not permissions.boleh_kelola_instansi(request.user, instansi):
                modeladmin.message_user(request, _("Anda tidak mengelola %(i)s.") % {"i": instansi},
                                        messages.ERROR)
                continue
            services.instansi_terapkan_preset(instansi=instansi, preset=preset, actor=request.user)
            n += 1
        if n:
            modeladmin.message_user(request, _("Preset %(p)s diterapkan pada %(n)d instansi.")
                                    % {"p": Preset(preset).label, "n": n}, messages.SUCCESS)

    aksi.__name__ = f"terapkan_preset_{preset}"
    aksi.short_description = _("Terapkan preset %(p)s") % {"p": Preset(preset).label}
    aksi.allowed_permissions = ("change",)
    return aksi


class RiwayatLewatLayananMixin:
    """History rows (appointments, placements): a new row is created through its service
    (``form_baru.panggil_layanan``); an existing row keeps ``field_riwayat`` read-only and its
    end date is changed through its service too (``form_ubah.panggil_layanan``, with the overlap
    check). Nothing here saves the model directly."""

    form_baru = None
    form_ubah = None
    field_riwayat: tuple[str, ...] = ()

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = self.form_baru if obj is None else self.form_ubah
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.field_riwayat if obj is not None else ()

    def save_model(self, request, obj, form, change):
        _salin_hasil(obj, form.panggil_layanan(actor=request.user))


@admin.register(Instansi)
class InstansiAdmin(CakupanAdmin):
    form = InstansiForm
    list_display = ("nama", "kode", "jenis", "preset", "jenis_surat_penugasan")
    list_filter = ("jenis", "preset")
    search_fields = ("nama", "kode", "nama_daerah")
    readonly_fields = ("preset",)
    actions = [_aksi_preset(p) for p in PRESETS]
    fieldsets = (
        (_("Identitas"), {"fields": ("kode", "nama", "jenis", "nama_daerah", "ibu_kota")}),
        (_("Pejabat"), {"fields": ("jabatan_pyb", "jabatan_sekda")}),
        (_("Peraturan daerah"), {"fields": ("preset", "terapkan_preset", "dasar_hukum", "aturan_berlaku_mulai",
                                            "aturan_peraturan", "aturan_catatan")}),
        (_("Cakupan penugasan"), {"fields": ("label_lintas_instansi", "lintas_perangkat_daerah_aktif",
                                             "lintas_instansi_aktif", "langkah_rute")}),
        (_("Penandatangan"), {"fields": ("penandatangan_dalam_unit", "penandatangan_lintas_unit",
                                         "penandatangan_lintas_pd", "penetap_tim_lintas_pd")}),
        (_("Tim kerja"), {"fields": ("ketua_tim_jenis_jabatan", "ketua_tim_pengawas_jika_dua_level",
                                     "penanggung_jawab_tim_aktif", "batas_beban_kerja")}),
        (_("Kedudukan dan pelaporan"), {"fields": ("aturan_kedudukan", "laporan_individu_ke",
                                                   "hari_pengingat")}),
        (_("Surat"), {"fields": ("jenis_surat_penugasan", "kode_klasifikasi_surat", "format_nomor_surat")}),
    )

    def has_add_permission(self, request):
        return request.user.is_superuser

    def _instansi_terlihat(self, request) -> bool:
        # a PD admin has the model permission through the group but manages no Instansi
        return (permissions.lihat_semua(request.user) or permissions.instansi_yang_dikelola(request.user).exists()
                or permissions.instansi_diaudit(request.user).exists())

    def has_view_permission(self, request, obj=None):
        return self._instansi_terlihat(request) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._instansi_terlihat(request) and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        # the rule-set fields never change in place: a change becomes a new dated version
        diubah = {f: copy.deepcopy(form.cleaned_data[f]) for f in FIELD_ATURAN
                  if f in form.changed_data and f in form.cleaned_data}
        if change and diubah:
            lama = Instansi.objects.get(pk=obj.pk)
            for f in diubah:
                setattr(obj, f, getattr(lama, f))
        # through the service, audited: the settings edited by hand other than the rule set (a change
        # of which becomes a new dated version below, audited by services_aturan), then a preset
        services.instansi_ubah_pengaturan(instansi=obj, actor=request.user)
        preset = form.cleaned_data.get("terapkan_preset")
        berlaku = form.cleaned_data.get("aturan_berlaku_mulai") or waktu.hari_ini()
        if preset:
            services.instansi_terapkan_preset(instansi=obj, preset=preset, actor=request.user,
                                              berlaku_mulai=form.cleaned_data.get("aturan_berlaku_mulai"))
            self.message_user(request, _("Preset %(p)s diterapkan.") % {"p": Preset(preset).label})
        elif diubah:
            try:
                versi = services_aturan.aturan_tetapkan(
                    instansi=obj, nilai=diubah, berlaku_mulai=berlaku, actor=request.user,
                    peraturan=form.cleaned_data.get("aturan_peraturan") or obj.dasar_hukum or "",
                    catatan=form.cleaned_data.get("aturan_catatan", ""))
            except ValidationError as exc:
                self.message_user(request, _("Aturan tidak diubah: %(e)s") % {"e": " ".join(exc.messages)},
                                  messages.ERROR)
                return
            obj.refresh_from_db()
            self.message_user(request, _("Aturan baru dicatat sebagai %(v)s.") % {"v": versi.sebutan})


@admin.register(AturanInstansi)
class AturanInstansiAdmin(admin.ModelAdmin):
    """Read-only: versions are appended by the Instansi form or a preset, never edited."""

    list_display = ("instansi", "versi", "berlaku_mulai", "peraturan", "preset", "dibuat_oleh", "created_at")
    list_filter = ("preset", ("instansi", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("instansi", "dibuat_oleh")
    readonly_fields = [f.name for f in AturanInstansi._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --------------------------------------------------------------------------- Perangkat Daerah


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(CakupanAdmin):
    list_display = ("nama", "singkatan", "jenis", "label_model", "induk", "instansi")
    list_filter = ("jenis", ("instansi", admin.RelatedOnlyFieldListFilter))
    search_fields = ("nama", "singkatan", "kode")
    list_select_related = ("instansi", "induk")
    fieldsets = (
        (_("Identitas"), {"fields": ("instansi", "kode", "nama", "singkatan", "jenis", "induk", "label_model")}),
        (_("Kop surat"), {"fields": ("alamat", "kota", "kode_pos", "telepon", "email", "website", "logo",
                                     "kode_unit_surat")}),
    )

    def has_add_permission(self, request):
        return super().has_add_permission(request) and (
            request.user.is_superuser or permissions.instansi_yang_dikelola(request.user).exists())

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "induk":
            # the parent PD may be one the user does not manage (e.g. the Dinas of a Puskesmas)
            kwargs["queryset"] = PerangkatDaerah.objects.filter(
                instansi__in=permissions.instansi_yang_dapat_dilihat(request.user).values("pk"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not permissions.boleh_kelola_instansi(request.user, obj.instansi):
            return ("instansi", "kode", "jenis", "induk")  # a PD admin edits letterhead, not identity
        return ()


# --------------------------------------------------------------------------- unit tree


class UnitOrganisasiForm(forms.ModelForm):
    class Meta:
        model = UnitOrganisasi
        fields = ("perangkat_daerah", "parent", "kode", "nama", "jenis", "jabatan_pimpinan", "jabatan_ppk")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pd_id = self.instance.perangkat_daerah_id if self.instance.pk else None
        if pd_id:
            # parent and officials only from the same Perangkat Daerah
            for nama, qs in (
                ("parent", UnitOrganisasi.objects.filter(perangkat_daerah_id=pd_id).exclude(pk=self.instance.pk)),
                ("jabatan_pimpinan", Jabatan.objects.filter(unit__perangkat_daerah_id=pd_id)),
                ("jabatan_ppk", Jabatan.objects.filter(unit__perangkat_daerah_id=pd_id)),
            ):
                if nama in self.fields:
                    self.fields[nama].queryset = self.fields[nama].queryset & qs

    def clean(self):
        cleaned = super().clean()
        pd = cleaned.get("perangkat_daerah") or (
            self.instance.perangkat_daerah if self.instance.perangkat_daerah_id else None)
        if pd is None:
            return cleaned
        _isi_dari_form(self, self.instance)
        self.instance.perangkat_daerah = pd
        try:
            services.unit_validasi(unit=self.instance)  # the rules live in the service, not here
        except ValidationError as e:
            tambahkan_kesalahan(self, e)
        return cleaned


@admin.register(UnitOrganisasi)
class UnitOrganisasiAdmin(CakupanAdmin):
    form = UnitOrganisasiForm
    list_display = ("nama_bertingkat", "kode", "jenis", "perangkat_daerah", "jabatan_pimpinan", "jabatan_ppk")
    list_filter = ("jenis", ("perangkat_daerah", admin.RelatedOnlyFieldListFilter))
    search_fields = ("nama", "kode")
    list_select_related = ("perangkat_daerah", "jabatan_pimpinan", "jabatan_ppk")

    def get_queryset(self, request):
        # tree fields first: ModelAdmin.get_queryset would order by a column the CTE adds
        qs = self.model._default_manager.get_queryset().with_tree_fields()
        return permissions.batasi_queryset(request.user, qs)

    def get_ordering(self, request):
        return ("tree_ordering",)  # depth-first: every unit right under its parent

    @admin.display(description=_("unit organisasi"), ordering="tree_ordering")
    def nama_bertingkat(self, obj):
        depth = getattr(obj, "tree_depth", 0) or 0
        return f"{'— ' * depth}{obj.nama}"

    def save_model(self, request, obj, form, change):
        services.unit_simpan(unit=obj, actor=request.user)


# --------------------------------------------------------------------------- holders (PemangkuJabatan)


class PemangkuBaruForm(FormLayanan):
    class Meta:
        model = PemangkuJabatan
        fields = ("jabatan", "pegawai", "jenis", "mulai", "selesai", "nomor_sk")

    def panggil_layanan(self, *, actor):
        d = self.cleaned_data
        return services.pemangku_tetapkan(jabatan=d["jabatan"], pegawai=d["pegawai"], jenis=d["jenis"],
                                          mulai=d["mulai"], selesai=d.get("selesai"),
                                          nomor_sk=d.get("nomor_sk", ""), actor=actor)


class PemangkuUbahForm(FormUbahLayanan):
    class Meta:
        model = PemangkuJabatan
        fields = ("selesai", "nomor_sk")

    def panggil_layanan(self, *, actor):
        d = self.cleaned_data
        return services.pemangku_akhiri(pemangku=self.instance, selesai=d.get("selesai"),
                                        nomor_sk=d.get("nomor_sk", ""), actor=actor)


class _PemangkuTerdaftarInline(admin.TabularInline):
    model = PemangkuJabatan
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = _("riwayat pemangku jabatan")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class _PemangkuBaruInline(CakupanInline, admin.TabularInline):
    model = PemangkuJabatan
    form = PemangkuBaruForm
    extra = 1
    can_delete = False
    verbose_name_plural = _("tetapkan pemangku baru (definitif, Plt., Plh.)")

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def has_add_permission(self, request, obj=None):
        return obj is not None and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return obj is not None and super().has_add_permission(request, obj)

    def has_view_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


class PemangkuDiJabatanInline(_PemangkuTerdaftarInline):
    fields = readonly_fields = ("pegawai", "jenis", "mulai", "selesai", "nomor_sk")


class PemangkuBaruDiJabatanInline(_PemangkuBaruInline):
    fields = ("pegawai", "jenis", "mulai", "selesai", "nomor_sk")


class PemangkuDiPegawaiInline(_PemangkuTerdaftarInline):
    fields = readonly_fields = ("jabatan", "jenis", "mulai", "selesai", "nomor_sk")


class PemangkuBaruDiPegawaiInline(_PemangkuBaruInline):
    fields = ("jabatan", "jenis", "mulai", "selesai", "nomor_sk")


@admin.register(PemangkuJabatan)
class PemangkuJabatanAdmin(RiwayatLewatLayananMixin, CakupanAdmin):
    list_display = ("pegawai", "jabatan", "jenis", "mulai", "selesai", "nomor_sk")
    list_filter = ("jenis",)
    search_fields = ("pegawai__nama", "pegawai__nip", "jabatan__nama")
    list_select_related = ("pegawai", "jabatan")
    date_hierarchy = "mulai"
    autocomplete_fields = ("jabatan", "pegawai")

    form_baru = PemangkuBaruForm
    form_ubah = PemangkuUbahForm
    # an appointment is history: only its end date and decree number may be corrected
    field_riwayat = ("jabatan", "pegawai", "jenis", "mulai")


# --------------------------------------------------------------------------- placements (Kedudukan)


class KedudukanBaruForm(FormLayanan):
    class Meta:
        model = Kedudukan
        fields = ("pegawai", "jabatan_ppk", "jabatan_pimpinan", "mulai")

    def panggil_layanan(self, *, actor):
        d = self.cleaned_data
        return services.kedudukan_tetapkan(pegawai=d["pegawai"], jabatan_ppk=d["jabatan_ppk"],
                                           jabatan_pimpinan=d.get("jabatan_pimpinan"), mulai=d["mulai"],
                                           actor=actor)


class KedudukanUbahForm(FormUbahLayanan):
    class Meta:
        model = Kedudukan
        fields = ("selesai",)

    def panggil_layanan(self, *, actor):
        return services.kedudukan_akhiri(kedudukan=self.instance, selesai=self.cleaned_data.get("selesai"),
                                         actor=actor)


class KedudukanDiPegawaiInline(admin.TabularInline):
    model = Kedudukan
    fk_name = "pegawai"
    extra = 0
    can_delete = False
    show_change_link = True
    fields = readonly_fields = ("jabatan_ppk", "jabatan_pimpinan", "mulai", "selesai")
    verbose_name_plural = _("riwayat kedudukan")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class KedudukanBaruDiPegawaiInline(CakupanInline, admin.TabularInline):
    model = Kedudukan
    fk_name = "pegawai"
    form = KedudukanBaruForm
    extra = 1
    can_delete = False
    fields = ("jabatan_ppk", "jabatan_pimpinan", "mulai")
    verbose_name_plural = _("tetapkan kedudukan baru")

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def has_add_permission(self, request, obj=None):
        return obj is not None and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return obj is not None and super().has_add_permission(request, obj)

    def has_view_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


@admin.register(Kedudukan)
class KedudukanAdmin(RiwayatLewatLayananMixin, CakupanAdmin):
    list_display = ("pegawai", "jabatan_ppk", "jabatan_pimpinan", "mulai", "selesai")
    search_fields = ("pegawai__nama", "pegawai__nip", "jabatan_ppk__nama")
    list_select_related = ("pegawai", "jabatan_ppk", "jabatan_pimpinan")
    autocomplete_fields = ("pegawai", "jabatan_ppk", "jabatan_pimpinan")

    form_baru = KedudukanBaruForm
    form_ubah = KedudukanUbahForm
    field_riwayat = ("pegawai", "jabatan_ppk", "jabatan_pimpinan", "mulai")


# --------------------------------------------------------------------------- Jabatan


class JabatanForm(forms.ModelForm):
    class Meta:
        model = Jabatan
        fields = ("instansi", "unit", "kode", "nama", "jenis", "kepala_unit", "nama_jf", "kategori_jf", "jenjang")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "instansi" in self.fields:
            self.fields["instansi"].required = False
            self.fields["instansi"].help_text = _("diisi otomatis dari unit; wajib hanya untuk Kepala Daerah")

    def clean(self):
        cleaned = super().clean()
        _isi_dari_form(self, self.instance)
        try:
            services.jabatan_validasi(jabatan=self.instance)  # the rules live in the service, not here
        except ValidationError as e:
            tambahkan_kesalahan(self, e)
        # the service fills these; the form must not put the typed values back
        if "instansi" in self.fields:
            cleaned["instansi"] = self.instance.instansi if self.instance.instansi_id else None
        cleaned["kategori_jf"] = self.instance.kategori_jf
        return cleaned


@admin.register(Jabatan)
class JabatanAdmin(CakupanAdmin):
    form = JabatanForm
    list_display = ("nama", "kode", "jenis", "jenjang", "kepala_unit", "unit", "pemangku_sekarang")
    list_filter = ("jenis", "jenjang", "kepala_unit", ("instansi", admin.RelatedOnlyFieldListFilter))
    search_fields = ("nama", "kode", "nama_jf", "unit__nama")
    list_select_related = ("unit",)
    autocomplete_fields = ("unit",)
    inlines = [PemangkuDiJabatanInline, PemangkuBaruDiJabatanInline]

    def save_model(self, request, obj, form, change):
        services.jabatan_simpan(jabatan=obj, actor=request.user)

    def get_queryset(self, request):
        pemangku = PemangkuJabatan.objects.filter(
            permissions.aktif_pada(datetime.date.today()), jabatan=OuterRef("pk"),
        ).order_by("-mulai")
        return super().get_queryset(request).annotate(
            _pemangku=Subquery(pemangku.filter(jenis=JenisPemangku.DEFINITIF).values("pegawai__nama")[:1]),
            _plt=Subquery(pemangku.filter(~Q(jenis=JenisPemangku.DEFINITIF)).values("pegawai__nama")[:1]),
        )

    @admin.display(description=_("pemangku saat ini"))
    def pemangku_sekarang(self, obj):
        teks = obj._pemangku or _("(kosong)")
        return f"{teks}; Plt./Plh.: {obj._plt}" if obj._plt else teks


# --------------------------------------------------------------------------- Pegawai & Kompetensi


@admin.register(Pegawai)
class PegawaiAdmin(CakupanAdmin):
    list_display = ("nama_lengkap", "nip", "jenis_asn", "golongan", "jabatan_sekarang", "aktif")
    list_filter = ("jenis_asn", "aktif", ("instansi", admin.RelatedOnlyFieldListFilter), "kompetensi")
    search_fields = ("nip", "nama")
    filter_horizontal = ("kompetensi",)
    inlines = [PemangkuDiPegawaiInline, PemangkuBaruDiPegawaiInline, KedudukanDiPegawaiInline,
               KedudukanBaruDiPegawaiInline]
    fieldsets = (
        (None, {"fields": ("instansi", "nip", "gelar_depan", "nama", "gelar_belakang", "jenis_asn")}),
        (_("Kepangkatan"), {"fields": ("pangkat", "golongan")}),
        (_("Akun dan kompetensi"), {"fields": ("email", "user", "kompetensi", "aktif")}),
    )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "user" in form.base_fields and not request.user.is_superuser:
            # link only accounts that belong to nobody yet (or to this pegawai), never admins
            from django.contrib.auth import get_user_model

            akun = get_user_model().objects.filter(is_superuser=False).filter(
                Q(pegawai__isnull=True) | Q(pegawai=obj) if obj is not None else Q(pegawai__isnull=True))
            form.base_fields["user"].queryset = akun.order_by("username")
        return form

    def get_queryset(self, request):
        jabatan = PemangkuJabatan.objects.filter(
            permissions.aktif_pada(datetime.date.today()), pegawai=OuterRef("pk"), jenis=JenisPemangku.DEFINITIF,
        ).order_by("-mulai").values("jabatan__nama")[:1]
        return super().get_queryset(request).annotate(_jabatan=Subquery(jabatan))

    @admin.display(description=_("nama"), ordering="nama")
    def nama_lengkap(self, obj):
        return obj.nama_lengkap

    @admin.display(description=_("jabatan saat ini"))
    def jabatan_sekarang(self, obj):
        return obj._jabatan or "—"


@admin.register(Kompetensi)
class KompetensiAdmin(admin.ModelAdmin):
    search_fields = ("nama",)
    list_display = ("nama",)


from . import admin_impor  # noqa: E402,F401  (registers the org-chart import admin)


# --------------------------------------------------------------------------- auditor scope


@admin.register(LingkupAuditor)
class LingkupAuditorAdmin(admin.ModelAdmin):
    """Which Instansi each auditor reads; managed by superusers only. A user listed here also
    needs the group "Auditor" (``permissions.beri_auditor`` gives both)."""

    list_display = ("user", "instansi", "keterangan", "created_at")
    list_filter = (("instansi", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("user__username", "user__first_name", "user__last_name", "keterangan")
    list_select_related = ("user", "instansi")

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission
