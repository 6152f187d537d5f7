"""Submission: create a request, submit or resubmit it, and the requester's withdrawal."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from inti import waktu
from inti.exceptions import KonflikError
from inti.jejak import jejak_catat
from inti.models import AksiAudit
from organisasi import selectors as org
from organisasi.models import Instansi, Jabatan, JenisPemangku, Kompetensi, Pegawai, UnitOrganisasi
from organisasi.selectors_aturan import aturan_pada

from .. import dokumen, permissions, selectors
from ..models import (
    RUTE_PENUNJUKAN,
    RUTE_SUKARELA,
    STATUS_BISA_DIAJUKAN,
    STATUS_TERBUKA,
    Keputusan,
    PermohonanPenugasan,
    Rute,
    Sifat,
    StatusPermohonan,
    TimKerja,
)
from ._jejak import _dengan_jejak
from ._umum import (
    RUTE_LINTAS,
    User,
    _catat_langkah,
    _pegawai_actor,
    _putaran,
    _url,
    _users_tembusan,
)
from .pemeriksaan import _periksa_isi, _periksa_pegawai_tim
from .penyelesaian import _selesaikan_rute
from .rute import _beritahu_penentu, _tetapkan_penentu, jabatan_untuk_peran, rute_untuk


@dataclass
class _Pengaju:
    pegawai: Pegawai
    jabatan: Jabatan | None
    sebagai: str
    pejabat: org.Pejabat | None
    peringatan: list = field(default_factory=list)


def _jabatan_pimpinan_actor(pegawai: Pegawai, tanggal: datetime.date, jabatan: Jabatan | None) -> org.Pejabat:
    """The leadership position the actor exercises today (the given one, else the first)."""
    pejabat = selectors.pejabat_pengaju_penunjukan(pegawai=pegawai, tanggal=tanggal, jabatan=jabatan)
    if pejabat is not None:
        return pejabat
    raise PermissionDenied(_("Anda tidak memangku atau menjabat Plt./Plh. jabatan Pimpinan Unit Organisasi "
                             "yang dapat mengajukan penunjukan ini."))


@_dengan_jejak(AksiAudit.PERMOHONAN_BUAT)
def permohonan_buat(
    *, actor, ip: str | None = None, rute: str, judul: str, maksud_tujuan: str, hasil_diharapkan: str,
    mulai: datetime.date, selesai: datetime.date, sifat: str = Sifat.INSIDENTAL,
    jabatan: Jabatan | None = None, unit_asal: UnitOrganisasi | None = None,
    unit_tujuan: UnitOrganisasi | None = None, instansi_tujuan: Instansi | None = None,
    kompetensi_uraian: str = "", kompetensi: list[Kompetensi] | tuple = (), uraian_tugas: str = "",
    peran_penugasan: str = "", pegawai_diminta: list[Pegawai] | tuple = (), kriteria: str = "",
    kriteria_jenis_jabatan: str = "", kriteria_jenjang: str = "", jumlah_dibutuhkan: int | None = None,
    tim: TimKerja | None = None, nama_tim: str = "", ketua_tim: Pegawai | None = None,
    tembusan_pegawai: list[Pegawai] | tuple = (), ajukan: bool = True,
) -> PermohonanPenugasan:
    """Create a request (and submit it unless ``ajukan=False``). Penunjukan is made by the
    Pimpinan Unit (``jabatan`` = the position acted for; default: the first leadership position
    the actor exercises today); sukarela by the JF/Pelaksana for themselves.

    The returned object carries ``peringatan`` (non-blocking warnings: team, workload).
    """
    tanggal = waktu.hari_ini()
    if rute not in Rute.values:
        raise ValidationError({"rute": _("Rute '%(rute)s' tidak dikenal.") % {"rute": rute}})
    galat = _periksa_isi(rute=rute, judul=judul, maksud_tujuan=maksud_tujuan, hasil_diharapkan=hasil_diharapkan,
                         kompetensi_uraian=kompetensi_uraian, kompetensi=kompetensi, mulai=mulai, selesai=selesai,
                         sifat=sifat, tim=tim, nama_tim=nama_tim, kriteria_jenis_jabatan=kriteria_jenis_jabatan,
                         kriteria_jenjang=kriteria_jenjang, jumlah_dibutuhkan=jumlah_dibutuhkan)

    def salah(f: str, pesan: str) -> None:
        galat.setdefault(f, []).append(pesan)

    pegawai = _pegawai_actor(actor)
    pegawai_diminta = list(pegawai_diminta)

    # ---- who submits, from where, to where
    if rute in RUTE_PENUNJUKAN:
        pejabat = _jabatan_pimpinan_actor(pegawai, tanggal, jabatan)
        unit_asal = unit_asal or pejabat.jabatan.unit
        if unit_asal is None or org.jabatan_pimpinan_unit(unit=unit_asal) != pejabat.jabatan:
            raise PermissionDenied(_("%(jabatan)s bukan Pimpinan Unit Organisasi %(unit)s.")
                                   % {"jabatan": pejabat.sebutan, "unit": getattr(unit_asal, "nama", "-")})
        pengaju = _Pengaju(pegawai=pegawai, jabatan=pejabat.jabatan, sebagai=pejabat.sebagai, pejabat=pejabat)
    else:
        jab = selectors.jabatan_pengaju_sukarela(pegawai=pegawai, tanggal=tanggal)
        if jab is None:
            raise PermissionDenied(_("Pengajuan sukarela hanya dapat dilakukan oleh Pejabat Fungsional atau Pelaksana."))
        unit_asal = jab.unit
        pengaju = _Pengaju(pegawai=pegawai, jabatan=jab, sebagai=JenisPemangku.DEFINITIF, pejabat=None)
        pegawai_diminta = [pegawai]
    instansi_asal = unit_asal.instansi

    if rute in (Rute.PENUNJUKAN_DALAM_UNIT, Rute.SUKARELA_DALAM_UNIT):
        if unit_tujuan is not None and unit_tujuan.pk != unit_asal.pk:
            salah("unit_tujuan", _("Rute dalam unit: unit tujuan adalah unit sendiri."))
        unit_tujuan, instansi_tujuan = unit_asal, instansi_asal
    elif unit_tujuan is None:
        salah("unit_tujuan", _("Unit tujuan wajib diisi."))
    else:
        if rute == Rute.PENUNJUKAN_LINTAS_INSTANSI:
            instansi_tujuan = instansi_tujuan or unit_tujuan.instansi
            if instansi_tujuan.pk == instansi_asal.pk:
                salah("instansi_tujuan", _("Instansi tujuan harus instansi lain; gunakan rute lintas unit."))
            if unit_tujuan.instansi_id != instansi_tujuan.pk:
                salah("unit_tujuan", _("Unit tujuan tidak berada pada instansi tujuan."))
            for ins in (instansi_asal, instansi_tujuan):
                if not ins.lintas_instansi_aktif:
                    salah("rute", _("Penunjukan %(label)s tidak diaktifkan pada %(instansi)s.")
                          % {"label": ins.label_lintas_instansi, "instansi": ins.nama})
        else:
            if unit_tujuan.instansi_id != instansi_asal.pk or (instansi_tujuan and instansi_tujuan.pk != instansi_asal.pk):
                if rute == Rute.SUKARELA_LINTAS_UNIT:
                    salah("unit_tujuan", _("Pengajuan sukarela hanya dapat dilakukan di dalam unit sendiri atau lintas "
                                           "unit dalam instansi yang sama, tidak lintas instansi."))
                else:
                    salah("unit_tujuan", _("Unit tujuan berada pada instansi lain; gunakan rute lintas instansi."))
            elif unit_tujuan.pk == unit_asal.pk:
                salah("unit_tujuan", _("Unit tujuan sama dengan unit asal; gunakan rute dalam unit."))
            elif rute == Rute.SUKARELA_LINTAS_UNIT and unit_tujuan.perangkat_daerah_id != unit_asal.perangkat_daerah_id:
                aturan = aturan_pada(instansi=instansi_asal, tanggal=tanggal) or instansi_asal
                if not aturan.sukarela_lintas_pd_aktif:
                    salah("unit_tujuan", _(
                        "Pengajuan sukarela hanya dalam Perangkat Daerah sendiri menurut %(peraturan)s (%(pasal)s); "
                        "%(unit)s berada pada Perangkat Daerah lain.") % {
                        "peraturan": getattr(aturan, "peraturan", "") or instansi_asal.dasar_hukum,
                        "pasal": (getattr(aturan, "kutipan", None) or {}).get("sukarela_lintas_pd_aktif", ""),
                        "unit": unit_tujuan.nama})
            instansi_tujuan = instansi_asal
    if galat:
        raise ValidationError(galat)

    lintas_pd = unit_tujuan.perangkat_daerah_id != unit_asal.perangkat_daerah_id and rute == Rute.PENUNJUKAN_LINTAS_UNIT
    peringatan = _periksa_pegawai_tim(rute=rute, unit_asal=unit_asal, unit_tujuan=unit_tujuan,
                                      pegawai_diminta=pegawai_diminta, kriteria=kriteria,
                                      kriteria_jenis_jabatan=kriteria_jenis_jabatan, kriteria_jenjang=kriteria_jenjang,
                                      tim=tim, nama_tim=nama_tim, ketua_tim=ketua_tim,
                                      tanggal_periksa=max(mulai, tanggal))

    permohonan = PermohonanPenugasan(
        rute=rute, lintas_perangkat_daerah=lintas_pd,
        pemohon=pegawai, jabatan_pemohon=pengaju.jabatan, pemohon_sebagai=pengaju.sebagai, dibuat_oleh=actor,
        instansi_asal=instansi_asal, unit_asal=unit_asal, instansi_tujuan=instansi_tujuan, unit_tujuan=unit_tujuan,
        judul=judul.strip(), maksud_tujuan=maksud_tujuan.strip(), kompetensi_uraian=kompetensi_uraian.strip(),
        hasil_diharapkan=hasil_diharapkan.strip(), uraian_tugas=(uraian_tugas or maksud_tujuan).strip(),
        peran_penugasan=peran_penugasan.strip(), mulai=mulai, selesai=selesai, sifat=sifat,
        kriteria=kriteria.strip(), kriteria_jenis_jabatan=kriteria_jenis_jabatan, kriteria_jenjang=kriteria_jenjang,
        jumlah_dibutuhkan=jumlah_dibutuhkan or max(len(pegawai_diminta), 1),
        tim=tim, nama_tim=nama_tim.strip(), ketua_tim=ketua_tim,
    )
    permohonan.save()
    if kompetensi:
        permohonan.kompetensi.set(kompetensi)
    if pegawai_diminta:
        permohonan.pegawai_diminta.set(pegawai_diminta)
    if rute in (Rute.PENUNJUKAN_DALAM_UNIT, *RUTE_SUKARELA):
        permohonan.pegawai_ditugaskan.set(pegawai_diminta)
    permohonan.tembusan_jabatan.set(_tembusan_bawaan(permohonan, tanggal))
    if tembusan_pegawai:
        permohonan.tembusan_pegawai.set(tembusan_pegawai)
    jejak_catat(actor=actor, objek=permohonan, aksi=AksiAudit.PERMOHONAN_BUAT, diizinkan=True,
                status_ke=permohonan.status, ip=ip, pejabat=pengaju.pejabat)
    permissions.beri_hak_lihat(permohonan=permohonan, users=[actor])
    if ajukan:
        _ajukan(permohonan=permohonan, actor=actor, pejabat=pengaju.pejabat, tanggal=tanggal, ip=ip)
    permohonan.peringatan = peringatan
    return permohonan


def _tembusan_bawaan(permohonan: PermohonanPenugasan, tanggal: datetime.date) -> list[Jabatan]:
    """Positions copied by the regulation: own PPK (lintas unit/instansi), own PPK and Pimpinan
    Unit (sukarela lintas unit). The requester's own position is left out."""
    peran = {
        Rute.PENUNJUKAN_LINTAS_UNIT: ["ppk_asal"],
        Rute.PENUNJUKAN_LINTAS_INSTANSI: ["ppk_asal"],
        Rute.SUKARELA_LINTAS_UNIT: ["ppk_asal", "pimpinan_unit_asal"],
    }.get(permohonan.rute, [])
    hasil = []
    for p in peran:
        j = jabatan_untuk_peran(permohonan=permohonan, peran=p, tanggal=tanggal)
        if j is not None and j.pk != permohonan.jabatan_pemohon_id and j not in hasil:
            hasil.append(j)
    return hasil


