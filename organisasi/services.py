"""Writes to the organisation. Every rule that guards the org chart lives here."""
from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from . import kedudukan, selectors
from .selectors_aturan import aturan_pada
from .services_aturan import aturan_dari_preset
from .models import (
    Instansi,
    Jabatan,
    JenisJabatan,
    JenisPemangku,
    Kedudukan,
    Pegawai,
    PemangkuJabatan,
    UnitOrganisasi,
)

User = get_user_model()


# --------------------------------------------------------------------------- Instansi settings


@transaction.atomic
def instansi_terapkan_preset(*, instansi: Instansi, preset: str, actor=None,
                             berlaku_mulai: datetime.date | None = None) -> Instansi:
    """Fill the Instansi's regional settings from one of the five regulation presets: a new dated
    version of its rule set (``services_aturan``); the Instansi's fields mirror the version in force."""
    aturan_dari_preset(instansi=instansi, preset=preset, actor=actor, berlaku_mulai=berlaku_mulai)
    instansi.refresh_from_db()
    return instansi


# --------------------------------------------------------------------------- placement rules


def tempat_ppk(*, jabatan_ppk: Jabatan, punya_pengawas: bool | None = None) -> kedudukan.TempatPPK:
    """What the placement rule needs to know about a PPK seat stored in the DB."""
    unit = jabatan_ppk.unit
    if punya_pengawas is None:
        punya_pengawas = (jabatan_ppk.jenis == JenisJabatan.ADMINISTRATOR and unit is not None
                          and selectors.unit_punya_pengawas(unit=unit))
    pd = unit.perangkat_daerah if unit is not None else None
    return kedudukan.TempatPPK(
        nama=jabatan_ppk.nama, jenis=jabatan_ppk.jenis, kepala_unit=jabatan_ppk.kepala_unit,
        kepala_pd=bool(jabatan_ppk.kepala_unit and unit is not None and unit.parent_id is None),
        punya_pengawas=bool(punya_pengawas), singkatan_pd=pd.singkatan if pd else "", nama_pd=pd.nama if pd else "")


def kedudukan_pelanggaran(*, aturan_kedudukan: dict, jabatan_pegawai: Jabatan, jabatan_ppk: Jabatan | None = None,
                          tempat: kedudukan.TempatPPK | None = None) -> str | None:
    """The placement-by-jenjang rule of a region (DOMAIN §1): the broken rule as a sentence naming
    the regulation and article, or None. Pure apart from looking up the PPK's seat."""
    subjek = kedudukan.subjek_dari(jenis=jabatan_pegawai.jenis, jenjang=jabatan_pegawai.jenjang)
    if subjek is None or not (aturan_kedudukan or {}).get("aturan"):
        return None
    if tempat is None:
        tempat = tempat_ppk(jabatan_ppk=jabatan_ppk)
    return kedudukan.periksa(aturan_kedudukan=aturan_kedudukan, subjek=subjek, ppk=tempat)


def kedudukan_validasi(*, instansi: Instansi, jabatan_pegawai: Jabatan | None, jabatan_ppk: Jabatan,
                       tempat: kedudukan.TempatPPK | None = None, tanggal: datetime.date | None = None) -> None:
    """Raise ValidationError naming the rule (regulation and article) when a placement is not allowed,
    under the region's rule set in force on ``tanggal`` (today when omitted)."""
    if jabatan_ppk.jenis == JenisJabatan.PELAKSANA or (
        jabatan_ppk.jenis == JenisJabatan.FUNGSIONAL and not jabatan_ppk.kepala_unit
    ):
        raise ValidationError({"jabatan_ppk": (
            f"{jabatan_ppk.nama} tidak dapat menjadi Pejabat Penilai Kinerja: PPK paling rendah Pejabat "
            "Pengawas, atau JF yang memimpin unit mandiri.")})
    if jabatan_pegawai is not None:
        versi = aturan_pada(instansi=instansi, tanggal=tanggal)
        aturan = versi.aturan_kedudukan if versi is not None else instansi.aturan_kedudukan
        pelanggaran = kedudukan_pelanggaran(aturan_kedudukan=aturan,
                                            jabatan_pegawai=jabatan_pegawai, jabatan_ppk=jabatan_ppk, tempat=tempat)
        if pelanggaran:
            raise ValidationError({"jabatan_ppk": pelanggaran})


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
    kedudukan_validasi(instansi=pegawai.instansi, jabatan_pegawai=jabatan_pegawai, jabatan_ppk=jabatan_ppk,
                       tanggal=mulai)
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
    tunggal = jabatan.kursi_tunggal
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
        if not tunggal:
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
