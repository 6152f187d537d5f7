"""The real wiring: every hook penugasan declares is served by the surat / notifikasi function
registered in their AppConfig.ready(), and the demo loaders run in app order."""
from __future__ import annotations

from django.core.management import call_command

from inti.demo import pemuat_demo
from inti.kait import periksa_kait, semua_kait
from notifikasi import services as notifikasi_services
from penugasan import dokumen
from surat import services as surat_services


def test_setiap_kait_punya_penangan():
    assert periksa_kait() == []
    call_command("check")  # no inti.E001
    assert {k.nama: k.penangan for k in semua_kait() if k.nama in {
        "notifikasi_kirim", "surat_permohonan_terbitkan", "surat_jawaban_terbitkan", "surat_penugasan_terbitkan",
        "keputusan_tim_terbitkan"}} == {
        "notifikasi_kirim": notifikasi_services.notifikasi_kirim,
        "surat_permohonan_terbitkan": surat_services.surat_permohonan_terbitkan,
        "surat_jawaban_terbitkan": surat_services.surat_jawaban_terbitkan,
        "surat_penugasan_terbitkan": surat_services.surat_penugasan_terbitkan,
        "keputusan_tim_terbitkan": surat_services.keputusan_tim_terbitkan,
    }
    assert dokumen.SURAT_PENUGASAN_TERBITKAN.penangan is surat_services.surat_penugasan_terbitkan


def test_pemuat_demo_urut_aplikasi():
    assert [label for label, _ in pemuat_demo()] == ["organisasi", "penugasan", "kinerja", "surat"]