def _catatan_aturan(permohonan: PermohonanPenugasan) -> str:
    """The history line naming the rule set(s) this request is decided under."""
    if permohonan.aturan is None:
        return ""
    teks = _("Diputuskan menurut aturan %(i)s %(s)s") % {"i": permohonan.instansi_asal.nama,
                                                         "s": permohonan.aturan.sebutan}
    if permohonan.aturan_tujuan is not None and permohonan.aturan_tujuan.pk != permohonan.aturan.pk:
        teks += _("; di %(i)s menurut %(s)s") % {"i": permohonan.instansi_tujuan.nama,
                                                 "s": permohonan.aturan_tujuan.sebutan}
    return teks + "."


def _data_aturan(permohonan: PermohonanPenugasan) -> dict:
    return {"aturan_id": permohonan.aturan_id, "aturan_versi": getattr(permohonan.aturan, "versi", None),
            "aturan_tujuan_id": permohonan.aturan_tujuan_id,
            "aturan_tujuan_versi": getattr(permohonan.aturan_tujuan, "versi", None)}


def _ajukan(*, permohonan: PermohonanPenugasan, actor, pejabat: org.Pejabat | None, tanggal: datetime.date,
            ip: str | None) -> None:
    # the rules in force on the submission date decide this request, whatever changes later (DOMAIN §9)
    permohonan.aturan = aturan_pada(instansi=permohonan.instansi_asal, tanggal=tanggal)
    permohonan.aturan_tujuan = (aturan_pada(instansi=permohonan.instansi_tujuan_id, tanggal=tanggal)
                                if permohonan.instansi_tujuan_id else None)
    data = rute_untuk(instansi=permohonan.aturan or permohonan.instansi_asal, rute=permohonan.rute,
                      lintas_perangkat_daerah=permohonan.lintas_perangkat_daerah)
    permohonan.langkah_rute = list(data["langkah"])
    status_dari = permohonan.status
    permohonan.diajukan_pada = timezone.now()
    if permohonan.langkah_rute:
        permohonan.ajukan()
        penentu = _tetapkan_penentu(permohonan, tanggal)
    else:
        permohonan.tetapkan_langsung()
        permohonan.diputuskan_pada = permohonan.diajukan_pada
        penentu = None
    permohonan.save(update_fields=["status", "langkah_ke", "langkah_rute", "jabatan_penentu", "diajukan_pada",
                                   "diputuskan_pada", "aturan", "aturan_tujuan", "updated_at"])
    langkah = _catat_langkah(permohonan=permohonan, actor=actor, pejabat=pejabat, kode="pengajuan",
                             peran=data.get("pengaju", ""), keputusan=Keputusan.AJUKAN, status_dari=status_dari,
                             tanggal=tanggal, ip=ip, catatan=_catatan_aturan(permohonan),
                             data=_data_aturan(permohonan))
    tembusan = _users_tembusan(permohonan, tanggal)
    permissions.beri_hak_lihat(permohonan=permohonan, users=[actor, permohonan.pemohon.user, *tembusan])
    if permohonan.rute in RUTE_LINTAS:
        dokumen.terbitkan_surat_permohonan(permohonan=permohonan, actor=actor)
    if penentu is not None:
        permissions.beri_hak_putuskan(permohonan=permohonan, user=penentu.pegawai.user)
        _beritahu_penentu(permohonan, penentu)
        dokumen.kirim_notifikasi(
            penerima=tembusan, jenis="permohonan_tembusan", judul=_("Tembusan: %(judul)s") % {"judul": permohonan.judul},
            pesan=_("%(pemohon)s mengajukan %(rute)s.") % {"pemohon": permohonan.pemohon.nama_lengkap,
                                                           "rute": permohonan.get_rute_display()},
            url=_url(permohonan), kunci=f"permohonan:{permohonan.pk}:tembusan{_putaran(permohonan)}",
            objek=permohonan)
    else:
        _selesaikan_rute(permohonan=permohonan, actor=actor, langkah=langkah)


