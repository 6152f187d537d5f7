"""The demo data chain behind ``manage.py muat_demo``: each app registers its loader in its
``AppConfig.ready()`` and the loaders run in ``INSTALLED_APPS`` order, each taking the
``konteks`` dict returned by the one before (organisasi builds the region and the accounts,
penugasan the requests, surat the letters' PDFs). Explicit registration, no module lookup by
name: a loader that is not registered does not exist."""
from __future__ import annotations

from typing import Callable

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

PemuatDemo = Callable[[dict], "dict | None"]

_pemuat: dict[str, PemuatDemo] = {}


def daftarkan_demo(app_label: str, pemuat: PemuatDemo) -> None:
    if _pemuat.get(app_label, pemuat) is not pemuat:
        raise ImproperlyConfigured(f"Aplikasi '{app_label}' sudah mendaftarkan pemuat demo.")
    _pemuat[app_label] = pemuat


def pemuat_demo() -> list[tuple[str, PemuatDemo]]:
    """The registered loaders, in INSTALLED_APPS order."""
    return [(app.label, _pemuat[app.label]) for app in apps.get_app_configs() if app.label in _pemuat]


def muat_semua() -> dict:
    """Run every loader; return the final ``konteks`` (users, roles, the demo password)."""
    konteks: dict = {}
    for _label, pemuat in pemuat_demo():
        hasil = pemuat(konteks)
        if isinstance(hasil, dict):
            konteks = hasil
    return konteks
