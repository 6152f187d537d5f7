"""Reads of the letters app, including who may see a letter."""
from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from typing import IO

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from inti import waktu
from organisasi import selectors as org
from organisasi.models import JenisPemangku
from organisasi.permissions import instansi_diaudit
from penugasan.models import Keputusan, LangkahPermohonan, Penugasan, PermohonanPenugasan, StatusPermohonan
from penugasan.permissions import lihat_semua, q_terlihat
from penugasan.rencana import pegawai_calon, rencana_keputusan
from penugasan.services import jabatan_untuk_peran

from .models import JenisDokumen, StatusSurat, Surat
from .pdf import surat_html_draf
from .services import (
    penandatangan_snapshot,
    rancangan_keputusan_tim,
    rancangan_surat_jawaban,
    rancangan_surat_penugasan,
    rancangan_surat_permohonan,
    surat_isi,
)


def surat_per_objek(*, objek_list) -> dict[int, list[Surat]]:
    """{object pk: [Surat, ...]} for many source objects of one model (one query), oldest first.
    Registered as the hook ``surat_per_objek`` that penugasan's pages call."""
    objek_list = list(objek_list)
    if not objek_list:
        return {}
    ct = ContentType.objects.get_for_model(objek_list[0])
    hasil: dict[int, list] = {o.pk: [] for o in objek_list}
    for s in Surat.objects.filter(sumber_content_type=ct, sumber_object_id__in=hasil).order_by("created_at", "pk"):
        hasil[s.sumber_object_id].append(s)
    return hasil


def _permohonan_id_sumber(surat: Surat) -> int | None:
    """The PermohonanPenugasan a letter belongs to, through its source object (if any)."""
    if surat.sumber_content_type_id is None:
        return None
    model = surat.sumber_content_type.model_class()
    if model is PermohonanPenugasan:
        return surat.sumber_object_id
    if model in (LangkahPermohonan, Penugasan):
        return model.objects.filter(pk=surat.sumber_object_id).values_list("permohonan_id", flat=True).first()
    return None


