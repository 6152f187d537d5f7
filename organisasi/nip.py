"""NIP (Nomor Induk Pegawai) of an ASN: 18 digits.

    YYYYMMDD  birth date
    YYYYMM    appointment (TMT CPNS/PPPK) year and month
    G         sex: 1 male, 2 female
    NNN       sequence number
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from inti import waktu


@dataclass(frozen=True)
class NIP:
    tanggal_lahir: datetime.date
    tahun_pengangkatan: int
    bulan_pengangkatan: int
    jenis_kelamin: str  # "L" / "P"
    nomor_urut: int


def parse_nip(value: str) -> NIP:
    """Parse and validate a NIP; raises ValidationError with one specific reason."""
    nip = (value or "").strip()
    if not nip.isdigit():
        raise ValidationError("NIP hanya boleh berisi angka (diterima: %(nip)r).", code="nip_bukan_angka",
                              params={"nip": nip})
    if len(nip) != 18:
        raise ValidationError("NIP harus 18 digit, diterima %(n)d digit.", code="nip_panjang",
                              params={"n": len(nip)})
    try:
        lahir = datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError("Tanggal lahir pada NIP (digit 1–8: %(t)s) bukan tanggal yang valid.",
                              code="nip_tanggal_lahir", params={"t": nip[0:8]}) from None
    if lahir.year < 1940 or lahir > waktu.hari_ini():
        raise ValidationError("Tanggal lahir pada NIP (digit 1–8: %(t)s) di luar rentang yang mungkin.",
                              code="nip_tanggal_lahir", params={"t": nip[0:8]})
    tahun, bulan = int(nip[8:12]), int(nip[12:14])
    if not 1 <= bulan <= 12:
        raise ValidationError("Bulan pengangkatan pada NIP (digit 13–14: %(b)s) harus 01–12.",
                              code="nip_bulan_pengangkatan", params={"b": nip[12:14]})
    if tahun < lahir.year + 15 or tahun > waktu.hari_ini().year + 1:
        raise ValidationError(
            "Tahun pengangkatan pada NIP (digit 9–12: %(t)s) tidak sesuai dengan tahun lahir %(l)d.",
            code="nip_tahun_pengangkatan", params={"t": nip[8:12], "l": lahir.year})
    if nip[14] not in "12":
        raise ValidationError("Digit jenis kelamin pada NIP (digit 15: %(g)s) harus 1 (laki-laki) atau 2 (perempuan).",
                              code="nip_jenis_kelamin", params={"g": nip[14]})
    if nip[15:18] == "000":
        raise ValidationError("Nomor urut pada NIP (digit 16–18) tidak boleh 000.", code="nip_nomor_urut")
    return NIP(lahir, tahun, bulan, "L" if nip[14] == "1" else "P", int(nip[15:18]))


def validate_nip(value: str) -> None:
    parse_nip(value)
