from django.apps import AppConfig


class SuratConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "surat"

    def ready(self):
        # the letters the workflow issues (penugasan declares the hooks; see penugasan/dokumen.py)
        from inti.demo import daftarkan_demo
        from penugasan import dokumen

        from . import demo, selectors, services

        dokumen.SURAT_PERMOHONAN_TERBITKAN.daftarkan(services.surat_permohonan_terbitkan)
        dokumen.SURAT_JAWABAN_TERBITKAN.daftarkan(services.surat_jawaban_terbitkan)
        dokumen.SURAT_PENUGASAN_TERBITKAN.daftarkan(services.surat_penugasan_terbitkan)
        dokumen.KEPUTUSAN_TIM_TERBITKAN.daftarkan(services.keputusan_tim_terbitkan)
        dokumen.SURAT_PER_OBJEK.daftarkan(selectors.surat_per_objek)
        daftarkan_demo(self.label, demo.muat)
