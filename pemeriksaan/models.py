"""Auditors' exports and the per-Instansi settings the registers check against.

An ``Ekspor`` row is written for every export, streamed or in the background. A background one
is also the outbox entry of its Celery job: written with status ``menunggu`` in the request's
transaction, queued after commit on a best-effort basis, and re-queued by the beat relay
(``pemeriksaan.ekspor_relay``) while still waiting, so a broker outage never fails the request.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inti.models import TimestampedModel
from organisasi.models import Instansi


class JenisRegister(models.TextChoices):
    SURAT = "surat", _("Register surat")
    CELAH_NOMOR = "celah_nomor", _("Pemeriksaan celah nomor surat")
    BEBAN = "beban", _("Beban kerja per pegawai")
    KEPUTUSAN = "keputusan", _("Jejak keputusan permohonan")
    JEJAK_AUDIT = "jejak_audit", _("Jejak audit")
    ATURAN = "aturan", _("Aturan yang berlaku dan perubahannya")
    MATRIKS = "matriks", _("Keputusan tim dan matriks peran")
    SILANG = "silang", _("Target dan penugasan (silang)")


class FormatEkspor(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"
    PDF = "pdf", _("PDF (ringkasan)")


class StatusEkspor(models.TextChoices):
    MENUNGGU = "menunggu", _("Menunggu")
    DIPROSES = "diproses", _("Diproses")
    SELESAI = "selesai", _("Selesai")
    GAGAL = "gagal", _("Gagal")
    KEDALUWARSA = "kedaluwarsa", _("Kedaluwarsa")


class Ekspor(TimestampedModel):
    """One export of one register with its filters, by one user."""

    diminta_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("diminta oleh"),
                                     on_delete=models.PROTECT, related_name="ekspor_pemeriksaan")
    register = models.CharField(_("register"), max_length=20, choices=JenisRegister.choices)
    format = models.CharField(_("format"), max_length=10, choices=FormatEkspor.choices)
    saringan = models.JSONField(_("saringan"), default=dict, blank=True)
    latar = models.BooleanField(_("diproses di latar belakang"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=StatusEkspor.choices,
                              default=StatusEkspor.MENUNGGU)
    perkiraan_baris = models.PositiveIntegerField(_("perkiraan jumlah baris"), default=0)
    jumlah_baris = models.PositiveIntegerField(_("jumlah baris"), default=0)
    progres = models.PositiveSmallIntegerField(_("progres (%)"), default=0)
    berkas = models.CharField(_("berkas"), max_length=255, blank=True,
                              help_text=_("nama di penyimpanan privat ekspor (di luar web root)"))
    nama_berkas = models.CharField(_("nama berkas"), max_length=255, blank=True)
    ukuran = models.PositiveBigIntegerField(_("ukuran (bita)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    pesan_galat = models.TextField(_("pesan galat"), blank=True)
    dijadwalkan_pada = models.DateTimeField(_("dijadwalkan pada"), null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    kedaluwarsa_pada = models.DateTimeField(_("kedaluwarsa pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("ekspor")
        verbose_name_plural = _("ekspor")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["diminta_oleh", "-created_at"], name="ekspor_pemohon_idx"),
                   models.Index(fields=["status", "dijadwalkan_pada"], name="ekspor_status_idx")]

    def __str__(self) -> str:
        return f"{self.get_register_display()} ({self.get_format_display()}) — {self.get_status_display()}"

    @property
    def bisa_diunduh(self) -> bool:
        return self.status == StatusEkspor.SELESAI and bool(self.berkas)

    @property
    def sedang_berjalan(self) -> bool:
        return self.status in (StatusEkspor.MENUNGGU, StatusEkspor.DIPROSES)


class PengaturanPemeriksaan(TimestampedModel):
    """Per-Instansi limits the registers check against (honorarium checks)."""

    instansi = models.OneToOneField(Instansi, verbose_name=_("instansi"), on_delete=models.CASCADE,
                                    related_name="pengaturan_pemeriksaan")
    batas_tim_per_tahun = models.PositiveSmallIntegerField(
        _("batas tim per pegawai per tahun"), default=5,
        help_text=_("register beban kerja menandai pegawai yang menjadi anggota lebih banyak tim dalam setahun "
                    "(pemeriksaan honorarium)"))

    class Meta:
        verbose_name = _("pengaturan pemeriksaan")
        verbose_name_plural = _("pengaturan pemeriksaan")

    def __str__(self) -> str:
        return str(self.instansi)
