"""What a user may see or manage in the organisation: every such read as a QuerySet built in the
database (subqueries, never a Python loop over rows). The grants and the yes/no checks stay in
``permissions`` (which re-exports these names for its callers); the org-chart page, the org-chart
and staff-search APIs and penugasan's workload API all ask the same functions here.
"""
from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from guardian.shortcuts import get_objects_for_user

from inti import waktu

from .models import (
    Instansi,
    Jabatan,
    JenisPemangku,
    Kedudukan,
    Pegawai,
    PemangkuJabatan,
    PerangkatDaerah,
    UnitOrganisasi,
)

GRUP_AUDITOR = "Auditor"

PERM_KELOLA_PD = "organisasi.kelola_perangkatdaerah"
PERM_KELOLA_INSTANSI = "organisasi.kelola_instansi"


def _aktif(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def lihat_semua(user) -> bool:
    """Only superusers read every row; auditors read their scope (``instansi_diaudit``)."""
    return _aktif(user) and user.is_superuser


def adalah_auditor(user) -> bool:
    """Member of the group "Auditor" (read-only; what they read is ``instansi_diaudit``)."""
    return _aktif(user) and user.groups.filter(name=GRUP_AUDITOR).exists()


def instansi_diaudit(user) -> QuerySet[Instansi]:
    """Instansi an auditor may read (their ``LingkupAuditor`` rows); none for anyone else.
    A QuerySet, meant as a subquery (``instansi__in=instansi_diaudit(user).values("pk")``)."""
    if not _aktif(user):
        return Instansi.objects.none()
    return Instansi.objects.filter(lingkup_auditor__user=user, lingkup_auditor__user__groups__name=GRUP_AUDITOR)


def instansi_yang_dikelola(user) -> QuerySet[Instansi]:
    """Instansi the user administers as a whole."""
    if not _aktif(user):
        return Instansi.objects.none()
    if user.is_superuser:
        return Instansi.objects.all()
    return get_objects_for_user(user, PERM_KELOLA_INSTANSI, klass=Instansi, accept_global_perms=False)


def pd_yang_dikelola(user) -> QuerySet[PerangkatDaerah]:
    """Perangkat Daerah the user may manage: granted directly, or through their Instansi."""
    if not _aktif(user):
        return PerangkatDaerah.objects.none()
    if user.is_superuser:
        return PerangkatDaerah.objects.all()
    langsung = get_objects_for_user(user, PERM_KELOLA_PD, klass=PerangkatDaerah, accept_global_perms=False)
    return PerangkatDaerah.objects.filter(
        Q(pk__in=langsung.values("pk")) | Q(instansi__in=instansi_yang_dikelola(user).values("pk"))
    )


def pd_yang_dapat_dilihat(user) -> QuerySet[PerangkatDaerah]:
    if lihat_semua(user):
        return PerangkatDaerah.objects.all()
    return PerangkatDaerah.objects.filter(
        Q(pk__in=pd_yang_dikelola(user).values("pk")) | Q(instansi__in=instansi_diaudit(user).values("pk")))


def instansi_yang_dapat_dilihat(user) -> QuerySet[Instansi]:
    """Instansi whose rows appear in choosers for this user: managed wholly or through a PD."""
    if lihat_semua(user):
        return Instansi.objects.all()
    return Instansi.objects.filter(
        Q(pk__in=instansi_yang_dikelola(user).values("pk"))
        | Q(pk__in=pd_yang_dikelola(user).values("instansi_id"))
        | Q(pk__in=instansi_diaudit(user).values("pk"))
    )


def aktif_pada(tanggal: datetime.date) -> Q:
    return Q(mulai__lte=tanggal) & (Q(selesai__isnull=True) | Q(selesai__gte=tanggal))


def unit_dalam_cakupan(pds: QuerySet[PerangkatDaerah]) -> QuerySet[UnitOrganisasi]:
    return UnitOrganisasi.objects.filter(perangkat_daerah__in=pds.values("pk"))


def jabatan_dalam_cakupan(pds: QuerySet[PerangkatDaerah],
                          instansi: QuerySet[Instansi] | None = None) -> QuerySet[Jabatan]:
    """Positions in the PDs; plus positions outside any unit (Kepala Daerah) of ``instansi``."""
    q = Q(unit__perangkat_daerah__in=pds.values("pk"))
    if instansi is not None:
        q |= Q(unit__isnull=True, instansi__in=instansi.values("pk"))
    return Jabatan.objects.filter(q)


def pegawai_dalam_cakupan(pds: QuerySet[PerangkatDaerah], instansi: QuerySet[Instansi] | None = None,
                          tanggal: datetime.date | None = None) -> QuerySet[Pegawai]:
    """Pegawai whose current definitive position is in one of the PDs, plus pegawai of the
    same Instansi without any current definitive position (new hires waiting for a position).
    With ``instansi``: every pegawai of those Instansi as well."""
    tanggal = tanggal or waktu.hari_ini()
    definitif = PemangkuJabatan.objects.filter(aktif_pada(tanggal), jenis=JenisPemangku.DEFINITIF)
    di_pd = definitif.filter(jabatan__unit__perangkat_daerah__in=pds.values("pk")).values("pegawai_id")
    belum_ditempatkan = Q(instansi__in=pds.values("instansi_id")) & ~Q(pk__in=definitif.values("pegawai_id"))
    q = Q(pk__in=di_pd) | belum_ditempatkan
    if instansi is not None:
        q |= Q(instansi__in=instansi.values("pk"))
    return Pegawai.objects.filter(q)


def _cakupan(user, *, untuk_ubah: bool) -> tuple[QuerySet[PerangkatDaerah], QuerySet[Instansi]]:
    """(PDs, Instansi) the user manages; for reading, plus an auditor's Instansi."""
    if untuk_ubah:
        return pd_yang_dikelola(user), instansi_yang_dikelola(user)
    return pd_yang_dapat_dilihat(user), Instansi.objects.filter(
        Q(pk__in=instansi_yang_dikelola(user).values("pk")) | Q(pk__in=instansi_diaudit(user).values("pk")))


def batasi_queryset(user, qs: QuerySet, *, untuk_ubah: bool = False) -> QuerySet:
    """Restrict an organisation QuerySet to the rows ``user`` may see (or, with ``untuk_ubah``,
    manage). One SQL query with subqueries; unknown models pass through unchanged."""
    if not _aktif(user):
        return qs.none()
    if user.is_superuser:
        return qs
    pds, instansi = _cakupan(user, untuk_ubah=untuk_ubah)
    model = qs.model
    if model is Instansi:
        return qs.filter(pk__in=instansi.values("pk"))
    if model is PerangkatDaerah:
        return qs.filter(pk__in=pds.values("pk"))
    if model is UnitOrganisasi:
        return qs.filter(perangkat_daerah__in=pds.values("pk"))
    if model is Jabatan:
        return qs.filter(pk__in=jabatan_dalam_cakupan(pds, instansi).values("pk"))
    if model is Pegawai:
        return qs.filter(pk__in=pegawai_dalam_cakupan(pds, instansi).values("pk"))
    if model is PemangkuJabatan:
        return qs.filter(jabatan__in=jabatan_dalam_cakupan(pds, instansi).values("pk"))
    if model is Kedudukan:
        return qs.filter(
            Q(jabatan_ppk__in=jabatan_dalam_cakupan(pds, instansi).values("pk"))
            | Q(pegawai__in=pegawai_dalam_cakupan(pds, instansi).values("pk"))
        )
    return qs


def instansi_pengguna(user) -> int | None:
    """The Instansi of the pegawai linked to this account, if any."""
    pegawai = getattr(user, "pegawai", None) if _aktif(user) else None
    return pegawai.instansi_id if pegawai is not None else None


def instansi_yang_boleh_dibaca(user) -> QuerySet[Instansi]:
    """Instansi whose organisation (units, officials, staff search) the user may read: their own
    as a pegawai, those they administer (wholly or through a PD) or audit."""
    if lihat_semua(user):
        return Instansi.objects.all()
    return Instansi.objects.filter(
        Q(pk=instansi_pengguna(user) or 0) | Q(pk__in=instansi_yang_dapat_dilihat(user).values("pk"))
    )


def pd_bagan_terlihat(user) -> QuerySet[PerangkatDaerah]:
    """Perangkat Daerah whose org chart the user may read: those of the Instansi whose organisation
    they may read (the same rule as the org-chart API)."""
    return PerangkatDaerah.objects.filter(instansi__in=instansi_yang_boleh_dibaca(user).values("pk"))


def pegawai_terlihat(user) -> QuerySet[Pegawai]:
    """Pegawai whose workload and organisation data the user may read (the same rule as the
    org-chart and staff-search APIs)."""
    return Pegawai.objects.filter(instansi__in=instansi_yang_boleh_dibaca(user).values("pk"))
