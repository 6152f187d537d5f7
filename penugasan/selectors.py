"""Reads of assignments: what awaits a decision, what a user asked for or was given, teams and
workload. Lists are QuerySets built in the database (subqueries), with a constant number of
queries however many rows there are."""
from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from inti import waktu
from organisasi import selectors as org
from organisasi.models import STRUKTURAL, Instansi, Jabatan, JenisJabatan, JenisPemangku, Pegawai, PemangkuJabatan

from . import permissions
from .models import (
    AnggotaTim,
    LangkahPermohonan,
    Penugasan,
    PermohonanPenugasan,
    StatusPenugasan,
    StatusPermohonan,
    StatusTim,
    TimKerja,
)

_RELASI_PERMOHONAN = (
    "pemohon", "jabatan_pemohon", "unit_asal", "unit_tujuan", "instansi_asal", "instansi_tujuan", "jabatan_penentu",
)


# ---------------------------------------------------------------- who may submit what
# One rule for the service (which refuses) and the pages (which offer only what is allowed).
JENIS_PELAKSANA_TUGAS = (JenisJabatan.FUNGSIONAL, JenisJabatan.PELAKSANA)
JENIS_PIMPINAN = (JenisJabatan.JPT_PRATAMA, JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS)


def pejabat_pengaju_penunjukan(*, pegawai: Pegawai, tanggal: datetime.date,
                               jabatan: Jabatan | None = None) -> org.Pejabat | None:
    """The leadership position a penunjukan is submitted for today (the given one, else the
    first the person exercises as holder or Plt./Plh.), or None when they exercise none."""
    kandidat = [jabatan] if jabatan is not None else [
        pj.jabatan for pj in org.jabatan_dipangku(pegawai=pegawai, tanggal=tanggal)
        if pj.jabatan.kepala_unit or pj.jabatan.jenis in JENIS_PIMPINAN
    ]
    for j in kandidat:
        pejabat = org.pejabat_pada(jabatan=j, tanggal=tanggal)
        if pejabat is not None and pejabat.pegawai.pk == pegawai.pk:
            return pejabat
    return None


def jabatan_pengaju_sukarela(*, pegawai: Pegawai, tanggal: datetime.date) -> Jabatan | None:
    """The JF/Pelaksana position (with a unit) a volunteer request comes from, or None."""
    jab = org.jabatan_definitif_pegawai(pegawai=pegawai, tanggal=tanggal)
    if jab is None or jab.jenis not in JENIS_PELAKSANA_TUGAS or jab.unit_id is None:
        return None
    return jab


@dataclass(frozen=True)
class PengajuanBoleh:
    penunjukan: bool
    sukarela: bool


def pengajuan_boleh(user, tanggal: datetime.date | None = None) -> PengajuanBoleh:
    """Which requests this account may submit today: pages offer only these."""
    pegawai = getattr(user, "pegawai", None) if user.is_authenticated else None
    if pegawai is None:
        return PengajuanBoleh(penunjukan=False, sukarela=False)
    tanggal = tanggal or waktu.hari_ini()
    return PengajuanBoleh(
        penunjukan=pejabat_pengaju_penunjukan(pegawai=pegawai, tanggal=tanggal) is not None,
        sukarela=jabatan_pengaju_sukarela(pegawai=pegawai, tanggal=tanggal) is not None)


def _aktif_pada(tanggal: datetime.date) -> Q:
    return Q(mulai__lte=tanggal) & (Q(selesai__isnull=True) | Q(selesai__gte=tanggal))


def jabatan_efektif(user, tanggal: datetime.date | None = None) -> QuerySet:
    """Ids of the positions whose authority ``user`` exercises on the date (subquery).

    Same precedence as ``organisasi.selectors.pejabat_pada``: a Plh in force overrides a Plt,
    which overrides the definitive holder; so an absent definitive holder replaced by a Plt
    does not see that position's decisions.
    """
    tanggal = tanggal or waktu.hari_ini()
    aktif = PemangkuJabatan.objects.filter(_aktif_pada(tanggal))
    ada_plh = Exists(aktif.filter(jabatan_id=OuterRef("jabatan_id"), jenis=JenisPemangku.PLH))
    ada_pengganti = Exists(aktif.filter(jabatan_id=OuterRef("jabatan_id"),
                                        jenis__in=(JenisPemangku.PLH, JenisPemangku.PLT)))
    return (
        aktif.filter(pegawai__user=user)
        .filter(Q(jenis=JenisPemangku.PLH) | (Q(jenis=JenisPemangku.PLT) & ~ada_plh)
                | (Q(jenis=JenisPemangku.DEFINITIF) & ~ada_pengganti))
        .values("jabatan_id")
    )


