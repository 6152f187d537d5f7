"""Object permissions on requests (django-guardian, direct-FK tables), as named functions.

* ``penugasan.putuskan_permohonan``: the official deciding the current step (granted when the
  step is reached, revoked when it is decided or the request is closed).
* ``penugasan.lihat_permohonan``: requester, tembusan, every official who decided a step and
  the assignees.
* Auditors (group "Auditor") read the requests of the Instansi they audit
  (``organisasi.permissions.instansi_diaudit``: asal or tujuan) and change nothing: the services
  never accept them as deciders unless they hold the position. Superusers read everything.

Who may *decide* is always resolved from the position on the decision date
(``services.pastikan_penentu``); the guardian grant is what lists and detail pages use to
show the request to the right people.
"""
from __future__ import annotations

from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet
from guardian.shortcuts import assign_perm

from organisasi import permissions as org_permissions

from .models import PermohonanPenugasan, PermohonanPenugasanUserObjectPermission

PERM_PUTUSKAN = "putuskan_permohonan"
PERM_LIHAT = "lihat_permohonan"


def lihat_semua(user) -> bool:
    """Superusers read every request (auditors: ``q_diaudit``)."""
    return bool(user and user.is_authenticated and org_permissions.lihat_semua(user))


def instansi_diaudit(user) -> QuerySet:
    """Ids of the Instansi an auditor reads (subquery; empty for everyone else)."""
    return org_permissions.instansi_diaudit(user).values("pk")


def q_diaudit(user, awalan: str = "") -> Q:
    """Filter on PermohonanPenugasan (or, with ``awalan="permohonan__"``, a related model) for
    the requests of an auditor's Instansi: the requesting or the target Instansi."""
    diaudit = instansi_diaudit(user)
    return Q(**{f"{awalan}instansi_asal__in": diaudit}) | Q(**{f"{awalan}instansi_tujuan__in": diaudit})


def _users(users) -> list:
    hasil, dilihat = [], set()
    for u in users:
        if u is not None and u.pk not in dilihat:
            dilihat.add(u.pk)
            hasil.append(u)
    return hasil


def beri_hak_lihat(*, permohonan: PermohonanPenugasan, users) -> None:
    """Share the request with ``users`` (three queries, however many users)."""
    users = _users(users)
    if not users:
        return
    sudah = set(
        PermohonanPenugasanUserObjectPermission.objects.filter(
            content_object=permohonan, permission__codename=PERM_LIHAT
        ).values_list("user_id", flat=True)
    )
    baru = [u for u in users if u.pk not in sudah]
    if not baru:
        return
    izin = Permission.objects.get(content_type__app_label="penugasan", codename=PERM_LIHAT)
    PermohonanPenugasanUserObjectPermission.objects.bulk_create(
        [PermohonanPenugasanUserObjectPermission(permission=izin, user=u, content_object=permohonan) for u in baru],
        ignore_conflicts=True)  # a concurrent grant of the same row: either one is the grant


def beri_hak_putuskan(*, permohonan: PermohonanPenugasan, user) -> None:
    if user is None:
        return
    assign_perm(f"penugasan.{PERM_PUTUSKAN}", user, permohonan)
    beri_hak_lihat(permohonan=permohonan, users=[user])


def cabut_hak_putuskan(*, permohonan: PermohonanPenugasan) -> int:
    """Revoke the decide permission from everyone (the step was decided or the request closed)."""
    n, _ = PermohonanPenugasanUserObjectPermission.objects.filter(
        content_object=permohonan, permission__codename=PERM_PUTUSKAN
    ).delete()
    return n


def punya_hak_putuskan(*, user, permohonan: PermohonanPenugasan) -> bool:
    return PermohonanPenugasanUserObjectPermission.objects.filter(
        content_object=permohonan, user=user, permission__codename=PERM_PUTUSKAN
    ).exists()


def permohonan_dengan_hak(user) -> QuerySet:
    """Ids of requests the user holds a guardian permission on (subquery, not evaluated)."""
    return PermohonanPenugasanUserObjectPermission.objects.filter(
        user=user, permission__codename__in=(PERM_LIHAT, PERM_PUTUSKAN),
        permission__content_type__app_label="penugasan",
    ).values("content_object_id")


def q_terlihat(user) -> Q:
    """Filter on PermohonanPenugasan for what a user (not a superuser) may read: their own,
    those shared with them, and an auditor's scope."""
    return (Q(pemohon__user=user) | Q(dibuat_oleh=user) | Q(pk__in=permohonan_dengan_hak(user))
            | q_diaudit(user))
