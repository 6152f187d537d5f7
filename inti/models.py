"""Model bases every app shares, and the audit trail.

``JejakAudit`` records every transition and every refused attempt of every app (who, acting
for which position, what, from which state to which, why, from where). Rows are written by
``inti.jejak`` only and never changed or deleted through the application.
"""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied(_("Riwayat tidak dapat diubah."))

    def delete(self):
        raise PermissionDenied(_("Riwayat tidak dapat dihapus."))


class AppendOnlyModel(models.Model):
    """Rows are written once and never changed or deleted through the application."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied(_("Riwayat tidak dapat diubah."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied(_("Riwayat tidak dapat dihapus."))


class AksiAudit(models.TextChoices):
    """Every action the audit trail records (one closed set, as Zulip's ``AuditLogEventType``).
    The value is ``<object>.<verb>``; add a member here before writing a new kind of row."""

    PERMOHONAN_BUAT = "permohonan.buat", _("Permohonan dibuat")
    PERMOHONAN_AJUKAN = "permohonan.ajukan", _("Permohonan diajukan")
    PERMOHONAN_SETUJUI = "permohonan.setujui", _("Permohonan disetujui")
    PERMOHONAN_TOLAK = "permohonan.tolak", _("Permohonan ditolak")
    PERMOHONAN_KEMBALIKAN = "permohonan.kembalikan", _("Permohonan dikembalikan untuk diperbaiki")
    PERMOHONAN_PERBAIKI = "permohonan.perbaiki", _("Permohonan diperbaiki")
    PERMOHONAN_JAWAB_KETERSEDIAAN = "permohonan.jawab_ketersediaan", _("Ketersediaan pegawai dijawab")
    PERMOHONAN_BATALKAN = "permohonan.batalkan", _("Permohonan dibatalkan")
    PERMOHONAN_SELESAIKAN = "permohonan.selesaikan", _("Permohonan dinyatakan selesai")
    PENUGASAN_BUAT = "penugasan.buat", _("Penugasan dibuat")
    PENUGASAN_TERIMA = "penugasan.terima", _("Penugasan diterima pegawai")
    PENUGASAN_SELESAI = "penugasan.selesai", _("Penugasan selesai")
    SURAT_TERBITKAN = "surat.terbitkan", _("Surat diterbitkan")
    SURAT_CABUT = "surat.cabut", _("Surat dicabut")


class JejakAudit(AppendOnlyModel):
    """Append-only audit trail: every transition and every refused attempt."""

    waktu = models.DateTimeField(_("waktu (UTC)"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("pengguna"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    nama_actor = models.CharField(_("nama pengguna"), max_length=250, blank=True)
    atas_nama = models.CharField(_("bertindak untuk"), max_length=250, blank=True,
                                 help_text=_("jabatan yang dipangku/dijabat Plt./Plh. saat bertindak"))
    sebagai = models.CharField(_("sebagai"), max_length=10, blank=True)
    objek_tipe = models.CharField(_("jenis objek"), max_length=60)
    objek_id = models.CharField(_("id objek"), max_length=40, blank=True)
    objek_repr = models.CharField(_("objek"), max_length=250, blank=True)
    aksi = models.CharField(_("aksi"), max_length=60, choices=AksiAudit.choices)
    status_dari = models.CharField(_("status semula"), max_length=30, blank=True)
    status_ke = models.CharField(_("status menjadi"), max_length=30, blank=True)
    alasan = models.TextField(_("alasan/keterangan"), blank=True)
    ip = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    diizinkan = models.BooleanField(_("diizinkan"))

    class Meta:
        verbose_name = _("jejak audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["-waktu", "-id"]
        indexes = [models.Index(fields=["objek_tipe", "objek_id"], name="inti_jejak_objek_idx")]

    def __str__(self) -> str:
        hasil = "diizinkan" if self.diizinkan else "ditolak"
        return f"{self.waktu:%Y-%m-%d %H:%M:%S} {self.nama_actor} {self.aksi} {self.objek_repr} ({hasil})"
