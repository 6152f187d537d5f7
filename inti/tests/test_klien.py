"""The audit IP comes from REMOTE_ADDR, or from the configured proxy header, never blindly from X-Forwarded-For."""
from __future__ import annotations

import pytest
from django.test import RequestFactory

from inti.klien import alamat_klien

rf = RequestFactory()


def _req(remote="10.0.0.5", **headers):
    return rf.get("/", REMOTE_ADDR=remote, **{f"HTTP_{k}": v for k, v in headers.items()})


def test_tanpa_proxy_terpercaya_header_diabaikan(settings):
    settings.SISTEMKERJA_TRUSTED_PROXY_HEADER = ""
    assert alamat_klien(_req(X_FORWARDED_FOR="1.2.3.4")) == "10.0.0.5"  # spoofed header ignored


@pytest.mark.parametrize("header, jumlah, nilai, harapan", [
    ("X-Forwarded-For", 1, "203.0.113.7", "203.0.113.7"),
    ("X-Forwarded-For", 1, "1.2.3.4, 203.0.113.7", "203.0.113.7"),  # client-written entry on the left ignored
    ("X-Forwarded-For", 2, "1.2.3.4, 203.0.113.7, 192.168.1.2", "203.0.113.7"),
    ("X-Forwarded-For", 2, "203.0.113.7", "10.0.0.5"),  # shorter than our proxy chain: not trusted
    ("X-Forwarded-For", 1, "bukan-ip", "10.0.0.5"),
    ("X-Forwarded-For", 1, "", "10.0.0.5"),
    ("X-Real-IP", 1, "2001:db8::1", "2001:db8::1"),
])
def test_header_proxy_terpercaya(settings, header, jumlah, nilai, harapan):
    settings.SISTEMKERJA_TRUSTED_PROXY_HEADER = header
    settings.SISTEMKERJA_NUM_PROXIES = jumlah
    meta = header.upper().replace("-", "_")
    assert alamat_klien(_req(**{meta: nilai})) == harapan
