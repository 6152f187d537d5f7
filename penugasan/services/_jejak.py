"""Audit writers of the assignment workflow: one ``JejakAudit`` row per attempt, refused attempts
recorded in their own transaction after the rollback (``_dengan_jejak``)."""
from __future__ import annotations

import functools

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed

from organisasi import selectors as org
from sistemkerja.exceptions import KonflikError

from ..models import JejakAudit, PermohonanPenugasan


def _nama_user(actor) -> str:
    pegawai = getattr(actor, "pegawai", None) if actor is not None else None
    if pegawai is not None:
        return pegawai.nama_lengkap
    return actor.get_username() if actor is not None else ""


def jejak_catat(*, actor, objek, aksi: str, diizinkan: bool, status_dari: str = "", status_ke: str = "",
                alasan: str = "", ip: str | None = None, pejabat: org.Pejabat | None = None,
                objek_tipe: str = "", objek_id=None) -> JejakAudit:
    """Append one audit row (the only way rows are written)."""
    return JejakAudit.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        nama_actor=_nama_user(actor)[:250],
        atas_nama=(pejabat.sebutan if pejabat else "")[:250],
        sebagai=pejabat.sebagai if pejabat else "",
        objek_tipe=objek_tipe or (objek._meta.label if objek is not None else ""),
        objek_id=str(objek.pk if objek is not None else (objek_id or "")),
        objek_repr=str(objek)[:250] if objek is not None else "",
        aksi=aksi, status_dari=status_dari or "", status_ke=status_ke or "", alasan=alasan, ip=ip or None,
        diizinkan=diizinkan,
    )


def _pesan(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return "; ".join(f"{k}: {' '.join(m for e in v for m in e.messages)}" for k, v in exc.error_dict.items())
        return " ".join(exc.messages)
    if isinstance(exc, KonflikError):
        return exc.message
    if isinstance(exc, TransitionNotAllowed):
        return KonflikError.default_message
    if isinstance(exc, ObjectDoesNotExist):
        return _("Data tidak ditemukan.")
    return str(exc) or exc.__class__.__name__


def jejak_tolak(*, actor, model, objek_id, aksi: str, alasan: str, ip: str | None = None) -> JejakAudit:
    """Record a refused attempt in its own transaction (call it after the attempt rolled back)."""
    with transaction.atomic():
        objek = model.objects.filter(pk=objek_id).first() if objek_id else None
        return jejak_catat(actor=actor, objek=objek, objek_tipe=model._meta.label, objek_id=objek_id, aksi=aksi,
                           diizinkan=False, status_dari=getattr(objek, "status", ""), alasan=alasan[:2000], ip=ip)


DITOLAK = (PermissionDenied, ValidationError, KonflikError, TransitionNotAllowed, ObjectDoesNotExist)


def _dengan_jejak(aksi: str, model=PermohonanPenugasan, kunci: str = "permohonan_id"):
    """Run the service in its own transaction; when refused, roll it back and then record the
    refused attempt (who, what, why) in a fresh transaction before re-raising."""

    def dekorator(fn):
        @functools.wraps(fn)
        def pembungkus(*, actor, ip: str | None = None, **kwargs):
            try:
                with transaction.atomic():
                    return fn(actor=actor, ip=ip, **kwargs)
            except DITOLAK as exc:
                jejak_tolak(actor=actor, model=model, objek_id=kwargs.get(kunci), aksi=aksi,
                            alasan=_pesan(exc), ip=ip)
                raise

        return pembungkus

    return dekorator
