"""Register 3: the decision trail of each request — every step with its actor, the post acted for
(Plt./Plh. and the definitive holder), timestamps, reasons and days taken, and the refused
attempts (from the audit trail) in between, in time order."""
from __future__ import annotations

from collections.abc import Iterator

from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from inti.models import JejakAudit
from organisasi.models import JenisPemangku
from penugasan.models import LangkahPermohonan, PermohonanPenugasan, Rute, StatusPermohonan

from .dasar import Register, Saringan, instansi_terpilih, waktu

KOLOM = ["ID permohonan", "Judul", "Rute", "Status permohonan", "Urutan", "Langkah", "Peran", "Keputusan",
         "Pengguna", "Nama pejabat", "Jabatan (bertindak untuk)", "Sebagai", "Pejabat definitif", "Waktu",
         "Hari sejak langkah sebelumnya", "Alasan", "Catatan", "Status semula", "Status menjadi", "Diizinkan"]
POTONGAN_PERMOHONAN = 500
TIPE_PERMOHONAN = PermohonanPenugasan._meta.label


def permohonan_qs(user, saringan: Saringan) -> QuerySet[PermohonanPenugasan]:
    instansi = instansi_terpilih(user, saringan)
    qs = PermohonanPenugasan.objects.filter(Q(instansi_asal__in=instansi) | Q(instansi_tujuan__in=instansi))
    if saringan.perangkat_daerah:
        qs = qs.filter(Q(unit_asal__perangkat_daerah_id=saringan.perangkat_daerah)
                       | Q(unit_tujuan__perangkat_daerah_id=saringan.perangkat_daerah))
    if saringan.unit:
        qs = qs.filter(Q(unit_asal_id=saringan.unit) | Q(unit_tujuan_id=saringan.unit))
    if saringan.dari:
        qs = qs.filter(created_at__date__gte=saringan.dari)
    if saringan.sampai:
        qs = qs.filter(created_at__date__lte=saringan.sampai)
    if saringan.jenis:
        qs = qs.filter(rute=saringan.jenis)
    if saringan.status:
        qs = qs.filter(status=saringan.status)
    return qs.order_by("pk")


def _hari(sebelum, sesudah) -> str:
    if sebelum is None or sesudah is None:
        return ""
    return f"{(sesudah - sebelum).total_seconds() / 86400:.1f}"


def baris_keputusan(user, saringan: Saringan) -> Iterator[list]:
    """Chunks of requests (three queries per chunk: requests, steps, refused attempts)."""
    sebagai_label = dict(JenisPemangku.choices)
    rute_label, status_label = dict(Rute.choices), dict(StatusPermohonan.choices)
    ids = permohonan_qs(user, saringan).values_list("pk", flat=True)
    terakhir = 0
    while True:
        potongan = list(ids.filter(pk__gt=terakhir)[:POTONGAN_PERMOHONAN])
        if not potongan:
            return
        terakhir = potongan[-1]
        permohonan = PermohonanPenugasan.objects.in_bulk(potongan)
        langkah: dict[int, list] = {pk: [] for pk in potongan}
        for lk in (LangkahPermohonan.objects.filter(permohonan_id__in=potongan).select_related("actor")
                   .order_by("permohonan_id", "urutan", "pk")):
            langkah[lk.permohonan_id].append(("langkah", lk.waktu, lk))
        for j in JejakAudit.objects.filter(objek_tipe=TIPE_PERMOHONAN, objek_id__in=[str(p) for p in potongan],
                                           diizinkan=False).order_by("waktu", "pk"):
            langkah[int(j.objek_id)].append(("ditolak", j.waktu, j))
        for pk in potongan:
            p = permohonan[pk]
            kepala = [p.pk, p.judul, str(rute_label.get(p.rute, p.rute)), str(status_label.get(p.status, p.status))]
            sebelum = p.created_at
            for jenis, saat, obj in sorted(langkah[pk], key=lambda x: x[1]):
                if jenis == "langkah":
                    yield [*kepala, obj.urutan, obj.kode_langkah, obj.peran, obj.get_keputusan_display(),
                           obj.actor.get_username() if obj.actor_id else "", obj.nama_pegawai, obj.nama_jabatan,
                           str(sebagai_label.get(obj.sebagai, obj.sebagai)), obj.nama_pejabat_definitif,
                           waktu(saat), _hari(sebelum, saat), obj.alasan, obj.catatan, obj.status_dari,
                           obj.status_ke, "Ya"]
                    sebelum = saat
                else:
                    yield [*kepala, "", obj.aksi, "", "Ditolak", obj.nama_actor, obj.nama_actor, obj.atas_nama,
                           str(sebagai_label.get(obj.sebagai, obj.sebagai)), "", waktu(saat), "", obj.alasan, "",
                           obj.status_dari, obj.status_ke, "Tidak"]


def hitung_keputusan(user, saringan: Saringan) -> int:
    qs = permohonan_qs(user, saringan)
    return (LangkahPermohonan.objects.filter(permohonan_id__in=qs.values("pk")).count()
            + JejakAudit.objects.filter(objek_tipe=TIPE_PERMOHONAN, diizinkan=False,
                                        objek_id__in=qs.order_by().annotate(t=Cast("pk", CharField()))
                                        .values("t")).count())


REGISTER = Register(
    kode="keputusan", judul=_("Jejak keputusan permohonan"), kolom=KOLOM, baris=baris_keputusan,
    hitung=hitung_keputusan, pilihan_jenis=list(Rute.choices), pilihan_status=list(StatusPermohonan.choices),
    label_jenis=_("Rute"),
)
