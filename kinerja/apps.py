from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kinerja"

    def ready(self):
        from inti.demo import daftarkan_demo

        from . import demo, demo_pelaksanaan

        # Kinerja I's demo (PK, cascade, team, plans), then Kinerja II's on top of it
        daftarkan_demo(self.label, lambda konteks: demo_pelaksanaan.muat(demo.muat(konteks)))
