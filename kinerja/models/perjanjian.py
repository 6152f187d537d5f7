"""Planning (DOMAIN.md §4.1): the Perjanjian Kinerja of a position, its sasaran and indikator,
the cascade of each indikator's target to Level 2 (and Level 3) *positions*, the strategy per
cascaded target, and links from a target to the requests, assignments and teams serving it.

A set PK is never edited: an amendment is a new version (``versi_sebelumnya``) that copies the
sasaran, indikator, cascade, strategy and links; setting it marks the old version ``diubah``.
"""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from organisasi.models import Instansi, Jabatan, JenisPemangku, Pegawai, PerangkatDaerah
from penugasan.models import Penugasan, PermohonanPenugasan, TimKerja

from ._dasar import FsmReloadMixin, TimestampedModel

ANGKA = dict(max_digits=18, decimal_places=4)


class StatusPK(models.TextChoices):
    DRAF = "draf", _("Draf")
    DITETAPKAN = "ditetapkan", _("Ditetapkan")
    DIUBAH = "diubah", _("Diubah (diganti versi baru)")


class PerjanjianKinerja(FsmReloadMixin, TimestampedModel):
    """The PK of one position (``jabatan``) for one year, in versions."""

    instansi = models.ForeignKey(Instansi, verbose_name=_("instansi"), on_delete=models.PROTECT,
                                 related_name="perjanjian_kinerja")
    perangkat_daerah = models.ForeignKey(PerangkatDaerah, verbose_name=_("perangkat daerah"),
                                         on_delete=models.PROTECT, related_name="perjanjian_kinerja")
    jabatan = models.ForeignKey(Jabatan, verbose_name=_("jabatan pemilik"), on_delete=models.PROTECT,
                                related_name="perjanjian_kinerja")
    tahun = models.PositiveSmallIntegerField(_("tahun"), validators=[MinValueValidator(2000),
                                                                      MaxValueValidator(2100)])
    versi = models.PositiveSmallIntegerField(_("versi"), default=1)
    versi_sebelumnya = models.OneToOneField("self", verbose_name=_("versi sebelumnya"), null=True, blank=True,
                                            on_delete=models.PROTECT, related_name="versi_berikutnya")
    status = FSMField(_("status"), max_length=20, choices=StatusPK.choices, default=StatusPK.DRAF, protected=True)
    judul = models.CharField(_("judul"), max_length=250, blank=True)
    alasan_perubahan = models.TextField(_("alasan perubahan"), blank=True)
    tanggal_berlaku = models.DateField(_("tanggal berlaku"), null=True, blank=True)

    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"),
                                    on_delete=models.PROTECT, related_name="+")
    ditetapkan_pada = models.DateTimeField(_("ditetapkan pada"), null=True, blank=True)
    ditetapkan_oleh = models.ForeignKey(Pegawai, verbose_name=_("ditetapkan oleh"), null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    penetap_sebagai = models.CharField(_("penetap sebagai"), max_length=10, choices=JenisPemangku.choices,
                                       blank=True)
    nama_penetap = models.CharField(_("nama dan jabatan penetap"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("perjanjian kinerja")
        verbose_name_plural = _("perjanjian kinerja")
        ordering = ["-tahun", "jabatan__nama", "-versi"]
        constraints = [
            models.UniqueConstraint(fields=["jabatan", "tahun", "versi"], name="pk_versi_unik"),
            models.UniqueConstraint(fields=["jabatan", "tahun"], condition=Q(status=StatusPK.DRAF),
                                    name="pk_satu_draf"),
            models.UniqueConstraint(fields=["jabatan", "tahun"], condition=Q(status=StatusPK.DITETAPKAN),
                                    name="pk_satu_berlaku"),
        ]
        indexes = [models.Index(fields=["perangkat_daerah", "tahun", "status"], name="pk_pd_tahun_idx")]

    def __str__(self) -> str:
        return f"PK {self.tahun} {self.jabatan} v{self.versi}"

    @property
    def dapat_disunting(self) -> bool:
        return self.status == StatusPK.DRAF

    # ---- transitions: state only
    @transition(field=status, source=StatusPK.DRAF, target=StatusPK.DITETAPKAN)
    def tetapkan(self) -> None:
        pass

    @transition(field=status, source=StatusPK.DITETAPKAN, target=StatusPK.DIUBAH)
    def gantikan(self) -> None:
        """Superseded by a newer set version."""


class SasaranKinerja(TimestampedModel):
    pk_kinerja = models.ForeignKey(PerjanjianKinerja, verbose_name=_("perjanjian kinerja"),
                                   on_delete=models.CASCADE, related_name="sasaran")
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    kode = models.CharField(_("kode"), max_length=40, blank=True)
    uraian = models.TextField(_("sasaran"))
    asal = models.ForeignKey("self", verbose_name=_("sasaran pada versi sebelumnya"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("sasaran kinerja")
        verbose_name_plural = _("sasaran kinerja")
        ordering = ["pk_kinerja", "urutan"]
        constraints = [models.UniqueConstraint(fields=["pk_kinerja", "urutan"], name="sasaran_urutan_unik")]

    def __str__(self) -> str:
        return self.uraian[:80]


class Polaritas(models.TextChoices):
    MAKSIMAL = "maksimal", _("Semakin tinggi semakin baik")
    MINIMAL = "minimal", _("Semakin rendah semakin baik")
    STABIL = "stabil", _("Tepat pada target")


class IndikatorKinerja(TimestampedModel):
    sasaran = models.ForeignKey(SasaranKinerja, verbose_name=_("sasaran"), on_delete=models.CASCADE,
                                related_name="indikator")
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    kode = models.CharField(_("kode"), max_length=40, blank=True)
    uraian = models.TextField(_("indikator"))
    satuan = models.CharField(_("satuan"), max_length=60)
    polaritas = models.CharField(_("polaritas"), max_length=10, choices=Polaritas.choices,
                                 default=Polaritas.MAKSIMAL)
    baseline = models.DecimalField(_("baseline"), null=True, blank=True, **ANGKA)
    target_tahunan = models.DecimalField(_("target tahunan"), **ANGKA)
    target_tw1 = models.DecimalField(_("target triwulan I"), null=True, blank=True, **ANGKA)
    target_tw2 = models.DecimalField(_("target triwulan II"), null=True, blank=True, **ANGKA)
    target_tw3 = models.DecimalField(_("target triwulan III"), null=True, blank=True, **ANGKA)
    target_tw4 = models.DecimalField(_("target triwulan IV"), null=True, blank=True, **ANGKA)
    formula = models.TextField(_("formula"), blank=True)
    catatan = models.TextField(_("catatan"), blank=True)
    # written when results are accepted (Kinerja II)
    realisasi = models.DecimalField(_("realisasi"), null=True, blank=True, **ANGKA)
    realisasi_pada = models.DateField(_("tanggal realisasi"), null=True, blank=True)
    asal = models.ForeignKey("self", verbose_name=_("indikator pada versi sebelumnya"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("indikator kinerja")
        ordering = ["sasaran", "urutan"]
        constraints = [models.UniqueConstraint(fields=["sasaran", "urutan"], name="indikator_urutan_unik")]

    def __str__(self) -> str:
        return self.uraian[:80]

    @property
    def persen_realisasi(self) -> Decimal | None:
        if self.realisasi is None or not self.target_tahunan:
            return None
        if self.polaritas == Polaritas.MINIMAL:
            return (self.target_tahunan / self.realisasi * 100) if self.realisasi else None
        return self.realisasi / self.target_tahunan * 100


class CaraBagi(models.TextChoices):
    NILAI = "nilai", _("Porsi nilai target")
    PERSEN = "persen", _("Persentase target")
    ASPEK = "aspek", _("Aspek (uraian)")


class TargetJabatan(TimestampedModel):
    """One cascaded share of an indikator's target, owned by a *position* (a Plt/Plh acts for
    it). ``induk`` set = third level (Sekda → Asisten → Kabag; Direktur → Wadir → Kabid;
    Camat → Sekcam), divided from the parent share."""

    indikator = models.ForeignKey(IndikatorKinerja, verbose_name=_("indikator"), on_delete=models.CASCADE,
                                  related_name="kaskade")
    induk = models.ForeignKey("self", verbose_name=_("target induk"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="turunan")
    jabatan = models.ForeignKey(Jabatan, verbose_name=_("jabatan penanggung jawab target"),
                                on_delete=models.PROTECT, related_name="target_kinerja")
    cara = models.CharField(_("cara pembagian"), max_length=10, choices=CaraBagi.choices)
    nilai = models.DecimalField(_("porsi nilai"), null=True, blank=True, **ANGKA)
    persen = models.DecimalField(_("persentase"), max_digits=7, decimal_places=4, null=True, blank=True)
    aspek = models.TextField(_("aspek"), blank=True)
    catatan = models.TextField(_("catatan"), blank=True)
    penanggung_jawab = models.ForeignKey(
        Pegawai, verbose_name=_("penanggung jawab"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="target_ditanggungjawabi", help_text=_("Indragiri Hilir: penanggung jawab tim/target"),
    )
    realisasi = models.DecimalField(_("realisasi"), null=True, blank=True, **ANGKA)
    asal = models.ForeignKey("self", verbose_name=_("target pada versi sebelumnya"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("target jabatan (kaskade)")
        verbose_name_plural = _("target jabatan (kaskade)")
        ordering = ["indikator", "induk_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "jabatan"], condition=Q(induk__isnull=True),
                                    name="kaskade_jabatan_unik"),
            models.UniqueConstraint(fields=["induk", "jabatan"], condition=Q(induk__isnull=False),
                                    name="kaskade_turunan_jabatan_unik"),
            models.CheckConstraint(
                condition=(Q(cara=CaraBagi.NILAI, nilai__isnull=False, nilai__gte=0)
                           | Q(cara=CaraBagi.PERSEN, persen__gt=0, persen__lte=100)
                           | (Q(cara=CaraBagi.ASPEK) & ~Q(aspek=""))),
                name="kaskade_isi_sesuai_cara",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jabatan}: {self.sebutan_porsi}"

    @property
    def sebutan_porsi(self) -> str:
        if self.cara == CaraBagi.NILAI:
            return f"{self.nilai.normalize():f}"
        if self.cara == CaraBagi.PERSEN:
            return f"{self.persen.normalize():f}%"
        return self.aspek


class BentukPelaksanaan(models.TextChoices):
    INDIVIDU = "individu", _("Individu")
    TIM = "tim", _("Tim Kerja")


class KebutuhanPegawai(models.TextChoices):
    TIDAK = "tidak", _("Tidak perlu pegawai dari luar unit")
    LINTAS_UNIT = "lintas_unit", _("Pegawai dari unit lain")
    LINTAS_PD = "lintas_pd", _("Pegawai dari Perangkat Daerah lain")
    LINTAS_INSTANSI = "lintas_instansi", _("Pegawai dari instansi lain")


class StrategiTarget(TimestampedModel):
    """Level 2's decision for one cascaded target (DOMAIN §4.1 step 4)."""

    target = models.OneToOneField(TargetJabatan, verbose_name=_("target"), on_delete=models.CASCADE,
                                  related_name="strategi")
    bentuk = models.CharField(_("bentuk pelaksanaan"), max_length=10, choices=BentukPelaksanaan.choices)
    perlu_ketua = models.BooleanField(_("perlu ketua tim"), default=False)
    kebutuhan = models.CharField(_("kebutuhan pegawai lain"), max_length=20, choices=KebutuhanPegawai.choices,
                                 default=KebutuhanPegawai.TIDAK)
    jumlah_dibutuhkan = models.PositiveSmallIntegerField(_("jumlah pegawai dibutuhkan"), default=0,
                                                         validators=[MaxValueValidator(500)])
    kompetensi_dibutuhkan = models.TextField(_("kompetensi dibutuhkan"), blank=True)
    arahan = models.TextField(_("arahan dan ekspektasi"), blank=True)
    ditetapkan_oleh = models.ForeignKey(Pegawai, verbose_name=_("ditetapkan oleh"), on_delete=models.PROTECT,
                                        related_name="+")
    penetap_sebagai = models.CharField(_("penetap sebagai"), max_length=10, choices=JenisPemangku.choices,
                                       default=JenisPemangku.DEFINITIF)
    nama_penetap = models.CharField(_("nama dan jabatan penetap"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("strategi target")
        verbose_name_plural = _("strategi target")

    def __str__(self) -> str:
        return f"{self.target}: {self.get_bentuk_display()}"

    @property
    def perlu_permohonan(self) -> bool:
        return self.kebutuhan != KebutuhanPegawai.TIDAK


class SumberTautan(models.TextChoices):
    STRATEGI = "strategi", _("Dibuat dari strategi")
    MANUAL = "manual", _("Ditautkan kemudian")


class TautanTarget(TimestampedModel):
    """A request, assignment or team serving a cascaded target (exactly one of the three)."""

    target = models.ForeignKey(TargetJabatan, verbose_name=_("target"), on_delete=models.CASCADE,
                               related_name="tautan")
    permohonan = models.ForeignKey(PermohonanPenugasan, verbose_name=_("permohonan"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="tautan_target")
    penugasan = models.ForeignKey(Penugasan, verbose_name=_("penugasan"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="tautan_target")
    tim = models.ForeignKey(TimKerja, verbose_name=_("tim kerja"), null=True, blank=True,
                            on_delete=models.PROTECT, related_name="tautan_target")
    sumber = models.CharField(_("sumber"), max_length=10, choices=SumberTautan.choices,
                              default=SumberTautan.MANUAL)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"),
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("tautan target")
        verbose_name_plural = _("tautan target")
        ordering = ["target", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(permohonan__isnull=False, penugasan__isnull=True, tim__isnull=True)
                           | Q(permohonan__isnull=True, penugasan__isnull=False, tim__isnull=True)
                           | Q(permohonan__isnull=True, penugasan__isnull=True, tim__isnull=False)),
                name="tautan_tepat_satu_objek",
            ),
            models.UniqueConstraint(fields=["target", "permohonan"], condition=Q(permohonan__isnull=False),
                                    name="tautan_permohonan_unik"),
            models.UniqueConstraint(fields=["target", "penugasan"], condition=Q(penugasan__isnull=False),
                                    name="tautan_penugasan_unik"),
            models.UniqueConstraint(fields=["target", "tim"], condition=Q(tim__isnull=False),
                                    name="tautan_tim_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.target} ← {self.permohonan or self.penugasan or self.tim}"
