"""Admin of the auditor app: the per-Instansi limits (superusers), exports read-only."""
from django.contrib import admin

from .models import Ekspor, PengaturanPemeriksaan


class HanyaSuperuserMixin:
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(PengaturanPemeriksaan)
class PengaturanPemeriksaanAdmin(HanyaSuperuserMixin, admin.ModelAdmin):
    list_display = ("instansi", "batas_tim_per_tahun", "updated_at")

    def has_add_permission(self, request):
        return self.has_view_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)


@admin.register(Ekspor)
class EksporAdmin(HanyaSuperuserMixin, admin.ModelAdmin):
    """Who exported what (the audit trail has the same); files are not served from here."""

    list_display = ("created_at", "diminta_oleh", "register", "format", "status", "jumlah_baris", "sha256")
    list_filter = ("register", "format", "status", "latar")
    readonly_fields = [f.name for f in Ekspor._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