def _pesan_tidak_bisa_diajukan(permohonan: PermohonanPenugasan) -> str:
    """Why a request in this state cannot be (re)submitted, in words the requester can act on."""
    if permohonan.status == StatusPermohonan.DITOLAK:
        tolak = permohonan.riwayat.filter(keputusan=Keputusan.TOLAK).order_by("-urutan").first()
        oleh = f"{tolak.nama_jabatan or tolak.nama_pegawai}" if tolak else ""
        return _("Permohonan ini sudah ditolak%(oleh)s dengan alasan: %(alasan)s. Permohonan yang ditolak tidak "
                 "dapat diajukan ulang; buat permohonan baru bila masih diperlukan.") % {
            "oleh": _(" oleh %(p)s") % {"p": oleh} if oleh else "", "alasan": permohonan.alasan_penolakan}
    if permohonan.status == StatusPermohonan.MENUNGGU_KEPUTUSAN:
        return _("Permohonan sudah diajukan dan sedang menunggu keputusan.")
    return _("Permohonan berstatus '%(status)s'; tidak dapat diajukan lagi.") % {
        "status": permohonan.get_status_display()}


def _sudah_diperbaiki(permohonan: PermohonanPenugasan) -> bool:
    """A returned request counts as revised once a revision was saved after the last return."""
    kembali = permohonan.riwayat.filter(keputusan=Keputusan.KEMBALIKAN).order_by("-urutan").first()
    return kembali is None or permohonan.riwayat.filter(keputusan=Keputusan.PERBAIKI,
                                                         urutan__gt=kembali.urutan).exists()


