"""One error mapping for every entry point.

``status_galat`` says which HTTP status a domain exception means (validation 400, permission
403, not found 404, illegal or concurrent transition 409) and ``pesan_galat`` its message in
Bahasa Indonesia. The DRF handler (``inti.api.exception_handler``), the HTML error pages
(``handler400/403/404/500`` in ``sistemkerja.urls``) and ``GalatMiddleware`` (an exception a
view did not catch) all answer through these two functions.
"""
from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext_lazy as _
from django_fsm import TransitionNotAllowed

from .exceptions import KonflikError
from .jejak import pesan_galat

__all__ = ["status_galat", "pesan_galat", "GalatMiddleware", "halaman_400", "halaman_403", "halaman_404",
           "halaman_409", "halaman_500"]


def status_galat(exc: BaseException) -> int | None:
    """The HTTP status of a domain exception, or None when it is not one (a bug: 500)."""
    if isinstance(exc, ValidationError):
        return 400
    if isinstance(exc, PermissionDenied):
        return 403
    if isinstance(exc, (ObjectDoesNotExist, Http404)):
        return 404
    if isinstance(exc, (KonflikError, TransitionNotAllowed)):
        return 409
    return None


def _pesan(exception) -> str:
    if exception is None:
        return ""
    if isinstance(exception, BaseException):
        return str(exception) if isinstance(exception, (PermissionDenied, Http404)) else pesan_galat(exception)
    return str(exception)


# Under /api/ an error a view did not answer itself (an unknown path, a 500) is JSON like the
# API's own errors ({"detail": ...}), never an HTML page.
PESAN_API = {
    400: _("Permintaan tidak valid."),
    403: _("Anda tidak memiliki izin untuk melakukan tindakan ini."),
    404: _("Tidak ditemukan."),
    409: _("Konflik: data telah berubah."),
    500: _("Terjadi kesalahan pada server."),
}


def _api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _json(status: int, exception=None) -> JsonResponse:
    pesan = _pesan(exception) if status != 500 else ""
    return JsonResponse({"detail": pesan or str(PESAN_API[status])}, status=status,
                        json_dumps_params={"ensure_ascii": False})


def halaman_400(request: HttpRequest, exception=None) -> HttpResponse:
    if _api(request):
        return _json(400, exception)
    return render(request, "400.html", {"exception": _pesan(exception)}, status=400)


def halaman_403(request: HttpRequest, exception=None) -> HttpResponse:
    if _api(request):
        return _json(403, exception)
    return render(request, "403.html", {"exception": _pesan(exception)}, status=403)


def halaman_404(request: HttpRequest, exception=None) -> HttpResponse:
    if _api(request):
        return _json(404)  # never echoes the path or Django's resolver message
    return render(request, "404.html", {"request_path": request.path, "exception": _pesan(exception)}, status=404)


def halaman_409(request: HttpRequest, exception=None) -> HttpResponse:
    if _api(request):
        return _json(409, exception)
    return render(request, "409.html", {"exception": _pesan(exception)}, status=409)


def halaman_500(request: HttpRequest) -> HttpResponse:
    """Static page: rendered without context processors (they may be what failed)."""
    if _api(request):
        return _json(500)
    return HttpResponse(loader.get_template("500.html").render(), status=500)


class GalatMiddleware:
    """A domain exception a view did not catch becomes its error page: KonflikError or an
    illegal transition → 409, ValidationError → 400 (403 and 404 are Django's own handlers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        kode = status_galat(exception)
        if kode == 409:
            return halaman_409(request, exception)
        if kode == 400:
            return halaman_400(request, exception)
        return None
