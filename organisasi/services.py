"""Writes to the organisation. Every rule that guards the org chart lives here."""
from __future__ import annotations

import copy
import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from . import selectors
from .models import (
    JENJANG_KATEGORI,
    STRUKTURAL,
    Instansi,
    Jabatan,
    JenisJabatan,
    JenisPemangku,
    Jenjang,
    KategoriJF,
    Kedudukan,
    Pegawai,
    PemangkuJabatan,
    UnitOrganisasi,
)
from .presets import PRESETS

User = get_user_model()


# --------------------------------------------------------------------------- Instansi settings


@transaction.atomic
def instansi_terapkan_preset(*, instansi: Instansi, preset: str) -> Instansi:
    """Fill the Instansi's regional settings from one of the five regulation presets."""
    if preset not in PRESETS:
        raise ValidationError({"preset": f"Preset '{preset}' tidak dikenal."})
    nilai = PRESETS[preset]
    for field, value in nilai.items():
        # a copy: editing one Instansi's routes must never change the preset for everyone else
        setattr(instansi, field, copy.deepcopy(value))
    instansi.preset = preset
    instansi.save(update_fields=[*nilai.keys(), "preset", "updated_at"])
    return instansi


# --------------------------------------------------------------------------- placement rules


def _nama_jenjang(jenjang: str) -> str:
    return Jenjang(jenjang).label


def aturan_kedudukan_jenjang(*, jabatan_pegawai: Jabatan, jabatan_ppk: Jabatan,
                             punya_pengawas: bool | None = None) -> str | None:
    """The placement-by-jenjang rule (Bungo, Indragiri Hilir, Kotabaru). Returns the broken
    rule as a sentence, or None when the placement satisfies it. Pure: no writes.
    ``punya_pengawas`` (whether the PPK's unit has a Pengawas) may be given by a caller that
    already knows it (the org-chart import, with unsaved units); otherwise it is queried."""
    ppk = jabatan_ppk.jenis
    # A JF leading a self-standing unit (Kepala Puskesmas, Kepala Sekolah) is PPK of its staff.
    if ppk == JenisJabatan.FUNGSIONAL and jabatan_ppk.kepala_unit:
        return None
    if jabatan_pegawai.jenis == JenisJabatan.FUNGSIONAL:
        jenjang = jabatan_pegawai.jenjang
        if jenjang in (Jenjang.AHLI_UTAMA, Jenjang.AHLI_MADYA):
            if ppk != JenisJabatan.JPT_PRATAMA:
                return (f"JF jenjang {_nama_jenjang(jenjang)} berkedudukan di bawah Pejabat Pimpinan Tinggi "
                        f"Pratama, bukan {JenisJabatan(ppk).label} ({jabatan_ppk.nama}).")
            return None
        if jenjang == Jenjang.AHLI_MUDA:
            if ppk != JenisJabatan.ADMINISTRATOR:
                return (f"JF jenjang Ahli Muda berkedudukan di bawah Pejabat Administrator, "
                        f"bukan {JenisJabatan(ppk).label} ({jabatan_ppk.nama}).")
            return None
        if jenjang == Jenjang.AHLI_PERTAMA or JENJANG_KATEGORI.get(jenjang) == KategoriJF.KETERAMPILAN:
            subjek = f"JF jenjang {_nama_jenjang(jenjang)}"
        else:
            return None
    elif jabatan_pegawai.jenis == JenisJabatan.PELAKSANA:
        subjek = "Pelaksana"
    else:
        return None
    # Ahli Pertama, Keterampilan grades and Pelaksana: under a Pengawas, or the Administrator
    # where the unit has no Pengawas.
    if ppk == JenisJabatan.PENGAWAS:
        return None
    if punya_pengawas is None and ppk == JenisJabatan.ADMINISTRATOR:
        punya_pengawas = selectors.unit_punya_pengawas(unit=jabatan_ppk.unit)
    if ppk == JenisJabatan.ADMINISTRATOR and not punya_pengawas:
        return None
    return (f"{subjek} berkedudukan di bawah Pejabat Pengawas (atau Pejabat Administrator bila unitnya tidak "
            f"memiliki Pengawas), bukan {JenisJabatan(ppk).label} ({jabatan_ppk.nama}).")


