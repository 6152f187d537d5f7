"""One page of a list for the HTML pages: every list paginates, none is silently capped.

``halaman_dari`` wraps Django's ``Paginator`` (two queries: COUNT and the page); the page
carries the figures the shared partial ``partials/paginasi.html`` shows ("Menampilkan 1–50
dari 400") and its links keep the other query parameters (filters) through ``{% querystring %}``.
"""
from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PER_HALAMAN = 50
PARAM = "halaman"


def halaman_dari(request: HttpRequest, object_list, *, per_halaman: int | None = None) -> Page:
    """The page asked for in ``?halaman=`` (out of range or not a number: the nearest valid page);
    ``PER_HALAMAN`` items unless the list sets its own size."""
    return Paginator(object_list, per_halaman or PER_HALAMAN).get_page(request.GET.get(PARAM, 1))
