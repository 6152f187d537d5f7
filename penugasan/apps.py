from django.apps import AppConfig


class PenugasanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "penugasan"

    def ready(self):
        from inti.demo import daftarkan_demo

        from . import demo

        daftarkan_demo(self.label, demo.muat)
