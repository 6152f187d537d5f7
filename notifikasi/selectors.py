"""Reads of the notifikasi app."""
from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from .models import Notifikasi


def notifikasi_qs(*, user, hanya_belum_dibaca: bool = False) -> QuerySet[Notifikasi]:
    """The user's notifications, newest first (a user only ever sees their own)."""
    qs = Notifikasi.objects.filter(penerima=user).order_by("-created_at", "-pk")
    if hanya_belum_dibaca:
        qs = qs.filter(dibaca_pada__isnull=True)
    return qs


def notifikasi_untuk(user, *, halaman: int | str = 1, per_halaman: int = 20,
                     hanya_belum_dibaca: bool = False) -> Page:
    """One page of the user's notifications, newest first (``Page.object_list`` is a list)."""
    paginator = Paginator(notifikasi_qs(user=user, hanya_belum_dibaca=hanya_belum_dibaca), per_halaman)
    return paginator.get_page(halaman)


def jumlah_belum_dibaca(user) -> int:
    """Number of unread notifications of the user, in one query (0 for anonymous users)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notifikasi.objects.filter(penerima=user, dibaca_pada__isnull=True).count()
