"""Reads of Kinerja II: what a user may see (reports, requests, kendala, handed-in results),
what waits for them (positions held or acted for today, plus vacant posts whose authority
escalates to them), the per-target board with its red/amber/green status, and the PPK's
"notes on my subordinates". List reads filter in the database (no load-and-filter)."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q, QuerySet

from inti.waktu import hari_ini
from organisasi import selectors as org
from organisasi.models import Jabatan, JenisPemangku, Pegawai, PemangkuJabatan
from penugasan.models import AnggotaTim, Penugasan, PeranTim, TimKerja
from surat.models import Surat

from .models import (
    JenisLaporan,
    Kendala,
    Laporan,
    PenyerahanHasil,
    PermintaanLaporan,
    StatusKendala,
    StatusLaporan,
    StatusPenyerahan,
    StatusPermintaan,
    TargetJabatan,
    TonggakRencana,
)

KENDALA_TERBUKA = (StatusKendala.DIAJUKAN, StatusKendala.DITERUSKAN)


def _semua(user) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


def _pegawai(user):
    return getattr(user, "pegawai", None) if user is not None and user.is_authenticated else None


def jabatan_ids(user, tanggal: datetime.date | None = None) -> list[int]:
    """Positions whose authority the user exercises today: same precedence as
    ``penugasan.selectors.jabatan_efektif`` (a Plh in force overrides a Plt, which overrides the
    definitive holder), computed from the user's own few appointments and the acting ones on those
    positions (two indexed queries; the correlated EXISTS form is slow on SQLite at scale)."""
    if user is None or not user.is_authenticated:
        return []
    tanggal = tanggal or hari_ini()
    aktif = Q(mulai__lte=tanggal) & (Q(selesai__isnull=True) | Q(selesai__gte=tanggal))
    milik = list(PemangkuJabatan.objects.filter(aktif, pegawai__user=user).values_list("jabatan_id", "jenis"))
    if not milik:
        return []
    pengganti: dict[int, set] = {}
    for jab, jenis in PemangkuJabatan.objects.filter(aktif, jabatan_id__in={j for j, _ in milik},
                                                     jenis__in=(JenisPemangku.PLH, JenisPemangku.PLT)
                                                     ).values_list("jabatan_id", "jenis"):
        pengganti.setdefault(jab, set()).add(jenis)
    hasil = []
    for jab, jenis in milik:
        ada = pengganti.get(jab, set())
        if jenis == JenisPemangku.PLH or (jenis == JenisPemangku.PLT and JenisPemangku.PLH not in ada) \
                or (jenis == JenisPemangku.DEFINITIF and not ada):
            hasil.append(jab)
    return sorted(set(hasil))


def _dieskalasi(user, menunggu: QuerySet, saya: list[int], tanggal=None) -> list[int]:
    """Vacant waiting posts (``menunggu``: a values() of jabatan ids) whose authority passes up to
    the user; one query, then only those few posts are resolved."""
    if not saya:
        return []
    tanggal = tanggal or hari_ini()
    terisi = PemangkuJabatan.objects.filter(Q(mulai__lte=tanggal) & (Q(selesai__isnull=True) | Q(selesai__gte=tanggal))
                                            ).values("jabatan_id")
    instansi = Jabatan.objects.filter(pk__in=saya).values("instansi_id")
    hasil = []
    for jab in Jabatan.objects.filter(pk__in=menunggu, instansi_id__in=instansi).exclude(pk__in=terisi):
        p = org.pejabat_berwenang(jabatan=jab, tanggal=tanggal)
        if p is not None and p.pegawai.user_id == user.pk:
            hasil.append(jab.pk)
    return hasil


# --------------------------------------------------------------------------- reports


def laporan_terlihat(*, user) -> QuerySet[Laporan]:
    qs = Laporan.objects.select_related("pelapor", "penerima_jabatan", "penerima_pegawai", "tim", "tentang_pegawai")
    if _semua(user):
        return qs
    peg = _pegawai(user)
    if peg is None:
        return qs.none()
    saya = jabatan_ids(user)
    tembusan = Laporan.tembusan_jabatan.through.objects.filter(jabatan_id__in=saya).values("laporan_id")
    return qs.filter(Q(pelapor=peg) | Q(penerima_pegawai=peg) | Q(penerima_jabatan__in=saya) | Q(pk__in=tembusan))


def laporan_saya(*, user) -> QuerySet[Laporan]:
    peg = _pegawai(user)
    return laporan_terlihat(user=user).filter(pelapor=peg) if peg else Laporan.objects.none()


def laporan_masuk(*, user, status: str | None = None) -> QuerySet[Laporan]:
    """Reports addressed to the user (as a person or through a position, also as copy)."""
    peg = _pegawai(user)
    if peg is None:
        return Laporan.objects.none()
    saya = jabatan_ids(user)
    tembusan = Laporan.tembusan_jabatan.through.objects.filter(jabatan_id__in=saya).values("laporan_id")
    qs = laporan_terlihat(user=user).filter(Q(penerima_pegawai=peg) | Q(penerima_jabatan__in=saya) | Q(pk__in=tembusan))
    qs = qs.exclude(status=StatusLaporan.DRAF)
    return qs.filter(status=status) if status else qs


def bukti_boleh_dibaca(*, user, bukti) -> bool:
    return laporan_terlihat(user=user).filter(pk=bukti.laporan_id).exists()


# --------------------------------------------------------------------------- report requests


def permintaan_terlihat(*, user) -> QuerySet[PermintaanLaporan]:
    qs = PermintaanLaporan.objects.select_related("peminta", "kepada", "tim", "jabatan_peminta")
    hari = hari_ini()
    qs = qs.annotate(terlambat=Q(status=StatusPermintaan.TERBUKA, tenggat__lt=hari))
    if _semua(user):
        return qs
    peg = _pegawai(user)
    if peg is None:
        return qs.none()
    return qs.filter(Q(peminta=peg) | Q(kepada=peg) | Q(jabatan_peminta__in=jabatan_ids(user)))


def permintaan_terlambat(*, tanggal: datetime.date | None = None) -> QuerySet[PermintaanLaporan]:
    return PermintaanLaporan.objects.filter(status=StatusPermintaan.TERBUKA, tenggat__lt=tanggal or hari_ini())


# --------------------------------------------------------------------------- kendala


def kendala_terlihat(*, user) -> QuerySet[Kendala]:
    qs = Kendala.objects.select_related("diajukan_oleh", "tim", "jabatan_penentu", "opsi_dipilih")
    if _semua(user):
        return qs
    peg = _pegawai(user)
    if peg is None:
        return qs.none()
    saya = jabatan_ids(user)
    diterima = Kendala.penerima_jabatan.through.objects.filter(jabatan_id__in=saya).values("kendala_id")
    anggota = AnggotaTim.objects.filter(pegawai=peg).values("tim_id")
    return qs.filter(Q(diajukan_oleh=peg) | Q(tim_id__in=anggota) | Q(jabatan_penentu__in=saya) | Q(pk__in=diterima)
                     | Q(tim__penanggung_jawab=peg))


def kendala_menunggu(*, user) -> QuerySet[Kendala]:
    """Kendala waiting for the user's decision (including vacant posts escalated to them)."""
    saya = jabatan_ids(user)
    terbuka = Kendala.objects.filter(status__in=KENDALA_TERBUKA)
    naik = _dieskalasi(user, terbuka.values("jabatan_penentu_id"), saya)
    return terbuka.filter(jabatan_penentu_id__in=saya + naik).select_related("diajukan_oleh", "tim", "jabatan_penentu")


