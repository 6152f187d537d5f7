"""Reminders of Kinerja II (DOMAIN §4.5 "reminders before and after the due date"), run daily by
Celery beat (``kinerja.tasks.kirim_pengingat``) and written to the notifikasi outbox through the
``notifikasi_kirim`` hook. Idempotent: one notification per object, recipient and day (the key
carries the date), so a retried or repeated run sends nothing new.

- report requests: open ones due within ``KINERJA_PENGINGAT_HARI`` days remind the addressee;
  overdue ones remind the addressee and the requester;
- periodic reports: an active team whose ketua has not reported for the current period is
  reminded in the last ``KINERJA_PENGINGAT_HARI`` days of the period, and for the previous
  period during the first ``KINERJA_PENGINGAT_HARI`` days of the next one (overdue); the same for
  active individual assignments.
"""
from __future__ import annotations

import datetime

from django.conf import settings
from django.utils.translation import gettext as _

from penugasan.models import AnggotaTim, Penugasan, PeranTim, StatusPenugasan, StatusTim, TimKerja

from ..models import JenisLaporan, Laporan, PermintaanLaporan, StatusPermintaan
from ..selectors import aturan_kinerja_pada
from ._pelaksanaan import beri_tahu, periode_pada, url_objek
from ._umum import hari_ini


def _hari() -> int:
    return getattr(settings, "KINERJA_PENGINGAT_HARI", 3)


def pengingat_permintaan(*, tanggal: datetime.date) -> int:
    n = 0
    batas = tanggal + datetime.timedelta(days=_hari())
    for p in (PermintaanLaporan.objects.filter(status=StatusPermintaan.TERBUKA, tenggat__lte=batas)
              .select_related("kepada__user", "peminta__user")):
        terlambat = p.tenggat < tanggal
        judul = (_("Permintaan laporan terlambat (tenggat %(t)s)") if terlambat else
                 _("Pengingat: laporan diminta paling lambat %(t)s")) % {"t": f"{p.tenggat:%d-%m-%Y}"}
        n += beri_tahu(pegawai=[p.kepada, p.peminta] if terlambat else [p.kepada], jenis="pengingat_laporan",
                       judul=judul, pesan=p.uraian[:300], url=url_objek("permintaan", p.pk), objek=p,
                       kunci=f"pengingat:permintaan:{p.pk}:{tanggal.isoformat()}")
    return n


def _periode_diingatkan(periode: str, tanggal: datetime.date) -> tuple[datetime.date, datetime.date, bool] | None:
    """(start, end, overdue) of the period a reminder is due for today, if any."""
    mulai, selesai = periode_pada(periode, tanggal)
    if (selesai - tanggal).days < _hari():
        return mulai, selesai, False
    if (tanggal - mulai).days < _hari():
        lalu_mulai, lalu_selesai = periode_pada(periode, mulai - datetime.timedelta(days=1))
        return lalu_mulai, lalu_selesai, True
    return None


def pengingat_laporan_berkala(*, tanggal: datetime.date) -> int:
    n = 0
    ketua = {a.tim_id: a.pegawai for a in AnggotaTim.objects.filter(
        peran=PeranTim.KETUA, tim__status=StatusTim.AKTIF).select_related("pegawai__user")}
    tims = TimKerja.objects.filter(pk__in=ketua).select_related("instansi")
    individu = Penugasan.objects.filter(status=StatusPenugasan.AKTIF, tim__isnull=True).select_related(
        "pegawai__user", "instansi")
    for obj, pelapor, jenis, filter_lap in (
        [(t, ketua[t.pk], JenisLaporan.TIM, {"tim": t}) for t in tims]
        + [(p, p.pegawai, JenisLaporan.INDIVIDU, {"penugasan": p}) for p in individu]
    ):
        atur = aturan_kinerja_pada(instansi=obj.instansi, tanggal=tanggal)
        diingat = _periode_diingatkan(atur.periode_laporan, tanggal)
        if diingat is None:
            continue
        mulai, selesai, terlambat = diingat
        if obj.mulai > selesai or Laporan.objects.filter(jenis=jenis, pelapor=pelapor, periode_mulai=mulai,
                                                         **filter_lap).exists():
            continue
        judul = (_("Laporan periode %(m)s–%(s)s belum dikirim") if terlambat else
                 _("Pengingat: kirim laporan periode %(m)s–%(s)s")) % {"m": f"{mulai:%d-%m-%Y}", "s": f"{selesai:%d-%m-%Y}"}
        n += beri_tahu(pegawai=[pelapor], jenis="pengingat_laporan", judul=judul, pesan=str(obj),
                       url="/kinerja/pelaksanaan/laporan/", objek=obj,
                       kunci=f"pengingat:laporan:{jenis}:{obj.pk}:{mulai.isoformat()}:{tanggal.isoformat()}")
    return n


def pengingat_kinerja_kirim(*, tanggal: datetime.date | None = None) -> int:
    """Write today's reminders; returns how many notifications were written."""
    tanggal = tanggal or hari_ini()
    return pengingat_permintaan(tanggal=tanggal) + pengingat_laporan_berkala(tanggal=tanggal)
