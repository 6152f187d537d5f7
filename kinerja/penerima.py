"""Who receives what in Kinerja II (DOMAIN §4.2–4.5), computed once: plain functions that read
the organisation and the dated rules and return a *plan* (positions, people, a scope). The
services write with these plans; the pages and the APIs show the same plans (no second copy of
a rule). Every regional difference is a field of ``AturanKinerja`` or of the organisation's
dated rule set (``laporan_individu_ke``), never a region's name.

- ``rantai_evaluasi``: the review chain of a target, from the rule set's ``rantai_evaluasi``
  for the PD kind (``"*"`` otherwise), each role resolved to a position (or, for the
  penanggung jawab, a person); consecutive duplicates collapse (a 1-level unit: the head once).
- ``penerima_laporan``: the recipient (and copies) of a periodic report of each kind.
- ``rute_kendala``: the deciding position, the positions told and the scope of a kendala.
- ``pejabat_langkah``: who decides a step on a date (holder, Plt/Plh, vacancy escalation).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from inti.waktu import hari_ini
from organisasi import selectors as org
from organisasi.models import Jabatan, Pegawai, TujuanLaporan, UnitOrganisasi
from organisasi.selectors_aturan import aturan_pada
from penugasan.models import AnggotaTim, Penugasan, PeranTim, TimKerja

from .models import (
    CakupanKendala,
    JenisLaporan,
    PeranRantai,
    TargetJabatan,
    TujuanLaporanTim,
)
from .selectors import aturan_kinerja_pada

# --------------------------------------------------------------------------- helpers


def unit_akar(unit: UnitOrganisasi) -> UnitOrganisasi | None:
    """The top unit of the unit's Perangkat Daerah."""
    if unit is None:
        return None
    return UnitOrganisasi.objects.filter(perangkat_daerah_id=unit.perangkat_daerah_id, parent__isnull=True).first()


def jabatan_kepala_pd(unit: UnitOrganisasi) -> Jabatan | None:
    akar = unit_akar(unit)
    return org.jabatan_kepala(unit=akar) if akar is not None else None


def ketua_tim(tim: TimKerja) -> Pegawai | None:
    a = AnggotaTim.objects.filter(tim=tim, peran=PeranTim.KETUA).select_related("pegawai").first()
    return a.pegawai if a else None


def pejabat_langkah(*, jabatan: Jabatan | None = None, pegawai: Pegawai | None = None,
                    tanggal: datetime.date | None = None) -> org.Pejabat | None:
    """Who exercises a step on the date: the person named (penanggung jawab), else whoever
    holds or acts for the position, else (vacant) the position above (``eskalasi_dari``)."""
    if pegawai is not None:
        jab = org.jabatan_definitif_pegawai(pegawai=pegawai, tanggal=tanggal)
        return org.Pejabat(pegawai=pegawai, jabatan=jab or Jabatan(nama=_("Penanggung Jawab")), sebagai="definitif")
    return org.pejabat_berwenang(jabatan=jabatan, tanggal=tanggal)


def pastikan_pejabat(*, actor, jabatan: Jabatan | None = None, pegawai: Pegawai | None = None,
                     tanggal: datetime.date | None = None) -> org.Pejabat:
    """The actor's authority over a step (raises PermissionDenied naming who acts)."""
    saya = getattr(actor, "pegawai", None) if actor is not None else None
    if saya is None:
        raise PermissionDenied(_("Akun Anda tidak terhubung dengan data pegawai."))
    pejabat = pejabat_langkah(jabatan=jabatan, pegawai=pegawai, tanggal=tanggal)
    if pejabat is not None and pejabat.pegawai.pk == saya.pk:
        return pejabat
    nama_pos = pegawai.nama_lengkap if pegawai is not None else (jabatan.nama if jabatan is not None else "-")
    if pejabat is None:
        raise PermissionDenied(_("%(pos)s kosong dan tidak ada pejabat di atasnya yang berwenang.") % {"pos": nama_pos})
    raise PermissionDenied(_("Langkah ini diputuskan oleh %(sebutan)s %(nama)s, bukan Anda.")
                           % {"sebutan": pejabat.sebutan, "nama": pejabat.pegawai.nama_lengkap})


