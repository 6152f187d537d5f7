"""Helpers shared by the assignment services: constants, the acting pegawai, the step history
(``_catat_langkah``), copies (tembusan) and notification keys."""
from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from inti.jejak import jejak_catat, nama_pengguna
from inti.models import AksiAudit
from organisasi import selectors as org
from organisasi.models import Jabatan, JenisPemangku, Pegawai, PemangkuJabatan, UnitOrganisasi

from ..models import Keputusan, LangkahPermohonan, PermohonanPenugasan, Rute
from ..selectors import JENIS_PELAKSANA_TUGAS  # noqa: F401  re-exported; one definition, shared with the submit rules

User = get_user_model()

RUTE_LINTAS = (Rute.PENUNJUKAN_LINTAS_UNIT, Rute.PENUNJUKAN_LINTAS_INSTANSI, Rute.SUKARELA_LINTAS_UNIT)
# the audit action each recorded step writes (a completion is recorded as an approval step)
AKSI_KEPUTUSAN = {
    Keputusan.AJUKAN: AksiAudit.PERMOHONAN_AJUKAN,
    Keputusan.SETUJUI: AksiAudit.PERMOHONAN_SETUJUI,
    Keputusan.TOLAK: AksiAudit.PERMOHONAN_TOLAK,
    Keputusan.KEMBALIKAN: AksiAudit.PERMOHONAN_KEMBALIKAN,
    Keputusan.PERBAIKI: AksiAudit.PERMOHONAN_PERBAIKI,
    Keputusan.JAWAB_KETERSEDIAAN: AksiAudit.PERMOHONAN_JAWAB_KETERSEDIAAN,
    Keputusan.BATALKAN: AksiAudit.PERMOHONAN_BATALKAN,
}


def _pegawai_actor(actor) -> Pegawai:
    pegawai = getattr(actor, "pegawai", None) if actor is not None and actor.is_authenticated else None
    if pegawai is None:
        raise PermissionDenied(_("Akun Anda tidak terhubung dengan data pegawai."))
    return pegawai


def _nama_definitif(pejabat: org.Pejabat, tanggal: datetime.date) -> str:
    if pejabat.sebagai == JenisPemangku.DEFINITIF:
        return ""
    definitif = (PemangkuJabatan.objects.filter(jabatan=pejabat.jabatan, jenis=JenisPemangku.DEFINITIF,
                                                mulai__lte=tanggal)
                 .exclude(selesai__lt=tanggal).select_related("pegawai").first())
    return definitif.pegawai.nama_lengkap if definitif else ""


def _catat_langkah(*, permohonan: PermohonanPenugasan, actor, pejabat: org.Pejabat | None, kode: str, peran: str,
                   keputusan: str, status_dari: str, alasan: str = "", catatan: str = "", data: dict | None = None,
                   tanggal: datetime.date, ip: str | None) -> LangkahPermohonan:
    urutan = permohonan.riwayat.count()
    pegawai = pejabat.pegawai if pejabat else getattr(actor, "pegawai", None)
    langkah = LangkahPermohonan.objects.create(
        permohonan=permohonan, urutan=urutan, kode_langkah=kode, peran=peran, actor=actor,
        pegawai=pegawai, jabatan=pejabat.jabatan if pejabat else None,
        sebagai=pejabat.sebagai if pejabat else JenisPemangku.DEFINITIF,
        nama_pegawai=(pegawai.nama_lengkap if pegawai else nama_pengguna(actor))[:250],
        nama_jabatan=(pejabat.sebutan if pejabat else "")[:250],
        nama_pejabat_definitif=(_nama_definitif(pejabat, tanggal) if pejabat else "")[:250],
        keputusan=keputusan, alasan=alasan, catatan=catatan, data=data or {},
        status_dari=status_dari, status_ke=permohonan.status,
    )
    jejak_catat(actor=actor, objek=permohonan, aksi=AKSI_KEPUTUSAN[keputusan], diizinkan=True,
                status_dari=status_dari, status_ke=permohonan.status, alasan=alasan or catatan, ip=ip,
                pejabat=pejabat)
    return langkah


def _unit_dalam(unit: UnitOrganisasi, induk: UnitOrganisasi) -> bool:
    return org.unit_dalam(unit=unit, induk=induk)


def _jabatan_pegawai(pegawai: Pegawai, tanggal: datetime.date) -> Jabatan | None:
    return org.jabatan_definitif_pegawai(pegawai=pegawai, tanggal=tanggal)


def _users_tembusan(permohonan: PermohonanPenugasan, tanggal: datetime.date) -> list:
    users = [p.user for p in permohonan.tembusan_pegawai.select_related("user")]
    for j in permohonan.tembusan_jabatan.all():
        pejabat = org.pejabat_berwenang(jabatan=j, tanggal=tanggal)
        if pejabat is not None:
            users.append(pejabat.pegawai.user)
    return [u for u in users if u is not None]


def _url(permohonan: PermohonanPenugasan) -> str:
    return f"/penugasan/permohonan/{permohonan.pk}/"


def _putaran(permohonan: PermohonanPenugasan) -> str:
    """Suffix for notification keys after a resubmission ("" on the first submission), so that
    the officials are told again when the route restarts."""
    n = permohonan.riwayat.filter(keputusan=Keputusan.AJUKAN).count()
    return f":putaran:{n}" if n > 1 else ""