def surat_boleh_dilihat(user, surat: Surat) -> bool:
    """Who may see (download) a letter:

    * the persons concerned (addressee, signer, requester, decision makers = ``pihak``), the issuer;
    * superusers and holders of the global ``surat.lihat_semua_surat``; auditors, for the letters of
      the Instansi they audit (``organisasi.permissions.instansi_diaudit``);
    * whoever may read the request the letter belongs to (penugasan's rules: requester, deciders,
      tembusan holders), and holders of a guardian object permission on the letter.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser or user.has_perm("surat.lihat_semua_surat"):
        return True
    if instansi_diaudit(user).filter(pk=surat.instansi_id).exists():
        return True
    if surat.diterbitkan_oleh_id == user.pk or surat.dicabut_oleh_id == user.pk:
        return True
    if Surat.pihak.through.objects.filter(surat_id=surat.pk, pegawai__user_id=user.pk).exists():
        return True
    permohonan_id = _permohonan_id_sumber(surat)
    if permohonan_id is not None and (
            lihat_semua(user) or PermohonanPenugasan.objects.filter(q_terlihat(user), pk=permohonan_id).exists()):
        return True
    return user.has_perm("surat.view_surat", surat)


def surat_list_terlihat(*, user) -> QuerySet[Surat]:
    """Letters the user may see, newest first (one query, filtered in the database)."""
    qs = Surat.objects.select_related("instansi", "perangkat_daerah")
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if user.is_superuser or user.has_perm("surat.lihat_semua_surat"):
        return qs
    return qs.filter(Q(pk__in=Surat.pihak.through.objects.filter(pegawai__user_id=user.pk).values("surat_id"))
                     | Q(diterbitkan_oleh_id=user.pk) | Q(instansi__in=instansi_diaudit(user).values("pk")))


def surat_untuk_sumber(*, sumber) -> QuerySet[Surat]:
    """Letters issued for a penugasan object (permohonan, langkah, penugasan, tim)."""
    ct = ContentType.objects.get_for_model(sumber)
    return Surat.objects.filter(sumber_content_type=ct, sumber_object_id=sumber.pk).order_by("created_at", "pk")


def surat_dari_uuid(*, uuid) -> Surat | None:
    return Surat.objects.select_related("instansi", "perangkat_daerah").filter(uuid=uuid).first()


def sha256_berkas(berkas: IO[bytes]) -> str:
    h = hashlib.sha256()
    for blok in iter(lambda: berkas.read(1024 * 1024), b""):
        h.update(blok)
    return h.hexdigest()


def surat_cocokkan_berkas(*, surat: Surat, berkas: IO[bytes]) -> bool:
    """Whether an uploaded file is byte-for-byte the issued PDF (SHA-256)."""
    return bool(surat.sha256) and sha256_berkas(berkas) == surat.sha256


def nomor_urut_terpakai(*, seri_id: int) -> list[int]:
    return list(Surat.objects.filter(seri_id=seri_id).order_by("nomor_urut").values_list("nomor_urut", flat=True))


__all__ = ["StatusSurat", "surat_boleh_dilihat", "surat_list_terlihat", "surat_untuk_sumber", "surat_dari_uuid",
           "surat_cocokkan_berkas", "sha256_berkas", "nomor_urut_terpakai", "DrafSurat", "surat_draf_untuk_permohonan"]


# --------------------------------------------------------------------------- drafts (nothing written)


@dataclass
class DrafSurat:
    """A letter the current step would issue on approval: same builder, same template, no number."""

    jenis: str
    judul: str
    perihal: str
    tanggal: datetime.date
    isi: dict
    penandatangan: dict
    tembusan: list[str]
    html: str


def _draf(rancangan) -> DrafSurat:
    isi = surat_isi(instansi=rancangan.instansi, perangkat_daerah=rancangan.perangkat_daerah,
                    konteks=rancangan.konteks)
    ttd = penandatangan_snapshot(rancangan.ttd.penandatangan, atas_nama=rancangan.ttd.atas_nama)
    html = surat_html_draf(jenis=rancangan.jenis, isi=isi, tanggal=rancangan.tanggal, perihal=rancangan.perihal,
                           tembusan=rancangan.tembusan, penandatangan=ttd)
    return DrafSurat(jenis=rancangan.jenis, judul=str(JenisDokumen(rancangan.jenis).label), perihal=rancangan.perihal,
                     tanggal=rancangan.tanggal, isi=isi, penandatangan=ttd, tembusan=list(rancangan.tembusan),
                     html=html)


def surat_draf_untuk_permohonan(*, permohonan, user) -> list[DrafSurat]:
    """Letters the request's current step would issue if approved now, built by the very
    builders of ``surat.services`` (``rancangan_*``) and rendered with the letter templates in
    HTML preview mode: no number allocated, no QR, a "DRAF" watermark. Reads only.

    Only for whoever may read or decide the request (PermissionDenied otherwise); an empty
    list when nothing awaits a decision or approval issues no letter at this step."""
    if not getattr(user, "is_authenticated", False) or not (
            lihat_semua(user) or type(permohonan).objects.filter(q_terlihat(user), pk=permohonan.pk).exists()):
        raise PermissionDenied(_("Anda tidak berwenang melihat permohonan ini."))
    if permohonan.status != StatusPermohonan.MENUNGGU_KEPUTUSAN or permohonan.langkah_sekarang is None:
        return []
    step = permohonan.langkah_sekarang
    tanggal = waktu.hari_ini()
    keputusan = Keputusan.JAWAB_KETERSEDIAAN if step["aksi"] == "jawab_ketersediaan" else Keputusan.SETUJUI
    # the very plan the decision service carries out (penugasan.rencana)
    pegawai = pegawai_calon(permohonan)
    rencana = rencana_keputusan(permohonan=permohonan, keputusan=keputusan, pegawai=pegawai)
    pejabat = (org.pejabat_berwenang(jabatan=permohonan.jabatan_penentu, tanggal=tanggal)
               if permohonan.jabatan_penentu_id else None)
    langkah = LangkahPermohonan(
        permohonan=permohonan, urutan=permohonan.riwayat.count(), kode_langkah=step["kode"], peran=step["peran"],
        pegawai=pejabat.pegawai if pejabat else None, jabatan=pejabat.jabatan if pejabat else None,
        sebagai=pejabat.sebagai if pejabat else JenisPemangku.DEFINITIF,
        nama_pegawai=pejabat.pegawai.nama_lengkap if pejabat else "",
        nama_jabatan=pejabat.sebutan if pejabat else "", keputusan=keputusan)

    rancangan = []
    jawaban = None
    if rencana.surat_jawaban:
        jawaban = rancangan_surat_jawaban(permohonan=permohonan, langkah=langkah, pegawai=pegawai)
        rancangan.append(jawaban)
    elif rencana.surat_permohonan_diteruskan:
        # forwarded to whoever decides the next step (penugasan.services._tetapkan_penentu, read only)
        berikut = permohonan.langkah_rute[permohonan.langkah_ke + 1]
        jabatan = jabatan_untuk_peran(permohonan=permohonan, peran=berikut["peran"], tanggal=tanggal)
        pejabat_berikut = org.pejabat_berwenang(jabatan=jabatan, tanggal=tanggal) if jabatan else None
        rancangan.append(rancangan_surat_permohonan(
            permohonan=permohonan, langkah=langkah,
            jabatan_penentu=pejabat_berikut.jabatan if pejabat_berikut else jabatan))
    if rencana.selesai:
        selesai = rencana.penyelesaian
        if selesai.tim_baru and selesai.keanggotaan:
            rancangan.append(rancangan_keputusan_tim(tim=selesai.tim, anggota=selesai.keanggotaan))
        rancangan += [rancangan_surat_penugasan(penugasan=p, jawaban_draf=jawaban) for p in selesai.penugasan]
    return [_draf(r) for r in rancangan]
