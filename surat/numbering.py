"""Gap-free letter numbering.

``nomor_alokasikan`` must run inside the transaction that creates the Surat: it locks the
series row (``SELECT ... FOR UPDATE``) so concurrent issuers queue on it, increments the
counter and returns the next number. If the issuing transaction rolls back, the increment
rolls back with it, so a number is consumed only by a committed Surat (no gaps); the
unique constraint (seri, nomor_urut) on Surat makes duplicates impossible even if this
function were bypassed.
"""
from __future__ import annotations

import datetime
import re

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from organisasi.models import Instansi, PerangkatDaerah

from .models import SeriNomor

ANGKA_ROMAWI = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
_PENANDA = re.compile(r"\{(\w+)\}")
PENANDA_SAH = {"kode", "nomor", "kode_unit", "tahun", "bulan_romawi"}


def seri_ambil_terkunci(*, instansi: Instansi, perangkat_daerah: PerangkatDaerah | None,
                        kode_klasifikasi: str, tahun: int) -> SeriNomor:
    """The series row, created on first use, locked until the end of the current transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("seri_ambil_terkunci harus dipanggil di dalam transaksi")
    kunci = {"instansi": instansi, "perangkat_daerah": perangkat_daerah,
             "kode_klasifikasi": kode_klasifikasi, "tahun": tahun}
    qs = SeriNomor.objects.select_for_update()
    try:
        return qs.get(**kunci)
    except SeriNomor.DoesNotExist:
        pass
    try:
        with transaction.atomic():  # savepoint: a concurrent creator wins, we then lock its row
            SeriNomor.objects.create(**kunci)
    except IntegrityError:
        pass
    return qs.get(**kunci)


def nomor_format(*, pola: str, nomor_urut: int, kode: str, kode_unit: str, tanggal: datetime.date) -> str:
    """Fill the Instansi's number pattern, e.g. ``800/{nomor}/{kode_unit}/{tahun}`` → ``800/12/423.6/2026``."""
    tidak_dikenal = set(_PENANDA.findall(pola)) - PENANDA_SAH
    if tidak_dikenal:
        raise ValueError(_("Format nomor surat memuat penanda yang tidak dikenal: %(p)s")
                         % {"p": ", ".join(sorted(tidak_dikenal))})
    nilai = {
        "kode": kode, "nomor": str(nomor_urut), "kode_unit": kode_unit, "tahun": str(tanggal.year),
        "bulan_romawi": ANGKA_ROMAWI[tanggal.month - 1],
    }
    teks = _PENANDA.sub(lambda m: nilai[m.group(1)], pola)
    # an empty {kode_unit} must not leave "//" in the number
    return re.sub(r"/{2,}", "/", teks).strip("/")


def nomor_alokasikan(*, instansi: Instansi, perangkat_daerah: PerangkatDaerah | None,
                     tanggal: datetime.date, kode_klasifikasi: str | None = None) -> tuple[SeriNomor, int, str]:
    """Take the next number of the series: (seri, nomor_urut, formatted number)."""
    seri, [(nomor_urut, teks)] = nomor_alokasikan_banyak(instansi=instansi, perangkat_daerah=perangkat_daerah,
                                                         tanggal=tanggal, jumlah=1, kode_klasifikasi=kode_klasifikasi)
    return seri, nomor_urut, teks


def nomor_alokasikan_banyak(*, instansi: Instansi, perangkat_daerah: PerangkatDaerah | None, tanggal: datetime.date,
                            jumlah: int, kode_klasifikasi: str | None = None
                            ) -> tuple[SeriNomor, list[tuple[int, str]]]:
    """Take the next ``jumlah`` numbers of the series at once (one lock, one update):
    (seri, [(nomor_urut, formatted number)…]) in order, as ``jumlah`` calls of ``nomor_alokasikan``."""
    kode = kode_klasifikasi or instansi.kode_klasifikasi_surat or "800"
    seri = seri_ambil_terkunci(instansi=instansi, perangkat_daerah=perangkat_daerah,
                               kode_klasifikasi=kode, tahun=tanggal.year)
    awal = seri.nomor_terakhir
    seri.nomor_terakhir += jumlah
    seri.save(update_fields=["nomor_terakhir"])
    kode_unit = perangkat_daerah.kode_unit_surat if perangkat_daerah else ""
    return seri, [(n, nomor_format(pola=instansi.format_nomor_surat, nomor_urut=n, kode=kode, kode_unit=kode_unit,
                                   tanggal=tanggal)) for n in range(awal + 1, awal + jumlah + 1)]
