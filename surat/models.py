"""Official letters (DOMAIN.md §3): numbered per series, rendered once, immutable, verifiable.

A ``Surat`` keeps a snapshot of everything its template needs (``konteks``) and of its
signatory, so that a later change of the organisation never changes an issued letter.
Numbers come from ``SeriNomor`` counters locked in the issuing transaction (gap-free).
"""
from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organisasi.models import Instansi, Jabatan, Pegawai, PerangkatDaerah


class JenisDokumen(models.TextChoices):
    SURAT_TUGAS = "surat_tugas", _("Surat Tugas")
    SURAT_PERINTAH = "surat_perintah", _("Surat Perintah")
    KEPUTUSAN_TIM = "keputusan_tim", _("Keputusan tentang Tim Kerja")
    PERMOHONAN_PELIBATAN = "permohonan_pelibatan", _("Surat Permohonan Pelibatan")
    JAWABAN = "jawaban", _("Surat Jawaban")


class StatusSurat(models.TextChoices):
    MENUNGGU_RENDER = "menunggu_render", _("Menunggu pembuatan berkas")
    TERBIT = "terbit", _("Terbit")
    DICABUT = "dicabut", _("Dicabut")


class SeriNomor(models.Model):
    """A numbering series: one counter per (Instansi, Perangkat Daerah or none, kode klasifikasi, tahun).

    ``nomor_terakhir`` only grows, and only inside the transaction that creates the Surat
    carrying the number, so a rolled-back issue rolls the counter back too: no gaps.
    """

    instansi = models.ForeignKey(Instansi, verbose_name=_("instansi"), on_delete=models.PROTECT,
                                 related_name="seri_nomor_surat")
    perangkat_daerah = models.ForeignKey(PerangkatDaerah, verbose_name=_("perangkat daerah"), null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="seri_nomor_surat")
    kode_klasifikasi = models.CharField(_("kode klasifikasi"), max_length=20)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    nomor_terakhir = models.PositiveIntegerField(_("nomor terakhir"), default=0)

    class Meta:
        verbose_name = _("seri nomor surat")
        verbose_name_plural = _("seri nomor surat")
        constraints = [
            models.UniqueConstraint(fields=["instansi", "perangkat_daerah", "kode_klasifikasi", "tahun"],
                                    name="seri_nomor_unik_per_pd"),
            models.UniqueConstraint(fields=["instansi", "kode_klasifikasi", "tahun"],
                                    condition=Q(perangkat_daerah__isnull=True),
                                    name="seri_nomor_unik_per_instansi"),
        ]

    def __str__(self) -> str:
        pemilik = self.perangkat_daerah or self.instansi
        return f"{pemilik} {self.kode_klasifikasi}/{self.tahun}: {self.nomor_terakhir}"


# Fields that may still change after a Surat row exists (rendering and revocation);
# everything else is frozen from the moment of issue.
FIELD_BOLEH_BERUBAH = frozenset({
    "berkas", "sha256", "status", "dirender_pada", "render_diantrekan_pada",
    "dicabut_pada", "alasan_pencabutan", "dicabut_oleh", "updated_at",
})


class SuratBekuError(Exception):
    """Raised on an attempt to change a frozen field of an issued letter."""


