"""Who may use the auditor pages and which Instansi they read (named checks, one place)."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from organisasi import permissions as org_permissions
from organisasi.models import Instansi


def boleh_memeriksa(user) -> bool:
    """Superusers and members of the group "Auditor"."""
    return org_permissions.lihat_semua(user) or org_permissions.adalah_auditor(user)


def pastikan_pemeriksa(user) -> None:
    if not boleh_memeriksa(user):
        raise PermissionDenied(_("Halaman ini hanya untuk auditor."))


def instansi_lingkup(user) -> QuerySet[Instansi]:
    """The Instansi whose data the user reads on the auditor pages: all for a superuser, an
    auditor's ``LingkupAuditor`` rows, nothing for anyone else."""
    if org_permissions.lihat_semua(user):
        return Instansi.objects.all()
    return org_permissions.instansi_diaudit(user)
