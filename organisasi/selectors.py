"""Reads of the organisation, above all the resolvers: who holds or acts for a position on a
date, and so who is PPK / Pimpinan Unit / PyB for a pegawai, a unit or an Instansi."""
from __future__ import annotations

import contextlib
import contextvars
import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When

from inti import waktu

from .models import (
    Instansi,
    Jabatan,
    JenisJabatan,
    JenisPemangku,
    Kedudukan,
    Pegawai,
    PemangkuJabatan,
    UnitOrganisasi,
)


@dataclass(frozen=True)
class Pejabat:
    """The person who exercises a position's authority on a date."""

    pegawai: Pegawai
    jabatan: Jabatan
    sebagai: str  # JenisPemangku: definitif / plt / plh
    eskalasi_dari: Jabatan | None = None  # set when the asked position was vacant and authority went up

    @property
    def prefiks(self) -> str:
        return {JenisPemangku.PLT: "Plt.", JenisPemangku.PLH: "Plh."}.get(self.sebagai, "")

    @property
    def sebutan(self) -> str:
        """'Plt. Kepala Dinas Kesehatan' / 'Kepala Dinas Kesehatan'."""
        return f"{self.prefiks} {self.jabatan.nama}".strip()


# --------------------------------------------------------------------------- per-call memory

_INGATAN: contextvars.ContextVar[dict | None] = contextvars.ContextVar("organisasi_ingatan", default=None)
_TIDAK_ADA = object()


@contextlib.contextmanager
def ingat_resolusi():
    """Within the block the resolvers answer a question already asked from memory: one
    decision asks "who holds this post / where does this pegawai sit" many times (signers,
    tembusan, each letter's addressees). The organisation must not change inside the block
    (a service's transaction that only reads it). Nested blocks share the outer memory."""
    if _INGATAN.get() is not None:
        yield
        return
    token = _INGATAN.set({})
    try:
        yield
    finally:
        _INGATAN.reset(token)


def diingat(kunci: tuple, hitung):
    """``hitung()``, remembered under ``kunci`` inside ``ingat_resolusi`` (else computed each time)."""
    ingatan = _INGATAN.get()
    if ingatan is None:
        return hitung()
    nilai = ingatan.get(kunci, _TIDAK_ADA)
    if nilai is _TIDAK_ADA:
        nilai = ingatan[kunci] = hitung()
    return nilai


def muat_pegawai(*, pegawai_ids, tanggal: datetime.date | None = None) -> None:
    """Inside ``ingat_resolusi``: read the definitive position and the placement of many
    pegawai at once (two queries), so the per-person resolvers that follow ask nothing more."""
    ingatan = _INGATAN.get()
    tanggal = _hari_ini(tanggal)
    ids = {i for i in pegawai_ids if i is not None} - {
        k[1] for k in (ingatan or {}) if k[0] == "jabatan_definitif" and k[2] == tanggal}
    if ingatan is None or not ids:
        return
    jabatan: dict[int, PemangkuJabatan] = {}
    for p in (PemangkuJabatan.objects.filter(_aktif_pada(tanggal), pegawai_id__in=ids, jenis=JenisPemangku.DEFINITIF)
              .select_related("jabatan__unit__perangkat_daerah").order_by("mulai", "pk")):
        jabatan[p.pegawai_id] = p  # the latest start wins, as ``jabatan_definitif_pegawai``
    kedudukan: dict[int, Kedudukan] = {}
    for k in (Kedudukan.objects.filter(_aktif_pada(tanggal), pegawai_id__in=ids)
              .select_related("jabatan_ppk", "jabatan_pimpinan").order_by("mulai", "pk")):
        kedudukan[k.pegawai_id] = k
    for i in ids:
        ingatan[("jabatan_definitif", i, tanggal)] = jabatan[i].jabatan if i in jabatan else None
        ingatan[("kedudukan", i, tanggal)] = kedudukan.get(i)


def _aktif_pada(tanggal: datetime.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}mulai__lte": tanggal}) & (
        Q(**{f"{prefix}selesai__isnull": True}) | Q(**{f"{prefix}selesai__gte": tanggal})
    )


def _hari_ini(tanggal: datetime.date | None) -> datetime.date:
    return tanggal or waktu.hari_ini()


