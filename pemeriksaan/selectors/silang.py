"""Register 5: target → assignment crosswalk. Each cascaded target of a PK indikator
(``kinerja.TargetJabatan``) with its owner, the teams/individual assignments serving it
(``TautanTarget``: a team, an assignment, or a request and what it formed), their letters, members,
the realisation and the acceptance of the results (``PenyerahanHasil``); then the exception lists:
targets without any assignment, assignments (teams, individual assignments) without a target,
results returned twice or more, results accepted after the period ended (the team's or
assignment's end date, else 31 December of the PK year).

Superseded PK versions (status *diubah*) are left out. Targets are read in chunks of
``POTONGAN_TARGET``; six queries per chunk plus four for the exception lists."""
from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.models import (AksiPenyerahan, PenyerahanHasil, StatusPenyerahan, StatusPK, TargetJabatan,
                            TautanTarget)
from penugasan.models import AnggotaTim, Penugasan, PermohonanPenugasan, TimKerja
from surat.models import Surat

from .dasar import Register, Saringan, instansi_terpilih, tgl, waktu

KOLOM = ["Bagian", "Instansi", "Perangkat Daerah", "Tahun PK", "Jabatan pemilik PK", "Kode indikator", "Indikator",
         "Target tahunan", "Satuan", "Realisasi indikator", "Jabatan pemilik target", "Porsi target",
         "Penanggung jawab", "Realisasi target", "Jenis penugasan", "Tim / penugasan", "Periode", "Surat",
         "Anggota (nama, NIP)", "Penyerahan hasil", "Status penyerahan terakhir", "Realisasi diserahkan",
         "Diterima pada", "Dikembalikan (kali)", "Catatan"]
POTONGAN_TARGET = 500
RANTAI = "rantai"
TANPA_PENUGASAN = "target_tanpa_penugasan"
TANPA_TARGET = "penugasan_tanpa_target"
DIKEMBALIKAN = "dikembalikan_berulang"
TERLAMBAT = "diterima_terlambat"
BAGIAN = {RANTAI: "Rantai target", TANPA_PENUGASAN: "Pengecualian: target tanpa penugasan",
          TANPA_TARGET: "Pengecualian: penugasan tanpa target",
          DIKEMBALIKAN: "Pengecualian: hasil dikembalikan dua kali atau lebih",
          TERLAMBAT: "Pengecualian: diterima setelah periode berakhir"}


def _angka(nilai) -> str:
    return "" if nilai is None else f"{nilai.normalize():f}"


def target_qs(user, saringan: Saringan) -> QuerySet[TargetJabatan]:
    qs = TargetJabatan.objects.filter(indikator__sasaran__pk_kinerja__instansi__in=instansi_terpilih(user, saringan)
                                      ).exclude(indikator__sasaran__pk_kinerja__status=StatusPK.DIUBAH)
    if saringan.perangkat_daerah:
        qs = qs.filter(indikator__sasaran__pk_kinerja__perangkat_daerah_id=saringan.perangkat_daerah)
    if saringan.unit:
        qs = qs.filter(jabatan__unit_id=saringan.unit)
    if saringan.dari:
        qs = qs.filter(indikator__sasaran__pk_kinerja__tahun__gte=saringan.dari.year)
    if saringan.sampai:
        qs = qs.filter(indikator__sasaran__pk_kinerja__tahun__lte=saringan.sampai.year)
    return qs.order_by("pk")


def _tugas_qs(model, user, saringan: Saringan) -> QuerySet:
    qs = model.objects.filter(instansi__in=instansi_terpilih(user, saringan))
    if saringan.perangkat_daerah:
        qs = qs.filter(unit__perangkat_daerah_id=saringan.perangkat_daerah)
    if saringan.unit:
        qs = qs.filter(unit_id=saringan.unit)
    if saringan.dari:
        qs = qs.filter(selesai__gte=saringan.dari)
    if saringan.sampai:
        qs = qs.filter(mulai__lte=saringan.sampai)
    return qs


def _surat_per_sumber(objek: list) -> dict[tuple[str, int], list[str]]:
    """Letter numbers per (model label, pk) of teams, assignments and requests, in one query."""
    q = Q(pk__in=[])
    for model in (TimKerja, Penugasan, PermohonanPenugasan):
        ids = [o.pk for o in objek if isinstance(o, model)]
        if ids:
            q |= Q(sumber_content_type=ContentType.objects.get_for_model(model), sumber_object_id__in=ids)
    hasil: dict[tuple[str, int], list[str]] = {}
    label = {ContentType.objects.get_for_model(m).pk: m._meta.label for m in (TimKerja, Penugasan, PermohonanPenugasan)}
    for s in Surat.objects.filter(q).order_by("tanggal", "pk").only("nomor", "status", "sumber_content_type_id",
                                                                    "sumber_object_id"):
        teks = s.nomor + (" (dicabut)" if s.status == "dicabut" else "")
        hasil.setdefault((label[s.sumber_content_type_id], s.sumber_object_id), []).append(teks)
    return hasil