def jabatan_dieskalasi(user, jabatan_ids: list[int], tanggal: datetime.date | None = None) -> list[int]:
    """Vacant deciding posts of waiting requests (no holder, no Plt./Plh. on the date) whose
    authority passes up to ``user`` (``organisasi.selectors.pejabat_berwenang``): a post that
    fell vacant after its step was reached. One query; only those few posts are resolved."""
    if not jabatan_ids:
        return []
    tanggal = tanggal or waktu.hari_ini()
    terisi = PemangkuJabatan.objects.filter(_aktif_pada(tanggal)).values("jabatan_id")
    menunggu = PermohonanPenugasan.objects.filter(
        status=StatusPermohonan.MENUNGGU_KEPUTUSAN, jabatan_penentu__isnull=False).values("jabatan_penentu_id")
    hasil = []
    instansi = Jabatan.objects.filter(pk__in=jabatan_ids).values("instansi_id")  # escalation stays in the Instansi
    for jabatan in (Jabatan.objects.filter(pk__in=menunggu, instansi_id__in=instansi).exclude(pk__in=terisi)
                    .select_related("unit")):
        pejabat = org.pejabat_berwenang(jabatan=jabatan, tanggal=tanggal)
        if pejabat is not None and pejabat.jabatan.pk in jabatan_ids and pejabat.pegawai.user_id == user.pk:
            hasil.append(jabatan.pk)
    return hasil


def _jabatan_penentu_user(user, tanggal: datetime.date | None = None) -> list[int]:
    """Positions whose waiting decisions are the user's today: held or acted for, plus vacant
    ones escalated to them."""
    jabatan_ids = list(jabatan_efektif(user, tanggal).values_list("jabatan_id", flat=True))
    return jabatan_ids + jabatan_dieskalasi(user, jabatan_ids, tanggal)


def menunggu_keputusan(user, tanggal: datetime.date | None = None) -> QuerySet[PermohonanPenugasan]:
    """Requests whose current step is decided by a position ``user`` holds or acts for today,
    or by a vacant position whose authority passes up to them (escalation).

    The user's positions (usually one to three) are read first, so that the planner filters
    the requests by a constant list through the (status, jabatan_penentu) index instead of
    joining every waiting request before the semi-join."""
    jabatan_ids = _jabatan_penentu_user(user, tanggal)
    return (
        PermohonanPenugasan.objects.filter(status=StatusPermohonan.MENUNGGU_KEPUTUSAN,
                                           jabatan_penentu_id__in=jabatan_ids)
        .select_related(*_RELASI_PERMOHONAN)
        .order_by("diajukan_pada", "id")
    )


def kotak_masuk(user, *, rute: str = "", unit: str = "", umur: int | None = None,
                tanggal: datetime.date | None = None) -> QuerySet[PermohonanPenugasan]:
    """The inbox: ``menunggu_keputusan`` filtered by route, by unit name (a search among the
    requesting and target units of the user's own waiting requests, so never outside their
    scope) and by age; oldest first.

    ``menunggu_sejak`` (when the current step began) is a correlated subquery, so the page's
    COUNT does not group. The route JSON is not decoded per row by the ORM: it comes as text
    (``rute_json``) for ``langkah_per_halaman`` to decode once per distinct route on the page."""
    qs = menunggu_keputusan(user, tanggal)
    if rute:
        qs = qs.filter(rute=rute)
    unit = (unit or "").strip()
    if unit:
        qs = qs.filter(Q(unit_asal__nama__icontains=unit) | Q(unit_tujuan__nama__icontains=unit))
    if umur:
        qs = qs.filter(diajukan_pada__lte=timezone.now() - datetime.timedelta(days=umur))
    terakhir = LangkahPermohonan.objects.filter(permohonan=OuterRef("pk")).order_by("-waktu", "-urutan")
    return (
        qs.defer("langkah_rute")
        .annotate(menunggu_sejak=Subquery(terakhir.values("waktu")[:1]),
                  rute_json=Cast("langkah_rute", TextField()))
        .order_by("diajukan_pada", "id")
    )


