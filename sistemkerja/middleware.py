"""Project middleware: the Permissions-Policy header and the mapping of SQLite's write lock to a conflict."""
from __future__ import annotations

from contextlib import ExitStack

from django.conf import settings
from django.db import OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _

from inti.exceptions import KonflikError
from inti.galat import halaman_409


def _terkunci(exc: BaseException) -> bool:
    return isinstance(exc, OperationalError) and "database is locked" in str(exc)


class BasisDataSibuk(KonflikError):
    """SQLite stayed locked by another writer longer than the busy timeout (HTTP 409)."""

    default_message = _("Data ini sedang diubah oleh pengguna lain. Muat ulang untuk melihat keadaan terbaru.")


def _ubah_terkunci(execute, sql, params, many, context):
    try:
        return execute(sql, params, many, context)
    except OperationalError as exc:
        if _terkunci(exc):
            raise BasisDataSibuk() from exc
        raise


def _asal(izin: str) -> str:
    return izin if izin in ("self", "*") else f'"{izin}"'


class PermissionsPolicyMiddleware:
    """Permissions-Policy header from settings.PERMISSIONS_POLICY ({feature: [allowlist]}; an
    empty list switches the feature off, "self" allows our origin)."""

    def __init__(self, get_response):
        self.get_response = get_response
        kebijakan = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(f"{fitur}=({' '.join(map(_asal, izin))})" for fitur, izin in kebijakan.items())

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class SqliteTerkunciMiddleware:
    """On SQLite (the ``make run`` default) a statement that still finds the database locked after
    the busy timeout (settings: OPTIONS timeout, BEGIN IMMEDIATE) raises the same KonflikError as
    a concurrent decision on PostgreSQL: views show "already decided", the API and
    ``inti.galat.GalatMiddleware`` answer 409. A raw "database is locked" that escapes anyway
    (e.g. at COMMIT) answers 409 too, never 500."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.sqlite = [a for a in settings.DATABASES if settings.DATABASES[a]["ENGINE"].endswith("sqlite3")]

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.sqlite:
            return self.get_response(request)
        with ExitStack() as stack:
            for alias in self.sqlite:
                stack.enter_context(connections[alias].execute_wrapper(_ubah_terkunci))
            return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not _terkunci(exc):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": str(BasisDataSibuk.default_message)}, status=409)
        return halaman_409(request, BasisDataSibuk())
