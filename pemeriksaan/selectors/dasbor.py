"""Figures of the auditor dashboard, from the same scoped querysets as the registers (a few
grouped queries, whatever the number of rows)."""
from __future__ import annotations

import statistics
from collections import defaultdict

from django.db.models import Count
from django.db.models.functions import TruncMonth

from penugasan.models import StatusPermohonan
from surat.models import JenisDokumen, StatusSurat

from .beban import pegawai_di_atas_batas
from .dasar import Saringan
from .keputusan import permohonan_qs
from .surat import seri_bercelah, surat_qs


def _bulan(nilai) -> str:
    return nilai.strftime("%Y-%m") if nilai else ""


def dasbor(user, saringan: Saringan) -> dict:
    surat = surat_qs(user, Saringan(instansi=saringan.instansi, perangkat_daerah=saringan.perangkat_daerah,
                                    dari=saringan.dari, sampai=saringan.sampai))
    jenis_label = dict(JenisDokumen.choices)
    per_bulan: dict[str, dict[str, int]] = defaultdict(dict)
    for r in (surat.order_by().annotate(bulan=TruncMonth("tanggal")).values("bulan", "jenis")
              .annotate(n=Count("id")).order_by("bulan", "jenis")):
        per_bulan[_bulan(r["bulan"])][str(jenis_label.get(r["jenis"], r["jenis"]))] = r["n"]
    bulan = sorted(per_bulan)
    jenis = sorted({j for v in per_bulan.values() for j in v})
    per_pd = defaultdict(dict)
    for r in (surat.order_by().values("perangkat_daerah__nama", "jenis").annotate(n=Count("id"))
              .order_by("perangkat_daerah__nama", "jenis")):
        per_pd[r["perangkat_daerah__nama"] or "—"][str(jenis_label.get(r["jenis"], r["jenis"]))] = r["n"]
    dicabut = {_bulan(r["bulan"]): r["n"] for r in (
        surat.filter(status=StatusSurat.DICABUT).order_by().annotate(bulan=TruncMonth("tanggal"))
        .values("bulan").annotate(n=Count("id")).order_by("bulan"))}

    permohonan = permohonan_qs(user, Saringan(instansi=saringan.instansi, perangkat_daerah=saringan.perangkat_daerah,
                                              dari=saringan.dari, sampai=saringan.sampai))
    status_label = dict(StatusPermohonan.choices)
    per_status = {str(status_label.get(r["status"], r["status"])): r["n"] for r in (
        permohonan.order_by().values("status").annotate(n=Count("id")).order_by("status"))}
    hari_per_pd: dict[str, list[float]] = defaultdict(list)
    for pd, diajukan, diputuskan in (permohonan.filter(diajukan_pada__isnull=False, diputuskan_pada__isnull=False)
                                     .values_list("unit_tujuan__perangkat_daerah__nama", "diajukan_pada",
                                                  "diputuskan_pada").iterator(chunk_size=2000)):
        hari_per_pd[pd or "—"].append((diputuskan - diajukan).total_seconds() / 86400)
    median = {pd: round(statistics.median(v), 1) for pd, v in sorted(hari_per_pd.items())}

    return {
        "surat_per_bulan": {"bulan": bulan, "seri": [{"label": j, "data": [per_bulan[b].get(j, 0) for b in bulan]}
                                                     for j in jenis]},
        "surat_per_pd": {pd: dict(v) for pd, v in sorted(per_pd.items())},
        "jenis": jenis,
        "surat_dicabut": {"bulan": sorted(dicabut), "data": [dicabut[b] for b in sorted(dicabut)]},
        "jumlah_dicabut": sum(dicabut.values()),
        "permohonan_per_status": per_status,
        "median_hari_keputusan": median,
        "pegawai_di_atas_batas": pegawai_di_atas_batas(user, Saringan(
            instansi=saringan.instansi, perangkat_daerah=saringan.perangkat_daerah, dari=saringan.dari,
            sampai=saringan.sampai)),
        "seri_bercelah": seri_bercelah(user, Saringan(instansi=saringan.instansi,
                                                      perangkat_daerah=saringan.perangkat_daerah,
                                                      dari=saringan.dari, sampai=saringan.sampai)),
    }
