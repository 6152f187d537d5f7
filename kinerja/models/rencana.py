"""Plans (DOMAIN.md §4.1 step 5, §4.2 step 6): the activity and budget plan of a cascaded target,
the ketua's detailed action plan (milestones), each member's individual work plan, and the
Matriks Pembagian Peran dan Hasil (PermenPANRB 6/2022) whose rows fill ``AnggotaTim``'s
indikator/target so the Keputusan Tim attachment is complete.
"""
from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from organisasi.models import JenisPemangku, Pegawai
from penugasan.models import AnggotaTim, Penugasan, TimKerja

from ._dasar import FsmReloadMixin, TimestampedModel
from .perjanjian import ANGKA, TargetJabatan


class StatusRencana(models.TextChoices):
    DRAF = "draf", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan")
    DISETUJUI = "disetujui", _("Disetujui")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan untuk diperbaiki")


class RencanaKegiatanAnggaran(FsmReloadMixin, TimestampedModel):
    """Rencana pelaksanaan kegiatan dan anggaran of one cascaded target: drafted by JF/Pelaksana
    with Level 2, approved by Level 2 (the target's owner position)."""

    target = models.ForeignKey(TargetJabatan, verbose_name=_("target"), on_delete=models.CASCADE,
                               related_name="rencana_anggaran")
    judul = models.CharField(_("judul"), max_length=250)
    status = FSMField(_("status"), max_length=20, choices=StatusRencana.choices, default=StatusRencana.DRAF,
                      protected=True)
    disusun_oleh = models.ForeignKey(Pegawai, verbose_name=_("disusun oleh"), on_delete=models.PROTECT,
                                     related_name="+")
    disetujui_oleh = models.ForeignKey(Pegawai, verbose_name=_("disetujui oleh"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    penyetuju_sebagai = models.CharField(_("penyetuju sebagai"), max_length=10, choices=JenisPemangku.choices,
                                         blank=True)
    disetujui_pada = models.DateTimeField(_("disetujui pada"), null=True, blank=True)
    catatan = models.TextField(_("catatan pengembalian"), blank=True)

    class Meta:
        verbose_name = _("rencana kegiatan dan anggaran")
        verbose_name_plural = _("rencana kegiatan dan anggaran")
        ordering = ["target", "id"]

    def __str__(self) -> str:
        return self.judul

    @transition(field=status, source=[StatusRencana.DRAF, StatusRencana.DIKEMBALIKAN], target=StatusRencana.DIAJUKAN)
    def ajukan(self) -> None:
        pass

    @transition(field=status, source=StatusRencana.DIAJUKAN, target=StatusRencana.DISETUJUI)
    def setujui(self) -> None:
        pass

    @transition(field=status, source=StatusRencana.DIAJUKAN, target=StatusRencana.DIKEMBALIKAN)
    def kembalikan(self) -> None:
        pass


class KegiatanAnggaran(TimestampedModel):
    rencana = models.ForeignKey(RencanaKegiatanAnggaran, verbose_name=_("rencana"), on_delete=models.CASCADE,
                                related_name="kegiatan")
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    kegiatan = models.CharField(_("kegiatan"), max_length=250)
    kode_subkegiatan = models.CharField(_("kode sub kegiatan"), max_length=60, blank=True)
    nama_subkegiatan = models.CharField(_("nama sub kegiatan"), max_length=250, blank=True)
    pagu = models.DecimalField(_("pagu anggaran (Rp)"), max_digits=18, decimal_places=2, default=0,
                               validators=[MinValueValidator(0)])
    bulan = models.JSONField(_("bulan pelaksanaan"), default=list, blank=True, help_text=_("daftar 1–12"))

    class Meta:
        verbose_name = _("kegiatan dan anggaran")
        verbose_name_plural = _("kegiatan dan anggaran")
        ordering = ["rencana", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["rencana", "urutan"], name="kegiatan_anggaran_urutan_unik"),
            models.CheckConstraint(condition=Q(pagu__gte=0), name="kegiatan_pagu_tidak_negatif"),
        ]

    def __str__(self) -> str:
        return self.kegiatan


class RencanaAksi(TimestampedModel):
    """The ketua's detailed action plan (rincian kegiatan) for a team, or an individual's for
    an assignment."""

    tim = models.ForeignKey(TimKerja, verbose_name=_("tim kerja"), null=True, blank=True,
                            on_delete=models.CASCADE, related_name="rencana_aksi")
    penugasan = models.ForeignKey(Penugasan, verbose_name=_("penugasan individu"), null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="rencana_aksi")
    target = models.ForeignKey(TargetJabatan, verbose_name=_("target"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="rencana_aksi")
    judul = models.CharField(_("judul"), max_length=250)
    disusun_oleh = models.ForeignKey(Pegawai, verbose_name=_("disusun oleh"), on_delete=models.PROTECT,
                                     related_name="+")

    class Meta:
        verbose_name = _("rencana aksi")
        verbose_name_plural = _("rencana aksi")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(tim__isnull=False) | Q(penugasan__isnull=False),
                                   name="rencana_aksi_tim_atau_penugasan"),
        ]

    def __str__(self) -> str:
        return self.judul


