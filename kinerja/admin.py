"""Kinerja in the Django admin: read-only (writes go through the services, which check the
position on the date and audit). Auditors and admins can look, search and filter."""
from django.contrib import admin

from . import models as m


class HanyaBaca:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SasaranInline(HanyaBaca, admin.TabularInline):
    model = m.SasaranKinerja
    fields = ["urutan", "kode", "uraian"]
    extra = 0
    show_change_link = True


@admin.register(m.PerjanjianKinerja)
class PerjanjianKinerjaAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ["tahun", "jabatan", "perangkat_daerah", "versi", "status", "tanggal_berlaku", "nama_penetap"]
    list_filter = ["tahun", "status", "instansi"]
    search_fields = ["jabatan__nama", "perangkat_daerah__nama", "judul"]
    list_select_related = ["jabatan", "perangkat_daerah"]
    inlines = [SasaranInline]


class IndikatorInline(HanyaBaca, admin.TabularInline):
    model = m.IndikatorKinerja
    fields = ["urutan", "kode", "uraian", "satuan", "polaritas", "baseline", "target_tahunan", "realisasi"]
    extra = 0


@admin.register(m.SasaranKinerja)
class SasaranKinerjaAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ["pk_kinerja", "urutan", "uraian"]
    search_fields = ["uraian"]
    inlines = [IndikatorInline]


@admin.register(m.TargetJabatan)
class TargetJabatanAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ["indikator", "jabatan", "cara", "sebutan_porsi", "induk"]
    list_filter = ["cara"]
    search_fields = ["jabatan__nama", "indikator__uraian"]
    list_select_related = ["indikator", "jabatan", "induk__jabatan"]


@admin.register(m.AturanKinerja)
class AturanKinerjaAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ["instansi", "berlaku_mulai", "penetap_pk", "penentu_strategi", "pk_boleh_diubah"]
    list_filter = ["instansi"]


for model in (m.StrategiTarget, m.TautanTarget, m.RencanaKegiatanAnggaran, m.RencanaAksi, m.RencanaKerjaIndividu,
              m.BarisMatriksPeran, m.Laporan, m.PermintaanLaporan, m.Kendala, m.PenyerahanHasil):
    admin.site.register(model, type(f"{model.__name__}Admin", (HanyaBaca, admin.ModelAdmin), {}))
