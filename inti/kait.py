"""Named side-effect hooks: explicit wiring between apps without importing against the direction.

An app that needs a side effect owned by an app above it (penugasan needs letters from
``surat`` and notifications from ``notifikasi``) *declares* a hook; the owning app *registers*
its handler in ``AppConfig.ready()``::

    # penugasan/dokumen.py                   # surat/apps.py, SuratConfig.ready()
    SURAT_PENUGASAN_TERBITKAN = Kait(         dokumen.SURAT_PENUGASAN_TERBITKAN.daftarkan(
        "surat_penugasan_terbitkan")              services.surat_penugasan_terbitkan)

Nothing is looked up by string and nothing is skipped: calling a hook without a handler
raises ``ImproperlyConfigured``, and the system check ``inti.E001`` (run by ``runserver``,
``migrate``, ``check`` and the test ``tests/test_kait.py``) refuses to start while any declared
hook has no handler.
"""
from __future__ import annotations

from typing import Any, Callable, ClassVar

from django.core import checks
from django.core.exceptions import ImproperlyConfigured


class Kait:
    """One named hook with exactly one handler."""

    _semua: ClassVar[dict[str, Kait]] = {}

    def __init__(self, nama: str, *, keterangan: str = ""):
        if nama in Kait._semua:
            raise ImproperlyConfigured(f"Kait '{nama}' dideklarasikan dua kali.")
        self.nama = nama
        self.keterangan = keterangan
        self.penangan: Callable[..., Any] | None = None
        Kait._semua[nama] = self

    def __repr__(self) -> str:
        return f"<Kait {self.nama}>"

    def daftarkan(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """Register the handler (once; registering the same function again is harmless)."""
        if self.penangan is not None and self.penangan is not fn:
            raise ImproperlyConfigured(
                f"Kait '{self.nama}' sudah ditangani oleh {_nama(self.penangan)}; {_nama(fn)} tidak dapat "
                "didaftarkan juga.")
        self.penangan = fn
        return fn

    def __call__(self, **kwargs: Any) -> Any:
        if self.penangan is None:
            raise ImproperlyConfigured(
                f"Kait '{self.nama}' belum punya penangan: aplikasi pemiliknya harus mendaftarkannya di "
                "AppConfig.ready().")
        return self.penangan(**kwargs)


def _nama(fn: Callable[..., Any]) -> str:
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', repr(fn))}"


def semua_kait() -> list[Kait]:
    return sorted(Kait._semua.values(), key=lambda k: k.nama)


def periksa_kait(kait: list[Kait] | None = None) -> list[checks.CheckMessage]:
    """One ``inti.E001`` error per declared hook without a handler."""
    return [
        checks.Error(f"Kait '{k.nama}' tidak punya penangan{f' ({k.keterangan})' if k.keterangan else ''}.",
                     hint="Daftarkan penangannya di AppConfig.ready() aplikasi pemiliknya: "
                          "<kait>.daftarkan(<fungsi>).",
                     obj=k, id="inti.E001")
        for k in (semua_kait() if kait is None else kait) if k.penangan is None
    ]


def _cek_sistem(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return periksa_kait()
