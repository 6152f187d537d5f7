from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import SeriNomor, Surat


@admin.register(Surat)
class SuratAdmin(admin.ModelAdmin):
    """Read-only: issued letters are immutable; revocation goes through ``surat_cabut``."""

    list_display = ["nomor", "jenis", "perihal", "tanggal", "penandatangan_nama", "status"]
    list_filter = ["jenis", "status", "instansi", "tahun"]
    search_fields = ["nomor", "perihal", "penandatangan_nama", "uuid"]
    date_hierarchy = "tanggal"

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields] + ["pihak"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SeriNomor)
class SeriNomorAdmin(admin.ModelAdmin):
    list_display = ["instansi", "perangkat_daerah", "kode_klasifikasi", "tahun", "nomor_terakhir"]
    list_filter = ["instansi", "tahun"]
    readonly_fields = ["nomor_terakhir"]
    verbose_name = _("seri nomor surat")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
