"""Register 2: the load of each person per year — teams they belong to against the Instansi's
limit (honorarium checks: ``PengaturanPemeriksaan.batas_tim_per_tahun``), individual
assignments, and assignments that overlap in time. People above the limit come first."""
from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from inti import waktu
from organisasi.models import JenisPemangku, Pegawai, PemangkuJabatan
from penugasan.models import AnggotaTim, Penugasan

from ..models import PengaturanPemeriksaan
from .dasar import UKURAN_POTONGAN, Register, Saringan, instansi_terpilih, tgl

BATAS_TIM_BAWAAN = PengaturanPemeriksaan._meta.get_field("batas_tim_per_tahun").default

KOLOM = ["NIP", "Nama", "Instansi", "Tahun", "Jumlah tim", "Batas tim per tahun", "Melebihi batas",
         "Penugasan individu", "Penugasan bersamaan (maks.)", "Tumpang tindih"]


def _tahun(saringan: Saringan) -> list[int]:
    """Years of the period (default: the current year), at most ten."""
    hari_ini = waktu.hari_ini()
    awal = (saringan.dari or saringan.sampai or hari_ini).year
    akhir = (saringan.sampai or saringan.dari or hari_ini).year
    return list(range(awal, max(awal, akhir) + 1))[:10]


def _pegawai_qs(user, saringan: Saringan, tahun: int) -> QuerySet[Pegawai]:
    awal, akhir = datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31)
    # every team running in the year counts, whatever its state now (honorarium was payable)
    tim = AnggotaTim.objects.filter(pegawai_id=OuterRef("pk"), tim__mulai__lte=akhir, tim__selesai__gte=awal)
    jumlah_tim = tim.order_by().values("pegawai_id").annotate(n=Count("tim_id", distinct=True)).values("n")
    individu = (Penugasan.objects.filter(pegawai_id=OuterRef("pk"), tim__isnull=True, mulai__lte=akhir,
                                         selesai__gte=awal)
                .order_by().values("pegawai_id").annotate(n=Count("id")).values("n"))
    batas = PengaturanPemeriksaan.objects.filter(instansi_id=OuterRef("instansi_id")).values("batas_tim_per_tahun")
    qs = (Pegawai.objects.filter(instansi__in=instansi_terpilih(user, saringan))
          .annotate(jumlah_tim=Coalesce(Subquery(jumlah_tim, output_field=IntegerField()), 0),
                    jumlah_individu=Coalesce(Subquery(individu, output_field=IntegerField()), 0),
                    batas=Coalesce(Subquery(batas, output_field=IntegerField()), BATAS_TIM_BAWAAN))
          .filter(Q(jumlah_tim__gt=0) | Q(jumlah_individu__gt=0)))
    if saringan.perangkat_daerah or saringan.unit:
        jabatan = Q(jabatan__unit_id=saringan.unit) if saringan.unit else \
            Q(jabatan__unit__perangkat_daerah_id=saringan.perangkat_daerah)
        definitif = PemangkuJabatan.objects.filter(jabatan, jenis=JenisPemangku.DEFINITIF,
                                                   mulai__lte=akhir).filter(
            Q(selesai__isnull=True) | Q(selesai__gte=awal)).values("pegawai_id")
        qs = qs.filter(pk__in=definitif)
    return qs.annotate(melebihi=Case(When(jumlah_tim__gt=F("batas"), then=Value(1)), default=Value(0),
                                     output_field=IntegerField()))


def _tumpang_tindih(pegawai_id: int, tahun: int) -> tuple[int, str]:
    """(most assignments running on one day, the overlapping pairs) in the year (one query)."""
    awal, akhir = datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31)
    tugas = list(Penugasan.objects.filter(pegawai_id=pegawai_id, mulai__lte=akhir, selesai__gte=awal)
                 .select_related("tim").order_by("mulai", "pk")
                 .values_list("pk", "mulai", "selesai", "tim__nama", "uraian_tugas"))
    peristiwa = sorted([(m, 1) for _, m, _s, _t, _u in tugas] + [(s + datetime.timedelta(days=1), -1)
                                                                  for _, _m, s, _t, _u in tugas])
    maks = jalan = 0
    for _tanggal, d in peristiwa:
        jalan += d
        maks = max(maks, jalan)
    pasangan = []
    for i, (_a, m1, s1, t1, u1) in enumerate(tugas):
        for _b, m2, s2, t2, u2 in tugas[i + 1:]:
            if m2 <= s1 and m1 <= s2:
                pasangan.append(f"{t1 or u1[:40]} × {t2 or u2[:40]} ({tgl(max(m1, m2))}–{tgl(min(s1, s2))})")
    return maks, "; ".join(pasangan[:50])


def baris_beban(user, saringan: Saringan) -> Iterator[list]:
    """Above-limit rows of every year first, then the others; within each, most teams first."""
    for melebihi in (1, 0):
        for tahun in _tahun(saringan):
            qs = (_pegawai_qs(user, saringan, tahun).filter(melebihi=melebihi).select_related("instansi")
                  .order_by("-jumlah_tim", "-jumlah_individu", "nama", "pk"))
            if saringan.status == "melebihi" and not melebihi:
                continue
            for p in qs.iterator(chunk_size=UKURAN_POTONGAN):
                maks, pasangan = _tumpang_tindih(p.pk, tahun)
                yield [p.nip, p.nama_lengkap, p.instansi.nama, tahun, p.jumlah_tim, p.batas,
                       "Ya" if melebihi else "Tidak", p.jumlah_individu, maks, pasangan]


def hitung_beban(user, saringan: Saringan) -> int:
    jumlah = 0
    for tahun in _tahun(saringan):
        qs = _pegawai_qs(user, saringan, tahun)
        if saringan.status == "melebihi":
            qs = qs.filter(melebihi=1)
        jumlah += qs.count()
    return jumlah


def pegawai_di_atas_batas(user, saringan: Saringan) -> int:
    return sum(_pegawai_qs(user, saringan, t).filter(melebihi=1).count() for t in _tahun(saringan))


REGISTER = Register(
    kode="beban", judul=_("Beban kerja per pegawai"), kolom=KOLOM, baris=baris_beban, hitung=hitung_beban,
    pilihan_status=[("melebihi", _("Hanya yang melebihi batas"))], label_jenis="",
)
