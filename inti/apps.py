from django.apps import AppConfig
from django.core import checks

from .kait import _cek_sistem


class IntiConfig(AppConfig):
    """The bottom app: what every app shares (timestamps, append-only rows, the audit trail,
    the clock, the conflict error, the error pages, the side-effect hooks). It imports no other
    app of ours."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "inti"
    verbose_name = "Inti"

    def ready(self):
        checks.register(_cek_sistem)
