"""Reads of the letters app, including who may see a letter."""
from __future__ import annotations

import hashlib
from typing import IO

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from .models import StatusSurat, Surat


def _permohonan_id_sumber(surat: Surat) -> int | None:
    """The PermohonanPenugasan a letter belongs to, through its source object (if any)."""
    from penugasan.models import LangkahPermohonan, Penugasan, PermohonanPenugasan

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
    * auditors (``surat.lihat_semua_surat``, or organisation auditors / superusers);
    * whoever may read the request the letter belongs to (penugasan's rules: requester, deciders,
      tembusan holders), and holders of a guardian object permission on the letter.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser or user.has_perm("surat.lihat_semua_surat"):
        return True
    if surat.diterbitkan_oleh_id == user.pk or surat.dicabut_oleh_id == user.pk:
        return True
    if Surat.pihak.through.objects.filter(surat_id=surat.pk, pegawai__user_id=user.pk).exists():
        return True
    from penugasan.models import PermohonanPenugasan
    from penugasan.permissions import lihat_semua, q_terlihat

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
    return qs.filter(Q(pihak__user_id=user.pk) | Q(diterbitkan_oleh_id=user.pk)).distinct()


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
           "surat_cocokkan_berkas", "sha256_berkas", "nomor_urut_terpakai"]
