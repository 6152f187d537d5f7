"""Writes to the organisation. Every rule that guards the org chart lives here."""
from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from inti.jejak import jejak_catat
from inti.models import AksiAudit

from . import kedudukan, selectors
from .selectors_aturan import aturan_pada
from .services_aturan import aturan_dari_preset
from .models import (
    JENJANG_KATEGORI,
    Instansi,
    Jabatan,
    Jenjang,
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
    aturan_dari_preset(instansi=instansi, preset=preset, actor=actor, berlaku_mulai=berlaku_mulai)  # audited
    instansi.refresh_from_db()
    return instansi


@transaction.atomic
def instansi_ubah_pengaturan(*, instansi: Instansi, actor=None) -> Instansi:
    """Save an Instansi's settings edited by hand (the admin form; its rule set is not edited here:
    a change of it is a new dated version, ``services_aturan.aturan_tetapkan``) and audit which
    fields changed, compared with the stored row."""
    fields = [f.attname for f in Instansi._meta.concrete_fields if f.attname not in ("id", "created_at", "updated_at")]
    lama = Instansi.objects.select_for_update().filter(pk=instansi.pk).values(*fields).first() if instansi.pk else None
    diubah = [f for f in fields if lama is None or lama[f] != getattr(instansi, f)]
    instansi.save()
    if lama is None:
        jejak_catat(actor=actor, objek=instansi, aksi=AksiAudit.INSTANSI_UBAH_PENGATURAN, diizinkan=True,
                    alasan=_("Instansi dibuat."))
    elif diubah:
        aksi = AksiAudit.INSTANSI_UBAH_RUTE if "langkah_rute" in diubah else AksiAudit.INSTANSI_UBAH_PENGATURAN
        jejak_catat(actor=actor, objek=instansi, aksi=aksi, diizinkan=True,
                    alasan=_("Diubah: %(f)s") % {"f": ", ".join(sorted(diubah))})
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
        raise ValidationError({"jabatan_ppk": _(
            "%(nama)s tidak dapat menjadi Pejabat Penilai Kinerja: PPK paling rendah Pejabat Pengawas, atau JF "
            "yang memimpin unit mandiri.") % {"nama": jabatan_ppk.nama}})
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
        raise ValidationError({"pegawai": _("Kedudukan hanya ditetapkan bagi Pejabat Fungsional dan Pelaksana.")})
    for field, jabatan in (("jabatan_ppk", jabatan_ppk), ("jabatan_pimpinan", jabatan_pimpinan)):
        if jabatan is not None and jabatan.instansi_id != pegawai.instansi_id:
            raise ValidationError({field: _("%(nama)s bukan jabatan pada instansi pegawai ini.")
                                   % {"nama": jabatan.nama}})
    if jabatan_pimpinan is not None and (jabatan_pimpinan.jenis == JenisJabatan.PELAKSANA or (
            jabatan_pimpinan.jenis == JenisJabatan.FUNGSIONAL and not jabatan_pimpinan.kepala_unit)):
        raise ValidationError({"jabatan_pimpinan": _(
            "%(nama)s tidak dapat menjadi Pimpinan Unit Organisasi: pilih jabatan struktural atau JF yang memimpin "
            "unit mandiri.") % {"nama": jabatan_pimpinan.nama}})
    kedudukan_validasi(instansi=pegawai.instansi, jabatan_pegawai=jabatan_pegawai, jabatan_ppk=jabatan_ppk,
                       tanggal=mulai)
    if _rantai_ppk_berputar(pegawai=pegawai, jabatan_ppk=jabatan_ppk, tanggal=mulai):
        raise ValidationError({"jabatan_ppk": _("Rantai Pejabat Penilai Kinerja berputar kembali ke pegawai ini.")})
    Kedudukan.objects.filter(pegawai=pegawai, selesai__isnull=True, mulai__lt=mulai).update(
        selesai=mulai - datetime.timedelta(days=1))
    hasil = Kedudukan.objects.create(pegawai=pegawai, jabatan_ppk=jabatan_ppk, jabatan_pimpinan=jabatan_pimpinan,
                                     mulai=mulai)
    jejak_catat(actor=actor, objek=hasil, aksi=AksiAudit.KEDUDUKAN_TETAPKAN, diizinkan=True,
                alasan=_("%(p)s di bawah PPK %(ppk)s mulai %(m)s") % {
                    "p": pegawai.nama_lengkap, "ppk": jabatan_ppk.nama, "m": mulai.isoformat()})
    return hasil


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
        raise ValidationError({"selesai": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    if jabatan.instansi_id != pegawai.instansi_id:
        raise ValidationError({"pegawai": _("Pegawai dan jabatan harus dari instansi yang sama.")})
    tunggal = jabatan.kursi_tunggal
    if jenis == JenisPemangku.DEFINITIF:
        if tunggal:
            PemangkuJabatan.objects.filter(jabatan=jabatan, jenis=jenis, selesai__isnull=True,
                                           mulai__lt=mulai).update(selesai=mulai - datetime.timedelta(days=1))
        PemangkuJabatan.objects.filter(pegawai=pegawai, jenis=jenis, selesai__isnull=True,
                                       mulai__lt=mulai).update(selesai=mulai - datetime.timedelta(days=1))
        if tunggal and PemangkuJabatan.objects.filter(_tumpang_tindih(mulai, selesai), jabatan=jabatan,
                                                      jenis=jenis).exists():
            raise ValidationError({"mulai": _("%(nama)s sudah memiliki pejabat definitif pada rentang itu.")
                                   % {"nama": jabatan.nama}})
    else:
        if not tunggal:
            raise ValidationError({"jenis": _("Plt./Plh. hanya untuk jabatan yang memimpin unit atau jabatan "
                                              "struktural.")})
        if PemangkuJabatan.objects.filter(_tumpang_tindih(mulai, selesai), jabatan=jabatan, jenis=jenis).exists():
            raise ValidationError({"mulai": _("Sudah ada %(jenis)s %(nama)s pada rentang itu.")
                                   % {"jenis": JenisPemangku(jenis).label, "nama": jabatan.nama}})
    pemangku = PemangkuJabatan.objects.create(jabatan=jabatan, pegawai=pegawai, jenis=jenis, mulai=mulai,
                                              selesai=selesai, nomor_sk=nomor_sk)
    sampai = _(" sampai %(s)s") % {"s": selesai.isoformat()} if selesai else ""
    jejak_catat(actor=actor, objek=pemangku, diizinkan=True, status_ke=jenis,
                aksi=AksiAudit.PEMANGKU_TETAPKAN if jenis == JenisPemangku.DEFINITIF
                else AksiAudit.PEMANGKU_TUNJUK_PLT_PLH,
                alasan=_("%(p)s pada %(j)s mulai %(m)s%(s)s") % {
                    "p": pegawai.nama_lengkap, "j": jabatan.nama, "m": mulai.isoformat(), "s": sampai})
    return pemangku


def unit_validasi_induk(*, unit: UnitOrganisasi, parent: UnitOrganisasi | None) -> None:
    """Refuse a parent that would create a cycle or cross Perangkat Daerah."""
    if parent is None:
        return
    if parent.perangkat_daerah_id != unit.perangkat_daerah_id:
        raise ValidationError({"parent": _("Unit induk harus berada pada Perangkat Daerah yang sama.")})
    if unit.pk and (parent.pk == unit.pk or UnitOrganisasi.objects.descendants(unit).filter(pk=parent.pk).exists()):
        raise ValidationError({"parent": _("%(induk)s berada di bawah %(unit)s: susunan unit akan berputar.")
                               % {"induk": parent.nama, "unit": unit.nama}})


@transaction.atomic
def pemangku_akhiri(*, pemangku: PemangkuJabatan, selesai: datetime.date | None, nomor_sk: str | None = None,
                    actor=None) -> PemangkuJabatan:
    """Set (or correct) the end date of a holding. Refused when it would end before it began or,
    for a single seat, overlap another holder of the same kind; a definitive holding may not
    overlap the pegawai's other definitive position either."""
    pemangku = PemangkuJabatan.objects.select_for_update().select_related("jabatan").get(pk=pemangku.pk)
    Jabatan.objects.select_for_update().filter(pk=pemangku.jabatan_id).first()  # as pemangku_tetapkan
    if selesai is not None and selesai < pemangku.mulai:
        raise ValidationError({"selesai": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    lain = PemangkuJabatan.objects.filter(_tumpang_tindih(pemangku.mulai, selesai), jenis=pemangku.jenis
                                          ).exclude(pk=pemangku.pk)
    if pemangku.jabatan.kursi_tunggal and lain.filter(jabatan_id=pemangku.jabatan_id).exists():
        raise ValidationError({"selesai": _("%(j)s sudah memiliki %(k)s lain pada rentang itu.") % {
            "j": pemangku.jabatan.nama, "k": JenisPemangku(pemangku.jenis).label}})
    if pemangku.jenis == JenisPemangku.DEFINITIF and lain.filter(pegawai_id=pemangku.pegawai_id).exists():
        raise ValidationError({"selesai": _("Pegawai ini sudah memangku jabatan definitif lain pada rentang itu.")})
    selesai_lama = pemangku.selesai
    pemangku.selesai = selesai
    fields = ["selesai", "updated_at"]
    if nomor_sk is not None:
        pemangku.nomor_sk = nomor_sk
        fields.append("nomor_sk")
    pemangku.save(update_fields=fields)
    jejak_catat(actor=actor, objek=pemangku, aksi=AksiAudit.PEMANGKU_AKHIRI, diizinkan=True,
                alasan=_("Tanggal selesai %(lama)s → %(baru)s") % {
                    "lama": selesai_lama.isoformat() if selesai_lama else "—",
                    "baru": selesai.isoformat() if selesai else "—"})
    return pemangku


@transaction.atomic
def kedudukan_akhiri(*, kedudukan: Kedudukan, selesai: datetime.date | None, actor=None) -> Kedudukan:
    """Set (or correct) the end date of a placement; it may not end before it began nor overlap
    the pegawai's other placements."""
    kedudukan = Kedudukan.objects.select_for_update().get(pk=kedudukan.pk)
    if selesai is not None and selesai < kedudukan.mulai:
        raise ValidationError({"selesai": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")})
    if Kedudukan.objects.filter(_tumpang_tindih(kedudukan.mulai, selesai), pegawai_id=kedudukan.pegawai_id
                                ).exclude(pk=kedudukan.pk).exists():
        raise ValidationError({"selesai": _("Pegawai ini sudah memiliki kedudukan lain pada rentang itu.")})
    selesai_lama = kedudukan.selesai
    kedudukan.selesai = selesai
    kedudukan.save(update_fields=["selesai", "updated_at"])
    jejak_catat(actor=actor, objek=kedudukan, aksi=AksiAudit.KEDUDUKAN_AKHIRI, diizinkan=True,
                alasan=_("Tanggal selesai %(lama)s → %(baru)s") % {
                    "lama": selesai_lama.isoformat() if selesai_lama else "—",
                    "baru": selesai.isoformat() if selesai else "—"})
    return kedudukan


# --------------------------------------------------------------------------- units and positions


def aturan_jenjang_jabatan(*, jenis: str, jenjang: str, kategori_jf: str = "") -> dict[str, str]:
    """The jenjang rules of a position, pure (the admin and the org-chart import, which checks
    unsaved rows, share it): {field: reason} of every broken rule."""
    if jenis == JenisJabatan.FUNGSIONAL:
        if not jenjang:
            return {"jenjang": _("Jabatan Fungsional wajib memiliki jenjang.")}
        if kategori_jf and kategori_jf != JENJANG_KATEGORI[jenjang]:
            return {"kategori_jf": _("Jenjang %(j)s termasuk kategori %(k)s.") % {
                "j": Jenjang(jenjang).label, "k": JENJANG_KATEGORI[jenjang].label}}
    elif jenjang:
        return {"jenjang": _("Jenjang hanya untuk Jabatan Fungsional, bukan %(j)s.") % {
            "j": JenisJabatan(jenis).label if jenis in JenisJabatan.values else jenis}}
    return {}


def jabatan_validasi(*, jabatan: Jabatan) -> None:
    """Every rule a position must satisfy before it is saved; fills the Instansi from the unit and
    the JF category from the jenjang. Raises ValidationError by field."""
    kesalahan: dict[str, str] = {}
    if jabatan.unit_id is not None:
        jabatan.instansi_id = jabatan.unit.instansi_id
    elif jabatan.jenis and jabatan.jenis != JenisJabatan.KEPALA_DAERAH:
        kesalahan["unit"] = _("Setiap jabatan selain Kepala Daerah wajib berada pada unit organisasi.")
    elif not jabatan.instansi_id:
        kesalahan["instansi"] = _("Pilih instansi untuk jabatan Kepala Daerah.")
    kesalahan.update(aturan_jenjang_jabatan(jenis=jabatan.jenis, jenjang=jabatan.jenjang,
                                            kategori_jf=jabatan.kategori_jf))
    if jabatan.jenis == JenisJabatan.FUNGSIONAL and jabatan.jenjang and not jabatan.kategori_jf:
        jabatan.kategori_jf = JENJANG_KATEGORI[jabatan.jenjang]
    if jabatan.kepala_unit and jabatan.unit_id is not None and Jabatan.objects.filter(
            unit_id=jabatan.unit_id, kepala_unit=True).exclude(pk=jabatan.pk).exists():
        kesalahan["kepala_unit"] = _("%(u)s sudah memiliki jabatan kepala unit.") % {"u": jabatan.unit.nama}
    if jabatan.kode and jabatan.instansi_id and Jabatan.objects.filter(
            instansi_id=jabatan.instansi_id, kode=jabatan.kode).exclude(pk=jabatan.pk).exists():
        kesalahan["kode"] = _("Kode jabatan %(k)s sudah dipakai di instansi ini.") % {"k": jabatan.kode}
    if kesalahan:
        raise ValidationError(kesalahan)


@transaction.atomic
def jabatan_simpan(*, jabatan: Jabatan, actor=None) -> Jabatan:
    """Create or change a position after ``jabatan_validasi``."""
    jabatan_validasi(jabatan=jabatan)
    jabatan.save()
    return jabatan


def unit_validasi(*, unit: UnitOrganisasi) -> None:
    """Every rule a unit must satisfy before it is saved: the parent (no cycle, same PD), its
    officials from the same PD, a code unique in the Instansi. Fills the Instansi from the PD."""
    unit.instansi_id = unit.perangkat_daerah.instansi_id
    kesalahan: dict[str, list] = {}
    try:
        unit_validasi_induk(unit=unit, parent=unit.parent)
    except ValidationError as e:
        kesalahan.update(e.message_dict)
    for nama in ("jabatan_pimpinan", "jabatan_ppk"):
        jabatan = getattr(unit, nama)
        if jabatan is not None and (jabatan.unit is None
                                    or jabatan.unit.perangkat_daerah_id != unit.perangkat_daerah_id):
            kesalahan[nama] = [_("Jabatan harus berada pada Perangkat Daerah yang sama dengan unit.")]
    if unit.kode and UnitOrganisasi.objects.filter(instansi_id=unit.instansi_id, kode=unit.kode).exclude(
            pk=unit.pk).exists():
        kesalahan["kode"] = [_("Kode unit %(k)s sudah dipakai di instansi ini.") % {"k": unit.kode}]
    if kesalahan:
        raise ValidationError(kesalahan)


@transaction.atomic
def unit_simpan(*, unit: UnitOrganisasi, actor=None) -> UnitOrganisasi:
    """Create or change a unit after ``unit_validasi``."""
    unit_validasi(unit=unit)
    unit.save()
    return unit
