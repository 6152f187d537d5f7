from django.apps import AppConfig


class IntiConfig(AppConfig):
    """The bottom app: what every app shares (timestamps, append-only rows, the audit trail,
    the clock, the conflict error, the error pages). It imports no other app of ours."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "inti"
    verbose_name = "Inti"