def _potongan(ids: list[int]):
    target = (TargetJabatan.objects.select_related("indikator__sasaran__pk_kinerja__instansi",
                                                   "indikator__sasaran__pk_kinerja__perangkat_daerah",
                                                   "indikator__sasaran__pk_kinerja__jabatan", "jabatan",
                                                   "penanggung_jawab").in_bulk(ids))
    tautan: dict[int, list[TautanTarget]] = {pk: [] for pk in ids}
    for t in (TautanTarget.objects.filter(target_id__in=ids)
              .select_related("tim", "penugasan__pegawai", "permohonan__tim").order_by("target_id", "pk")):
        tautan[t.target_id].append(t)
    permohonan_ids = [t.permohonan_id for daftar in tautan.values() for t in daftar if t.permohonan_id]
    penugasan_permohonan: dict[int, list[Penugasan]] = {}
    for p in (Penugasan.objects.filter(permohonan_id__in=permohonan_ids, tim__isnull=True)
              .select_related("pegawai").order_by("pk")):
        penugasan_permohonan.setdefault(p.permohonan_id, []).append(p)
    penyerahan: dict[int, list[PenyerahanHasil]] = {pk: [] for pk in ids}
    for h in (PenyerahanHasil.objects.filter(target_id__in=ids)
              .annotate(kali_kembali=Count("riwayat", filter=Q(riwayat__aksi=AksiPenyerahan.KEMBALIKAN)))
              .select_related("tim", "penugasan", "diserahkan_oleh").order_by("created_at", "pk")):
        penyerahan[h.target_id].append(h)
    return target, tautan, penugasan_permohonan, penyerahan


def _objek_tautan(t: TautanTarget, penugasan_permohonan) -> list:
    """The team or assignments a link stands for (a request: the team it formed, else its
    individual assignments, else the request itself while undecided)."""
    if t.tim_id:
        return [t.tim]
    if t.penugasan_id:
        return [t.penugasan]
    if t.permohonan.tim_id:
        return [t.permohonan.tim]
    return penugasan_permohonan.get(t.permohonan_id) or [t.permohonan]


def _akhir_periode(h: PenyerahanHasil, tahun: int) -> datetime.date:
    if h.tim_id:
        return h.tim.selesai
    if h.penugasan_id:
        return h.penugasan.selesai
    return datetime.date(tahun, 12, 31)


def _kolom_target(tg: TargetJabatan) -> list:
    pk = tg.indikator.sasaran.pk_kinerja
    ind = tg.indikator
    return [pk.instansi.nama, pk.perangkat_daerah.nama, pk.tahun, pk.jabatan.nama, ind.kode, ind.uraian,
            _angka(ind.target_tahunan), ind.satuan, _angka(ind.realisasi), tg.jabatan.nama, tg.sebutan_porsi,
            f"{tg.penanggung_jawab.nama} ({tg.penanggung_jawab.nip})" if tg.penanggung_jawab_id else "",
            _angka(tg.realisasi)]


def _kolom_hasil(daftar: list[PenyerahanHasil]) -> list:
    if not daftar:
        return ["0", "", "", "", 0]
    akhir = daftar[-1]
    return [str(len(daftar)), akhir.get_status_display(), _angka(akhir.realisasi),
            "; ".join(waktu(h.diterima_pada) for h in daftar if h.diterima_pada),
            sum(h.kali_kembali for h in daftar)]


def _nama_objek(o) -> tuple[str, str, str]:
    if isinstance(o, TimKerja):
        return "Tim kerja", o.nama, f"{tgl(o.mulai)} s.d. {tgl(o.selesai)}"
    if isinstance(o, Penugasan):
        return "Penugasan individu", f"{o.pegawai.nama} ({o.pegawai.nip}): {o.uraian_tugas[:120]}", \
            f"{tgl(o.mulai)} s.d. {tgl(o.selesai)}"
    return "Permohonan (belum diputus)", f"#{o.pk} {o.judul}", ""


