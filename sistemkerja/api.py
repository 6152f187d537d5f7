"""DRF exception handler: one place that turns domain exceptions into HTTP answers in Bahasa Indonesia."""
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django_fsm import TransitionNotAllowed
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .exceptions import KonflikError


def validation_error_detail(exc: ValidationError) -> dict:
    """{"field": ["message", ...]} for field errors, {"detail": "..."} otherwise."""
    if hasattr(exc, "error_dict"):
        return {field: [m for e in errs for m in e.messages] for field, errs in exc.error_dict.items()}
    messages = exc.messages
    return {"detail": messages[0] if len(messages) == 1 else messages}


def exception_handler(exc, context):
    if isinstance(exc, ValidationError):
        return Response(validation_error_detail(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, PermissionDenied):
        message = str(exc) or "Anda tidak berwenang melakukan tindakan ini."
        return Response({"detail": message}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, (ObjectDoesNotExist, Http404)):
        return Response({"detail": "Data tidak ditemukan."}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, KonflikError):
        return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, TransitionNotAllowed):
        return Response({"detail": KonflikError.default_message}, status=status.HTTP_409_CONFLICT)
    return drf_exception_handler(exc, context)
