"""Celery tasks of the letters app: take ids, re-fetch, call a service; idempotent."""
from __future__ import annotations

import datetime

from celery import shared_task
from django.utils import timezone

from .models import Surat


@shared_task(name="surat.render", bind=True, acks_late=True, max_retries=3, default_retry_delay=30, time_limit=300,
             soft_time_limit=240)
def render_surat_task(self, surat_id: int) -> str:
    """Render the letter's PDF once, after the issuing transaction committed."""
    from .services import surat_render

    surat = Surat.objects.filter(pk=surat_id).only("pk", "berkas").first()
    if surat is None:
        return "tidak-ada"
    if surat.berkas:
        return "sudah"
    surat_render(surat_id=surat_id)
    return "dirender"


@shared_task(name="surat.render_tertunda", time_limit=600, soft_time_limit=540)
def render_surat_tertunda_task(menit: int = 5) -> int:
    """Re-queue letters still without a PDF after ``menit`` minutes (broker was down, worker died)."""
    batas = timezone.now() - datetime.timedelta(minutes=menit)
    ids = list(Surat.objects.filter(berkas="", created_at__lt=batas).values_list("pk", flat=True)[:500])
    for pk in ids:
        render_surat_task.delay(pk)
    return len(ids)