def _rantai(user, saringan: Saringan) -> Iterator[list]:
    ids_qs = target_qs(user, saringan).values_list("pk", flat=True)
    terakhir = 0
    while True:
        ids = list(ids_qs.filter(pk__gt=terakhir)[:POTONGAN_TARGET])
        if not ids:
            return
        terakhir = ids[-1]
        target, tautan, penugasan_permohonan, penyerahan = _potongan(ids)
        objek_per_target = {pk: [o for t in tautan[pk] for o in _objek_tautan(t, penugasan_permohonan)]
                            for pk in ids}
        semua = [o for daftar in objek_per_target.values() for o in daftar]
        surat = _surat_per_sumber(semua)
        anggota: dict[int, list[str]] = {}
        for a in (AnggotaTim.objects.filter(tim_id__in=[o.pk for o in semua if isinstance(o, TimKerja)])
                  .select_related("pegawai").order_by("tim_id", "peran", "pegawai__nama")):
            anggota.setdefault(a.tim_id, []).append(f"{a.pegawai.nama} ({a.pegawai.nip}, {a.get_peran_display()})")
        for pk in ids:
            tg = target[pk]
            kepala = _kolom_target(tg)
            tahun = tg.indikator.sasaran.pk_kinerja.tahun
            if not objek_per_target[pk]:
                yield [BAGIAN[TANPA_PENUGASAN], *kepala, "", "", "", "", "", *_kolom_hasil(penyerahan[pk]),
                       "Target belum ditautkan ke tim atau penugasan mana pun"]
                continue
            for o in objek_per_target[pk]:
                jenis, nama, periode = _nama_objek(o)
                hasil = [h for h in penyerahan[pk] if (isinstance(o, TimKerja) and h.tim_id == o.pk)
                         or (isinstance(o, Penugasan) and h.penugasan_id == o.pk)]
                if isinstance(o, TimKerja):
                    orang = "; ".join(anggota.get(o.pk, []))
                elif isinstance(o, Penugasan):
                    orang = f"{o.pegawai.nama} ({o.pegawai.nip})"
                else:
                    orang = ""
                yield [BAGIAN[RANTAI], *kepala, jenis, nama, periode,
                       "; ".join(surat.get((o._meta.label, o.pk), [])), orang, *_kolom_hasil(hasil), ""]
            for h in penyerahan[pk]:
                akhir = _akhir_periode(h, tahun)
                if h.kali_kembali >= 2:
                    yield [BAGIAN[DIKEMBALIKAN], *kepala, "", _penyerah(h), "", "", "", *_kolom_hasil([h]),
                           f"Dikembalikan {h.kali_kembali} kali; putaran {h.putaran}"]
                if (h.status == StatusPenyerahan.DITERIMA and h.diterima_pada
                        and timezone.localtime(h.diterima_pada).date() > akhir):
                    yield [BAGIAN[TERLAMBAT], *kepala, "", _penyerah(h), "", "", "", *_kolom_hasil([h]),
                           f"Periode berakhir {tgl(akhir)}"]


def _penyerah(h: PenyerahanHasil) -> str:
    asal = h.tim.nama if h.tim_id else (f"penugasan #{h.penugasan_id}" if h.penugasan_id else "")
    return f"{asal} — diserahkan oleh {h.diserahkan_oleh.nama} ({h.diserahkan_oleh.nip})".strip(" —")


def _tanpa_target(user, saringan: Saringan) -> Iterator[list]:
    """Teams and individual assignments of the scope that serve no target."""
    ber_target_tim = Q(Exists(TautanTarget.objects.filter(tim=OuterRef("pk")))) | Q(
        Exists(TautanTarget.objects.filter(permohonan__tim=OuterRef("pk"))))
    tim = (_tugas_qs(TimKerja, user, saringan).exclude(ber_target_tim)
           .select_related("instansi", "unit__perangkat_daerah").order_by("pk"))
    for t in tim.iterator(chunk_size=2000):
        yield [BAGIAN[TANPA_TARGET], t.instansi.nama, t.unit.perangkat_daerah.nama if t.unit.perangkat_daerah_id else "",
               t.mulai.year, *[""] * 10, "Tim kerja", t.nama, f"{tgl(t.mulai)} s.d. {tgl(t.selesai)}", "", "",
               "", "", "", "", "", "Tim tidak tertaut ke target PK mana pun"]
    ber_target = Q(Exists(TautanTarget.objects.filter(penugasan=OuterRef("pk")))) | Q(
        Exists(TautanTarget.objects.filter(permohonan_id=OuterRef("permohonan_id"))))
    individu = (_tugas_qs(Penugasan, user, saringan).filter(tim__isnull=True).exclude(ber_target)
                .select_related("instansi", "unit__perangkat_daerah", "pegawai").order_by("pk"))
    for p in individu.iterator(chunk_size=2000):
        jenis, nama, periode = _nama_objek(p)
        yield [BAGIAN[TANPA_TARGET], p.instansi.nama, p.unit.perangkat_daerah.nama if p.unit.perangkat_daerah_id else "",
               p.mulai.year, *[""] * 10, jenis, nama, periode, "", f"{p.pegawai.nama} ({p.pegawai.nip})", "", "", "",
               "", "", "Penugasan tidak tertaut ke target PK mana pun"]


def baris_silang(user, saringan: Saringan) -> Iterator[list]:
    pilihan = saringan.status
    if pilihan != TANPA_TARGET:
        for b in _rantai(user, saringan):
            if not pilihan or b[0] == BAGIAN[pilihan]:
                yield b
    if not pilihan or pilihan == TANPA_TARGET:
        yield from _tanpa_target(user, saringan)


def hitung_silang(user, saringan: Saringan) -> int:
    return sum(1 for _b in baris_silang(user, saringan))


REGISTER = Register(
    kode="silang", judul=_("Target dan penugasan (silang)"), kolom=KOLOM, baris=baris_silang, hitung=hitung_silang,
    pilihan_status=[(k, v) for k, v in BAGIAN.items()], label_jenis=_("Bagian"),
)
