"""Dated rule sets (DOMAIN §9): a region's rules as append-only versions.

Every regional setting of an Instansi (routes, signers, letter kinds, placement, team rules:
``FIELD_ATURAN``) belongs to a version with the date it takes effect and the regulation that
enacts it. Changing a setting creates a new version (``services_aturan.aturan_tetapkan``);
nothing is edited in place. The Instansi's own fields mirror the version in force today, for
screens that show "the current rules"; the assignment engine decides each request under the
version stored on the request (the one in force when it was submitted).
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from inti.models import TimestampedModel

from .models import Instansi, Preset

# The Instansi fields that form a region's rule set (each preset fills exactly these).
FIELD_ATURAN = (
    "dasar_hukum", "label_lintas_instansi", "lintas_perangkat_daerah_aktif", "lintas_instansi_aktif",
    "sukarela_lintas_pd_aktif",
    "penandatangan_dalam_unit", "penandatangan_lintas_unit", "penandatangan_lintas_pd", "penetap_tim_lintas_pd",
    "langkah_rute", "ketua_tim_jenis_jabatan", "ketua_tim_pengawas_jika_dua_level",
    "ketua_tim_dari_unit_pemilik", "penanggung_jawab_tim_aktif", "aturan_kedudukan", "jenis_surat_penugasan", "laporan_individu_ke",
)


class AturanInstansi(TimestampedModel):
    """One dated version of an Instansi's rule set. Append-only: a saved version never changes."""

    instansi = models.ForeignKey(Instansi, verbose_name=_("instansi"), on_delete=models.PROTECT,
                                 related_name="versi_aturan")
    versi = models.PositiveIntegerField(_("versi"))
    berlaku_mulai = models.DateField(_("berlaku mulai"))
    preset = models.CharField(_("preset asal"), max_length=20, choices=Preset.choices, default=Preset.KUSTOM)
    peraturan = models.CharField(_("peraturan yang menetapkan"), max_length=300,
                                 help_text=_("mis. Peraturan Bupati Kotabaru Nomor 68 Tahun 2024"))
    nomor = models.CharField(_("nomor"), max_length=40, blank=True)
    tahun = models.PositiveSmallIntegerField(_("tahun"), null=True, blank=True)
    pasal_berlaku = models.CharField(_("pasal mulai berlaku"), max_length=120, blank=True,
                                     help_text=_("mis. Pasal 33"))
    nilai = models.JSONField(_("nilai aturan"), default=dict,
                             help_text=_("seluruh pengaturan daerah pada versi ini (lihat FIELD_ATURAN)"))
    kutipan = models.JSONField(_("pasal per aturan"), default=dict, blank=True,
                               help_text=_("pengaturan → pasal dasar hukumnya, mis. {\"penandatangan_dalam_unit\": "
                                           "\"003 Ps.20(1)\"}"))
    catatan = models.TextField(_("alasan perubahan"), blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("versi aturan instansi")
        verbose_name_plural = _("versi aturan instansi")
        ordering = ["instansi", "-berlaku_mulai", "-versi"]
        constraints = [models.UniqueConstraint(fields=["instansi", "versi"], name="aturan_versi_unik_per_instansi")]
        indexes = [models.Index(fields=["instansi", "berlaku_mulai", "versi"])]

    def __str__(self) -> str:
        return _("%(i)s — versi %(v)d, berlaku %(t)s") % {
            "i": self.instansi.nama if self.instansi_id else "", "v": self.versi or 0,
            "t": self.berlaku_mulai.strftime("%d-%m-%Y") if self.berlaku_mulai else "?"}

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValueError("AturanInstansi bersifat append-only: buat versi baru, jangan menyunting.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("AturanInstansi bersifat append-only: versi tidak dapat dihapus.")

    def __getattr__(self, nama: str):
        # attribute access to the settings of this version (aturan.langkah_rute, aturan.jenis_surat_penugasan)
        if nama in FIELD_ATURAN:
            nilai = self.__dict__.get("nilai") or {}
            if nama in nilai:
                return nilai[nama]
            return Instansi._meta.get_field(nama).get_default()
        raise AttributeError(nama)

    @property
    def sebutan(self) -> str:
        """How the history names it: 'versi 2 (Peraturan …, berlaku 18-09-2024)'."""
        return _("versi %(v)d (%(p)s, berlaku %(t)s)") % {
            "v": self.versi, "p": self.peraturan, "t": self.berlaku_mulai.strftime("%d-%m-%Y")}