def langkah_per_halaman(items) -> None:
    """Give each request of a page (from ``kotak_masuk``) its decoded route, decoding each
    distinct route text once for the page: requests of one Instansi and route share one copy
    (read-only, like any route copy)."""
    terurai: dict[str, list] = {}
    for p in items:
        teks = p.rute_json
        if teks not in terurai:
            terurai[teks] = json.loads(teks) if teks else []
        p.langkah_rute = terurai[teks]


def permohonan_saya(user) -> QuerySet[PermohonanPenugasan]:
    """Requests the user submitted (as pemohon or as the account that created them).

    ``pemohon = me OR dibuat_oleh = me`` across two columns (one through a join) cannot use
    either index, so the planner scanned every request and the home page grew with history.
    Instead: the ids from two indexed lookups (pemohon_id, dibuat_oleh_id) joined by UNION,
    so the cost follows the user's own requests, not the table."""
    sebagai_pemohon = PermohonanPenugasan.objects.filter(
        pemohon_id__in=Pegawai.objects.filter(user=user).values("pk")).order_by().values("pk")
    sebagai_pembuat = PermohonanPenugasan.objects.filter(dibuat_oleh=user).order_by().values("pk")
    return (
        PermohonanPenugasan.objects.filter(pk__in=sebagai_pemohon.union(sebagai_pembuat))
        .select_related(*_RELASI_PERMOHONAN)
        .order_by("-created_at", "-id")
    )


def permohonan_terlihat(user) -> QuerySet[PermohonanPenugasan]:
    """Every request the user may read: superusers all; auditors their Instansi; others their own,
    those shared with them (guardian), and those awaiting a position they exercise today."""
    qs = PermohonanPenugasan.objects.all()
    if not permissions.lihat_semua(user):
        menunggu = Q(status=StatusPermohonan.MENUNGGU_KEPUTUSAN, jabatan_penentu_id__in=_jabatan_penentu_user(user))
        qs = qs.filter(permissions.q_terlihat(user) | menunggu)
    return qs.select_related(*_RELASI_PERMOHONAN)


def penjelasan_tidak_terlihat(*, user, permohonan_id: int, tanggal: datetime.date | None = None) -> str:
    """Why a request the user may not open is not theirs, when knowing it helps them: they hold
    the post it awaits definitively while a Plt./Plh. acts for that post (authority follows the
    acting official). "" in every other case (a plain 404)."""
    pegawai = getattr(user, "pegawai", None) if getattr(user, "is_authenticated", False) else None
    if pegawai is None:
        return ""
    p = (PermohonanPenugasan.objects.filter(pk=permohonan_id, status=StatusPermohonan.MENUNGGU_KEPUTUSAN,
                                            jabatan_penentu__isnull=False)
         .select_related("jabatan_penentu").first())
    if p is None:
        return ""
    tanggal = tanggal or waktu.hari_ini()
    if not PemangkuJabatan.objects.filter(_aktif_pada(tanggal), jabatan=p.jabatan_penentu, pegawai=pegawai,
                                          jenis=JenisPemangku.DEFINITIF).exists():
        return ""
    pejabat = org.pejabat_pada(jabatan=p.jabatan_penentu, tanggal=tanggal)
    if pejabat is None or pejabat.pegawai.pk == pegawai.pk:
        return ""
    return _(
        "Permohonan ini menunggu keputusan %(jabatan)s. Selama %(sebutan)s dijabat oleh %(nama)s (NIP %(nip)s), "
        "kewenangan jabatan itu, termasuk membuka dan memutuskan permohonan ini, ada pada %(nama)s, bukan pada "
        "pejabat definitif.") % {"jabatan": p.jabatan_penentu.nama, "sebutan": pejabat.sebutan,
                                  "nama": pejabat.pegawai.nama_lengkap, "nip": pejabat.pegawai.nip}


