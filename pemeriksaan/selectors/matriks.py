"""Register 4: team decrees vs role matrix. Per team, each person of the attachment of the team's
Keputusan in force (the newest not revoked ``surat.Surat`` of kind Keputusan Tim, its frozen
``konteks.lampiran``) next to their row of the Matriks Pembagian Peran dan Hasil
(``kinerja.BarisMatriksPeran``) and their team membership (``penugasan.AnggotaTim``), with the
differences named: a person missing on one side, a different role, a different task, result,
indikator or target.

Teams are read in chunks of ``POTONGAN_TIM``; four queries per chunk (teams, letters, matrix
rows, members) whatever the number of people."""
from __future__ import annotations

from collections.abc import Iterator

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kinerja.models import BarisMatriksPeran, StatusBarisMatriks
from penugasan.models import AnggotaTim, PeranTim, StatusTim, TimKerja
from surat.konteks import butir
from surat.models import JenisDokumen, StatusSurat, Surat

from .dasar import Register, Saringan, instansi_terpilih, tgl

KOLOM = ["Instansi", "Perangkat Daerah", "Unit", "Tim", "Status tim", "Nomor Keputusan", "Tanggal Keputusan",
         "NIP", "Nama", "Sesuai", "Perbedaan", "Peran di Keputusan", "Peran di tim", "Tugas di Keputusan",
         "Peran di matriks", "Hasil di Keputusan", "Hasil di matriks", "Indikator di Keputusan",
         "Indikator di matriks", "Target di Keputusan", "Target di matriks", "Status baris matriks"]
POTONGAN_TIM = 500
BEDA, SESUAI = "beda", "sesuai"
TIDAK_DI_MATRIKS = "Tidak ada di matriks"
TIDAK_DI_KEPUTUSAN = "Tidak ada di lampiran Keputusan"
TANPA_KEPUTUSAN = "Tim belum memiliki Keputusan yang berlaku"


def tim_qs(user, saringan: Saringan) -> QuerySet[TimKerja]:
    qs = TimKerja.objects.filter(instansi__in=instansi_terpilih(user, saringan))
    if saringan.perangkat_daerah:
        qs = qs.filter(unit__perangkat_daerah_id=saringan.perangkat_daerah)
    if saringan.unit:
        qs = qs.filter(unit_id=saringan.unit)
    if saringan.dari:
        qs = qs.filter(selesai__gte=saringan.dari)
    if saringan.sampai:
        qs = qs.filter(mulai__lte=saringan.sampai)
    if saringan.jenis:
        qs = qs.filter(sifat=saringan.jenis)
    return qs.order_by("pk")


def _teks(nilai) -> str:
    """List items (the letter's) or free text (the matrix's) as one comparable line."""
    if isinstance(nilai, list):
        return "; ".join(str(x).strip() for x in nilai if str(x).strip())
    return "; ".join(butir(nilai))


def _peran_keputusan(teks: str) -> str:
    t = (teks or "").lower()
    return PeranTim.KETUA if "ketua" in t else PeranTim.ANGGOTA if "anggota" in t else ""


def _lampiran(surat: Surat | None) -> dict[str, dict]:
    """The attachment's people by NIP (the team's own table; the penanggung jawab, not a member,
    is left out)."""
    hasil = {}
    if surat is None:
        return hasil
    for bagian in (surat.konteks or {}).get("lampiran", []):
        for b in bagian.get("baris", []):
            if not _peran_keputusan(b.get("peran", "")):
                continue
            hasil[str(b.get("nip") or b.get("pegawai_id") or b.get("nama"))] = b
    return hasil


def _banding(k: dict | None, anggota: AnggotaTim | None, m: BarisMatriksPeran | None, ada_keputusan: bool) -> list[str]:
    if not ada_keputusan:
        return [TANPA_KEPUTUSAN]
    if k is None:
        return [TIDAK_DI_KEPUTUSAN]
    beda = []
    if anggota is not None and _peran_keputusan(k.get("peran", "")) != anggota.peran:
        beda.append("Peran berbeda (Keputusan: %s, tim: %s)" % (k.get("peran", ""), anggota.get_peran_display()))
    elif anggota is None:
        beda.append("Bukan anggota tim lagi")
    if m is None:
        beda.append(TIDAK_DI_MATRIKS)
        return beda
    for label, dari_k, dari_m in (("Tugas/peran", k.get("tugas"), m.peran), ("Hasil", k.get("sasaran"), m.hasil),
                                  ("Indikator", k.get("indikator"), m.indikator),
                                  ("Target", k.get("target"), m.target_teks)):
        if _teks(dari_k) != _teks(dari_m):
            beda.append(f"{label} berbeda")
    return beda