def user_pejabat(jabatan_list, *, tanggal: datetime.date | None = None, pegawai_list=()) -> list:
    """The user accounts to notify for positions (holder/Plt/Plh/escalation) and people."""
    users = []
    for jab in jabatan_list:
        if jab is None:
            continue
        p = org.pejabat_berwenang(jabatan=jab, tanggal=tanggal)
        if p is not None and p.pegawai.user_id:
            users.append(p.pegawai.user)
    for peg in pegawai_list:
        if peg is not None and peg.user_id:
            users.append(peg.user)
    return users


# --------------------------------------------------------------------------- evaluation chain


def _langkah_jabatan(peran: str, jabatan: Jabatan) -> dict:
    return {"peran": peran, "jabatan_id": jabatan.pk, "pegawai_id": None, "nama": jabatan.nama}


def rantai_evaluasi(*, target: TargetJabatan, tim: TimKerja | None = None,
                    tanggal: datetime.date | None = None) -> list[dict]:
    """The review chain of ``target`` under the rules in force: ``[{peran, jabatan_id,
    pegawai_id, nama}]`` from the first reviewer to the one who accepts."""
    jab = target.jabatan
    unit = jab.unit
    if unit is None:
        return []
    pd = unit.perangkat_daerah
    atur = aturan_kinerja_pada(instansi=pd.instansi, tanggal=tanggal)
    rantai = atur.rantai_evaluasi or {}
    peran_list = rantai.get(pd.jenis) or rantai.get("*") or [PeranRantai.PEMILIK_TARGET, PeranRantai.KEPALA_PD]
    hasil: list[dict] = []
    for peran in peran_list:
        langkah = None
        if peran == PeranRantai.PEMILIK_TARGET:
            langkah = _langkah_jabatan(peran, jab)
        elif peran == PeranRantai.ATASAN_PEMILIK:
            atas = target.induk.jabatan if target.induk_id else org.jabatan_atasan(jabatan=jab)
            langkah = _langkah_jabatan(peran, atas) if atas is not None else None
        elif peran == PeranRantai.PPK_PEMILIK:
            ppk = org.jabatan_ppk_unit(unit=unit)
            langkah = _langkah_jabatan(peran, ppk) if ppk is not None else None
        elif peran == PeranRantai.PENANGGUNG_JAWAB:
            pj = target.penanggung_jawab or (tim.penanggung_jawab if tim is not None else None)
            if pj is not None:
                langkah = {"peran": peran, "jabatan_id": None, "pegawai_id": pj.pk, "nama": pj.nama_lengkap}
        elif peran in (PeranRantai.KEPALA_PD, PeranRantai.PIMPINAN_UNIT_PD):
            akar = unit_akar(unit)
            j = None
            if akar is not None:
                j = org.jabatan_kepala(unit=akar) if peran == PeranRantai.KEPALA_PD else org.jabatan_pimpinan_unit(unit=akar)
            langkah = _langkah_jabatan(peran, j) if j is not None else None
        elif peran == PeranRantai.KEPALA_PD_INDUK:
            if pd.induk_id:
                j = Jabatan.objects.filter(kepala_unit=True, unit__perangkat_daerah_id=pd.induk_id,
                                           unit__parent__isnull=True).first()
                langkah = _langkah_jabatan(peran, j) if j is not None else None
        if langkah is None:
            continue
        if hasil and (hasil[-1]["jabatan_id"], hasil[-1]["pegawai_id"]) == (langkah["jabatan_id"], langkah["pegawai_id"]):
            continue
        hasil.append(langkah)
    return hasil


# --------------------------------------------------------------------------- report recipients


@dataclass
class PenerimaLaporan:
    jabatan: Jabatan | None = None
    pegawai: Pegawai | None = None
    tembusan: list[Jabatan] = field(default_factory=list)

    @property
    def nama(self) -> str:
        return self.pegawai.nama_lengkap if self.pegawai is not None else (self.jabatan.nama if self.jabatan else "")


