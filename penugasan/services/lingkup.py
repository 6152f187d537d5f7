"""The scope of a route: every person a request involves belongs to it (issue 9).

A route is chosen for a scope — within the requesting unit, across units of one Instansi, into
one target unit, across agencies — and its decision steps are the ones that scope needs. A
person outside the scope would be assigned without the officials of their own unit or agency
ever deciding (an in-unit request has no decision step at all), and the letters would follow
the wrong office. So each role is checked against the scope of the route, at creation,
revision, decision (staff chosen) and availability answer:

=================================  ==============================  ===========================
route                              staff (asked, chosen, listed)   ketua tim
=================================  ==============================  ===========================
penunjukan / sukarela dalam unit   the requesting unit (and below)  the requesting unit
penunjukan lintas unit / instansi  the target unit (and below)      requesting or target Instansi
sukarela lintas unit               the volunteer: same Instansi     the same Instansi
=================================  ==============================  ===========================

``diluar_lingkup`` returns one message per person outside, naming them (name, NIP), where they
sit, and the route that would be needed to involve them.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from organisasi.models import Instansi, Jabatan, Pegawai, UnitOrganisasi

from ..models import Rute
from ._umum import _jabatan_pegawai, _unit_dalam

STAF = "staf"
KETUA = "ketua"

_DALAM_UNIT = (Rute.PENUNJUKAN_DALAM_UNIT, Rute.SUKARELA_DALAM_UNIT)


@dataclass(frozen=True)
class KonteksRute:
    rute: str
    unit_asal: UnitOrganisasi
    unit_tujuan: UnitOrganisasi

    @property
    def instansi_asal(self) -> Instansi:
        return self.unit_asal.instansi

    @property
    def instansi_tujuan(self) -> Instansi:
        return self.unit_tujuan.instansi


@dataclass(frozen=True)
class Lingkup:
    unit: UnitOrganisasi | None  # the person's unit must be this one or below it
    instansi: tuple[Instansi, ...] = ()  # else: the person's Instansi must be one of these

    def memuat(self, jabatan: Jabatan) -> bool:
        if self.unit is not None:
            return jabatan.unit_id is not None and _unit_dalam(jabatan.unit, self.unit)
        return jabatan.instansi_id in {i.pk for i in self.instansi}

    def uraian(self) -> str:
        if self.unit is not None:
            return _("unit %(unit)s") % {"unit": self.unit.nama}
        return _("pegawai %(instansi)s") % {"instansi": _(" atau ").join(i.nama for i in self.instansi)}


def lingkup_peran(konteks: KonteksRute, peran: str) -> Lingkup:
    """Where a person playing ``peran`` (STAF or KETUA) may sit for this route."""
    if konteks.rute in _DALAM_UNIT:
        return Lingkup(unit=konteks.unit_asal)
    if peran == STAF:
        if konteks.rute == Rute.SUKARELA_LINTAS_UNIT:
            return Lingkup(unit=None, instansi=(konteks.instansi_tujuan,))
        return Lingkup(unit=konteks.unit_tujuan)
    if konteks.rute == Rute.PENUNJUKAN_LINTAS_INSTANSI:
        return Lingkup(unit=None, instansi=(konteks.instansi_asal, konteks.instansi_tujuan))
    return Lingkup(unit=None, instansi=(konteks.instansi_asal,))


def rute_diperlukan(konteks: KonteksRute, jabatan: Jabatan) -> str:
    """The route that would involve someone in ``jabatan`` from the requesting unit."""
    unit, asal = jabatan.unit, konteks.instansi_asal
    if jabatan.instansi_id == asal.pk:
        if unit is not None and _unit_dalam(unit, konteks.unit_asal):
            return str(Rute.PENUNJUKAN_DALAM_UNIT.label)
        teks = _("%(rute)s ke %(unit)s") % {"rute": Rute.PENUNJUKAN_LINTAS_UNIT.label, "unit": unit.nama}
        if asal.lintas_perangkat_daerah_aktif and unit.perangkat_daerah_id != konteks.unit_asal.perangkat_daerah_id:
            teks += " " + _("(lintas Perangkat Daerah)")
        return teks
    lain = jabatan.instansi
    teks = _("%(rute)s ke %(unit)s, %(instansi)s") % {
        "rute": Rute.PENUNJUKAN_LINTAS_INSTANSI.label, "unit": unit.nama if unit else lain.nama, "instansi": lain.nama}
    mati = [i.nama for i in (asal, lain) if not i.lintas_instansi_aktif]
    if mati:
        teks += " — " + _("rute itu tidak diaktifkan pada %(instansi)s") % {"instansi": ", ".join(mati)}
    return teks


def pesan_di_luar(konteks: KonteksRute, pegawai: Pegawai, jabatan: Jabatan, lingkup: Lingkup) -> str:
    return _(
        "%(nama)s (NIP %(nip)s), %(jabatan)s pada %(unit)s — %(instansi)s, berada di luar lingkup %(rute)s "
        "(%(lingkup)s). Untuk melibatkannya diperlukan rute %(perlu)s.") % {
        "nama": pegawai.nama_lengkap, "nip": pegawai.nip, "jabatan": jabatan.nama,
        "unit": jabatan.unit.nama if jabatan.unit_id else "-", "instansi": jabatan.instansi.nama,
        "rute": Rute(konteks.rute).label, "lingkup": lingkup.uraian(), "perlu": rute_diperlukan(konteks, jabatan)}


def diluar_lingkup(*, konteks: KonteksRute, peran: str, pegawai: list[Pegawai],
                   tanggal: datetime.date) -> list[str]:
    """Messages for the people who hold a post outside the scope of ``peran`` on ``tanggal``
    (people without a post are left to the callers' own checks)."""
    lingkup = lingkup_peran(konteks, peran)
    salah = []
    for pg in pegawai:
        jabatan = _jabatan_pegawai(pg, tanggal)
        if jabatan is not None and not lingkup.memuat(jabatan):
            salah.append(pesan_di_luar(konteks, pg, jabatan, lingkup))
    return salah