def kedudukan_validasi(*, instansi: Instansi, jabatan_pegawai: Jabatan | None, jabatan_ppk: Jabatan,
                       punya_pengawas: bool | None = None) -> None:
    """Raise ValidationError naming the rule when a placement is not allowed."""
    if jabatan_ppk.jenis == JenisJabatan.PELAKSANA or (
        jabatan_ppk.jenis == JenisJabatan.FUNGSIONAL and not jabatan_ppk.kepala_unit
    ):
        raise ValidationError({"jabatan_ppk": (
            f"{jabatan_ppk.nama} tidak dapat menjadi Pejabat Penilai Kinerja: PPK paling rendah Pejabat "
            "Pengawas, atau JF yang memimpin unit mandiri.")})
    if instansi.aturan_kedudukan_jenjang and jabatan_pegawai is not None:
        pelanggaran = aturan_kedudukan_jenjang(jabatan_pegawai=jabatan_pegawai, jabatan_ppk=jabatan_ppk,
                                               punya_pengawas=punya_pengawas)
        if pelanggaran:
            raise ValidationError({"jabatan_ppk": (
                f"Aturan kedudukan menurut jenjang ({instansi.get_preset_display()}): {pelanggaran}")})


def _rantai_ppk_berputar(*, pegawai: Pegawai, jabatan_ppk: Jabatan, tanggal: datetime.date) -> bool:
    """Would placing ``pegawai`` under ``jabatan_ppk`` make the PPK chain loop back to them?"""
    dilihat: set[int] = set()
    jabatan: Jabatan | None = jabatan_ppk
    while jabatan is not None and jabatan.pk not in dilihat:
        dilihat.add(jabatan.pk)
        pejabat = selectors.pejabat_pada(jabatan=jabatan, tanggal=tanggal)
        if pejabat is None:
            return False
        if pejabat.pegawai.pk == pegawai.pk:
            return True
        jabatan = selectors.jabatan_ppk_pegawai(pegawai=pejabat.pegawai, tanggal=tanggal)
    return jabatan is not None


@transaction.atomic
def kedudukan_tetapkan(
    *, pegawai: Pegawai, jabatan_ppk: Jabatan, jabatan_pimpinan: Jabatan | None = None,
    mulai: datetime.date, actor=None,
) -> Kedudukan:
    """Place a JF/Pelaksana under a PPK from ``mulai``; closes the previous placement."""
    jabatan_pegawai = selectors.jabatan_definitif_pegawai(pegawai=pegawai, tanggal=mulai)
    if jabatan_pegawai is not None and jabatan_pegawai.jenis not in (JenisJabatan.FUNGSIONAL, JenisJabatan.PELAKSANA):
        raise ValidationError({"pegawai": "Kedudukan hanya ditetapkan bagi Pejabat Fungsional dan Pelaksana."})
    for field, jabatan in (("jabatan_ppk", jabatan_ppk), ("jabatan_pimpinan", jabatan_pimpinan)):
        if jabatan is not None and jabatan.instansi_id != pegawai.instansi_id:
            raise ValidationError({field: f"{jabatan.nama} bukan jabatan pada instansi pegawai ini."})
    if jabatan_pimpinan is not None and (jabatan_pimpinan.jenis == JenisJabatan.PELAKSANA or (
            jabatan_pimpinan.jenis == JenisJabatan.FUNGSIONAL and not jabatan_pimpinan.kepala_unit)):
        raise ValidationError({"jabatan_pimpinan": (
            f"{jabatan_pimpinan.nama} tidak dapat menjadi Pimpinan Unit Organisasi: pilih jabatan struktural "
            "atau JF yang memimpin unit mandiri.")})
    kedudukan_validasi(instansi=pegawai.instansi, jabatan_pegawai=jabatan_pegawai, jabatan_ppk=jabatan_ppk)
    if _rantai_ppk_berputar(pegawai=pegawai, jabatan_ppk=jabatan_ppk, tanggal=mulai):
        raise ValidationError({"jabatan_ppk": "Rantai Pejabat Penilai Kinerja berputar kembali ke pegawai ini."})
    Kedudukan.objects.filter(pegawai=pegawai, selesai__isnull=True, mulai__lt=mulai).update(
        selesai=mulai - datetime.timedelta(days=1))
    return Kedudukan.objects.create(pegawai=pegawai, jabatan_ppk=jabatan_ppk, jabatan_pimpinan=jabatan_pimpinan,
                                    mulai=mulai)


