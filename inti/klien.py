"""The client's address for the audit trail, never taken blindly from ``X-Forwarded-For``.

Anyone can send ``X-Forwarded-For: 1.2.3.4``; only the entries appended by our own reverse
proxies can be trusted. With no proxy configured (the default) the address is ``REMOTE_ADDR``,
the peer of the TCP connection. Behind proxies, set

- ``SISTEMKERJA_TRUSTED_PROXY_HEADER``: the header the proxies set, as a request header name
  (``X-Forwarded-For``, ``X-Real-IP``); empty = no proxy;
- ``SISTEMKERJA_NUM_PROXIES``: how many of our proxies append to it (default 1).

The client is then the entry ``NUM_PROXIES`` places from the right: what our outermost proxy
saw. Entries left of it were written by the client and are ignored. A header that is missing,
shorter than expected or not an IP address falls back to ``REMOTE_ADDR``. See docs/deploy.md.
"""
from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _kunci_meta(header: str) -> str:
    return "HTTP_" + header.strip().upper().replace("-", "_")


def _ip_sah(nilai: str) -> str | None:
    nilai = nilai.strip()
    try:
        return str(ipaddress.ip_address(nilai))
    except ValueError:
        return None


def alamat_klien(request: HttpRequest) -> str | None:
    """The client's IP address as recorded in ``JejakAudit.ip`` (None when unknown)."""
    langsung = _ip_sah(request.META.get("REMOTE_ADDR") or "")
    header = getattr(settings, "SISTEMKERJA_TRUSTED_PROXY_HEADER", "")
    if not header:
        return langsung
    jumlah = max(int(getattr(settings, "SISTEMKERJA_NUM_PROXIES", 1)), 1)
    daftar = [x for x in (request.META.get(_kunci_meta(header)) or "").split(",") if x.strip()]
    if len(daftar) < jumlah:
        return langsung
    return _ip_sah(daftar[-jumlah]) or langsung
