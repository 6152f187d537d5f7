"""Ending work: an assignment finishes or is cancelled, a team finishes or is dissolved (with
its members' active assignments), and the penanggung jawab of a team is named where the
Instansi uses that role (DOMAIN.md §2.8, §4.3).

This is the completion hook of the kinerja cycle: when the top of a review chain accepts the
results (DOMAIN.md §4.3 "finished only when the top of the chain accepts"), kinerja calls::

    penugasan_selesaikan(actor=user, penugasan_id=..., tanggal=date, alasan="...")
    tim_selesaikan(actor=user, tim_id=..., tanggal=date, alasan="...")      # a rutin team
    tim_bubarkan(actor=user, tim_id=..., tanggal=date, alasan="...")        # an insidental team

Who may end work: the Pimpinan Unit of the unit that owns it (``unit``), or a leader above
that position (``organisasi.selectors.jabatan_atasan``, up to the head of the parent PD), held
definitively or acted for (Plt./Plh.) on the end date; anyone else gets PermissionDenied (403).

Every service locks the row (``select_for_update``), checks who acts (403), the state (409:
``KonflikError``, e.g. the second of two simultaneous finishes) and the input (400:
``ValidationError``; ``tanggal`` defaults to today and may not lie in the future; a reason
is required to cancel or dissolve), calls the state-only transition, saves with
``update_fields`` and writes a typed ``JejakAudit`` row; a refused attempt is audited after
the rollback (``dengan_jejak``). Notifications are scheduled by ``notifikasi`` after commit.
"""
from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from inti import waktu
from inti.exceptions import KonflikError
from inti.jejak import jejak_catat
from inti.models import AksiAudit
from organisasi import selectors as org
from organisasi.models import Pegawai, UnitOrganisasi
from organisasi.selectors_aturan import aturan_pada

from .. import dokumen
from ..models import Penugasan, StatusPenugasan, StatusTim, TimKerja
from ._jejak import _dengan_jejak
from ._umum import _pegawai_actor

# a chain of leaders is short (unit → bidang → PD → Sekda); the cap only guards a cyclic import
_BATAS_RANTAI = 20


def pimpinan_pengakhir(*, actor, unit: UnitOrganisasi, tanggal: datetime.date | None = None) -> org.Pejabat:
    """The leadership position through which ``actor`` may end work owned by ``unit``: the
    Pimpinan Unit of that unit or a position above it, held or acted for on ``tanggal``.
    PermissionDenied otherwise."""
    tanggal = tanggal or waktu.hari_ini()
    pegawai = _pegawai_actor(actor)
    jabatan = org.jabatan_pimpinan_unit(unit=unit)
    for _i in range(_BATAS_RANTAI):
        if jabatan is None:
            break
        pejabat = org.pejabat_pada(jabatan=jabatan, tanggal=tanggal)
        if pejabat is not None and pejabat.pegawai.pk == pegawai.pk:
            return pejabat
        jabatan = org.jabatan_atasan(jabatan=jabatan)
    raise PermissionDenied(_("Hanya Pimpinan Unit Organisasi %(unit)s atau pimpinan di atasnya yang dapat "
                             "mengakhiri pekerjaan unit ini.") % {"unit": unit.nama})


def boleh_mengakhiri(*, user, unit: UnitOrganisasi) -> bool:
    """Whether ``user`` may end work owned by ``unit`` today (pages show the buttons; the
    services check again)."""
    try:
        pimpinan_pengakhir(actor=user, unit=unit)
    except PermissionDenied:
        return False
    return True


def _alasan_wajib(alasan: str, pesan: str) -> str:
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": pesan})
    return alasan


def tanggal_berakhir(tanggal: datetime.date | None) -> datetime.date:
    """The end date: today when not given; never in the future (an end is recorded when it
    happened, not planned). It may precede the planned start (work ended early)."""
    hari_ini = waktu.hari_ini()
    tanggal = tanggal or hari_ini
    if tanggal > hari_ini:
        raise ValidationError({"tanggal": _("Tanggal berakhir tidak boleh setelah hari ini.")})
    return tanggal


def akhiri_penugasan(*, tugas: Penugasan, actor, ip: str | None, pejabat: org.Pejabat | None, batal: bool,
                     alasan: str, tanggal: datetime.date) -> None:
    """Transition a locked, active assignment, save it and audit it (no checks: callers
    check who acts and the state)."""
    status_dari = tugas.status
    if batal:
        tugas.batalkan()
    else:
        tugas.selesaikan()
    tugas.tanggal_berakhir = tanggal
    tugas.alasan_pengakhiran = alasan
    tugas.save(update_fields=["status", "tanggal_berakhir", "alasan_pengakhiran", "updated_at"])
    jejak_catat(actor=actor, objek=tugas, aksi=AksiAudit.PENUGASAN_BATALKAN if batal else AksiAudit.PENUGASAN_SELESAI,
                diizinkan=True, status_dari=status_dari, status_ke=tugas.status, alasan=alasan, ip=ip,
                pejabat=pejabat)


