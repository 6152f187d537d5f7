"""Django admin of the core app: the audit trail, read-only (it can be neither edited nor
deleted), and the read-only mixin other apps' history admins share."""
from django.contrib import admin

from .models import JejakAudit


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


@admin.register(JejakAudit)
class JejakAuditAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ["waktu", "nama_actor", "atas_nama", "aksi", "objek_repr", "status_dari", "status_ke",
                    "diizinkan", "ip"]
    list_filter = ["diizinkan", "aksi", "objek_tipe"]
    search_fields = ["nama_actor", "objek_repr", "alasan", "objek_id"]
    date_hierarchy = "waktu"