def kendala_lama_keputusan(qs: QuerySet[Kendala]) -> QuerySet[Kendala]:
    return qs.filter(diputuskan_pada__isnull=False).annotate(lama=F("diputuskan_pada") - F("created_at"))


# --------------------------------------------------------------------------- handed-in results


def penyerahan_terlihat(*, user) -> QuerySet[PenyerahanHasil]:
    qs = PenyerahanHasil.objects.select_related("target__indikator", "target__jabatan", "tim", "diserahkan_oleh",
                                                "jabatan_penentu")
    if _semua(user):
        return qs
    peg = _pegawai(user)
    if peg is None:
        return qs.none()
    saya = jabatan_ids(user)
    anggota = AnggotaTim.objects.filter(pegawai=peg).values("tim_id")
    dilalui = PenyerahanHasil.riwayat.rel.related_model.objects.filter(jabatan_id__in=saya).values("penyerahan_id")
    return qs.filter(Q(diserahkan_oleh=peg) | Q(tim_id__in=anggota) | Q(penugasan__pegawai=peg)
                     | Q(jabatan_penentu__in=saya) | Q(pegawai_penentu=peg) | Q(pk__in=dilalui)
                     | Q(target__jabatan__in=saya) | Q(target__indikator__sasaran__pk_kinerja__jabatan__in=saya))