@_dengan_jejak(AksiAudit.PERMOHONAN_AJUKAN)
def permohonan_ajukan(*, actor, ip: str | None = None, permohonan_id: int) -> PermohonanPenugasan:
    """Submit a draft, or resubmit a request returned for revision (the route starts again at
    its first decision step; the history is kept); only its requester."""
    permohonan = PermohonanPenugasan.objects.select_for_update().get(pk=permohonan_id)
    if permohonan.status not in STATUS_BISA_DIAJUKAN:
        raise KonflikError(_pesan_tidak_bisa_diajukan(permohonan))
    if permohonan.dibuat_oleh_id != actor.pk:
        raise PermissionDenied(_("Hanya pemohon yang dapat mengajukan draf ini."))
    if permohonan.status == StatusPermohonan.DIKEMBALIKAN and not _sudah_diperbaiki(permohonan):
        raise KonflikError(_(
            "Permohonan dikembalikan untuk diperbaiki dan belum diperbaiki (alasan pengembalian: %(alasan)s). "
            "Perbaiki isinya terlebih dahulu, lalu ajukan ulang.") % {"alasan": permohonan.alasan_pengembalian})
    tanggal = waktu.hari_ini()
    pejabat = None
    if permohonan.rute in RUTE_PENUNJUKAN:
        pejabat = _jabatan_pimpinan_actor(_pegawai_actor(actor), tanggal, permohonan.jabatan_pemohon)
    _ajukan(permohonan=permohonan, actor=actor, pejabat=pejabat, tanggal=tanggal, ip=ip)
    return permohonan


