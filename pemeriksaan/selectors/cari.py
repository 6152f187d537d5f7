"""Search and open any request, team, assignment or letter of the auditor's scope."""
from __future__ import annotations

from django.db.models import Q, QuerySet

from penugasan.models import LangkahPermohonan, Penugasan, PermohonanPenugasan, TimKerja
from surat.models import Surat

from .dasar import Saringan, instansi_terpilih
from .keputusan import permohonan_qs

JENIS_OBJEK = ("permohonan", "tim", "penugasan", "surat")
MAKS_HASIL = 50


def objek_qs(user, jenis: str) -> QuerySet:
    """Every object of one kind in the user's scope (a superuser: all)."""
    instansi = instansi_terpilih(user, Saringan())
    if jenis == "permohonan":
        return permohonan_qs(user, Saringan()).select_related("pemohon", "unit_asal", "unit_tujuan",
                                                              "instansi_asal", "instansi_tujuan")
    if jenis == "tim":
        return TimKerja.objects.filter(instansi__in=instansi).select_related("unit", "instansi", "penanggung_jawab")
    if jenis == "penugasan":
        return Penugasan.objects.filter(instansi__in=instansi).select_related("pegawai", "tim", "unit", "instansi",
                                                                              "permohonan")
    if jenis == "surat":
        return Surat.objects.filter(instansi__in=instansi).select_related("instansi", "perangkat_daerah", "seri")
    raise LookupError(jenis)


def objek_detail(user, *, jenis: str, pk: int):
    """One object of the scope (DoesNotExist → 404 whether missing or out of scope)."""
    return objek_qs(user, jenis).get(pk=pk)


def cari(user, q: str) -> dict[str, list]:
    """Up to ``MAKS_HASIL`` matches per kind: by id, title/name, NIP/name of people, letter number."""
    q = (q or "").strip()
    if not q:
        return {j: [] for j in JENIS_OBJEK}
    angka = int(q) if q.isdigit() and len(q) < 12 else None
    per_id = Q(pk=angka) if angka is not None else Q(pk__in=[])
    return {
        "permohonan": list(objek_qs(user, "permohonan").filter(
            per_id | Q(judul__icontains=q) | Q(pemohon__nama__icontains=q) | Q(pemohon__nip=q)).order_by("-pk")
            [:MAKS_HASIL]),
        "tim": list(objek_qs(user, "tim").filter(per_id | Q(nama__icontains=q)).order_by("-pk")[:MAKS_HASIL]),
        "penugasan": list(objek_qs(user, "penugasan").filter(
            per_id | Q(pegawai__nama__icontains=q) | Q(pegawai__nip=q) | Q(uraian_tugas__icontains=q))
            .order_by("-pk")[:MAKS_HASIL]),
        "surat": list(objek_qs(user, "surat").filter(
            per_id | Q(nomor__icontains=q) | Q(perihal__icontains=q) | Q(penandatangan_nama__icontains=q))
            .order_by("-tanggal", "-pk")[:MAKS_HASIL]),
    }


def riwayat_langkah(permohonan: PermohonanPenugasan) -> QuerySet[LangkahPermohonan]:
    return permohonan.riwayat.select_related("actor").order_by("urutan", "pk")
