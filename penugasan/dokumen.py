"""The side effects of the workflow that other apps own: letters (``surat``) and notifications
(``notifikasi``), and the two reads penugasan's pages show from them.

penugasan may not import those apps (they import penugasan), so it declares one hook per
effect (``inti.kait.Kait``) and ``surat`` / ``notifikasi`` register their handlers in their
``AppConfig.ready()``. A hook without a handler stops start-up (system check ``inti.E001``)
and raises when called: no letter is ever skipped silently.

Each is called *inside* the service's transaction; the handler schedules its own after-commit
work (PDF rendering, e-mail).
"""
from __future__ import annotations

from inti.kait import Kait

NOTIFIKASI_KIRIM = Kait("notifikasi_kirim", keterangan="notifikasi.services.notifikasi_kirim")
SURAT_PERMOHONAN_TERBITKAN = Kait("surat_permohonan_terbitkan",
                                  keterangan="surat.services.surat_permohonan_terbitkan")
SURAT_JAWABAN_TERBITKAN = Kait("surat_jawaban_terbitkan", keterangan="surat.services.surat_jawaban_terbitkan")
SURAT_PENUGASAN_TERBITKAN = Kait("surat_penugasan_terbitkan",
                                 keterangan="surat.services.surat_penugasan_terbitkan")
KEPUTUSAN_TIM_TERBITKAN = Kait("keputusan_tim_terbitkan", keterangan="surat.services.keputusan_tim_terbitkan")
# reads penugasan's pages show from the same apps
SURAT_PER_OBJEK = Kait("surat_per_objek", keterangan="surat.selectors.surat_per_objek")
NOTIFIKASI_UNTUK = Kait("notifikasi_untuk", keterangan="notifikasi.selectors.notifikasi_untuk")


def kirim_notifikasi(*, penerima, jenis: str, judul: str, pesan: str, url: str = "", kunci: str, objek=None) -> int:
    penerima = [u for u in penerima if u is not None]
    if not penerima:
        return 0
    return NOTIFIKASI_KIRIM(penerima=penerima, jenis=jenis, judul=judul, pesan=pesan, url=url, kunci=kunci,
                            objek=objek)


def terbitkan_surat_permohonan(*, permohonan, actor):
    return SURAT_PERMOHONAN_TERBITKAN(permohonan=permohonan, actor=actor)


def terbitkan_surat_jawaban(*, permohonan, langkah, actor):
    return SURAT_JAWABAN_TERBITKAN(permohonan=permohonan, langkah=langkah, actor=actor)


def terbitkan_surat_penugasan(*, penugasan: list, actor):
    """One letter per assignment of ``penugasan`` (those one decision creates, issued together)."""
    return SURAT_PENUGASAN_TERBITKAN(penugasan=list(penugasan), actor=actor)


def terbitkan_keputusan_tim(*, tim, actor):
    return KEPUTUSAN_TIM_TERBITKAN(tim=tim, actor=actor)