def _kunci_penugasan(penugasan_id: int) -> Penugasan:
    tugas = Penugasan.objects.select_for_update(of=("self",)).select_related("unit", "pegawai__user").get(
        pk=penugasan_id)
    if tugas.status != StatusPenugasan.AKTIF:
        raise KonflikError(_("Penugasan ini sudah %(status)s.") % {"status": tugas.get_status_display().lower()})
    return tugas


@_dengan_jejak(AksiAudit.PENUGASAN_SELESAI, model=Penugasan, kunci="penugasan_id")
def penugasan_selesaikan(*, actor, ip: str | None = None, penugasan_id: int, tanggal: datetime.date | None = None,
                         alasan: str = "") -> Penugasan:
    """The assignment's work is done (kinerja: its results were accepted); it stops counting
    towards the workload. ``alasan`` is an optional note."""
    tugas = _kunci_penugasan(penugasan_id)
    tanggal = tanggal_berakhir(tanggal)
    pejabat = pimpinan_pengakhir(actor=actor, unit=tugas.unit, tanggal=tanggal)
    akhiri_penugasan(tugas=tugas, actor=actor, ip=ip, pejabat=pejabat, batal=False, alasan=(alasan or "").strip(),
                     tanggal=tanggal)
    return tugas


@_dengan_jejak(AksiAudit.PENUGASAN_BATALKAN, model=Penugasan, kunci="penugasan_id")
def penugasan_batalkan(*, actor, ip: str | None = None, penugasan_id: int, alasan: str,
                       tanggal: datetime.date | None = None) -> Penugasan:
    """Cancel an active assignment with a written reason (required); the assignee is told.
    The letter that assigned it stays as issued (revoke it in ``surat`` if it must no longer
    be valid)."""
    alasan = _alasan_wajib(alasan, _("Pembatalan penugasan wajib disertai alasan."))
    tugas = _kunci_penugasan(penugasan_id)
    tanggal = tanggal_berakhir(tanggal)
    pejabat = pimpinan_pengakhir(actor=actor, unit=tugas.unit, tanggal=tanggal)
    akhiri_penugasan(tugas=tugas, actor=actor, ip=ip, pejabat=pejabat, batal=True, alasan=alasan, tanggal=tanggal)
    dokumen.kirim_notifikasi(
        penerima=[tugas.pegawai.user], jenis="penugasan_batalkan",
        judul=_("Penugasan dibatalkan: %(peran)s") % {"peran": tugas.sebutan_peran},
        pesan=_("%(pejabat)s membatalkan penugasan Anda. Alasan: %(alasan)s")
        % {"pejabat": pejabat.sebutan, "alasan": alasan},
        url="/penugasan/saya/", kunci=f"penugasan:{tugas.pk}:batal", objek=tugas)
    return tugas


def _akhiri_tim(*, actor, ip, tim_id: int, bubarkan: bool, alasan: str, tanggal: datetime.date | None) -> TimKerja:
    tim = TimKerja.objects.select_for_update(of=("self",)).select_related("unit").get(pk=tim_id)
    if tim.status != StatusTim.AKTIF:
        raise KonflikError(_("Tim kerja ini sudah %(status)s.") % {"status": tim.get_status_display().lower()})
    tanggal = tanggal_berakhir(tanggal)
    pejabat = pimpinan_pengakhir(actor=actor, unit=tim.unit, tanggal=tanggal)
    status_dari = tim.status
    if bubarkan:
        tim.bubarkan()
    else:
        tim.selesaikan()
    tim.tanggal_berakhir = tanggal
    tim.alasan_pengakhiran = alasan
    tim.save(update_fields=["status", "tanggal_berakhir", "alasan_pengakhiran", "updated_at"])
    jejak_catat(actor=actor, objek=tim, aksi=AksiAudit.TIM_BUBARKAN if bubarkan else AksiAudit.TIM_SELESAI,
                diizinkan=True, status_dari=status_dari, status_ke=tim.status, alasan=alasan, ip=ip, pejabat=pejabat)
    # the members' work in the team ends with it (finished, not cancelled: the work was done or stopped)
    anggota = list(Penugasan.objects.select_for_update(of=("self",)).select_related("pegawai__user")
                   .filter(tim=tim, status=StatusPenugasan.AKTIF).order_by("pk"))
    for tugas in anggota:
        akhiri_penugasan(tugas=tugas, actor=actor, ip=ip, pejabat=pejabat, batal=False, alasan=alasan,
                         tanggal=tanggal)
    dokumen.kirim_notifikasi(
        penerima=[t.pegawai.user for t in anggota], jenis="tim_bubarkan" if bubarkan else "tim_selesai",
        judul=(_("Tim dibubarkan: %(tim)s") if bubarkan else _("Tim selesai: %(tim)s")) % {"tim": tim.nama},
        pesan=_("Penugasan Anda dalam tim ini berakhir pada %(tanggal)s.") % {"tanggal": tanggal.strftime("%d-%m-%Y")},
        url=f"/penugasan/tim/{tim.pk}/", kunci=f"tim:{tim.pk}:akhir", objek=tim)
    return tim


