"""What every kinerja service shares: audit rows (same transaction), refused attempts audited
after the rollback, and "does the actor hold or act for this position today"."""
from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from inti.jejak import dengan_jejak, jejak_catat
from inti.waktu import hari_ini
from organisasi import selectors as org
from organisasi.models import Jabatan, JenisPemangku, Pegawai

from ..models import AturanKinerja
from ..selectors import aturan_kinerja_pada

__all__ = ["jejak_catat", "dengan_jejak", "pegawai_actor", "pejabat_untuk", "aturan", "angka", "hari_ini"]

BATAS_ANGKA = Decimal(10) ** 14


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
