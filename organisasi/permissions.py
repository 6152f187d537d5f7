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
Every grant and check is a named function here; every "what may this user see" is a read in
``selectors_akses`` (a QuerySet built in the database), re-exported here for its callers.
"""
from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from .models import (
    Instansi,
    Jabatan,
    Kedudukan,
    Kompetensi,
    LingkupAuditor,
    Pegawai,
    PemangkuJabatan,
    PerangkatDaerah,
    UnitOrganisasi,
)
from .selectors_akses import (  # noqa: F401  (re-exported: callers ask permissions.<scope>)
    GRUP_AUDITOR,
    PERM_KELOLA_INSTANSI,
    PERM_KELOLA_PD,
    adalah_auditor,
    aktif_pada,
    batasi_queryset,
    instansi_diaudit,
    instansi_pengguna,
    instansi_yang_boleh_dibaca,
    instansi_yang_dapat_dilihat,
    instansi_yang_dikelola,
    jabatan_dalam_cakupan,
    lihat_semua,
    pd_yang_dapat_dilihat,
    pd_yang_dikelola,
    pegawai_dalam_cakupan,
    unit_dalam_cakupan,
)

GRUP_ADMIN_KEPEGAWAIAN = "Admin Kepegawaian"

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


# --------------------------------------------------------------------------- checks
# (the scopes, "which rows may this user see or manage", are reads: selectors_akses)


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


def boleh_kelola_objek(user, obj) -> bool:
    """Whether ``user`` may change/delete this organisation row (same rule as the lists)."""
    if obj is None or obj.pk is None:
        return True
    return batasi_queryset(user, type(obj).objects.filter(pk=obj.pk), untuk_ubah=True).exists()


def boleh_lihat_objek(user, obj) -> bool:
    if obj is None or obj.pk is None:
        return True
    return batasi_queryset(user, type(obj).objects.filter(pk=obj.pk)).exists()


def boleh_baca_organisasi(user, instansi_id: int) -> bool:
    return instansi_yang_boleh_dibaca(user).filter(pk=instansi_id).exists()