def penyerahan_menunggu(*, user) -> QuerySet[PenyerahanHasil]:
    peg = _pegawai(user)
    if peg is None:
        return PenyerahanHasil.objects.none()
    saya = jabatan_ids(user)
    ditinjau = PenyerahanHasil.objects.filter(status=StatusPenyerahan.DITINJAU)
    naik = _dieskalasi(user, ditinjau.filter(jabatan_penentu__isnull=False).values("jabatan_penentu_id"), saya)
    return ditinjau.filter(Q(jabatan_penentu_id__in=saya + naik) | Q(pegawai_penentu=peg)).select_related(
        "target__indikator", "target__jabatan", "tim", "diserahkan_oleh")


# --------------------------------------------------------------------------- board per target


class Rag:
    MERAH, KUNING, HIJAU = "merah", "kuning", "hijau"


@dataclass(frozen=True)
class StatusPapan:
    warna: str
    alasan: str


def status_rag(*, tonggak: list[TonggakRencana], kendala_terbuka: int, laporan_terakhir: datetime.datetime | None,
               tanggal: datetime.date, batas_hari_laporan: int = 31) -> StatusPapan:
    """Red: a milestone past its due date below 100 %. Amber: an open kendala, no report in
    the last ``batas_hari_laporan`` days, or a milestone due within 14 days below 50 %.
    Green otherwise. (Pure: the board page and the API call the same function.)"""
    lewat = [t for t in tonggak if t.tenggat < tanggal and t.progres < 100]
    if lewat:
        return StatusPapan(Rag.MERAH, f"{len(lewat)} tonggak melewati tenggat")
    if kendala_terbuka:
        return StatusPapan(Rag.KUNING, f"{kendala_terbuka} kendala belum diputuskan")
    if laporan_terakhir is None or (tanggal - laporan_terakhir.date()).days > batas_hari_laporan:
        return StatusPapan(Rag.KUNING, "belum ada laporan pada periode ini")
    dekat = [t for t in tonggak if tanggal <= t.tenggat <= tanggal + datetime.timedelta(days=14) and t.progres < 50]
    if dekat:
        return StatusPapan(Rag.KUNING, f"{len(dekat)} tonggak mendekati tenggat")
    return StatusPapan(Rag.HIJAU, "sesuai rencana")


