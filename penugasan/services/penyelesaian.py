"""Completion: a finished route becomes assignments (and a team), the assignee's receipt, and
closing an approved request (its assignments end through ``pengakhiran``)."""
from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from inti import waktu
from inti.exceptions import KonflikError
from inti.jejak import jejak_catat, jejak_catat_banyak
from inti.models import AksiAudit
from organisasi import selectors as org

from .. import dokumen, permissions
from ..models import (
    RUTE_PENUNJUKAN,
    AnggotaTim,
    Keputusan,
    LangkahPermohonan,
    Penugasan,
    PeranTim,
    PermohonanPenugasan,
    StatusPenugasan,
    StatusPermohonan,
)
from ..rencana import RencanaPenyelesaian, rencana_penyelesaian, unit_pemilik
from ._jejak import _dengan_jejak
from ._umum import _catat_langkah
from .pengakhiran import akhiri_penugasan, pimpinan_pengakhir, tanggal_berakhir


def _selesaikan_rute(*, permohonan: PermohonanPenugasan, actor, langkah: LangkahPermohonan,
                     rencana: RencanaPenyelesaian | None = None) -> list[Penugasan]:
    """A completed route becomes Penugasan rows (and a TimKerja when a team was asked for),
    then one letter per assignee: the rows ``penugasan.rencana`` planned, saved."""
    if rencana is None:
        rencana = rencana_penyelesaian(permohonan, list(permohonan.pegawai_ditugaskan.order_by("nama")))
    tim, tim_baru = rencana.tim, rencana.tim_baru
    if tim_baru:
        tim.dibentuk_oleh = actor
        tim.save()
        permohonan.tim = tim
        permohonan.save(update_fields=["tim", "updated_at"])
    if tim_baru:  # a new team: its members in one INSERT
        AnggotaTim.objects.bulk_create(rencana.keanggotaan)
    else:
        for anggota in rencana.keanggotaan:
            if anggota.peran == PeranTim.KETUA:
                AnggotaTim.objects.filter(tim=tim, peran=PeranTim.KETUA).exclude(pegawai=anggota.pegawai).update(
                    peran=PeranTim.ANGGOTA)
            AnggotaTim.objects.update_or_create(tim=tim, pegawai=anggota.pegawai, defaults={
                "peran": anggota.peran, "uraian_tugas": anggota.uraian_tugas, "sasaran": anggota.sasaran})
    penugasan = rencana.penugasan
    Penugasan.objects.bulk_create(penugasan)
    jejak_catat_banyak(actor=actor, aksi=AksiAudit.PENUGASAN_BUAT, diizinkan=True,
                       entri=[(obj, obj.status, "") for obj in penugasan])
    users = [obj.pegawai.user for obj in penugasan]
    permissions.beri_hak_lihat(permohonan=permohonan, users=users)
    if tim_baru:
        dokumen.terbitkan_keputusan_tim(tim=tim, actor=actor)
    dokumen.terbitkan_surat_penugasan(penugasan=penugasan, actor=actor)
    dokumen.kirim_notifikasi(
        penerima=users, jenis="penugasan_baru", judul=_("Surat penugasan: %(judul)s") % {"judul": permohonan.judul},
        pesan=_("Anda ditugaskan %(mulai)s s.d. %(selesai)s.") % {"mulai": permohonan.mulai, "selesai": permohonan.selesai},
        url="/penugasan/saya/", kunci=f"permohonan:{permohonan.pk}:penugasan", objek=permohonan)
    return penugasan


