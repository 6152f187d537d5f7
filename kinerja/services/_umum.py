"""What every kinerja service shares: audit rows (same transaction), refused attempts audited
after the rollback, and "does the actor hold or act for this position today"."""
from __future__ import annotations

import datetime
import functools
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from organisasi import selectors as org
from organisasi.models import Jabatan, JenisPemangku, Pegawai
from penugasan.services import DITOLAK, jejak_catat, jejak_tolak
from sistemkerja.exceptions import KonflikError

from ..models import AturanKinerja
from ..selectors import aturan_kinerja_pada, hari_ini

__all__ = ["jejak_catat", "dengan_jejak", "pegawai_actor", "pejabat_untuk", "aturan", "angka", "hari_ini"]

BATAS_ANGKA = Decimal(10) ** 14


def _pesan(exc: Exception) -> str:
    """The reason recorded for a refused attempt."""
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
        return " ".join(exc.messages)
    if isinstance(exc, KonflikError):
        return exc.message
    return str(exc) or exc.__class__.__name__


def dengan_jejak(aksi: str, model, kunci: str):
    """Run the service atomically; when refused, roll back, then record the refused attempt
    (who, what, why) in its own transaction and re-raise."""

    def dekorator(fn):
        @functools.wraps(fn)
        def pembungkus(*, actor, ip: str | None = None, **kwargs):
            try:
                with transaction.atomic():
                    return fn(actor=actor, ip=ip, **kwargs)
            except DITOLAK as exc:
                jejak_tolak(actor=actor, model=model, objek_id=kwargs.get(kunci), aksi=aksi, alasan=_pesan(exc), ip=ip)
                raise

        return pembungkus

    return dekorator


def pegawai_actor(actor) -> Pegawai:
    pegawai = getattr(actor, "pegawai", None) if actor is not None else None
    if pegawai is None:
        raise PermissionDenied(_("Akun Anda tidak terhubung dengan data pegawai."))
    return pegawai


def pejabat_untuk(*, actor, jabatan: Jabatan, tanggal: datetime.date | None = None) -> org.Pejabat:
    """The actor's authority over ``jabatan`` on the date: held definitively or acted for as
    Plt./Plh. (an acting official in force takes precedence over the definitive holder)."""
    pegawai = pegawai_actor(actor)
    pejabat = org.pejabat_pada(jabatan=jabatan, tanggal=tanggal or hari_ini())
    if pejabat is not None and pejabat.pegawai.pk == pegawai.pk:
        return pejabat
    if pejabat is not None and pejabat.sebagai != JenisPemangku.DEFINITIF:
        raise PermissionDenied(
            _("Kewenangan %(jabatan)s saat ini dijalankan oleh %(sebutan)s %(nama)s.")
            % {"jabatan": jabatan.nama, "sebutan": pejabat.prefiks, "nama": pejabat.pegawai.nama_lengkap})
    raise PermissionDenied(_("Anda tidak memangku atau menjabat Plt./Plh. %(jabatan)s.") % {"jabatan": jabatan.nama})


def aturan(*, instansi, tanggal: datetime.date | None = None) -> AturanKinerja:
    return aturan_kinerja_pada(instansi=instansi, tanggal=tanggal)


def angka(nilai, *, field: str, wajib: bool = False, boleh_negatif: bool = True) -> Decimal | None:
    """Parse a number for a Decimal(18, 4) column; a ValidationError names ``field``."""
    if nilai is None or nilai == "":
        if wajib:
            raise ValidationError({field: [_("Wajib diisi.")]})
        return None
    try:
        hasil = Decimal(str(nilai).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: [_("'%(nilai)s' bukan angka.") % {"nilai": nilai}]}) from None
    if not hasil.is_finite() or abs(hasil) >= BATAS_ANGKA:
        raise ValidationError({field: [_("Angka di luar batas yang diizinkan.")]})
    if not boleh_negatif and hasil < 0:
        raise ValidationError({field: [_("Tidak boleh negatif.")]})
    return hasil.quantize(Decimal("0.0001"))
