"""In-app notifications and the transactional outbox for e-mail.

A service writes ``Notifikasi`` and ``Outbox`` rows inside the caller's
transaction (never talking to the broker); after commit the outbox rows are
published to Celery, and the ``relay_outbox`` beat task re-publishes whatever
is still pending (for instance because Redis was down at commit time).
Both tables carry a unique ``kunci`` (event key + recipient) so that a
repeated event or a retried task never notifies twice.
"""
from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notifikasi(models.Model):
    """One in-app notification for one user; unread until ``dibaca_pada`` is set."""

    penerima = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("penerima"),
                                 on_delete=models.CASCADE, related_name="notifikasi")
    jenis = models.CharField(_("jenis"), max_length=60)
    judul = models.CharField(_("judul"), max_length=255)
    pesan = models.TextField(_("pesan"), blank=True)
    url = models.CharField(_("tautan"), max_length=500, blank=True)
    kunci = models.CharField(_("kunci idempotensi"), max_length=255, unique=True)
    objek_content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL,
                                           related_name="+")
    objek_id = models.CharField(max_length=64, blank=True)
    objek = GenericForeignKey("objek_content_type", "objek_id")
    dibaca_pada = models.DateTimeField(_("dibaca pada"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat pada"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["penerima", "-created_at"], name="notif_penerima_created_idx"),
            models.Index(fields=["penerima"], condition=Q(dibaca_pada__isnull=True),
                         name="notif_belum_dibaca_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.judul} → {self.penerima}"

    @property
    def sudah_dibaca(self) -> bool:
        return self.dibaca_pada is not None


class OutboxChannel(models.TextChoices):
    EMAIL = "email", _("e-mail")


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("menunggu")
    SENT = "sent", _("terkirim")
    FAILED = "failed", _("gagal")


class Outbox(models.Model):
    """A message to deliver outside the app, written in the same transaction as the event."""

    kunci = models.CharField(_("kunci idempotensi"), max_length=255, unique=True)
    channel = models.CharField(_("kanal"), max_length=20, choices=OutboxChannel.choices,
                               default=OutboxChannel.EMAIL)
    penerima = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("penerima"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    recipient = models.EmailField(_("alamat tujuan"))
    subject = models.CharField(_("subjek"), max_length=255)
    body = models.TextField(_("isi"))
    status = models.CharField(_("status"), max_length=10, choices=OutboxStatus.choices,
                              default=OutboxStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("jumlah percobaan"), default=0)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"), default=timezone.now)
    sent_at = models.DateTimeField(_("terkirim pada"), null=True, blank=True)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    created_at = models.DateTimeField(_("dibuat pada"), default=timezone.now)
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("kotak keluar")
        verbose_name_plural = _("kotak keluar")
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["next_attempt_at"], condition=Q(status="pending"),
                         name="outbox_pending_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient} ({self.status})"
