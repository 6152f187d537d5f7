"""Celery tasks of the notifikasi app: thin wrappers that take ids and call services."""
from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(name="notifikasi.kirim_email", acks_late=True, soft_time_limit=60, time_limit=90,
             ignore_result=True)
def kirim_email_task(outbox_id: int) -> str:
    """Send one outbox e-mail; a repeated delivery of the same id sends nothing."""
    outbox = services.outbox_kirim(outbox_id=outbox_id)
    return outbox.status if outbox is not None else "missing"


@shared_task(name="notifikasi.relay_outbox", soft_time_limit=60, time_limit=90, ignore_result=True)
def relay_outbox() -> int:
    """Beat: publish pending outbox rows (those the after-commit publish could not queue)."""
    return services.outbox_relay()


@shared_task(name="notifikasi.kirim_pengingat", soft_time_limit=300, time_limit=360, ignore_result=True)
def kirim_pengingat() -> int:
    """Beat, daily: remind deciders of requests pending longer than their Instansi allows."""
    return services.pengingat_kirim()
