"""What a decision produces, computed once: which letters, which assignments, which new team.

Pure functions of the request as it stands before the decision (they read, never write): the
service (``services.keputusan._putuskan``, ``services.penyelesaian._selesaikan_rute``) carries
the plan out, and the unnumbered draft preview (``surat.selectors.surat_draf_untuk_permohonan``)
renders the same plan. Change a rule here and both follow.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from organisasi.models import Instansi, Pegawai, UnitOrganisasi

from .models import (
    RUTE_PENUNJUKAN,
    RUTE_SUKARELA,
    AnggotaTim,
    Keputusan,
    Penugasan,
    PeranPenugasan,
    PeranTim,
    PermohonanPenugasan,
    Rute,
    TimKerja,
)

# routes whose completion answers the requesting unit with a letter (the staff it gets)
RUTE_JAWABAN_SAAT_SELESAI = (Rute.PENUNJUKAN_LINTAS_UNIT, Rute.PENUNJUKAN_LINTAS_INSTANSI)


@dataclass
class RencanaPenyelesaian:
    """The rows a completed route becomes, unsaved: a new team (or the existing one), its
    memberships and one assignment per person. Before anyone is chosen (a preview only) one
    assignment without ``pegawai`` stands for the letter."""

    instansi: Instansi
    unit: UnitOrganisasi
    tim: TimKerja | None
    tim_baru: bool
    keanggotaan: list[AnggotaTim] = field(default_factory=list)
    penugasan: list[Penugasan] = field(default_factory=list)


@dataclass
class RencanaKeputusan:
    """The effects of one decision at the current step."""

    keputusan: str
    selesai: bool  # the route completes with this decision
    surat_jawaban: bool  # a letter of answer (refusal, availability, or the staff granted)
    surat_permohonan_diteruskan: bool  # the PyB forwards the request letter to the target PyB
    penyelesaian: RencanaPenyelesaian | None  # when ``selesai``


def pegawai_calon(permohonan: PermohonanPenugasan) -> list[Pegawai]:
    """The staff a decision would assign: those already chosen, else (penunjukan) those requested."""
    pegawai = list(permohonan.pegawai_ditugaskan.select_related("user").order_by("nama"))
    if not pegawai and permohonan.rute in RUTE_PENUNJUKAN:
        pegawai = list(permohonan.pegawai_diminta.order_by("nama"))
    return pegawai


def unit_pemilik(permohonan: PermohonanPenugasan) -> UnitOrganisasi:
    """The unit that owns the work a request assigns: the requesting unit for a penunjukan,
    the unit joined for a sukarela request."""
    return permohonan.unit_tujuan if permohonan.rute in RUTE_SUKARELA else permohonan.unit_asal


def rencana_penyelesaian(permohonan: PermohonanPenugasan, pegawai: list[Pegawai]) -> RencanaPenyelesaian:
    """Assignments (and the team) a completed route creates for ``pegawai`` (ordered by name)."""
    sukarela = permohonan.rute in RUTE_SUKARELA
    unit = unit_pemilik(permohonan)
    instansi = permohonan.instansi_tujuan if sukarela else permohonan.instansi_asal
    umum = {"permohonan": permohonan, "instansi": instansi, "unit": unit, "uraian_tugas": permohonan.uraian_tugas,
            "mulai": permohonan.mulai, "selesai": permohonan.selesai, "sifat": permohonan.sifat}
    tim, tim_baru = permohonan.tim, False
    if tim is None and permohonan.nama_tim:
        tim = TimKerja(instansi=instansi, unit=unit, nama=permohonan.nama_tim, mulai=permohonan.mulai,
                       selesai=permohonan.selesai, sifat=permohonan.sifat)
        tim_baru = True
    rencana = RencanaPenyelesaian(instansi=instansi, unit=unit, tim=tim, tim_baru=tim_baru)
    if tim is not None:
        ketua = permohonan.ketua_tim
        anggota = [*([ketua] if ketua and ketua.pk not in {p.pk for p in pegawai} else []), *pegawai]
        for p in anggota or [None]:
            ketua_ini = bool(ketua and p is not None and p.pk == ketua.pk)
            if p is not None:
                rencana.keanggotaan.append(AnggotaTim(
                    tim=tim, pegawai=p, peran=PeranTim.KETUA if ketua_ini else PeranTim.ANGGOTA,
                    uraian_tugas=permohonan.uraian_tugas, sasaran=permohonan.hasil_diharapkan))
            rencana.penugasan.append(Penugasan(
                pegawai=p, tim=tim, peran=PeranPenugasan.KETUA if ketua_ini else PeranPenugasan.ANGGOTA, **umum))
    else:
        peran_lain = permohonan.peran_penugasan
        rencana.penugasan = [
            Penugasan(pegawai=p, peran=PeranPenugasan.LAINNYA if peran_lain else PeranPenugasan.INDIVIDU,
                      peran_lain=peran_lain, **umum)
            for p in (pegawai or [None])]
    return rencana


def rencana_keputusan(*, permohonan: PermohonanPenugasan, keputusan: str,
                      pegawai: list[Pegawai] | None = None) -> RencanaKeputusan:
    """The effects of ``keputusan`` at the request's current step (read before the transition).
    ``pegawai``: the staff assigned when the route completes (default: those chosen so far)."""
    step = permohonan.langkah_sekarang or {}
    menyetujui = keputusan in (Keputusan.SETUJUI, Keputusan.JAWAB_KETERSEDIAAN)
    selesai = menyetujui and not permohonan.masih_ada_langkah()
    jawaban = keputusan in (Keputusan.TOLAK, Keputusan.JAWAB_KETERSEDIAAN) or (
        selesai and permohonan.rute in RUTE_JAWABAN_SAAT_SELESAI)
    diteruskan = (not jawaban and keputusan == Keputusan.SETUJUI and step.get("peran") == "pyb_asal"
                  and not selesai)
    return RencanaKeputusan(
        keputusan=keputusan, selesai=selesai, surat_jawaban=jawaban, surat_permohonan_diteruskan=diteruskan,
        penyelesaian=rencana_penyelesaian(
            permohonan, list(permohonan.pegawai_ditugaskan.select_related("user").order_by("nama")) if pegawai is None else pegawai)
        if selesai else None)