class TonggakRencana(TimestampedModel):
    """A milestone: what, by when, who. Progress is reported per milestone (Kinerja II)."""

    rencana = models.ForeignKey(RencanaAksi, verbose_name=_("rencana aksi"), on_delete=models.CASCADE,
                                related_name="tonggak")
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    uraian = models.CharField(_("tonggak/kegiatan"), max_length=250)
    keluaran = models.CharField(_("keluaran"), max_length=250, blank=True)
    tenggat = models.DateField(_("tenggat"))
    pemilik = models.ManyToManyField(Pegawai, verbose_name=_("pelaksana"), blank=True, related_name="tonggak")
    bobot = models.PositiveSmallIntegerField(_("bobot (%)"), null=True, blank=True,
                                             validators=[MinValueValidator(0), MaxValueValidator(100)])
    progres = models.PositiveSmallIntegerField(_("progres terakhir (%)"), default=0,
                                               validators=[MaxValueValidator(100)])

    class Meta:
        verbose_name = _("tonggak rencana aksi")
        verbose_name_plural = _("tonggak rencana aksi")
        ordering = ["rencana", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["rencana", "urutan"], name="tonggak_urutan_unik"),
            models.CheckConstraint(condition=Q(progres__lte=100), name="tonggak_progres_maks_100"),
        ]

    def __str__(self) -> str:
        return self.uraian


