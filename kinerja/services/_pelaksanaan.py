"""What the Kinerja II services share: text/date parsing naming the field, the report period
of the rules in force, notifications through the outbox (written in the caller's
transaction, e-mailed after commit; reached through penugasan's ``notifikasi_kirim`` hook,
kinerja may not import notifikasi), and the page address of each object."""
from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from penugasan.dokumen import kirim_notifikasi

from ..models import PeriodeLaporan
from ..penerima import user_pejabat

MAKS_TEKS = 5000


def teks(nilai, *, field: str, wajib: bool = True, maks: int = MAKS_TEKS) -> str:
    if nilai is not None and not isinstance(nilai, str):
        raise ValidationError({field: [_("Harus berupa teks.")]})
    hasil = (nilai or "").strip()
    if wajib and not hasil:
        raise ValidationError({field: [_("Wajib diisi.")]})
    if len(hasil) > maks:
        raise ValidationError({field: [_("Paling banyak %(n)s karakter.") % {"n": maks}]})
    return hasil


def tanggal(nilai, *, field: str, wajib: bool = True) -> datetime.date | None:
    if nilai in (None, ""):
        if wajib:
            raise ValidationError({field: [_("Wajib diisi.")]})
        return None
    if isinstance(nilai, datetime.datetime):
        nilai = nilai.date()
    if not isinstance(nilai, datetime.date):
        try:
            nilai = datetime.date.fromisoformat(str(nilai))
        except ValueError:
            raise ValidationError({field: [_("Tanggal tidak sah (format TTTT-BB-HH).")]}) from None
    if not 2000 <= nilai.year <= 2100:
        raise ValidationError({field: [_("Tanggal harus antara tahun 2000 dan 2100.")]})
    return nilai


def id_wajib(nilai, *, field: str) -> int:
    if isinstance(nilai, bool) or not isinstance(nilai, int) or not 0 < nilai < 2 ** 63:
        try:
            nilai = int(str(nilai))
        except (TypeError, ValueError):
            raise ValidationError({field: [_("Wajib diisi dengan id yang sah.")]}) from None
        if not 0 < nilai < 2 ** 63:
            raise ValidationError({field: [_("Wajib diisi dengan id yang sah.")]})
    return nilai


def periode_pada(periode: str, tgl: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The reporting period (monthly, quarterly, half-yearly) containing ``tgl``."""
    bulan = {PeriodeLaporan.BULANAN: 1, PeriodeLaporan.TRIWULANAN: 3, PeriodeLaporan.SEMESTERAN: 6}.get(periode, 1)
    awal_bulan = ((tgl.month - 1) // bulan) * bulan + 1
    mulai = datetime.date(tgl.year, awal_bulan, 1)
    akhir_bulan = awal_bulan + bulan
    selesai = (datetime.date(tgl.year + 1, 1, 1) if akhir_bulan > 12 else datetime.date(tgl.year, akhir_bulan, 1)) \
        - datetime.timedelta(days=1)
    return mulai, selesai


def url_objek(jenis: str, pk: int) -> str:
    return f"/kinerja/pelaksanaan/{jenis}/{pk}/"


def beri_tahu(*, jabatan=(), pegawai=(), jenis: str, judul: str, pesan: str = "", url: str = "", kunci: str,
              objek=None, kecuali=None, tanggal: datetime.date | None = None) -> int:
    """Notify whoever holds or acts for ``jabatan`` and the people ``pegawai`` (not the actor)."""
    users = user_pejabat(list(jabatan), pegawai_list=list(pegawai), tanggal=tanggal)
    if kecuali is not None:
        users = [u for u in users if u.pk != kecuali.pk]
    return kirim_notifikasi(penerima=users, jenis=jenis, judul=judul, pesan=pesan, url=url, kunci=kunci, objek=objek)