def papan_target(*, target: TargetJabatan, tanggal: datetime.date | None = None) -> dict:
    """Progress against milestones, status, last report, open kendala and handed-in results
    of one target. A fixed number of queries."""
    tanggal = tanggal or hari_ini()
    tim_ids = list(target_tim_tim_ids(target))
    penugasan_ids = list(Penugasan.objects.filter(Q(tautan_target__target=target)
                                                  | Q(permohonan__tautan_target__target=target), tim__isnull=True)
                         .values_list("pk", flat=True))
    tonggak = list(TonggakRencana.objects.filter(Q(rencana__target=target) | Q(rencana__tim_id__in=tim_ids)
                                                 | Q(rencana__penugasan_id__in=penugasan_ids)).distinct()
                   .order_by("tenggat", "urutan"))
    laporan = (Laporan.objects.filter(Q(target=target) | Q(tim_id__in=tim_ids) | Q(penugasan_id__in=penugasan_ids))
               .exclude(jenis=JenisLaporan.CATATAN_ANGGOTA).exclude(status=StatusLaporan.DRAF)
               .select_related("pelapor").order_by("-dikirim_pada").first())
    kendala = list(Kendala.objects.filter(Q(target=target) | Q(tim_id__in=tim_ids) | Q(penugasan_id__in=penugasan_ids),
                                          status__in=KENDALA_TERBUKA).order_by("created_at"))
    hasil = PenyerahanHasil.objects.filter(target=target).order_by("-created_at").first()
    status = status_rag(tonggak=tonggak, kendala_terbuka=len(kendala),
                        laporan_terakhir=laporan.dikirim_pada if laporan else None, tanggal=tanggal)
    bobot = sum((t.bobot or 0) for t in tonggak)
    progres = (round(sum((t.bobot or 0) * t.progres for t in tonggak) / bobot) if bobot else
               round(sum(t.progres for t in tonggak) / len(tonggak)) if tonggak else 0)
    return {"target": target, "tonggak": tonggak, "progres": progres, "status": status, "laporan_terakhir": laporan,
            "kendala_terbuka": kendala, "penyerahan": hasil}


def target_tim_tim_ids(target: TargetJabatan) -> QuerySet:
    """Teams serving a target (linked directly, through the request that formed them or an
    assignment in them)."""
    return TimKerja.objects.filter(Q(tautan_target__target=target) | Q(permohonan__tautan_target__target=target)
                                   | Q(penugasan__tautan_target__target=target)).values_list("pk", flat=True).distinct()


def target_papan_list(*, user, tahun: int | None = None) -> QuerySet[TargetJabatan]:
    """Targets on the boards the user may open: those of positions they hold or act for, of
    PKs they own, or served by their teams."""
    qs = TargetJabatan.objects.select_related("indikator__sasaran__pk_kinerja", "jabatan")
    if tahun:
        qs = qs.filter(indikator__sasaran__pk_kinerja__tahun=tahun)
    if _semua(user):
        return qs
    peg = _pegawai(user)
    if peg is None:
        return qs.none()
    saya = jabatan_ids(user)
    tim = AnggotaTim.objects.filter(pegawai=peg).values("tim_id")
    return qs.filter(Q(jabatan__in=saya) | Q(indikator__sasaran__pk_kinerja__jabatan__in=saya)
                     | Q(tautan__tim_id__in=tim) | Q(tautan__permohonan__tim_id__in=tim)).distinct()


# --------------------------------------------------------------------------- the PPK's notes on subordinates


def catatan_bawahan(*, user, tanggal: datetime.date | None = None) -> list[dict]:
    """Per subordinate (the members about whom a ketua's note reached a position the user holds
    or acts for, as PPK or as Pimpinan Unit): every note from every team, with the number of the
    letter that assigned them. Rows read as values (no model per note); the people are loaded
    once each. Five queries whatever the number of notes."""
    saya = jabatan_ids(user, tanggal)
    tembusan = Laporan.tembusan_jabatan.through.objects.filter(jabatan_id__in=saya).values("laporan_id")
    baris = list(Laporan.objects.filter(Q(penerima_jabatan__in=saya) | Q(pk__in=tembusan),
                                        jenis=JenisLaporan.CATATAN_ANGGOTA)
                 .order_by("tentang_pegawai__nama", "-dikirim_pada")
                 .values("pk", "ringkasan", "dikirim_pada", "status", "tentang_pegawai_id", "pelapor_id",
                         "penugasan_id", "tim__nama"))
    ct = ContentType.objects.get_for_model(Penugasan)
    nomor = dict(Surat.objects.filter(sumber_content_type=ct, sumber_object_id__in={b["penugasan_id"] for b in baris
                                                                                    if b["penugasan_id"]})
                 .exclude(nomor="").values_list("sumber_object_id", "nomor"))
    orang = Pegawai.objects.in_bulk({b["tentang_pegawai_id"] for b in baris} | {b["pelapor_id"] for b in baris})
    per: dict[int, dict] = {}
    for b in baris:
        entri = per.setdefault(b["tentang_pegawai_id"], {"pegawai": orang[b["tentang_pegawai_id"]], "catatan": []})
        entri["catatan"].append({"laporan": {"pk": b["pk"], "ringkasan": b["ringkasan"],
                                             "dikirim_pada": b["dikirim_pada"], "status": b["status"]},
                                 "tim": b["tim__nama"] or "", "ketua": orang[b["pelapor_id"]],
                                 "nomor_surat": nomor.get(b["penugasan_id"], "")})
    return list(per.values())


