"""Celery tasks of the auditor app: take ids, re-fetch, call a service; idempotent."""
from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(name="pemeriksaan.ekspor_jalankan", acks_late=True, soft_time_limit=1800, time_limit=1900,
             ignore_result=True)
def ekspor_jalankan_task(ekspor_id: int) -> str:
    """Run one background export; a repeated delivery of the same id does nothing."""
    ekspor = services.ekspor_jalankan(ekspor_id=ekspor_id)
    return ekspor.status if ekspor is not None else "tidak-ada"


@shared_task(name="pemeriksaan.ekspor_relay", soft_time_limit=60, time_limit=90, ignore_result=True)
def ekspor_relay_task() -> int:
    """Beat: queue exports still waiting (broker was down at request time, worker lost)."""
    return services.ekspor_relay()


@shared_task(name="pemeriksaan.ekspor_hapus_kedaluwarsa", soft_time_limit=300, time_limit=360, ignore_result=True)
def ekspor_hapus_kedaluwarsa_task() -> int:
    """Beat, hourly: delete the files of expired exports."""
    return services.ekspor_hapus_kedaluwarsa()
