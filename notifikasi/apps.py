from django.apps import AppConfig


class NotifikasiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifikasi"

    def ready(self):
        # the notifications the workflow sends (penugasan declares the hook; see penugasan/dokumen.py)
        from penugasan import dokumen

        from . import selectors, services

        dokumen.NOTIFIKASI_KIRIM.daftarkan(services.notifikasi_kirim)
        dokumen.NOTIFIKASI_UNTUK.daftarkan(selectors.notifikasi_untuk)