class RencanaKerjaIndividu(TimestampedModel):
    """An anggota's (or an individual assignee's) own work plan."""

    pegawai = models.ForeignKey(Pegawai, verbose_name=_("pegawai"), on_delete=models.PROTECT,
                                related_name="rencana_kerja")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    tim = models.ForeignKey(TimKerja, verbose_name=_("tim kerja"), null=True, blank=True,
                            on_delete=models.CASCADE, related_name="rencana_kerja_anggota")
    penugasan = models.ForeignKey(Penugasan, verbose_name=_("penugasan"), null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="rencana_kerja")
    target = models.ForeignKey(TargetJabatan, verbose_name=_("target"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="rencana_kerja")
    uraian = models.TextField(_("uraian"), blank=True)

    class Meta:
        verbose_name = _("rencana kerja individu")
        verbose_name_plural = _("rencana kerja individu")
        ordering = ["pegawai", "-tahun", "id"]
        indexes = [models.Index(fields=["pegawai", "tahun"], name="rki_pegawai_tahun_idx")]

    def __str__(self) -> str:
        return f"Rencana kerja {self.pegawai.nama} {self.tahun}"


class ButirRencanaKerja(TimestampedModel):
    rencana = models.ForeignKey(RencanaKerjaIndividu, verbose_name=_("rencana"), on_delete=models.CASCADE,
                                related_name="butir")
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    kegiatan = models.CharField(_("kegiatan/butir kegiatan"), max_length=250)
    hasil = models.CharField(_("hasil kerja"), max_length=250, blank=True)
    target = models.DecimalField(_("target"), null=True, blank=True, **ANGKA)
    satuan = models.CharField(_("satuan"), max_length=60, blank=True)
    tenggat = models.DateField(_("tenggat"), null=True, blank=True)

    class Meta:
        verbose_name = _("butir rencana kerja")
        verbose_name_plural = _("butir rencana kerja")
        ordering = ["rencana", "urutan"]
        constraints = [models.UniqueConstraint(fields=["rencana", "urutan"], name="butir_rencana_urutan_unik")]

    def __str__(self) -> str:
        return self.kegiatan


class StatusBarisMatriks(models.TextChoices):
    DIUSULKAN = "diusulkan", _("Diusulkan ketua")
    DITERIMA = "diterima", _("Diterima anggota")
    MINTA_PERBAIKAN = "minta_perbaikan", _("Anggota meminta perbaikan")


class BarisMatriksPeran(FsmReloadMixin, TimestampedModel):
    """One member's row of the Matriks Pembagian Peran dan Hasil: role, result owed, its
    indikator and target. Filling it writes the same values to ``AnggotaTim``."""

    tim = models.ForeignKey(TimKerja, verbose_name=_("tim kerja"), on_delete=models.CASCADE,
                            related_name="matriks_peran")
    anggota = models.OneToOneField(AnggotaTim, verbose_name=_("anggota tim"), on_delete=models.CASCADE,
                                   related_name="baris_matriks")
    target = models.ForeignKey(TargetJabatan, verbose_name=_("target yang didukung"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="baris_matriks")
    peran = models.CharField(_("peran"), max_length=200)
    hasil = models.TextField(_("hasil kerja yang diharapkan"))
    indikator = models.TextField(_("indikator kinerja"))
    target_nilai = models.DecimalField(_("target"), null=True, blank=True, **ANGKA)
    satuan = models.CharField(_("satuan"), max_length=60, blank=True)
    status = FSMField(_("status"), max_length=20, choices=StatusBarisMatriks.choices,
                      default=StatusBarisMatriks.DIUSULKAN, protected=True)
    diisi_oleh = models.ForeignKey(Pegawai, verbose_name=_("diisi oleh"), on_delete=models.PROTECT,
                                   related_name="+")
    komentar_anggota = models.TextField(_("komentar anggota"), blank=True)
    ditanggapi_pada = models.DateTimeField(_("ditanggapi pada"), null=True, blank=True)
    # written when results are accepted (Kinerja II)
    realisasi = models.DecimalField(_("realisasi"), null=True, blank=True, **ANGKA)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"),
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("baris matriks pembagian peran dan hasil")
        verbose_name_plural = _("matriks pembagian peran dan hasil")
        ordering = ["tim", "anggota__peran", "anggota__pegawai__nama"]
        indexes = [models.Index(fields=["tim", "status"], name="matriks_tim_status_idx")]

    def __str__(self) -> str:
        return f"{self.anggota}: {self.peran}"

    @property
    def target_teks(self) -> str:
        return self.susun_target_teks(self.target_nilai, self.satuan)

    @staticmethod
    def susun_target_teks(target_nilai, satuan: str) -> str:
        """'3 dokumen' (also for reads that fetch columns, not instances)."""
        if target_nilai is None:
            return ""
        return f"{target_nilai.normalize():f} {satuan}".strip()

    @transition(field=status, source=[StatusBarisMatriks.DIUSULKAN, StatusBarisMatriks.MINTA_PERBAIKAN,
                                      StatusBarisMatriks.DITERIMA],
                target=StatusBarisMatriks.DIUSULKAN)
    def usulkan(self) -> None:
        """(Re)filled by the ketua: the member must answer again."""

    @transition(field=status, source=StatusBarisMatriks.DIUSULKAN, target=StatusBarisMatriks.DITERIMA)
    def terima(self) -> None:
        pass

    @transition(field=status, source=StatusBarisMatriks.DIUSULKAN, target=StatusBarisMatriks.MINTA_PERBAIKAN)
    def minta_perbaikan(self) -> None:
        pass
