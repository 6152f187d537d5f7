"""Celery tasks of the organisation: thin, take ids, call the service."""
from __future__ import annotations

from celery import shared_task

from . import importer


@shared_task(name="organisasi.impor_bagan", acks_late=True, time_limit=1800, soft_time_limit=1700)
def impor_bagan_task(impor_id: int) -> str:
    """Apply a confirmed org-chart import (all-or-nothing). Idempotent: a job no longer in
    DIPROSES is left alone, so a redelivered message does nothing."""
    return importer.impor_bagan_jalankan(impor_id=impor_id).status


@shared_task(name="organisasi.impor_bagan_antrekan_ulang", time_limit=120)
def impor_bagan_antrekan_ulang_task() -> int:
    """Beat: queue again the confirmed imports the broker never delivered (it was down at confirm)."""
    return importer.impor_bagan_antrekan_ulang()
