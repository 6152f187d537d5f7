from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PemeriksaanConfig(AppConfig):
    """Auditors: scoped read-only pages, registers exported as CSV/XLSX/PDF, background exports."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "pemeriksaan"
    verbose_name = _("Pemeriksaan (auditor)")
