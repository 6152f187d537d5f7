"""Kinerja test data built through the real services."""
from __future__ import annotations

import datetime
from decimal import Decimal

from organisasi.models import Preset
from penugasan.tests.helpers import bangun_pemda

from kinerja import services

TAHUN = 2026


def pemda(preset: str = Preset.BELU, kode: str | None = None):
    """``bangun_pemda``: d.kepala_dinas (kadis), d.kabid[0..1] (jabatan d.jabatan_kabid), kasi, JF..."""
    return bangun_pemda(preset, kode)


def pk_draf(d, *, target: str = "100", satuan: str = "dokumen", tahun: int = TAHUN):
    pk = services.pk_buat(actor=d.kepala_dinas.user, jabatan_id=d.kadis.pk, tahun=tahun)
    s = services.sasaran_simpan(actor=d.kepala_dinas.user, pk_id=pk.pk, uraian="Meningkatnya kualitas perencanaan")
    ind = services.indikator_simpan(actor=d.kepala_dinas.user, sasaran_id=s.pk, uraian="Dokumen perencanaan tepat waktu",
                                    satuan=satuan, target_tahunan=target, baseline="80")
    return pk, s, ind


def pk_berlaku(d, tahun: int = TAHUN, **kw):
    pk, s, ind = pk_draf(d, tahun=tahun, **kw)
    pk = services.pk_tetapkan(actor=d.kepala_dinas.user, pk_id=pk.pk, tanggal_berlaku=datetime.date(tahun, 1, 1))
    return pk, s, ind


def bagi_dua(d, ind, a: str = "60", b: str = "40"):
    return services.kaskade_bagi(actor=d.kepala_dinas.user, indikator_id=ind.pk, bagian=[
        {"jabatan_id": d.jabatan_kabid[0].pk, "cara": "nilai", "nilai": a},
        {"jabatan_id": d.jabatan_kabid[1].pk, "cara": "nilai", "nilai": b},
    ])


def D(x) -> Decimal:
    return Decimal(str(x))


def putuskan_sampai_selesai(permohonan):
    """Approve every step as whoever holds or acts for the deciding position."""
    from organisasi import selectors as org
    from penugasan import services as ps
    from penugasan.models import StatusPermohonan

    while permohonan.status == StatusPermohonan.MENUNGGU_KEPUTUSAN:
        pejabat = org.pejabat_berwenang(jabatan=permohonan.jabatan_penentu)
        permohonan = ps.permohonan_setujui(actor=pejabat.pegawai.user, permohonan_id=permohonan.pk,
                                           langkah=permohonan.langkah_ke)
    return permohonan


def tim_dari_strategi(d, target, *, nama_tim: str = "Tim RKPD"):
    """Kabid 1's target → team strategy needing staff of Seksi 2 → request → approved → team
    (ketua JF Ahli Muda of Bidang 1, anggota JF Ahli Pertama of Seksi 2)."""
    services.strategi_tetapkan(actor=d.kabid[0].user, target_id=target.pk, bentuk="tim", perlu_ketua=True,
                               kebutuhan="lintas_unit", jumlah_dibutuhkan=1, kompetensi_dibutuhkan="Perencanaan")
    p = services.strategi_buat_permohonan(actor=d.kabid[0].user, target_id=target.pk, unit_tujuan_id=d.seksi[1].pk,
                                          nama_tim=nama_tim, ketua_tim_id=d.jf_muda[0].pk,
                                          pegawai_diminta_ids=[d.jf_pertama[1].pk])
    p = putuskan_sampai_selesai(p)
    p.refresh_from_db()
    return p, p.tim