def laporan_individu_ke(*, instansi, tanggal: datetime.date | None = None) -> str:
    """The organisation rule set's ``laporan_individu_ke`` in force on the date."""
    versi = aturan_pada(instansi=instansi, tanggal=tanggal)
    if versi is not None and versi.nilai.get("laporan_individu_ke"):
        return versi.nilai["laporan_individu_ke"]
    return instansi.laporan_individu_ke


def penerima_laporan(*, jenis: str, pelapor: Pegawai, tim: TimKerja | None = None,
                     penugasan: Penugasan | None = None, tentang: Pegawai | None = None,
                     kepada: str = "", tanggal: datetime.date | None = None) -> PenerimaLaporan:
    """Where a report goes (DOMAIN §4.5). ``kepada`` picks between the alternatives a rule
    allows ("pimpinan_unit" / "penanggung_jawab" / "atasan_langsung")."""
    tanggal = tanggal or hari_ini()
    if jenis == JenisLaporan.ANGGOTA_KE_KETUA:
        ketua = ketua_tim(tim)
        if ketua is None:
            raise ValidationError({"tim_id": [_("Tim belum memiliki ketua.")]})
        return PenerimaLaporan(pegawai=ketua)
    if jenis == JenisLaporan.TIM:
        atur = aturan_kinerja_pada(instansi=tim.instansi, tanggal=tanggal)
        pu = org.jabatan_pimpinan_unit(unit=tim.unit)
        if atur.laporan_tim_ke == TujuanLaporanTim.PPK:
            return PenerimaLaporan(jabatan=org.jabatan_ppk_unit(unit=tim.unit))
        if atur.laporan_tim_ke == TujuanLaporanTim.PIMPINAN_UNIT_ATAU_PJ and kepada == "penanggung_jawab":
            if tim.penanggung_jawab_id is None:
                raise ValidationError({"kepada": [_("Tim ini tidak memiliki penanggung jawab.")]})
            return PenerimaLaporan(pegawai=tim.penanggung_jawab)
        if atur.laporan_tim_ke == TujuanLaporanTim.PIMPINAN_UNIT_DAN_KEPALA_PD:
            kepala = jabatan_kepala_pd(tim.unit)
            return PenerimaLaporan(jabatan=pu, tembusan=[kepala] if kepala is not None and kepala != pu else [])
        return PenerimaLaporan(jabatan=pu)
    if jenis == JenisLaporan.INDIVIDU:
        aturan = laporan_individu_ke(instansi=penugasan.instansi, tanggal=tanggal)
        pu = org.jabatan_pimpinan_unit(unit=penugasan.unit)
        if aturan == TujuanLaporan.PPK:
            return PenerimaLaporan(jabatan=org.jabatan_ppk_pegawai(pegawai=pelapor, tanggal=tanggal)
                                   or org.jabatan_ppk_unit(unit=penugasan.unit))
        if aturan == TujuanLaporan.ATASAN_LANGSUNG and kepada != "pimpinan_unit":
            sendiri = org.jabatan_definitif_pegawai(pegawai=pelapor, tanggal=tanggal)
            atasan = org.jabatan_atasan(jabatan=sendiri) if sendiri is not None else None
            return PenerimaLaporan(jabatan=atasan or pu)
        return PenerimaLaporan(jabatan=pu)
    if jenis == JenisLaporan.CATATAN_ANGGOTA:
        ppk = org.jabatan_ppk_pegawai(pegawai=tentang, tanggal=tanggal)
        pu = org.jabatan_pimpinan_pegawai(pegawai=tentang, tanggal=tanggal)
        if ppk is None and pu is None:
            raise ValidationError({"tentang_pegawai_id": [_("PPK dan Pimpinan Unit anggota ini tidak ditemukan.")]})
        return PenerimaLaporan(jabatan=ppk or pu, tembusan=[pu] if pu is not None and ppk is not None and pu != ppk else [])
    raise ValidationError({"jenis": [_("Jenis laporan tidak dikenal.")]})


