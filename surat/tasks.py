"""Celery tasks of the letters app: take ids, re-fetch, call a service; idempotent."""
from __future__ import annotations

from celery import shared_task
from django.conf import settings

from . import services
from .models import Surat


@shared_task(name="surat.render", acks_late=True, max_retries=0, time_limit=300, soft_time_limit=240)
def render_surat_task(surat_id: int) -> str:
    """Render the letter's PDF once, after the issuing transaction committed.

    No Celery retries: a failed render leaves the letter without a file, and the sweep
    (``render_surat_tertunda_task``) queues it again once its lease has passed; the render is
    idempotent, so a duplicate delivery (``acks_late``) does no harm."""
    surat = Surat.objects.filter(pk=surat_id).only("pk", "berkas").first()
    if surat is None:
        return "tidak-ada"
    if surat.berkas:
        return "sudah"
    services.surat_render(surat_id=surat_id)
    return "dirender"


@shared_task(name="surat.render_tertunda", time_limit=600, soft_time_limit=540)
def render_surat_tertunda_task(menit: int = 5, sewa_menit: int | None = None) -> int:
    """Re-queue letters still without a PDF (broker down at issue, worker died, render failed),
    each at most once per lease (``SURAT_RENDER_SEWA_MENIT``): see ``surat_antrekan_ulang_render``."""
    sewa = sewa_menit if sewa_menit is not None else settings.SURAT_RENDER_SEWA_MENIT
    return len(services.surat_antrekan_ulang_render(menit=menit, sewa_menit=sewa))
