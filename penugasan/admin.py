"""Django admin for assignments: read-only. Every change goes through ``penugasan.services``
(the state machine, permissions and audit); the audit trail can be neither edited nor deleted."""
from django.contrib import admin

from .models import AnggotaTim, JejakAudit, LangkahPermohonan, Penugasan, PermohonanPenugasan, TimKerja


class HanyaBacaMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        if getattr(self, "fields", None):
            return self.fields
        opts = self.model._meta
        return [f.name for f in [*opts.concrete_fields, *opts.many_to_many] if f.editable and f.name != "id"]


class LangkahInline(HanyaBacaMixin, admin.TabularInline):
    model = LangkahPermohonan
    extra = 0
    fields = ["urutan", "kode_langkah", "keputusan", "nama_pegawai", "nama_jabatan", "sebagai",
              "nama_pejabat_definitif", "alasan", "status_dari", "status_ke", "waktu"]
    readonly_fields = fields
    can_delete = False


@admin.register(PermohonanPenugasan)
class PermohonanPenugasanAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["judul", "rute", "status", "langkah_ke", "pemohon", "unit_asal", "unit_tujuan", "diajukan_pada"]
    list_filter = ["rute", "status", "sifat", "instansi_asal"]
    search_fields = ["judul", "pemohon__nama", "pemohon__nip"]
    list_select_related = ["pemohon", "unit_asal", "unit_tujuan"]
    date_hierarchy = "created_at"
    inlines = [LangkahInline]


@admin.register(Penugasan)
class PenugasanAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["pegawai", "peran", "peran_lain", "tim", "unit", "mulai", "selesai", "status", "diterima_pada"]
    list_filter = ["status", "peran", "sifat", "instansi"]
    search_fields = ["pegawai__nama", "pegawai__nip", "uraian_tugas"]
    list_select_related = ["pegawai", "tim", "unit"]


class AnggotaInline(HanyaBacaMixin, admin.TabularInline):
    model = AnggotaTim
    extra = 0
    fields = ["pegawai", "peran", "sasaran", "indikator", "target"]
    readonly_fields = fields
    can_delete = False


@admin.register(TimKerja)
class TimKerjaAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["nama", "unit", "sifat", "mulai", "selesai", "status"]
    list_filter = ["status", "sifat", "instansi"]
    search_fields = ["nama"]
    inlines = [AnggotaInline]


@admin.register(JejakAudit)
class JejakAuditAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["waktu", "nama_actor", "atas_nama", "aksi", "objek_repr", "status_dari", "status_ke",
                    "diizinkan", "ip"]
    list_filter = ["diizinkan", "aksi", "objek_tipe"]
    search_fields = ["nama_actor", "objek_repr", "alasan", "objek_id"]
    date_hierarchy = "waktu"