def permohonan_detail(*, user, permohonan_id: int) -> PermohonanPenugasan:
    """One visible request with its history; DoesNotExist (404) when not visible."""
    return (
        permohonan_terlihat(user)
        .prefetch_related(
            Prefetch("riwayat", queryset=LangkahPermohonan.objects.select_related("jabatan").order_by("urutan")),
            "pegawai_diminta", "pegawai_ditugaskan", "kompetensi", "tembusan_jabatan", "tembusan_pegawai",
        )
        .get(pk=permohonan_id)
    )


def riwayat_permohonan(*, permohonan: PermohonanPenugasan) -> QuerySet[LangkahPermohonan]:
    return permohonan.riwayat.select_related("jabatan", "pegawai").order_by("urutan")


def penugasan_saya(user, *, status: str | None = None) -> QuerySet[Penugasan]:
    qs = Penugasan.objects.filter(pegawai__user=user)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("pegawai", "tim", "unit", "instansi", "permohonan").order_by("-mulai", "-id")


def penugasan_terlihat(user) -> QuerySet[Penugasan]:
    qs = Penugasan.objects.all()
    if not permissions.lihat_semua(user):
        qs = qs.filter(Q(pegawai__user=user) | Q(permohonan__in=permohonan_terlihat(user).values("pk"))
                       | Q(instansi__in=permissions.instansi_diaudit(user)))
    return qs.select_related("pegawai", "tim", "unit", "instansi", "permohonan")


def tim_saya(user) -> QuerySet[TimKerja]:
    anggota = AnggotaTim.objects.filter(tim_id=OuterRef("pk"), pegawai__user=user)
    return (
        TimKerja.objects.filter(Exists(anggota) | Q(penanggung_jawab__user=user))
        .select_related("unit", "instansi", "penanggung_jawab")
        .annotate(jumlah_anggota=Count("anggota"))
        .order_by("-mulai", "nama")
    )


def anggota_tim(*, tim: TimKerja) -> QuerySet[AnggotaTim]:
    return tim.anggota.select_related("pegawai").order_by("peran", "pegawai__nama")


def anggota_per_tim(tim_ids: Iterable[int]) -> dict[int, list[AnggotaTim]]:
    """The members of each of these teams (one query), by role then name."""
    hasil: dict[int, list[AnggotaTim]] = {}
    ids = list(tim_ids)
    if ids:
        for a in (AnggotaTim.objects.filter(tim_id__in=ids).select_related("pegawai")
                  .order_by("peran", "pegawai__nama")):
            hasil.setdefault(a.tim_id, []).append(a)
    return hasil


def beban_melebihi(*, jumlah: int, batas: int, tambahan: int = 0) -> bool:
    """THE workload rule, for every entry point (API, staff chooser, submission warning, team page):
    with ``tambahan`` more active assignments/teams, is a pegawai above their Instansi's
    ``batas_beban_kerja``? A chooser asks with ``tambahan=1`` (choosing them adds one)."""
    return jumlah + tambahan > batas


@dataclass(frozen=True)
class StatusBebanKerja:
    jumlah: int  # active individual assignments + active teams
    batas: int
    melebihi: bool


def beban_kerja_status(pegawai: Iterable[Pegawai], *, tanggal: datetime.date | None = None,
                       tambahan: int = 0) -> dict[int, StatusBebanKerja]:
    """{pegawai_id: workload, limit and whether ``beban_melebihi``} for many pegawai (three queries)."""
    pegawai = list(pegawai)
    if not pegawai:
        return {}
    jumlah = beban_kerja_banyak([p.pk for p in pegawai], tanggal)
    batas = dict(Instansi.objects.filter(pk__in={p.instansi_id for p in pegawai})
                 .values_list("pk", "batas_beban_kerja"))
    return {p.pk: StatusBebanKerja(jumlah=jumlah[p.pk], batas=batas[p.instansi_id],
                                   melebihi=beban_melebihi(jumlah=jumlah[p.pk], batas=batas[p.instansi_id],
                                                           tambahan=tambahan))
            for p in pegawai}