def _potongan(ids: list[int]):
    tim = TimKerja.objects.select_related("instansi", "unit__perangkat_daerah").in_bulk(ids)
    ct = ContentType.objects.get_for_model(TimKerja)
    keputusan: dict[int, Surat] = {}
    for s in (Surat.objects.filter(sumber_content_type=ct, sumber_object_id__in=ids, jenis=JenisDokumen.KEPUTUSAN_TIM)
              .exclude(status=StatusSurat.DICABUT).order_by("created_at", "pk")):
        keputusan[s.sumber_object_id] = s  # the newest wins
    matriks: dict[int, dict[int, BarisMatriksPeran]] = {pk: {} for pk in ids}
    for m in BarisMatriksPeran.objects.filter(tim_id__in=ids).select_related("anggota__pegawai"):
        matriks[m.tim_id][m.anggota.pegawai_id] = m
    anggota: dict[int, list[AnggotaTim]] = {pk: [] for pk in ids}
    for a in AnggotaTim.objects.filter(tim_id__in=ids).select_related("pegawai").order_by("tim_id", "peran",
                                                                                         "pegawai__nama"):
        anggota[a.tim_id].append(a)
    return tim, keputusan, matriks, anggota


def baris_matriks(user, saringan: Saringan) -> Iterator[list]:
    status_tim = dict(StatusTim.choices)
    status_baris = dict(StatusBarisMatriks.choices)
    ids = tim_qs(user, saringan).values_list("pk", flat=True)
    terakhir = 0
    while True:
        potongan = list(ids.filter(pk__gt=terakhir)[:POTONGAN_TIM])
        if not potongan:
            return
        terakhir = potongan[-1]
        tim, keputusan, matriks, anggota = _potongan(potongan)
        for pk in potongan:
            t, surat = tim[pk], keputusan.get(pk)
            lampiran = _lampiran(surat)
            kepala = [t.instansi.nama, t.unit.perangkat_daerah.nama if t.unit.perangkat_daerah_id else "", t.unit.nama,
                      t.nama, str(status_tim.get(t.status, t.status)), surat.nomor if surat else "",
                      tgl(surat.tanggal) if surat else ""]
            orang = []  # (nip, nama, keputusan row, member, matrix row)
            for a in anggota[pk]:
                orang.append((a.pegawai.nip, a.pegawai.nama, lampiran.pop(a.pegawai.nip, None), a,
                              matriks[pk].pop(a.pegawai_id, None)))
            for nip, k in lampiran.items():
                orang.append((k.get("nip", ""), k.get("nama", ""), k, None, None))
            for m in matriks[pk].values():  # a matrix row whose member left the team
                orang.append((m.anggota.pegawai.nip, m.anggota.pegawai.nama, None, None, m))
            for nip, nama, k, a, m in orang:
                beda = _banding(k, a, m, surat is not None)
                if saringan.status == BEDA and not beda or saringan.status == SESUAI and beda:
                    continue
                yield [*kepala, nip, nama, "Tidak" if beda else "Ya", "; ".join(beda),
                       k.get("peran", "") if k else "", a.get_peran_display() if a else "",
                       _teks(k.get("tugas")) if k else "", m.peran if m else "",
                       _teks(k.get("sasaran")) if k else "", _teks(m.hasil) if m else "",
                       _teks(k.get("indikator")) if k else "", _teks(m.indikator) if m else "",
                       _teks(k.get("target")) if k else "", m.target_teks if m else "",
                       str(status_baris.get(m.status, m.status)) if m else ""]


def hitung_matriks(user, saringan: Saringan) -> int:
    """Exact: people who are only on the letter add rows, so the rows are counted as read."""
    return sum(1 for _b in baris_matriks(user, saringan))


REGISTER = Register(
    kode="matriks", judul=_("Keputusan tim dan matriks peran"), kolom=KOLOM, baris=baris_matriks,
    hitung=hitung_matriks, pilihan_jenis=list(TimKerja._meta.get_field("sifat").choices),
    pilihan_status=[(BEDA, _("Hanya yang berbeda")), (SESUAI, _("Hanya yang sesuai"))],
    label_jenis=_("Sifat tim"),
)
