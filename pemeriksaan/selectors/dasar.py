"""Filters and the register definition shared by every register module."""
from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field

from ..permissions import instansi_lingkup


UKURAN_POTONGAN = 2000  # rows fetched per database round trip (QuerySet.iterator chunk_size)


@dataclass
class Saringan:
    """Filters shared by every register; each register reads the ones that apply to it."""

    instansi: int | None = None
    perangkat_daerah: int | None = None
    unit: int | None = None
    dari: datetime.date | None = None
    sampai: datetime.date | None = None
    jenis: str = ""    # letter kind, request route, or audit action (per register)
    status: str = ""   # letter status, request status, allowed/refused (per register)

    def ke_json(self) -> dict:
        data = asdict(self)
        for k in ("dari", "sampai"):
            data[k] = data[k].isoformat() if data[k] else None
        return {k: v for k, v in data.items() if v not in (None, "")}

    @classmethod
    def dari_json(cls, data: dict) -> Saringan:
        data = dict(data or {})
        for k in ("dari", "sampai"):
            if data.get(k):
                data[k] = datetime.date.fromisoformat(data[k])
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Register:
    """A register: its columns, its rows for (user, filters), and their count."""

    kode: str
    judul: str
    kolom: list[str]
    baris: Callable[..., Iterator[list]]
    hitung: Callable[..., int]
    pilihan_jenis: list[tuple[str, str]] = field(default_factory=list)
    pilihan_status: list[tuple[str, str]] = field(default_factory=list)
    label_jenis: str = "Jenis"


def instansi_terpilih(user, saringan: Saringan):
    """Ids of the Instansi a register reads: the user's scope, narrowed to the chosen one (a
    subquery; an Instansi outside the scope gives nothing, never an error that reveals it)."""
    qs = instansi_lingkup(user)
    if saringan.instansi:
        qs = qs.filter(pk=saringan.instansi)
    return qs.values("pk")


def tgl(nilai) -> str:
    """A date (or ISO string) as dd-mm-yyyy; '' for nothing."""
    if not nilai:
        return ""
    if isinstance(nilai, str):
        if len(nilai) >= 10 and nilai[4] == "-" and nilai[7] == "-":
            return f"{nilai[8:10]}-{nilai[5:7]}-{nilai[0:4]}"
        return nilai
    return f"{nilai.day:02d}-{nilai.month:02d}-{nilai.year:04d}"


def waktu(nilai) -> str:
    """A timestamp in the site's time zone as dd-mm-yyyy HH:MM:SS."""
    from django.utils import timezone

    return timezone.localtime(nilai).strftime("%d-%m-%Y %H:%M:%S") if nilai else ""
