"""Celery tasks of the kinerja app: thin wrappers that call services."""
from __future__ import annotations

from celery import shared_task

from .services.pengingat import pengingat_kinerja_kirim


@shared_task(name="kinerja.kirim_pengingat", soft_time_limit=300, time_limit=360, ignore_result=True)
def kirim_pengingat() -> int:
    """Beat, daily: remind of report requests and periodic reports before and after their due dates."""
    return pengingat_kinerja_kirim()
