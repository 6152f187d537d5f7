"""Reads of the auditor pages: one selector per register (``surat``, ``beban``, ``keputusan``,
``jejak``), each yielding rows as lists (an iterator over the database, constant memory) so that
the CSV, XLSX and PDF writers and the page preview share it. Every register applies the user's
scope (``permissions.instansi_lingkup``) itself, whatever the filters say."""
from __future__ import annotations

from ..models import JenisRegister
from . import aturan, beban, jejak, keputusan, matriks, silang, surat
from .dasar import UKURAN_POTONGAN, Register, Saringan

REGISTER: dict[str, Register] = {
    JenisRegister.SURAT: surat.REGISTER,
    JenisRegister.CELAH_NOMOR: surat.REGISTER_CELAH,
    JenisRegister.BEBAN: beban.REGISTER,
    JenisRegister.KEPUTUSAN: keputusan.REGISTER,
    JenisRegister.JEJAK_AUDIT: jejak.REGISTER,
    JenisRegister.MATRIKS: matriks.REGISTER,
    JenisRegister.SILANG: silang.REGISTER,
    JenisRegister.ATURAN: aturan.REGISTER,
}


def register(kode: str) -> Register:
    """The register definition for a ``JenisRegister`` value (KeyError when unknown)."""
    return REGISTER[JenisRegister(kode)]


__all__ = ["REGISTER", "Register", "Saringan", "UKURAN_POTONGAN", "register"]