# --------------------------------------------------------------------------- dashboard counts


def ringkasan_unit(*, jabatan_list: list[int], tanggal: datetime.date | None = None) -> dict:
    """Figures for the dashboard of a Pimpinan Unit / head of PD over the targets their
    positions own (directly or through the PK they own): targets by status of their results,
    realisation vs target per indikator, overdue requests, open kendala and mean hours to
    decision, returns for rework, reports waiting. A fixed number of queries."""
    tanggal = tanggal or hari_ini()
    target = TargetJabatan.objects.filter(Q(jabatan_id__in=jabatan_list)
                                          | Q(indikator__sasaran__pk_kinerja__jabatan_id__in=jabatan_list))
    target_ids = list(target.values_list("pk", flat=True).distinct())
    terakhir = {}
    for t_id, st in (PenyerahanHasil.objects.filter(target_id__in=target_ids).order_by("target_id", "created_at")
                     .values_list("target_id", "status")):
        terakhir[t_id] = st
    per_status = {"belum": len(set(target_ids) - set(terakhir))}
    for s in StatusPenyerahan.values:
        per_status[s] = sum(1 for v in terakhir.values() if v == s)
    dikembalikan = PenyerahanHasil.riwayat.rel.related_model.objects.filter(
        penyerahan__target_id__in=target_ids, aksi="kembalikan").count()
    kendala = Kendala.objects.filter(Q(target_id__in=target_ids) | Q(jabatan_penentu_id__in=jabatan_list)).distinct()
    lama = [k.lama.total_seconds() / 3600 for k in kendala_lama_keputusan(kendala)]
    indikator = list(TargetJabatan.objects.filter(pk__in=target_ids).values(
        "indikator_id", "indikator__uraian", "indikator__satuan", "indikator__target_tahunan",
        "indikator__realisasi").distinct().order_by("indikator_id"))
    terlambat = permintaan_terlambat(tanggal=tanggal).filter(
        Q(jabatan_peminta_id__in=jabatan_list) | Q(target_id__in=target_ids)).count()
    return {
        "target_per_status": per_status,
        "indikator": [{"uraian": i["indikator__uraian"][:60], "satuan": i["indikator__satuan"],
                       "target": float(i["indikator__target_tahunan"] or 0),
                       "realisasi": float(i["indikator__realisasi"]) if i["indikator__realisasi"] is not None else 0}
                      for i in indikator],
        "permintaan_terlambat": terlambat,
        "kendala_terbuka": kendala.filter(status__in=KENDALA_TERBUKA).count(),
        "kendala_rata_jam": round(sum(lama) / len(lama), 1) if lama else None,
        "dikembalikan": dikembalikan,
        "laporan_menunggu": Laporan.objects.filter(penerima_jabatan_id__in=jabatan_list,
                                                   status=StatusLaporan.DIKIRIM).count(),
    }


def ketua_dari(tim) -> object:
    a = AnggotaTim.objects.filter(tim=tim, peran=PeranTim.KETUA).select_related("pegawai").first()
    return a.pegawai if a else None