@_dengan_jejak(AksiAudit.PERMOHONAN_BATALKAN)
def permohonan_batalkan(*, actor, ip: str | None = None, permohonan_id: int, alasan: str = "") -> PermohonanPenugasan:
    """The requester withdraws the request before the final decision."""
    tanggal = waktu.hari_ini()
    permohonan = PermohonanPenugasan.objects.select_for_update().get(pk=permohonan_id)
    pegawai = getattr(actor, "pegawai", None)
    if permohonan.dibuat_oleh_id != actor.pk and (pegawai is None or permohonan.pemohon_id != pegawai.pk):
        raise PermissionDenied(_("Hanya pemohon yang dapat membatalkan permohonan."))
    if permohonan.status not in STATUS_TERBUKA:
        raise KonflikError(_("Permohonan sudah %(status)s; tidak dapat dibatalkan.")
                           % {"status": permohonan.get_status_display().lower()})
    status_dari = permohonan.status
    permohonan.batalkan()
    permohonan.alasan_pembatalan = (alasan or "").strip()
    permohonan.jabatan_penentu = None
    permohonan.save(update_fields=["status", "alasan_pembatalan", "jabatan_penentu", "updated_at"])
    pejabat = None
    if permohonan.rute in RUTE_PENUNJUKAN and permohonan.jabatan_pemohon_id:
        pj = org.pejabat_pada(jabatan=permohonan.jabatan_pemohon, tanggal=tanggal)
        pejabat = pj if pj and pegawai and pj.pegawai.pk == pegawai.pk else None
    _catat_langkah(permohonan=permohonan, actor=actor, pejabat=pejabat, kode="pembatalan", peran="pemohon",
                   keputusan=Keputusan.BATALKAN, status_dari=status_dari, alasan=permohonan.alasan_pembatalan,
                   tanggal=tanggal, ip=ip)
    penentu = list(permohonan.permohonanpenugasanuserobjectpermission_set.filter(
        permission__codename=permissions.PERM_PUTUSKAN).values_list("user_id", flat=True))
    permissions.cabut_hak_putuskan(permohonan=permohonan)
    dokumen.kirim_notifikasi(
        penerima=[*User.objects.filter(pk__in=penentu), *_users_tembusan(permohonan, tanggal)],
        jenis="permohonan_batalkan", judul=_("Dibatalkan: %(judul)s") % {"judul": permohonan.judul},
        pesan=permohonan.alasan_pembatalan or _("Permohonan dibatalkan oleh pemohon."), url=_url(permohonan),
        kunci=f"permohonan:{permohonan.pk}:batal", objek=permohonan)
    return permohonan
