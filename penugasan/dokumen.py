"""Call sites of the side effects owned by other apps (letters, notifications).

Imported lazily, one small function per effect, so that a missing function is obvious in one
place. Each is called *inside* the service's transaction; the callee schedules its own
after-commit work (PDF rendering, e-mail). When the callee does not exist yet the call is
logged as a warning and skipped (``TERSEDIA`` tells which are wired).
"""
from __future__ import annotations

import importlib
import logging

logger = logging.getLogger(__name__)


def _fungsi(modul: str, nama: str):
    try:
        return getattr(importlib.import_module(modul), nama)
    except (ImportError, AttributeError):
        logger.warning("%s.%s belum tersedia: efek samping dilewati.", modul, nama)
        return None


def tersedia(modul: str, nama: str) -> bool:
    try:
        return hasattr(importlib.import_module(modul), nama)
    except ImportError:
        return False


def kirim_notifikasi(*, penerima, jenis: str, judul: str, pesan: str, url: str = "", kunci: str, objek=None) -> int:
    fn = _fungsi("notifikasi.services", "notifikasi_kirim")
    penerima = [u for u in penerima if u is not None]
    if fn is None or not penerima:
        return 0
    return fn(penerima=penerima, jenis=jenis, judul=judul, pesan=pesan, url=url, kunci=kunci, objek=objek)


def terbitkan_surat_permohonan(*, permohonan, actor):
    fn = _fungsi("surat.services", "surat_permohonan_terbitkan")
    return fn(permohonan=permohonan, actor=actor) if fn else None


def terbitkan_surat_jawaban(*, permohonan, langkah, actor):
    fn = _fungsi("surat.services", "surat_jawaban_terbitkan")
    return fn(permohonan=permohonan, langkah=langkah, actor=actor) if fn else None


def terbitkan_surat_penugasan(*, penugasan, actor):
    fn = _fungsi("surat.services", "surat_penugasan_terbitkan")
    return fn(penugasan=penugasan, actor=actor) if fn else None


def terbitkan_keputusan_tim(*, tim, actor):
    fn = _fungsi("surat.services", "keputusan_tim_terbitkan")
    return fn(tim=tim, actor=actor) if fn else None
