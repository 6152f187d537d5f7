"""The import format (columns) and the result types shared by reading, checking and applying."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import (
    Instansi,
)


# --------------------------------------------------------------------------- format

KOLOM = [
    "kode_pd", "nama_pd", "jenis_pd", "kode_pd_induk",
    "kode_unit", "nama_unit", "jenis_unit", "kode_unit_induk",
    "kode_jabatan", "nama_jabatan", "jenis_jabatan", "kepala_unit", "nama_jf", "jenjang",
    "nip", "nama", "gelar_depan", "gelar_belakang", "jenis_asn", "pangkat", "golongan", "email", "kompetensi",
    "jenis_pemangku", "mulai", "kode_jabatan_ppk", "kode_jabatan_pimpinan",
]
KOLOM_WAJIB = ["kode_pd", "kode_unit", "kode_jabatan"]
BATCH = 1000
SAMPEL = 10
_CHUNK_IN = 2000  # keys per IN (...) list: below SQLite's variable limit

ENTITAS = {
    "perangkat_daerah": gettext_lazy("Perangkat Daerah"),
    "unit": gettext_lazy("Unit Organisasi"),
    "jabatan": gettext_lazy("Jabatan"),
    "pegawai": gettext_lazy("Pegawai"),
    "pemangku": gettext_lazy("Pemangku jabatan"),
    "kedudukan": gettext_lazy("Kedudukan (PPK)"),
}


class ImporGagal(Exception):
    """Raised by ``impor_terapkan`` when the file has errors; nothing has been written."""

    def __init__(self, rencana: Rencana):
        self.rencana = rencana
        super().__init__(_("Impor dibatalkan: %(n)d kesalahan.") % {"n": len(rencana.kesalahan)})


@dataclass
class Baris:
    nomor: int  # row number as the spreadsheet shows it (header = 1)
    nilai: dict[str, str]


@dataclass
class Kesalahan:
    baris: int
    kolom: str
    pesan: str

    def as_dict(self) -> dict:
        return {"baris": self.baris, "kolom": self.kolom, "pesan": self.pesan}


@dataclass
class Rencana:
    """The dry-run result: what the import would do, and every error."""

    instansi: Instansi
    tanggal: datetime.date
    total_baris: int = 0
    kesalahan: list[Kesalahan] = field(default_factory=list)
    ringkasan: dict[str, dict[str, int]] = field(default_factory=dict)
    sampel: dict[str, list[dict]] = field(default_factory=dict)
    # internal plan (filled by _Pemeriksa)
    _rinci: Any = None

    @property
    def sah(self) -> bool:
        return not self.kesalahan

    def as_dict(self) -> dict:
        return {
            "total_baris": self.total_baris,
            "ringkasan": self.ringkasan,
            "sampel": self.sampel,
            "jumlah_kesalahan": len(self.kesalahan),
        }


_KOLOM_PEGAWAI = ["nama", "gelar_depan", "gelar_belakang", "jenis_asn", "pangkat", "golongan", "email"]

