"""DRF exception handler: the API side of ``inti.galat`` (one mapping, messages in Bahasa Indonesia)."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .exceptions import KonflikError
from .galat import status_galat


def validation_error_detail(exc: ValidationError) -> dict:
    """{"field": ["message", ...]} for field errors, {"detail": "..."} otherwise."""
    if hasattr(exc, "error_dict"):
        return {field: [m for e in errs for m in e.messages] for field, errs in exc.error_dict.items()}
    messages = exc.messages
    return {"detail": messages[0] if len(messages) == 1 else messages}


def exception_handler(exc, context):
    kode = status_galat(exc)
    if kode == 400:
        return Response(validation_error_detail(exc), status=kode)
    if kode == 403:
        return Response({"detail": str(exc) or _("Anda tidak berwenang melakukan tindakan ini.")}, status=kode)
    if kode == 404:
        return Response({"detail": _("Data tidak ditemukan.")}, status=kode)
    if kode == 409:
        return Response({"detail": exc.message if isinstance(exc, KonflikError) else KonflikError.default_message},
                        status=kode)
    return drf_exception_handler(exc, context)
