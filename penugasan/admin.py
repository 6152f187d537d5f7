"""Django admin for assignments: read-only. Every change goes through ``penugasan.services``
(the state machine, permissions and audit). The audit trail's admin is ``inti.admin``."""
from django.contrib import admin

from inti.admin import HanyaBacaMixin

from .models import AnggotaTim, LangkahPermohonan, Penugasan, PermohonanPenugasan, TimKerja


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
