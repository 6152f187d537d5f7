from django.apps import AppConfig


class SuratConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "surat"
