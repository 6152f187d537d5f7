from django.apps import AppConfig


class OrganisasiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "organisasi"

    def ready(self):
        from inti.demo import daftarkan_demo

        from . import demo

        daftarkan_demo(self.label, lambda konteks: demo.muat())