# --------------------------------------------------------------------------- holders


def _tumpang_tindih(mulai: datetime.date, selesai: datetime.date | None) -> Q:
    akhir = selesai or datetime.date.max
    return Q(mulai__lte=akhir) & (Q(selesai__isnull=True) | Q(selesai__gte=mulai))


@transaction.atomic
def pemangku_tetapkan(
    *, jabatan: Jabatan, pegawai: Pegawai, jenis: str = JenisPemangku.DEFINITIF,
    mulai: datetime.date, selesai: datetime.date | None = None, nomor_sk: str = "", actor=None,
) -> PemangkuJabatan:
    """Appoint a holder (definitif) or an acting official (Plt/Plh) to a position.

    A structural or head position has at most one definitive holder and one acting official
    of each kind at a time; a definitive appointment closes the previous holder's term and
    the pegawai's previous definitive position.
    """
    Jabatan.objects.select_for_update().filter(pk=jabatan.pk).first()  # serialise appointments to one seat
    if selesai is not None and selesai < mulai:
        raise ValidationError({"selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai."})
    if jabatan.instansi_id != pegawai.instansi_id:
        raise ValidationError({"pegawai": "Pegawai dan jabatan harus dari instansi yang sama."})
    tunggal = jabatan.jenis in STRUKTURAL or jabatan.kepala_unit or jabatan.jenis == JenisJabatan.KEPALA_DAERAH
    if jenis == JenisPemangku.DEFINITIF:
        if tunggal:
            PemangkuJabatan.objects.filter(jabatan=jabatan, jenis=jenis, selesai__isnull=True,
                                           mulai__lt=mulai).update(selesai=mulai - datetime.timedelta(days=1))
        PemangkuJabatan.objects.filter(pegawai=pegawai, jenis=jenis, selesai__isnull=True,
                                       mulai__lt=mulai).update(selesai=mulai - datetime.timedelta(days=1))
        if tunggal and PemangkuJabatan.objects.filter(_tumpang_tindih(mulai, selesai), jabatan=jabatan,
                                                      jenis=jenis).exists():
            raise ValidationError({"mulai": f"{jabatan.nama} sudah memiliki pejabat definitif pada rentang itu."})
    else:
        if not (jabatan.jenis in STRUKTURAL or jabatan.kepala_unit or jabatan.jenis == JenisJabatan.KEPALA_DAERAH):
            raise ValidationError({"jenis": "Plt./Plh. hanya untuk jabatan yang memimpin unit atau jabatan struktural."})
        if PemangkuJabatan.objects.filter(_tumpang_tindih(mulai, selesai), jabatan=jabatan, jenis=jenis).exists():
            raise ValidationError({"mulai": f"Sudah ada {JenisPemangku(jenis).label} {jabatan.nama} pada rentang itu."})
    return PemangkuJabatan.objects.create(jabatan=jabatan, pegawai=pegawai, jenis=jenis, mulai=mulai,
                                          selesai=selesai, nomor_sk=nomor_sk)


def unit_validasi_induk(*, unit: UnitOrganisasi, parent: UnitOrganisasi | None) -> None:
    """Refuse a parent that would create a cycle or cross Perangkat Daerah."""
    if parent is None:
        return
    if parent.perangkat_daerah_id != unit.perangkat_daerah_id:
        raise ValidationError({"parent": "Unit induk harus berada pada Perangkat Daerah yang sama."})
    if unit.pk and (parent.pk == unit.pk or UnitOrganisasi.objects.descendants(unit).filter(pk=parent.pk).exists()):
        raise ValidationError({"parent": f"{parent.nama} berada di bawah {unit.nama}: susunan unit akan berputar."})