@_dengan_jejak(AksiAudit.PENUGASAN_TERIMA, model=Penugasan, kunci="penugasan_id")
def penugasan_terima(*, actor, ip: str | None = None, penugasan_id: int) -> Penugasan:
    """The assignee acknowledges receipt of the assignment letter."""
    penugasan = Penugasan.objects.select_for_update().get(pk=penugasan_id)
    if penugasan.pegawai.user_id != actor.pk:
        raise PermissionDenied(_("Hanya pegawai yang ditugaskan yang dapat menyatakan menerima penugasan."))
    if penugasan.diterima_pada is not None:
        raise KonflikError(_("Penugasan sudah dinyatakan diterima."))
    if penugasan.status != StatusPenugasan.AKTIF:
        raise KonflikError(_("Penugasan tidak aktif."))
    penugasan.diterima_pada = timezone.now()
    penugasan.save(update_fields=["diterima_pada", "updated_at"])
    jejak_catat(actor=actor, objek=penugasan, aksi=AksiAudit.PENUGASAN_TERIMA, diizinkan=True, status_dari=penugasan.status,
                status_ke=penugasan.status, ip=ip)
    return penugasan


def _pejabat_penutup(*, actor, permohonan: PermohonanPenugasan, tanggal) -> org.Pejabat | None:
    """Who may close an approved request (DOMAIN.md §4.3: work is finished when the owner of
    the work accepts it): the Pimpinan Unit of the unit owning the work or a leader above it
    (returned, recorded as acting for that post), or the official who asked for the staff
    (the requester of a penunjukan, None). A volunteer cannot close their own request."""
    try:
        return pimpinan_pengakhir(actor=actor, unit=unit_pemilik(permohonan), tanggal=tanggal)
    except PermissionDenied:
        pegawai = getattr(actor, "pegawai", None)
        if permohonan.rute in RUTE_PENUNJUKAN and (
                permohonan.dibuat_oleh_id == actor.pk or (pegawai is not None and permohonan.pemohon_id == pegawai.pk)):
            return None
    raise PermissionDenied(_("Hanya pemohon penunjukan atau Pimpinan Unit Organisasi pemilik pekerjaan (atau "
                             "pimpinan di atasnya) yang dapat menyatakan permohonan ini selesai."))


def boleh_menutup_permohonan(*, user, permohonan: PermohonanPenugasan) -> bool:
    """Whether ``user`` may close the request today (the page shows the form; the service
    checks again)."""
    try:
        _pejabat_penutup(actor=user, permohonan=permohonan, tanggal=waktu.hari_ini())
    except PermissionDenied:
        return False
    return True


@_dengan_jejak(AksiAudit.PERMOHONAN_SELESAIKAN)
def permohonan_selesaikan(*, actor, ip: str | None = None, permohonan_id: int, catatan: str = "",
                          tanggal: datetime.date | None = None) -> PermohonanPenugasan:
    """Close an approved request when the work is done: its active assignments become
    ``selesai`` on ``tanggal`` (today by default; they stop counting towards workload).
    By the requester of a penunjukan or the Pimpinan Unit owning the work (or above)."""
    permohonan = PermohonanPenugasan.objects.select_for_update(of=("self",)).get(pk=permohonan_id)
    if permohonan.status != StatusPermohonan.DISETUJUI:
        raise KonflikError(_("Hanya permohonan yang disetujui yang dapat dinyatakan selesai."))
    tanggal = tanggal_berakhir(tanggal)
    pejabat = _pejabat_penutup(actor=actor, permohonan=permohonan, tanggal=tanggal)
    status_dari = permohonan.status
    permohonan.selesaikan()
    permohonan.save(update_fields=["status", "updated_at"])
    catatan = (catatan or "").strip()
    for tugas in (Penugasan.objects.select_for_update(of=("self",))
                  .filter(permohonan=permohonan, status=StatusPenugasan.AKTIF).order_by("pk")):
        akhiri_penugasan(tugas=tugas, actor=actor, ip=ip, pejabat=pejabat, batal=False, alasan=catatan,
                         tanggal=tanggal)
    _catat_langkah(permohonan=permohonan, actor=actor, pejabat=pejabat, kode="penyelesaian",
                   peran="pimpinan_unit" if pejabat else "pemohon", keputusan=Keputusan.SETUJUI,
                   status_dari=status_dari, catatan=catatan, tanggal=tanggal, ip=ip)
    return permohonan
