"""Register 8: the audit trail of the scope, allowed actions and refused attempts alike.

An audit row names its object by type and id; a row is in scope when its object belongs to one
of the user's Instansi (a request by its requesting or target Instansi, an assignment, team or
letter by its own). Built as subqueries on those tables: one query however many rows."""
from __future__ import annotations

from collections.abc import Iterator

from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from inti.models import JejakAudit
from penugasan.models import Penugasan, PermohonanPenugasan, TimKerja
from organisasi.permissions import lihat_semua
from surat.models import Surat

from ..models import Ekspor
from .dasar import UKURAN_POTONGAN, Register, Saringan, instansi_terpilih, waktu
from .keputusan import permohonan_qs

KOLOM = ["Waktu", "Pengguna", "Bertindak untuk", "Sebagai", "Aksi", "Jenis objek", "ID objek", "Objek",
         "Status semula", "Status menjadi", "Alasan/keterangan", "Alamat IP", "Diizinkan"]


def id_teks(qs: QuerySet) -> QuerySet:
    """The primary keys of ``qs`` as text, to compare with ``JejakAudit.objek_id`` (subquery)."""
    return qs.order_by().annotate(id_teks=Cast("pk", CharField())).values("id_teks")


def _objek_dalam_lingkup(user, saringan: Saringan) -> Q:
    """Audit rows whose object is in scope; plus the rows of the user's own exports (a superuser:
    every export)."""
    instansi = instansi_terpilih(user, saringan)
    saringan_tanpa_waktu = Saringan(instansi=saringan.instansi, perangkat_daerah=saringan.perangkat_daerah,
                                    unit=saringan.unit)
    permohonan = permohonan_qs(user, saringan_tanpa_waktu)
    penugasan = Penugasan.objects.filter(instansi__in=instansi)
    tim = TimKerja.objects.filter(instansi__in=instansi)
    surat = Surat.objects.filter(instansi__in=instansi)
    if saringan.unit:
        penugasan, tim = penugasan.filter(unit_id=saringan.unit), tim.filter(unit_id=saringan.unit)
        surat = surat.none()
    elif saringan.perangkat_daerah:
        penugasan = penugasan.filter(unit__perangkat_daerah_id=saringan.perangkat_daerah)
        tim = tim.filter(unit__perangkat_daerah_id=saringan.perangkat_daerah)
        surat = surat.filter(perangkat_daerah_id=saringan.perangkat_daerah)
    return (Q(objek_tipe=PermohonanPenugasan._meta.label, objek_id__in=id_teks(permohonan))
            | Q(objek_tipe=Penugasan._meta.label, objek_id__in=id_teks(penugasan))
            | Q(objek_tipe=TimKerja._meta.label, objek_id__in=id_teks(tim))
            | Q(objek_tipe=Surat._meta.label, objek_id__in=id_teks(surat))
            | (Q(objek_tipe=Ekspor._meta.label) & (Q() if lihat_semua(user) else Q(actor=user))))


def jejak_qs(user, saringan: Saringan) -> QuerySet[JejakAudit]:
    qs = JejakAudit.objects.filter(_objek_dalam_lingkup(user, saringan))
    if saringan.dari:
        qs = qs.filter(waktu__date__gte=saringan.dari)
    if saringan.sampai:
        qs = qs.filter(waktu__date__lte=saringan.sampai)
    if saringan.jenis:
        qs = qs.filter(aksi__startswith=saringan.jenis)
    if saringan.status in ("diizinkan", "ditolak"):
        qs = qs.filter(diizinkan=saringan.status == "diizinkan")
    return qs.order_by("waktu", "pk")


def jejak_objek(user, *, objek) -> QuerySet[JejakAudit]:
    """The audit rows of one object the user may read (its history on the auditor pages)."""
    return jejak_qs(user, Saringan()).filter(objek_tipe=objek._meta.label, objek_id=str(objek.pk))


def baris_jejak(user, saringan: Saringan) -> Iterator[list]:
    for j in jejak_qs(user, saringan).iterator(chunk_size=UKURAN_POTONGAN):
        yield [waktu(j.waktu), j.nama_actor, j.atas_nama, j.sebagai, j.aksi, j.objek_tipe, j.objek_id, j.objek_repr,
               j.status_dari, j.status_ke, j.alasan, j.ip or "", "Ya" if j.diizinkan else "Tidak"]


def hitung_jejak(user, saringan: Saringan) -> int:
    return jejak_qs(user, saringan).count()


REGISTER = Register(
    kode="jejak_audit", judul=_("Jejak audit"), kolom=KOLOM, baris=baris_jejak, hitung=hitung_jejak,
    pilihan_jenis=[("permohonan.", _("Permohonan")), ("penugasan.", _("Penugasan")), ("surat.", _("Surat")),
                   ("ekspor.", _("Ekspor"))],
    pilihan_status=[("diizinkan", _("Diizinkan")), ("ditolak", _("Ditolak (percobaan yang ditolak)"))],
    label_jenis=_("Aksi"),
)
