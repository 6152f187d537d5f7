from django.apps import AppConfig


class PenugasanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "penugasan"