def boleh_meminta_laporan(*, tim: TimKerja, tanggal: datetime.date | None = None) -> tuple[Jabatan | None, Pegawai | None]:
    """Who may ask a team for a report: its Pimpinan Unit (position) and, where the rules give
    the penanggung jawab that role, the penanggung jawab (person)."""
    atur = aturan_kinerja_pada(instansi=tim.instansi, tanggal=tanggal)
    pj = tim.penanggung_jawab if atur.penanggung_jawab_terima_laporan else None
    return org.jabatan_pimpinan_unit(unit=tim.unit), pj


# --------------------------------------------------------------------------- kendala routing


@dataclass
class RuteKendala:
    cakupan: str
    penentu: Jabatan | None
    penerima: list[Jabatan] = field(default_factory=list)
    penerima_pegawai: list[Pegawai] = field(default_factory=list)


_PERINGKAT = {CakupanKendala.DALAM_UNIT: 0, CakupanKendala.LINTAS_UNIT: 1, CakupanKendala.LINTAS_PD: 2,
              CakupanKendala.LINTAS_INSTANSI: 3}


def rute_kendala(*, tim: TimKerja | None = None, penugasan: Penugasan | None = None,
                 libatkan_pimpinan_asal: bool = False, tanggal: datetime.date | None = None) -> RuteKendala:
    """DOMAIN §4.2 step 9: in the unit → the owning Pimpinan Unit (and the penanggung jawab where
    the rules say so); across units → also each member's own Pimpinan Unit; across PDs /
    agencies → the owning PU at the executing agency and each member's PU, and, when
    ``libatkan_pimpinan_asal``, the head of each member's PD (across PDs) or agency (across
    agencies)."""
    tanggal = tanggal or hari_ini()
    unit = tim.unit if tim is not None else penugasan.unit
    instansi = tim.instansi if tim is not None else penugasan.instansi
    atur = aturan_kinerja_pada(instansi=instansi, tanggal=tanggal)
    penentu = org.jabatan_pimpinan_unit(unit=unit)
    rute = RuteKendala(cakupan=CakupanKendala.DALAM_UNIT, penentu=penentu, penerima=[penentu] if penentu else [])
    if tim is not None and atur.penanggung_jawab_terima_laporan and tim.penanggung_jawab_id:
        rute.penerima_pegawai.append(tim.penanggung_jawab)
    anggota = ([a.pegawai for a in AnggotaTim.objects.filter(tim=tim).select_related("pegawai")]
               if tim is not None else [penugasan.pegawai])
    for peg in anggota:
        jab_sendiri = org.jabatan_definitif_pegawai(pegawai=peg, tanggal=tanggal)
        pu = org.jabatan_pimpinan_pegawai(pegawai=peg, tanggal=tanggal)
        unit_sendiri = pu.unit if pu is not None and pu.unit_id else (jab_sendiri.unit if jab_sendiri else None)
        if peg.instansi_id != instansi.pk:
            cakupan = CakupanKendala.LINTAS_INSTANSI
        elif unit_sendiri is not None and unit_sendiri.perangkat_daerah_id != unit.perangkat_daerah_id:
            cakupan = CakupanKendala.LINTAS_PD
        elif pu is not None and pu != penentu:
            cakupan = CakupanKendala.LINTAS_UNIT
        else:
            continue
        if _PERINGKAT[cakupan] > _PERINGKAT[rute.cakupan]:
            rute.cakupan = cakupan
        if pu is not None and pu not in rute.penerima:
            rute.penerima.append(pu)
        if libatkan_pimpinan_asal and cakupan == CakupanKendala.LINTAS_PD and unit_sendiri is not None:
            kepala = jabatan_kepala_pd(unit_sendiri)
            if kepala is not None and kepala not in rute.penerima:
                rute.penerima.append(kepala)
        if libatkan_pimpinan_asal and cakupan == CakupanKendala.LINTAS_INSTANSI:
            pyb = peg.instansi.jabatan_pyb
            if pyb is not None and pyb not in rute.penerima:
                rute.penerima.append(pyb)
    return rute