def beban_kerja(pegawai: Pegawai, tanggal: datetime.date | None = None) -> dict:
    """Active individual assignments and active teams of a pegawai against the Instansi limit
    (two queries)."""
    tanggal = tanggal or waktu.hari_ini()
    individu = Penugasan.objects.filter(pegawai=pegawai, status=StatusPenugasan.AKTIF, tim__isnull=True,
                                        selesai__gte=tanggal).count()
    tim = AnggotaTim.objects.filter(pegawai=pegawai, tim__status=StatusTim.AKTIF,
                                    tim__selesai__gte=tanggal).values("tim_id").distinct().count()
    batas = pegawai.instansi.batas_beban_kerja
    total = individu + tim
    return {"pegawai_id": pegawai.pk, "penugasan_individu": individu, "tim": tim, "total": total,
            "batas": batas, "melebihi": beban_melebihi(jumlah=total, batas=batas)}


def beban_kerja_banyak(pegawai_ids, tanggal: datetime.date | None = None) -> dict[int, int]:
    """{pegawai_id: active individual assignments + active teams} for many pegawai (two queries)."""
    tanggal = tanggal or waktu.hari_ini()
    hasil = dict.fromkeys(pegawai_ids, 0)
    for r in (Penugasan.objects.filter(pegawai_id__in=hasil, status=StatusPenugasan.AKTIF, tim__isnull=True,
                                       selesai__gte=tanggal).values("pegawai_id").annotate(n=Count("id"))):
        hasil[r["pegawai_id"]] += r["n"]
    for r in (AnggotaTim.objects.filter(pegawai_id__in=hasil, tim__status=StatusTim.AKTIF,
                                        tim__selesai__gte=tanggal)
              .values("pegawai_id").annotate(n=Count("tim_id", distinct=True))):
        hasil[r["pegawai_id"]] += r["n"]
    return hasil


def permohonan_tertunda(lebih_dari_hari: int, *, sekarang: datetime.datetime | None = None
                        ) -> QuerySet[PermohonanPenugasan]:
    """Requests whose current step has awaited a decision for more than ``lebih_dari_hari`` days.

    The wait starts when the step became current: the time of the last recorded step (submission
    or the previous decision), else ``diajukan_pada``; annotated as ``menunggu_sejak``. Used by
    the daily reminder (``notifikasi.tasks.kirim_pengingat``), which resolves the decider from
    ``jabatan_penentu``. One query.
    """
    from django.db.models import Subquery
    from django.db.models.functions import Coalesce

    sekarang = sekarang or timezone.now()
    terakhir = LangkahPermohonan.objects.filter(permohonan=OuterRef("pk")).order_by("-waktu", "-urutan")
    return (
        PermohonanPenugasan.objects.filter(status=StatusPermohonan.MENUNGGU_KEPUTUSAN,
                                           jabatan_penentu__isnull=False)
        .annotate(menunggu_sejak=Coalesce(Subquery(terakhir.values("waktu")[:1]), "diajukan_pada"))
        .filter(menunggu_sejak__lt=sekarang - datetime.timedelta(days=lebih_dari_hari))
        .select_related("jabatan_penentu", "jabatan_penentu__instansi", "pemohon")
        .order_by("menunggu_sejak", "id")
    )


def tim_boleh_dilihat(*, user, tim: TimKerja) -> bool:
    """Superusers and the auditors of its Instansi; the team's members and penanggung jawab; whoever
    may read a request that formed or filled it; officials exercising a position in the owning
    unit's Perangkat Daerah today."""
    if permissions.lihat_semua(user) or permissions.instansi_diaudit(user).filter(pk=tim.instansi_id).exists():
        return True
    if AnggotaTim.objects.filter(tim=tim, pegawai__user=user).exists():
        return True
    if tim.penanggung_jawab_id and Pegawai.objects.filter(pk=tim.penanggung_jawab_id, user=user).exists():
        return True
    if permohonan_terlihat(user).filter(Q(tim=tim) | Q(penugasan__tim=tim)).exists():
        return True
    return PemangkuJabatan.objects.filter(
        Q(jabatan__jenis__in=STRUKTURAL) | Q(jabatan__kepala_unit=True),
        jabatan_id__in=jabatan_efektif(user), jabatan__unit__perangkat_daerah_id=tim.unit.perangkat_daerah_id,
    ).exists()
