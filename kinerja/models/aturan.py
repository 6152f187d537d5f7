"""Regional variants of the kinerja cycle (DOMAIN.md §4.5, §5 "kinerja cycle") as a dated,
per-Instansi rule record. Code reads these fields, never a region's name; a change is a new
record with a later ``berlaku_mulai`` (nothing is edited in place), so "the rules in force
on a date" is one query (``selectors.aturan_kinerja_pada``).
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisasi.models import Instansi

from ._dasar import AppendOnlyModel


class PenetapPK(models.TextChoices):
    """Who sets the Perjanjian Kinerja of a PD (DOMAIN §4.1 step 1)."""

    KEPALA_PD = "kepala_pd", _("Pejabat Level 1 / Kepala Perangkat Daerah")
    PIMPINAN_UNIT = "pimpinan_unit", _("Pimpinan Unit Organisasi Perangkat Daerah")


class PenentuStrategi(models.TextChoices):
    """Who decides the strategy per cascaded target (DOMAIN §4.1 step 4)."""

    PEMILIK_TARGET = "pemilik_target", _("Pejabat Level 2 pemilik target (Pimpinan Unit)")
    PPK = "ppk", _("Pejabat Penilai Kinerja unit pemilik target")
    PENANGGUNG_JAWAB = "penanggung_jawab", _("Penanggung jawab target (bila ditunjuk), selain itu pemilik target")


class PeriodeLaporan(models.TextChoices):
    BULANAN = "bulanan", _("Bulanan")
    TRIWULANAN = "triwulanan", _("Triwulanan")
    SEMESTERAN = "semesteran", _("Semesteran")


class TujuanLaporanTim(models.TextChoices):
    """Where the ketua's periodic team report goes (DOMAIN §4.5 'ketua reports team to')."""

    PIMPINAN_UNIT = "pimpinan_unit", _("Pimpinan Unit Organisasi pemilik kinerja")
    PIMPINAN_UNIT_ATAU_PJ = "pimpinan_unit_atau_pj", _("Pimpinan Unit Organisasi atau penanggung jawab tim")
    PIMPINAN_UNIT_DAN_KEPALA_PD = "pimpinan_unit_dan_kepala_pd", _("Pimpinan Unit dan/atau Kepala Perangkat Daerah")
    PPK = "ppk", _("Pejabat Penilai Kinerja")


class HasilTidakSesuai(models.TextChoices):
    """What happens to off-target results (DOMAIN §4.3)."""

    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan untuk diperbaiki")
    DIPERBAIKI_PENERIMA = "diperbaiki_penerima", _("Diperbaiki oleh pejabat penerima (Kepala Unit)")


class AturanKinerja(AppendOnlyModel):
    """One dated version of an Instansi's kinerja rules. Filled from ``kinerja.presets`` by
    ``services.aturan_kinerja_tetapkan``; each field cites its seed rule in ``sumber``."""

    instansi = models.ForeignKey(Instansi, verbose_name=_("instansi"), on_delete=models.PROTECT,
                                 related_name="aturan_kinerja")
    berlaku_mulai = models.DateField(_("berlaku mulai"))
    dasar_hukum = models.CharField(_("dasar hukum"), max_length=300, blank=True)
    sumber = models.JSONField(_("kutipan dasar per aturan"), default=dict, blank=True,
                              help_text=_("{nama_aturan: 'Lamp II.C.1', ...}"))

    # ---- Kinerja I (read by the services of this app)
    penetap_pk = models.CharField(_("penetap Perjanjian Kinerja"), max_length=20, choices=PenetapPK.choices,
                                  default=PenetapPK.KEPALA_PD)
    jenis_pd_tanpa_pk = models.JSONField(
        _("jenis Perangkat Daerah tanpa Perjanjian Kinerja sendiri"), default=list, blank=True,
        help_text=_("nilai JenisPerangkatDaerah, mis. [\"puskesmas\", \"satuan_pendidikan\"] (Kotabaru)"),
    )
    pk_boleh_diubah = models.BooleanField(
        _("Perjanjian Kinerja dapat diubah"), default=False,
        help_text=_("perubahan sebagai versi baru apabila terjadi perubahan kegiatan (Pasuruan)"),
    )
    kaskade_tiga_tingkat = models.JSONField(
        _("jenis Perangkat Daerah dengan kaskade tiga tingkat"), default=list, blank=True,
        help_text=_("mis. [\"sekretariat_daerah\", \"rsud\", \"kecamatan\"]"),
    )
    penentu_strategi = models.CharField(_("penentu strategi per target"), max_length=20,
                                        choices=PenentuStrategi.choices, default=PenentuStrategi.PEMILIK_TARGET)

    # ---- Kinerja II (reports, kendala, evaluation: read by the Kinerja II services)
    periode_laporan = models.CharField(_("periode laporan"), max_length=20, choices=PeriodeLaporan.choices,
                                       default=PeriodeLaporan.BULANAN)
    laporan_tim_ke = models.CharField(_("laporan ketua tim disampaikan kepada"), max_length=30,
                                      choices=TujuanLaporanTim.choices, default=TujuanLaporanTim.PIMPINAN_UNIT)
    permintaan_laporan_ke_anggota = models.BooleanField(
        _("permintaan laporan dapat ditujukan kepada anggota"), default=True,
        help_text=_("tidak: hanya kepada ketua tim (Bungo)"),
    )
    penanggung_jawab_terima_laporan = models.BooleanField(
        _("penanggung jawab tim menerima laporan, kendala, dan meminta laporan"), default=False,
    )
    hasil_tidak_sesuai = models.CharField(_("hasil yang belum sesuai target"), max_length=30,
                                          choices=HasilTidakSesuai.choices, default=HasilTidakSesuai.DIKEMBALIKAN)
    rantai_evaluasi = models.JSONField(
        _("rantai evaluasi hasil per jenis Perangkat Daerah"), default=dict, blank=True,
        help_text=_("{jenis_pd | \"*\": [peran, ...]} dari peninjau pertama sampai penerima akhir"),
    )

    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    waktu = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("aturan kinerja")
        verbose_name_plural = _("aturan kinerja")
        ordering = ["instansi", "-berlaku_mulai", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "berlaku_mulai"], name="aturan_kinerja_satu_per_tanggal"),
        ]

    def __str__(self) -> str:
        return f"Aturan kinerja {self.instansi} mulai {self.berlaku_mulai:%d-%m-%Y}"


class PeranRantai(models.TextChoices):
    """Vocabulary of the evaluation chain steps in ``AturanKinerja.rantai_evaluasi`` (each
    resolved to a position on the decision date by the Kinerja II services)."""

    PEMILIK_TARGET = "pemilik_target", _("Pejabat pemilik target (Level 2/3)")
    ATASAN_PEMILIK = "atasan_pemilik", _("Atasan pejabat pemilik target (Asisten, Wakil Direktur)")
    PPK_PEMILIK = "ppk_pemilik", _("Pejabat Penilai Kinerja unit pemilik target")
    PENANGGUNG_JAWAB = "penanggung_jawab", _("Penanggung jawab tim/target")
    KEPALA_PD = "kepala_pd", _("Kepala Perangkat Daerah (Level 1)")
    PIMPINAN_UNIT_PD = "pimpinan_unit_pd", _("Pimpinan Unit Organisasi Perangkat Daerah")
    KEPALA_PD_INDUK = "kepala_pd_induk", _("Kepala Perangkat Daerah induk (UPTD, Puskesmas)")