def pejabat_pada(*, jabatan: Jabatan, tanggal: datetime.date | None = None) -> Pejabat | None:
    """Who holds or acts for ``jabatan`` on ``tanggal`` (one query).

    An acting appointment in force (Plh first, then Plt) takes precedence over the definitive
    holder: it exists precisely because the definitive holder cannot act.
    """
    tanggal = _hari_ini(tanggal)
    return diingat(("pejabat_pada", jabatan.pk, tanggal), lambda: _pejabat_pada(jabatan, tanggal))


def _pejabat_pada(jabatan: Jabatan, tanggal: datetime.date) -> Pejabat | None:
    urutan = Case(
        When(jenis=JenisPemangku.PLH, then=Value(0)),
        When(jenis=JenisPemangku.PLT, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    pemangku = (
        PemangkuJabatan.objects.filter(_aktif_pada(tanggal), jabatan=jabatan)
        .select_related("pegawai", "jabatan__unit__perangkat_daerah__instansi", "jabatan__instansi")
        .order_by(urutan, "-mulai")
        .first()
    )
    if pemangku is None:
        return None
    return Pejabat(pegawai=pemangku.pegawai, jabatan=pemangku.jabatan, sebagai=pemangku.jenis)


def jabatan_kepala(*, unit: UnitOrganisasi) -> Jabatan | None:
    return diingat(("jabatan_kepala", unit.pk),
                    lambda: Jabatan.objects.filter(unit=unit, kepala_unit=True).first())


def jabatan_atasan(*, jabatan: Jabatan) -> Jabatan | None:
    """The position directly above: the head of the unit, or of the parent unit for a head.
    Above the top of a self-standing PD (UPTD Puskesmas, Kelurahan…) is the head of its
    parent PD (``PerangkatDaerah.induk``)."""
    if jabatan.unit_id is None:
        return None
    return diingat(("jabatan_atasan", jabatan.pk), lambda: _jabatan_atasan_baca(jabatan))


def _jabatan_atasan_baca(jabatan: Jabatan) -> Jabatan | None:
    unit = jabatan.unit
    if not jabatan.kepala_unit:
        kepala = jabatan_kepala(unit=unit)
        if kepala is not None:
            return kepala
    kepala = _kepala_terdekat_di_atas(unit)
    if kepala is not None:
        return kepala
    induk_id = unit.perangkat_daerah.induk_id
    if induk_id is None:
        return None
    return Jabatan.objects.filter(kepala_unit=True, unit__perangkat_daerah_id=induk_id,
                                  unit__parent__isnull=True).first()


def pejabat_berwenang(*, jabatan: Jabatan | None, tanggal: datetime.date | None = None) -> Pejabat | None:
    """Like ``pejabat_pada`` but a vacant position without Plt/Plh passes authority to the
    position above it (recorded in ``eskalasi_dari``). None only when the top is vacant too."""
    asal = jabatan
    while jabatan is not None:
        pejabat = pejabat_pada(jabatan=jabatan, tanggal=tanggal)
        if pejabat is not None:
            if jabatan != asal:
                return Pejabat(pejabat.pegawai, pejabat.jabatan, pejabat.sebagai, eskalasi_dari=asal)
            return pejabat
        jabatan = jabatan_atasan(jabatan=jabatan)
    return None


def jabatan_definitif_pegawai(*, pegawai: Pegawai, tanggal: datetime.date | None = None) -> Jabatan | None:
    tanggal = _hari_ini(tanggal)

    def hitung():
        pemangku = (
            PemangkuJabatan.objects.filter(_aktif_pada(tanggal), pegawai=pegawai, jenis=JenisPemangku.DEFINITIF)
            .select_related("jabatan__unit__perangkat_daerah")
            .order_by("-mulai", "-pk")
            .first()
        )
        return pemangku.jabatan if pemangku else None

    return diingat(("jabatan_definitif", pegawai.pk, tanggal), hitung)


def jabatan_dipangku(*, pegawai: Pegawai, tanggal: datetime.date | None = None) -> list[PemangkuJabatan]:
    """Every position the pegawai holds or acts for on the date (definitif, Plt, Plh)."""
    return list(
        PemangkuJabatan.objects.filter(_aktif_pada(_hari_ini(tanggal)), pegawai=pegawai)
        .select_related("jabatan__unit__perangkat_daerah")
    )


def kedudukan_aktif(*, pegawai: Pegawai, tanggal: datetime.date | None = None) -> Kedudukan | None:
    tanggal = _hari_ini(tanggal)
    return diingat(("kedudukan", pegawai.pk, tanggal), lambda: (
        Kedudukan.objects.filter(_aktif_pada(tanggal), pegawai=pegawai)
        .select_related("jabatan_ppk", "jabatan_pimpinan")
        .order_by("-mulai", "-pk")
        .first()
    ))


def jabatan_pimpinan_unit(*, unit: UnitOrganisasi) -> Jabatan | None:
    """Position of the Pimpinan Unit Organisasi of a unit: set explicitly, else its head,
    else the nearest head above."""
    return diingat(("jabatan_pimpinan_unit", unit.pk), lambda: (
        unit.jabatan_pimpinan if unit.jabatan_pimpinan_id
        else jabatan_kepala(unit=unit) or _kepala_terdekat_di_atas(unit)))


def jabatan_ppk_unit(*, unit: UnitOrganisasi) -> Jabatan | None:
    return diingat(("jabatan_ppk_unit", unit.pk), lambda: (
        unit.jabatan_ppk if unit.jabatan_ppk_id else jabatan_kepala(unit=unit) or _kepala_terdekat_di_atas(unit)))


def _kepala_terdekat_di_atas(unit: UnitOrganisasi) -> Jabatan | None:
    """Head position of the nearest ancestor unit that has one (one query)."""
    return diingat(("kepala_di_atas", unit.pk), lambda: _kepala_terdekat_di_atas_baca(unit))


def _kepala_terdekat_di_atas_baca(unit: UnitOrganisasi) -> Jabatan | None:
    leluhur = UnitOrganisasi.objects.ancestors(unit).with_tree_fields()
    kedalaman = {u.pk: u.tree_depth for u in leluhur}
    kepala = Jabatan.objects.filter(kepala_unit=True, unit_id__in=kedalaman)
    return max(kepala, key=lambda j: kedalaman[j.unit_id], default=None)


def jabatan_ppk_pegawai(*, pegawai: Pegawai, tanggal: datetime.date | None = None) -> Jabatan | None:
    """Position of the pegawai's PPK: their placement, else their unit's PPK; for a head of a
    unit, the position above."""
    kedudukan = kedudukan_aktif(pegawai=pegawai, tanggal=tanggal)
    if kedudukan is not None:
        return kedudukan.jabatan_ppk
    jabatan = jabatan_definitif_pegawai(pegawai=pegawai, tanggal=tanggal)
    if jabatan is None or jabatan.unit_id is None:
        return None
    if jabatan.kepala_unit:
        return jabatan_atasan(jabatan=jabatan)
    return jabatan_ppk_unit(unit=jabatan.unit)


def jabatan_pimpinan_pegawai(*, pegawai: Pegawai, tanggal: datetime.date | None = None) -> Jabatan | None:
    kedudukan = kedudukan_aktif(pegawai=pegawai, tanggal=tanggal)
    if kedudukan is not None:
        return kedudukan.jabatan_pimpinan or kedudukan.jabatan_ppk
    jabatan = jabatan_definitif_pegawai(pegawai=pegawai, tanggal=tanggal)
    if jabatan is None or jabatan.unit_id is None:
        return None
    if jabatan.kepala_unit:
        return jabatan_atasan(jabatan=jabatan)
    return jabatan_pimpinan_unit(unit=jabatan.unit)


def ppk_pegawai(*, pegawai: Pegawai, tanggal: datetime.date | None = None) -> Pejabat | None:
    return pejabat_berwenang(jabatan=jabatan_ppk_pegawai(pegawai=pegawai, tanggal=tanggal), tanggal=tanggal)


def pimpinan_unit_pegawai(*, pegawai: Pegawai, tanggal: datetime.date | None = None) -> Pejabat | None:
    return pejabat_berwenang(jabatan=jabatan_pimpinan_pegawai(pegawai=pegawai, tanggal=tanggal), tanggal=tanggal)


def ppk_dan_pimpinan_pegawai(*, pegawai: Pegawai, tanggal: datetime.date | None = None
                             ) -> tuple[Pejabat | None, Pejabat | None]:
    """(PPK, Pimpinan Unit) of a pegawai at once, as ``ppk_pegawai`` and
    ``pimpinan_unit_pegawai`` answer them: the placement and the position are read once, and a
    position that is both (the usual case) is resolved once."""
    kedudukan = kedudukan_aktif(pegawai=pegawai, tanggal=tanggal)
    if kedudukan is not None:
        j_ppk, j_pu = kedudukan.jabatan_ppk, kedudukan.jabatan_pimpinan or kedudukan.jabatan_ppk
    else:
        jabatan = jabatan_definitif_pegawai(pegawai=pegawai, tanggal=tanggal)
        if jabatan is None or jabatan.unit_id is None:
            j_ppk = j_pu = None
        elif jabatan.kepala_unit:
            j_ppk = j_pu = jabatan_atasan(jabatan=jabatan)
        else:
            unit = jabatan.unit
            kepala = None
            if not (unit.jabatan_ppk_id and unit.jabatan_pimpinan_id):
                kepala = jabatan_kepala(unit=unit) or _kepala_terdekat_di_atas(unit)
            j_ppk = unit.jabatan_ppk if unit.jabatan_ppk_id else kepala
            j_pu = (j_ppk if unit.jabatan_pimpinan_id and unit.jabatan_pimpinan_id == unit.jabatan_ppk_id
                    else unit.jabatan_pimpinan if unit.jabatan_pimpinan_id else kepala)
    ppk = pejabat_berwenang(jabatan=j_ppk, tanggal=tanggal)
    if j_pu is not None and j_ppk is not None and j_pu.pk == j_ppk.pk:
        return ppk, ppk
    return ppk, pejabat_berwenang(jabatan=j_pu, tanggal=tanggal)


def pimpinan_unit(*, unit: UnitOrganisasi, tanggal: datetime.date | None = None) -> Pejabat | None:
    return pejabat_berwenang(jabatan=jabatan_pimpinan_unit(unit=unit), tanggal=tanggal)


def ppk_unit(*, unit: UnitOrganisasi, tanggal: datetime.date | None = None) -> Pejabat | None:
    return pejabat_berwenang(jabatan=jabatan_ppk_unit(unit=unit), tanggal=tanggal)


def pyb_instansi(*, instansi: Instansi, tanggal: datetime.date | None = None) -> Pejabat | None:
    return pejabat_berwenang(jabatan=instansi.jabatan_pyb, tanggal=tanggal)


def unit_pegawai(*, pegawai: Pegawai, tanggal: datetime.date | None = None) -> UnitOrganisasi | None:
    jabatan = jabatan_definitif_pegawai(pegawai=pegawai, tanggal=tanggal)
    return jabatan.unit if jabatan else None


def unit_subtree(*, unit: UnitOrganisasi) -> QuerySet[UnitOrganisasi]:
    """The unit and everything below it, one recursive-CTE query, in tree order."""
    return UnitOrganisasi.objects.descendants(unit, include_self=True).with_tree_fields()


def unit_dalam(*, unit: UnitOrganisasi, induk: UnitOrganisasi) -> bool:
    """Whether ``unit`` is ``induk`` or below it (one query; inside ``ingat_resolusi`` the
    subtree of ``induk`` is read once for every unit asked)."""
    if _INGATAN.get() is None:
        return UnitOrganisasi.objects.descendants(induk, include_self=True).filter(pk=unit.pk).exists()
    ids = diingat(("subtree", induk.pk), lambda: set(
        UnitOrganisasi.objects.descendants(induk, include_self=True).values_list("pk", flat=True)))
    return unit.pk in ids


def unit_punya_pengawas(*, unit: UnitOrganisasi) -> bool:
    """Whether the unit or any unit below it has a Pengawas position."""
    return Jabatan.objects.filter(
        jenis=JenisJabatan.PENGAWAS, unit__in=UnitOrganisasi.objects.descendants(unit, include_self=True)
    ).exists()


def pegawai_list_untuk_pd(*, perangkat_daerah_id: int) -> QuerySet[Pegawai]:
    return Pegawai.objects.filter(
        riwayat_jabatan__jabatan__unit__perangkat_daerah_id=perangkat_daerah_id,
        riwayat_jabatan__selesai__isnull=True,
    ).distinct()


def hitung_staf_per_unit(*, perangkat_daerah_id: int, tanggal: datetime.date | None = None) -> dict:
    """{unit_id: {(jenis, jenjang): count}} of definitive holders on the date, one query."""
    rows = (
        PemangkuJabatan.objects.filter(_aktif_pada(_hari_ini(tanggal)), jenis=JenisPemangku.DEFINITIF,
                                       jabatan__unit__perangkat_daerah_id=perangkat_daerah_id)
        .values("jabatan__unit_id", "jabatan__jenis", "jabatan__jenjang")
        .annotate(n=Count("id"))
    )
    hasil: dict[int, dict[tuple[str, str], int]] = {}
    for r in rows:
        hasil.setdefault(r["jabatan__unit_id"], {})[(r["jabatan__jenis"], r["jabatan__jenjang"])] = r["n"]
    return hasil


# --------------------------------------------------------------------------- org chart (bagan)


def pejabat_per_jabatan(*, jabatan_ids, tanggal: datetime.date | None = None) -> dict[int, Pejabat]:
    """{jabatan_id: Pejabat} for many positions at once (one query); the same precedence as
    ``pejabat_pada`` (Plh, then Plt, then the definitive holder; latest start first).
    A position missing from the result is vacant on the date."""
    urutan = {JenisPemangku.PLH: 0, JenisPemangku.PLT: 1, JenisPemangku.DEFINITIF: 2}
    pemangku = (
        PemangkuJabatan.objects.filter(_aktif_pada(_hari_ini(tanggal)), jabatan_id__in=set(jabatan_ids))
        .select_related("pegawai", "jabatan")
    )
    terbaik: dict[int, PemangkuJabatan] = {}
    for p in pemangku:
        kini = terbaik.get(p.jabatan_id)
        kunci = (urutan.get(p.jenis, 2), -p.mulai.toordinal())
        if kini is None or kunci < (urutan.get(kini.jenis, 2), -kini.mulai.toordinal()):
            terbaik[p.jabatan_id] = p
    return {jid: Pejabat(pegawai=p.pegawai, jabatan=p.jabatan, sebagai=p.jenis) for jid, p in terbaik.items()}


@dataclass
class SimpulBagan:
    """One unit of the org chart with its officials resolved for a date."""

    unit: UnitOrganisasi
    level: int
    jabatan_kepala: Jabatan | None
    kepala: Pejabat | None  # None with a jabatan_kepala = vacant
    jabatan_ppk: Jabatan | None
    ppk: Pejabat | None
    jabatan_pimpinan: Jabatan | None
    pimpinan: Pejabat | None
    staf: dict  # {(jenis, jenjang): count}, definitive holders of positions in this unit
    anak: list["SimpulBagan"]

    @property
    def jumlah_staf(self) -> int:
        return sum(self.staf.values())


def bagan_perangkat_daerah(
    *, perangkat_daerah_id: int, unit: UnitOrganisasi | None = None, tanggal: datetime.date | None = None,
) -> list[SimpulBagan]:
    """The unit tree of a PD (or the subtree under ``unit``) with each unit's head, PPK and
    Pimpinan Unit resolved and staff counted, in a fixed number of queries (five) whatever the
    size of the tree. Returns the top nodes; children are nested in ``anak`` in tree order.

    PPK / Pimpinan Unit follow ``jabatan_ppk_unit`` / ``jabatan_pimpinan_unit`` (explicit
    position, else the unit's head, else the nearest head above); a vacant position passes
    authority to the nearest filled head above, like ``pejabat_berwenang``.
    """
    tanggal = _hari_ini(tanggal)
    if unit is not None:
        units = list(unit_subtree(unit=unit).select_related("jabatan_pimpinan", "jabatan_ppk"))
    else:
        units = list(
            UnitOrganisasi.objects.with_tree_fields()
            .tree_filter(perangkat_daerah_id=perangkat_daerah_id)
            .select_related("jabatan_pimpinan", "jabatan_ppk")
        )
    kepala_per_unit = {
        j.unit_id: j for j in Jabatan.objects.filter(kepala_unit=True, unit__perangkat_daerah_id=perangkat_daerah_id)
    }
    ids = {j.pk for j in kepala_per_unit.values()}
    for u in units:
        ids.update(filter(None, (u.jabatan_pimpinan_id, u.jabatan_ppk_id)))
    pejabat = pejabat_per_jabatan(jabatan_ids=ids, tanggal=tanggal)
    staf = hitung_staf_per_unit(perangkat_daerah_id=perangkat_daerah_id, tanggal=tanggal)

    def kepala_di_atas(u: UnitOrganisasi, termasuk_diri: bool) -> list[Jabatan]:
        jalur = list(u.tree_path) if termasuk_diri else list(u.tree_path)[:-1]
        return [kepala_per_unit[pk] for pk in reversed(jalur) if pk in kepala_per_unit]

    def berwenang(jabatan: Jabatan | None, u: UnitOrganisasi) -> Pejabat | None:
        if jabatan is None:
            return None
        if jabatan.pk in pejabat:
            return pejabat[jabatan.pk]
        # vacant: nearest filled head above the vacant position's unit (within the PD)
        naik = kepala_di_atas(u, termasuk_diri=jabatan.unit_id != u.pk or not jabatan.kepala_unit)
        for atas in naik:
            if atas.pk != jabatan.pk and atas.pk in pejabat:
                p = pejabat[atas.pk]
                return Pejabat(p.pegawai, p.jabatan, p.sebagai, eskalasi_dari=jabatan)
        return None

    simpul: dict[int, SimpulBagan] = {}
    akar: list[SimpulBagan] = []
    for u in units:
        kepala = kepala_per_unit.get(u.pk)
        rantai = kepala_di_atas(u, termasuk_diri=True)
        j_ppk = u.jabatan_ppk or (rantai[0] if rantai else None)
        j_pimpinan = u.jabatan_pimpinan or (rantai[0] if rantai else None)
        node = SimpulBagan(
            unit=u, level=u.tree_depth + 1, jabatan_kepala=kepala,
            kepala=pejabat.get(kepala.pk) if kepala else None,
            jabatan_ppk=j_ppk, ppk=berwenang(j_ppk, u),
            jabatan_pimpinan=j_pimpinan, pimpinan=berwenang(j_pimpinan, u),
            staf=staf.get(u.pk, {}), anak=[],
        )
        simpul[u.pk] = node
        induk = simpul.get(u.parent_id)
        (induk.anak if induk is not None else akar).append(node)
    return akar


def pegawai_cari(
    *, instansi_id: int, q: str = "", kompetensi=None, unit: UnitOrganisasi | None = None,
    tanggal: datetime.date | None = None,
) -> QuerySet[Pegawai]:
    """Active JF/Pelaksana of an Instansi who hold a position on the date, optionally in ``unit``
    or below it, matching a name/NIP fragment and a competence. One query (the unit subtree is
    a subquery); each row carries ``jabatan_nama`` and ``unit_nama`` of the position held."""
    tanggal = _hari_ini(tanggal)
    pemangku = PemangkuJabatan.objects.filter(
        _aktif_pada(tanggal), jenis=JenisPemangku.DEFINITIF,
        jabatan__jenis__in=(JenisJabatan.FUNGSIONAL, JenisJabatan.PELAKSANA),
    )
    if unit is not None:
        subtree = UnitOrganisasi.objects.descendants(unit, include_self=True).values("pk")
        pemangku = pemangku.filter(jabatan__unit_id__in=subtree)
    qs = Pegawai.objects.filter(instansi_id=instansi_id, aktif=True, pk__in=pemangku.values("pegawai_id"))
    if q:
        qs = qs.filter(Q(nama__icontains=q) | Q(nip__startswith=q))
    if kompetensi is not None:
        qs = qs.filter(kompetensi=kompetensi)
    jabatan = pemangku.filter(pegawai_id=OuterRef("pk")).order_by("-mulai")
    return qs.annotate(
        jabatan_nama=Subquery(jabatan.values("jabatan__nama")[:1]),
        unit_nama=Subquery(jabatan.values("jabatan__unit__nama")[:1]),
    ).select_related("instansi").order_by("nama")
