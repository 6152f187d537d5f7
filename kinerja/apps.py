from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kinerja"

    def ready(self):
        from inti.demo import daftarkan_demo

        from . import demo

        daftarkan_demo(self.label, demo.muat)