class Surat(models.Model):
    jenis = models.CharField(_("jenis"), max_length=30, choices=JenisDokumen.choices)
    instansi = models.ForeignKey(Instansi, verbose_name=_("instansi"), on_delete=models.PROTECT,
                                 related_name="surat")
    perangkat_daerah = models.ForeignKey(PerangkatDaerah, verbose_name=_("perangkat daerah"), null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="surat")
    seri = models.ForeignKey(SeriNomor, verbose_name=_("seri nomor"), on_delete=models.PROTECT,
                             related_name="surat")
    nomor_urut = models.PositiveIntegerField(_("nomor urut"))
    nomor = models.CharField(_("nomor surat"), max_length=120)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    tanggal = models.DateField(_("tanggal surat"))
    perihal = models.CharField(_("perihal"), max_length=300)

    # signatory snapshot
    penandatangan_nama = models.CharField(_("nama penandatangan"), max_length=250)
    penandatangan_nip = models.CharField(_("NIP penandatangan"), max_length=30, blank=True)
    penandatangan_pangkat = models.CharField(_("pangkat penandatangan"), max_length=80, blank=True)
    penandatangan_jabatan = models.CharField(
        _("jabatan penandatangan"), max_length=300,
        help_text=_("sebutan lengkap, dengan Plt./Plh./a.n. bila ada"),
    )
    penandatangan_pegawai = models.ForeignKey(Pegawai, verbose_name=_("pegawai penandatangan"), null=True,
                                              blank=True, on_delete=models.SET_NULL, related_name="surat_ditandatangani")
    jabatan_penandatangan = models.ForeignKey(
        Jabatan, verbose_name=_("jabatan penandatangan"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text=_("hak mencabut surat mengikuti jabatan ini (pemangku atau Plt./Plh. hari ini)"),
    )
    tembusan = models.JSONField(_("tembusan"), default=list, blank=True)
    konteks = models.JSONField(_("isi surat"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    pihak = models.ManyToManyField(Pegawai, verbose_name=_("pihak terkait"), blank=True, related_name="surat_terkait",
                                   help_text=_("pegawai yang dituju atau terlibat; boleh melihat dan mengunduh surat"))

    # public identity and stored file
    uuid = models.UUIDField(_("kode verifikasi"), default=uuid.uuid4, unique=True, editable=False)
    berkas = models.FileField(_("berkas PDF"), upload_to="surat/%Y/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=StatusSurat.choices,
                              default=StatusSurat.MENUNGGU_RENDER)
    dirender_pada = models.DateTimeField(_("berkas dibuat pada"), null=True, blank=True)
    render_diantrekan_pada = models.DateTimeField(
        _("pembuatan berkas diantrekan pada"), null=True, blank=True,
        help_text=_("kapan pembuatan PDF terakhir kali masuk antrean; penyapu mengantrekan ulang hanya "
                    "setelah masa sewa lewat"),
    )

    dicabut_pada = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    alasan_pencabutan = models.TextField(_("alasan pencabutan"), blank=True)
    dicabut_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dicabut oleh"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")

    # the object the letter was issued for (PermohonanPenugasan, LangkahPermohonan, Penugasan, TimKerja)
    sumber_content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT,
                                            related_name="+")
    sumber_object_id = models.PositiveBigIntegerField(null=True, blank=True)
    sumber = GenericForeignKey("sumber_content_type", "sumber_object_id")

    diterbitkan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("diterbitkan oleh"), null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("surat")
        verbose_name_plural = _("surat")
        ordering = ["-tanggal", "-nomor_urut"]
        constraints = [
            models.UniqueConstraint(fields=["seri", "nomor_urut"], name="surat_nomor_unik_per_seri"),
            models.CheckConstraint(condition=Q(nomor_urut__gte=1), name="surat_nomor_urut_positif"),
        ]
        indexes = [models.Index(fields=["sumber_content_type", "sumber_object_id"])]
        permissions = [
            ("lihat_semua_surat", _("Melihat semua surat (auditor)")),
            ("cabut_surat", _("Mencabut surat")),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.nomor}"

    def save(self, *args, **kwargs):
        # Integrity guard, not a business rule: an existing letter may only be saved with an
        # explicit update_fields limited to rendering/revocation fields.
        if self.pk is not None and not self._state.adding:
            update_fields = kwargs.get("update_fields")
            if update_fields is None or not set(update_fields) <= FIELD_BOLEH_BERUBAH:
                raise SuratBekuError(_("Surat yang sudah diterbitkan tidak dapat diubah."))
        return super().save(*args, **kwargs)

    @property
    def berlaku(self) -> bool:
        return self.status != StatusSurat.DICABUT
