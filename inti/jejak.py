"""Writers of the audit trail (``JejakAudit``): the only way rows are written.

- ``jejak_catat`` appends one row inside the caller's transaction (an allowed action);
- ``jejak_tolak`` records a refused attempt in its own transaction, after the attempt
  rolled back;
- ``dengan_jejak`` wraps a service: it runs in its own transaction and, when refused, rolls
  back and then records who tried what and why before re-raising.
"""
from __future__ import annotations

import functools
from typing import Protocol

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed

from .exceptions import KonflikError
from .models import AksiAudit, JejakAudit


class BertindakUntuk(Protocol):
    """Who the actor acted for (``organisasi.selectors.Pejabat`` satisfies it)."""

    sebutan: str
    sebagai: str


def nama_pengguna(actor) -> str:
    pegawai = getattr(actor, "pegawai", None) if actor is not None else None
    if pegawai is not None:
        return pegawai.nama_lengkap
    return actor.get_username() if actor is not None else ""


def jejak_catat(*, actor, objek, aksi: AksiAudit, diizinkan: bool, status_dari: str = "", status_ke: str = "",
                alasan: str = "", ip: str | None = None, pejabat: BertindakUntuk | None = None,
                objek_tipe: str = "", objek_id=None) -> JejakAudit:
    """Append one audit row (the only way rows are written)."""
    return JejakAudit.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        nama_actor=nama_pengguna(actor)[:250],
        atas_nama=(pejabat.sebutan if pejabat else "")[:250],
        sebagai=pejabat.sebagai if pejabat else "",
        objek_tipe=objek_tipe or (objek._meta.label if objek is not None else ""),
        objek_id=str(objek.pk if objek is not None else (objek_id or "")),
        objek_repr=str(objek)[:250] if objek is not None else "",
        aksi=AksiAudit(aksi), status_dari=status_dari or "", status_ke=status_ke or "", alasan=alasan,
        ip=ip or None, diizinkan=diizinkan,
    )


def jejak_catat_banyak(*, actor, aksi: AksiAudit, diizinkan: bool, entri) -> list[JejakAudit]:
    """Append one audit row per ``(objek, status_ke, alasan)`` of ``entri`` in one INSERT (the
    rows of one action on many objects, e.g. the letters or assignments of one decision)."""
    nama = nama_pengguna(actor)[:250]
    baris = [
        JejakAudit(actor=actor if actor is not None and actor.pk else None, nama_actor=nama, atas_nama="",
                   sebagai="", objek_tipe=objek._meta.label, objek_id=str(objek.pk), objek_repr=str(objek)[:250],
                   aksi=AksiAudit(aksi), status_dari="", status_ke=status_ke or "", alasan=alasan or "", ip=None,
                   diizinkan=diizinkan)
        for objek, status_ke, alasan in entri
    ]
    return JejakAudit.objects.bulk_create(baris) if baris else []


def pesan_galat(exc: Exception) -> str:
    """The human message of a refusal, as recorded in the audit trail."""
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


def jejak_tolak(*, actor, model, objek_id, aksi: AksiAudit, alasan: str, ip: str | None = None) -> JejakAudit:
    """Record a refused attempt in its own transaction (call it after the attempt rolled back)."""
    with transaction.atomic():
        objek = model.objects.filter(pk=objek_id).first() if objek_id else None
        return jejak_catat(actor=actor, objek=objek, objek_tipe=model._meta.label, objek_id=objek_id, aksi=aksi,
                           diizinkan=False, status_dari=getattr(objek, "status", ""), alasan=alasan[:2000], ip=ip)


DITOLAK = (PermissionDenied, ValidationError, KonflikError, TransitionNotAllowed, ObjectDoesNotExist)


def dengan_jejak(aksi: AksiAudit, *, model, kunci: str):
    """Run the service in its own transaction; when refused, roll it back and then record the
    refused attempt (who, what, why) in a fresh transaction before re-raising.

    The service is keyword-only and takes ``actor`` and ``ip``; ``kunci`` names the keyword
    that carries the id of the ``model`` row acted on."""
    aksi = AksiAudit(aksi)

    def dekorator(fn):
        @functools.wraps(fn)
        def pembungkus(*, actor, ip: str | None = None, **kwargs):
            try:
                with transaction.atomic():
                    return fn(actor=actor, ip=ip, **kwargs)
            except DITOLAK as exc:
                jejak_tolak(actor=actor, model=model, objek_id=kwargs.get(kunci), aksi=aksi,
                            alasan=pesan_galat(exc), ip=ip)
                raise

        return pembungkus

    return dekorator
