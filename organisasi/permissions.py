"""Who may manage which part of the organisation (django-guardian object permissions).

Roles:

* **Admin kepegawaian Perangkat Daerah**: staff user with the object permission
  ``organisasi.kelola_perangkatdaerah`` on one PD (direct-FK table
  ``PerangkatDaerahUserObjectPermission``); sees and edits only that PD's units, positions,
  staff, holders and placements.
* **Admin kepegawaian Instansi**: object permission ``organisasi.kelola_instansi`` on the
  Instansi; manages every PD of that Instansi and its settings.
* **Auditor**: member of the group "Auditor" with view-only model permissions; reads only the
  Instansi of their ``LingkupAuditor`` rows (``instansi_diaudit``), nothing when there are none.
* **Superuser**: everything.

Staff users also need model-level permissions to see the admin at all; ``beri_admin_pd`` and
``beri_admin_instansi`` put them in the group "Admin Kepegawaian" which carries those.
Every check is a named function here; every "what may this user see" is a QuerySet built in
the database (subqueries), never a Python loop over rows.
"""
from __future__ import annotations

import datetime

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q, QuerySet
from guardian.shortcuts import assign_perm, get_objects_for_user, remove_perm

from inti import waktu

from .models import (
    Instansi,
    Jabatan,
    JenisPemangku,
    Kedudukan,
    Kompetensi,
    LingkupAuditor,
    Pegawai,
    PemangkuJabatan,
    PerangkatDaerah,
    UnitOrganisasi,
)

GRUP_ADMIN_KEPEGAWAIAN = "Admin Kepegawaian"
GRUP_AUDITOR = "Auditor"

PERM_KELOLA_PD = "organisasi.kelola_perangkatdaerah"
PERM_KELOLA_INSTANSI = "organisasi.kelola_instansi"

# model -> codename actions granted to the "Admin Kepegawaian" group (objects are still scoped)
_PERM_MODEL_ADMIN: dict[type, tuple[str, ...]] = {
    Instansi: ("view", "change"),
    PerangkatDaerah: ("view", "change"),
    UnitOrganisasi: ("view", "add", "change", "delete"),
    Jabatan: ("view", "add", "change", "delete"),
    Pegawai: ("view", "add", "change"),
    PemangkuJabatan: ("view", "add", "change", "delete"),
    Kedudukan: ("view", "add", "change", "delete"),
    Kompetensi: ("view", "add", "change"),
}
_MODEL_AUDITOR = (Instansi, PerangkatDaerah, UnitOrganisasi, Jabatan, Pegawai, PemangkuJabatan, Kedudukan,
                  Kompetensi)


def _perm(model: type, aksi: str) -> Permission:
    return Permission.objects.get(content_type__app_label=model._meta.app_label,
                                  codename=f"{aksi}_{model._meta.model_name}")


@transaction.atomic
def pastikan_grup() -> tuple[Group, Group]:
    """Create (or complete) the groups "Admin Kepegawaian" and "Auditor" with their model
    permissions. Idempotent."""
    admin, _ = Group.objects.get_or_create(name=GRUP_ADMIN_KEPEGAWAIAN)
    admin.permissions.add(*[_perm(model, aksi) for model, aksi_list in _PERM_MODEL_ADMIN.items()
                            for aksi in aksi_list])
    auditor, _ = Group.objects.get_or_create(name=GRUP_AUDITOR)
    auditor.permissions.add(*[_perm(model, "view") for model in _MODEL_AUDITOR])
    # auditors read the letters of their scope through surat.selectors (instansi_diaudit), not
    # through the global "lihat_semua_surat" permission
    return admin, auditor


def _jadikan_staf(user) -> None:
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    admin, _ = pastikan_grup()
    user.groups.add(admin)
    # the ModelBackend caches permissions on the instance
    for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(cache, None)


@transaction.atomic
def beri_admin_pd(user, pd: PerangkatDaerah) -> None:
    """Make ``user`` the HR admin of one Perangkat Daerah."""
    _jadikan_staf(user)
    assign_perm(PERM_KELOLA_PD, user, pd)


@transaction.atomic
def beri_admin_instansi(user, instansi: Instansi) -> None:
    """Make ``user`` the HR admin of a whole Instansi (all its Perangkat Daerah)."""
    _jadikan_staf(user)
    assign_perm(PERM_KELOLA_INSTANSI, user, instansi)


def cabut_admin_pd(user, pd: PerangkatDaerah) -> None:
    remove_perm(PERM_KELOLA_PD, user, pd)


def cabut_admin_instansi(user, instansi: Instansi) -> None:
    remove_perm(PERM_KELOLA_INSTANSI, user, instansi)


@transaction.atomic
def beri_auditor(user, *instansi: Instansi, keterangan: str = "") -> None:
    """Read-only access to the organisation admin and the auditor pages, for the given Instansi
    (more can be added later, in the admin under "Lingkup auditor")."""
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    _, auditor = pastikan_grup()
    user.groups.add(auditor)
    for i in instansi:
        LingkupAuditor.objects.get_or_create(user=user, instansi=i, defaults={"keterangan": keterangan})


# --------------------------------------------------------------------------- checks & scopes


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


def boleh_kelola_instansi(user, instansi: Instansi) -> bool:
    return instansi_yang_dikelola(user).filter(pk=instansi.pk).exists()


def boleh_kelola_seluruh_instansi(user, instansi: Instansi) -> bool:
    """Instansi-wide management (superuser, or ``kelola_instansi`` globally or on this Instansi):
    the org-chart import may then create PDs and the Kepala Daerah."""
    return (user.is_superuser or user.has_perm(PERM_KELOLA_INSTANSI)
            or user.has_perm(PERM_KELOLA_INSTANSI, instansi))


def boleh_kelola_pd(user, pd: PerangkatDaerah) -> bool:
    return pd_yang_dikelola(user).filter(pk=pd.pk).exists()


def adalah_admin_kepegawaian(user) -> bool:
    """Whether the user manages at least one PD or Instansi."""
    return pd_yang_dikelola(user).exists() or instansi_yang_dikelola(user).exists()


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


def boleh_kelola_objek(user, obj) -> bool:
    """Whether ``user`` may change/delete this organisation row (same rule as the lists)."""
    if obj is None or obj.pk is None:
        return True
    return batasi_queryset(user, type(obj).objects.filter(pk=obj.pk), untuk_ubah=True).exists()


def boleh_lihat_objek(user, obj) -> bool:
    if obj is None or obj.pk is None:
        return True
    return batasi_queryset(user, type(obj).objects.filter(pk=obj.pk)).exists()


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


def boleh_baca_organisasi(user, instansi_id: int) -> bool:
    return instansi_yang_boleh_dibaca(user).filter(pk=instansi_id).exists()