@_dengan_jejak(AksiAudit.TIM_SELESAI, model=TimKerja, kunci="tim_id")
def tim_selesaikan(*, actor, ip: str | None = None, tim_id: int, tanggal: datetime.date | None = None,
                   alasan: str = "") -> TimKerja:
    """The team's work is done: the team and its members' active assignments finish on
    ``tanggal``. ``alasan`` is an optional note."""
    return _akhiri_tim(actor=actor, ip=ip, tim_id=tim_id, bubarkan=False, alasan=(alasan or "").strip(),
                       tanggal=tanggal)


@_dengan_jejak(AksiAudit.TIM_BUBARKAN, model=TimKerja, kunci="tim_id")
def tim_bubarkan(*, actor, ip: str | None = None, tim_id: int, alasan: str,
                 tanggal: datetime.date | None = None) -> TimKerja:
    """Dissolve the team (an insidental team once its results are accepted, or early) with a
    written reason (required); its members' active assignments finish on ``tanggal``."""
    alasan = _alasan_wajib(alasan, _("Pembubaran tim wajib disertai alasan."))
    return _akhiri_tim(actor=actor, ip=ip, tim_id=tim_id, bubarkan=True, alasan=alasan, tanggal=tanggal)


def penanggung_jawab_dipakai(*, instansi) -> bool:
    """Whether the Instansi uses the penanggung jawab tim role under the rule set in force today."""
    return bool((aturan_pada(instansi=instansi) or instansi).penanggung_jawab_tim_aktif)


@_dengan_jejak(AksiAudit.TIM_PENANGGUNG_JAWAB, model=TimKerja, kunci="tim_id")
def tim_penanggung_jawab_tetapkan(*, actor, ip: str | None = None, tim_id: int,
                                  pegawai_id: int | None) -> TimKerja:
    """Name (or clear, with None) the team's penanggung jawab, only where the Instansi uses
    that role (``penanggung_jawab_tim_aktif`` of the rule set in force today, Inhil; else 400). By the Pimpinan Unit
    of the owning unit or a leader above it; the penanggung jawab is a pegawai of the same
    Instansi."""
    tim = TimKerja.objects.select_for_update(of=("self",)).select_related("unit", "instansi").get(pk=tim_id)
    pejabat = pimpinan_pengakhir(actor=actor, unit=tim.unit)
    if not penanggung_jawab_dipakai(instansi=tim.instansi):
        raise ValidationError({"pegawai": _(
            "Peran penanggung jawab tim tidak digunakan menurut pengaturan %(instansi)s.")
            % {"instansi": tim.instansi.nama}})
    if tim.status != StatusTim.AKTIF:
        raise KonflikError(_("Tim kerja ini sudah %(status)s.") % {"status": tim.get_status_display().lower()})
    pegawai = None
    if pegawai_id is not None:
        pegawai = Pegawai.objects.filter(pk=pegawai_id, instansi_id=tim.instansi_id).first()
        if pegawai is None:
            raise ValidationError({"pegawai": _("Penanggung jawab harus pegawai %(instansi)s.")
                                   % {"instansi": tim.instansi.nama}})
    tim.penanggung_jawab = pegawai
    tim.save(update_fields=["penanggung_jawab", "updated_at"])
    jejak_catat(actor=actor, objek=tim, aksi=AksiAudit.TIM_PENANGGUNG_JAWAB, diizinkan=True, status_dari=tim.status,
                status_ke=tim.status, alasan=pegawai.nama_lengkap if pegawai else _("dikosongkan"), ip=ip,
                pejabat=pejabat)
    return tim
