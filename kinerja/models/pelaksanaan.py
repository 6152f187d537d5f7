"""Running the work (DOMAIN.md §4.2–4.3; Kinerja II): reports and their evidence, report
requests, kendala with alternative options, and hand-in of results walking a review chain.

Models only so far: the Kinerja II services drive these states. Recipients are *positions*
resolved on the date (Plt/Plh act for them), as in penugasan.
"""
from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from organisasi.models import Jabatan, JenisPemangku, Pegawai
from penugasan.models import Penugasan, PermohonanPenugasan, TimKerja

from ..penyimpanan import PenyimpananBukti
from ._dasar import AppendOnlyModel, FsmReloadMixin, TimestampedModel
from .perjanjian import ANGKA, TargetJabatan
from .rencana import TonggakRencana


class JenisLaporan(models.TextChoices):
    ANGGOTA_KE_KETUA = "anggota_ke_ketua", _("Laporan anggota kepada ketua tim")
    TIM = "tim", _("Laporan ketua tim")
    INDIVIDU = "individu", _("Laporan penugasan individu")
    CATATAN_ANGGOTA = "catatan_anggota", _("Laporan ketua tentang hasil kerja anggota (untuk PPK dan Pimpinan Unit)")
    JAWABAN_PERMINTAAN = "jawaban_permintaan", _("Jawaban atas permintaan laporan")


class StatusLaporan(models.TextChoices):
    DRAF = "draf", _("Draf")
    DIKIRIM = "dikirim", _("Dikirim")
    DITERIMA = "diterima", _("Diterima")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan dengan catatan")


class Laporan(FsmReloadMixin, TimestampedModel):
    jenis = models.CharField(_("jenis"), max_length=30, choices=JenisLaporan.choices)
    periodik = models.BooleanField(_("laporan berkala"), default=True)
    periode_mulai = models.DateField(_("periode mulai"), null=True, blank=True)
    periode_selesai = models.DateField(_("periode selesai"), null=True, blank=True)
    pelapor = models.ForeignKey(Pegawai, verbose_name=_("pelapor"), on_delete=models.PROTECT,
                                related_name="laporan_dibuat")
    penerima_jabatan = models.ForeignKey(Jabatan, verbose_name=_("jabatan penerima"), null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="laporan_masuk")
    penerima_pegawai = models.ForeignKey(Pegawai, verbose_name=_("penerima (pegawai)"), null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="laporan_diterima",
                                         help_text=_("ketua tim atau penanggung jawab (bukan jabatan)"))
    tembusan_jabatan = models.ManyToManyField(Jabatan, verbose_name=_("tembusan"), blank=True, related_name="+")
    tim = models.ForeignKey(TimKerja, verbose_name=_("tim kerja"), null=True, blank=True,
                            on_delete=models.PROTECT, related_name="laporan")
    penugasan = models.ForeignKey(Penugasan, verbose_name=_("penugasan"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="laporan")
    target = models.ForeignKey(TargetJabatan, verbose_name=_("target"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="laporan")
    tentang_pegawai = models.ForeignKey(Pegawai, verbose_name=_("tentang anggota"), null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="catatan_ketua")
    permintaan = models.ForeignKey("PermintaanLaporan", verbose_name=_("menjawab permintaan"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="jawaban")
    ringkasan = models.TextField(_("ringkasan kemajuan"))
    realisasi = models.DecimalField(_("realisasi terhadap target"), null=True, blank=True, **ANGKA)
    status = FSMField(_("status"), max_length=20, choices=StatusLaporan.choices, default=StatusLaporan.DRAF,
                      protected=True)
    dikirim_pada = models.DateTimeField(_("dikirim pada"), null=True, blank=True)
    ditanggapi_pada = models.DateTimeField(_("ditanggapi pada"), null=True, blank=True)
    ditanggapi_oleh = models.ForeignKey(Pegawai, verbose_name=_("ditanggapi oleh"), null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    catatan_penerima = models.TextField(_("catatan penerima"), blank=True)

    class Meta:
        verbose_name = _("laporan kinerja")
        verbose_name_plural = _("laporan kinerja")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["penerima_jabatan", "status"], name="laporan_penerima_idx"),
            models.Index(fields=["tentang_pegawai", "jenis"], name="laporan_tentang_idx"),
            models.Index(fields=["tim", "periode_mulai"], name="laporan_tim_periode_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(penerima_jabatan__isnull=False) | Q(penerima_pegawai__isnull=False),
                                   name="laporan_punya_penerima"),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.pelapor.nama}"

    @transition(field=status, source=[StatusLaporan.DRAF, StatusLaporan.DIKEMBALIKAN], target=StatusLaporan.DIKIRIM)
    def kirim(self) -> None:
        pass

    @transition(field=status, source=StatusLaporan.DIKIRIM, target=StatusLaporan.DITERIMA)
    def terima(self) -> None:
        pass

    @transition(field=status, source=StatusLaporan.DIKIRIM, target=StatusLaporan.DIKEMBALIKAN)
    def kembalikan(self) -> None:
        pass


class ProgresTonggak(TimestampedModel):
    laporan = models.ForeignKey(Laporan, verbose_name=_("laporan"), on_delete=models.CASCADE,
                                related_name="progres")
    tonggak = models.ForeignKey(TonggakRencana, verbose_name=_("tonggak"), on_delete=models.PROTECT,
                                related_name="laporan_progres")
    persen = models.PositiveSmallIntegerField(_("progres (%)"), validators=[MaxValueValidator(100)])
    catatan = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("progres tonggak")
        verbose_name_plural = _("progres tonggak")
        constraints = [
            models.UniqueConstraint(fields=["laporan", "tonggak"], name="progres_tonggak_unik"),
            models.CheckConstraint(condition=Q(persen__lte=100), name="progres_persen_maks_100"),
        ]


def _lokasi_bukti(instance, filename: str) -> str:
    return f"kinerja/bukti/{instance.laporan_id}/{filename}"


class BuktiLaporan(TimestampedModel):
    """Evidence: an uploaded file (private storage, served through a permission-checked view)
    or a link."""

    laporan = models.ForeignKey(Laporan, verbose_name=_("laporan"), on_delete=models.CASCADE,
                                related_name="bukti")
    berkas = models.FileField(_("berkas"), upload_to=_lokasi_bukti, blank=True, storage=PenyimpananBukti(),
                              max_length=300)
    jenis_berkas = models.CharField(_("jenis berkas"), max_length=100, blank=True)
    tautan = models.URLField(_("tautan"), max_length=500, blank=True)
    nama = models.CharField(_("nama"), max_length=250)
    ukuran = models.PositiveIntegerField(_("ukuran (bita)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("bukti laporan")
        verbose_name_plural = _("bukti laporan")
        constraints = [
            models.CheckConstraint(condition=~Q(berkas="") | ~Q(tautan=""), name="bukti_berkas_atau_tautan"),
        ]


class StatusPermintaan(models.TextChoices):
    TERBUKA = "terbuka", _("Menunggu laporan")
    DIJAWAB = "dijawab", _("Dijawab")
    DIBATALKAN = "dibatalkan", _("Dibatalkan")


class PermintaanLaporan(FsmReloadMixin, TimestampedModel):
    """A report asked at any time by the Pimpinan Unit (Inhil: or the penanggung jawab) of a
    ketua and/or anggota (Bungo: the ketua only)."""

    peminta = models.ForeignKey(Pegawai, verbose_name=_("peminta"), on_delete=models.PROTECT, related_name="+")
    jabatan_peminta = models.ForeignKey(Jabatan, verbose_name=_("jabatan peminta"), null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    peminta_sebagai = models.CharField(_("peminta sebagai"), max_length=10, choices=JenisPemangku.choices,
                                       default=JenisPemangku.DEFINITIF)
    kepada = models.ForeignKey(Pegawai, verbose_name=_("kepada"), on_delete=models.PROTECT,
                               related_name="permintaan_laporan")
    tim = models.ForeignKey(TimKerja, verbose_name=_("tim kerja"), null=True, blank=True,
                            on_delete=models.PROTECT, related_name="permintaan_laporan")
    target = models.ForeignKey(TargetJabatan, verbose_name=_("target"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="permintaan_laporan")
    uraian = models.TextField(_("yang diminta"))
    tenggat = models.DateField(_("tenggat"))
    status = FSMField(_("status"), max_length=20, choices=StatusPermintaan.choices,
                      default=StatusPermintaan.TERBUKA, protected=True)

    class Meta:
        verbose_name = _("permintaan laporan")
        verbose_name_plural = _("permintaan laporan")
        ordering = ["tenggat", "id"]
        indexes = [models.Index(fields=["kepada", "status", "tenggat"], name="permintaan_kepada_idx")]

    def __str__(self) -> str:
        return f"Permintaan laporan kepada {self.kepada.nama} ({self.tenggat:%d-%m-%Y})"

    @transition(field=status, source=StatusPermintaan.TERBUKA, target=StatusPermintaan.DIJAWAB)
    def jawab(self) -> None:
        pass

    @transition(field=status, source=StatusPermintaan.TERBUKA, target=StatusPermintaan.DIBATALKAN)
    def batalkan(self) -> None:
        pass


class StatusKendala(models.TextChoices):
    DIAJUKAN = "diajukan", _("Diajukan")
    DIPUTUSKAN = "diputuskan", _("Diputuskan")
    DITERUSKAN = "diteruskan", _("Diteruskan")
    DITINDAKLANJUTI = "ditindaklanjuti", _("Ditindaklanjuti")
    DITUTUP = "ditutup", _("Ditutup")


class CakupanKendala(models.TextChoices):
    """Where a kendala reaches (DOMAIN §4.2 step 9): the owning unit only, other units of the
    Instansi, other Perangkat Daerah, or other agencies (the members' own placements)."""

    DALAM_UNIT = "dalam_unit", _("Dalam unit")
    LINTAS_UNIT = "lintas_unit", _("Lintas unit")
    LINTAS_PD = "lintas_pd", _("Lintas Perangkat Daerah")
    LINTAS_INSTANSI = "lintas_instansi", _("Lintas instansi")


class Kendala(FsmReloadMixin, TimestampedModel):
    """A problem raised by a team or individual with alternative recommendations (§4.2 step 9)."""

    diajukan_oleh = models.ForeignKey(Pegawai, verbose_name=_("diajukan oleh"), on_delete=models.PROTECT,
                                      related_name="kendala_diajukan")
    tim = models.ForeignKey(TimKerja, verbose_name=_("tim kerja"), null=True, blank=True,
                            on_delete=models.PROTECT, related_name="kendala")
    penugasan = models.ForeignKey(Penugasan, verbose_name=_("penugasan"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="kendala")
    target = models.ForeignKey(TargetJabatan, verbose_name=_("target"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="kendala")
    uraian = models.TextField(_("uraian kendala"))
    cakupan = models.CharField(_("cakupan"), max_length=20, choices=CakupanKendala.choices,
                               default=CakupanKendala.DALAM_UNIT)
    jabatan_penentu = models.ForeignKey(Jabatan, verbose_name=_("jabatan yang memutuskan"), null=True,
                                        blank=True, on_delete=models.PROTECT, related_name="kendala_menunggu")
    penerima_jabatan = models.ManyToManyField(Jabatan, verbose_name=_("disampaikan kepada"), blank=True,
                                              related_name="kendala_diterima")
    status = FSMField(_("status"), max_length=20, choices=StatusKendala.choices, default=StatusKendala.DIAJUKAN,
                      protected=True)
    opsi_dipilih = models.ForeignKey("OpsiKendala", verbose_name=_("opsi dipilih"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    keputusan_lain = models.TextField(_("keputusan lain"), blank=True)
    catatan_keputusan = models.TextField(_("catatan keputusan"), blank=True)
    diputuskan_oleh = models.ForeignKey(Pegawai, verbose_name=_("diputuskan oleh"), null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    diputuskan_pada = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    permohonan = models.ForeignKey(PermohonanPenugasan, verbose_name=_("permohonan yang dibuka"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="kendala")

    class Meta:
        verbose_name = _("kendala")
        verbose_name_plural = _("kendala")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["jabatan_penentu", "status"], name="kendala_penentu_idx")]

    def __str__(self) -> str:
        return self.uraian[:80]

    @transition(field=status, source=[StatusKendala.DIAJUKAN, StatusKendala.DITERUSKAN],
                target=StatusKendala.DIPUTUSKAN)
    def putuskan(self) -> None:
        pass

    @transition(field=status, source=[StatusKendala.DIAJUKAN, StatusKendala.DITERUSKAN],
                target=StatusKendala.DITERUSKAN)
    def teruskan(self) -> None:
        pass

    @transition(field=status, source=StatusKendala.DIPUTUSKAN, target=StatusKendala.DITINDAKLANJUTI)
    def tindaklanjuti(self) -> None:
        pass

    @transition(field=status, source=[StatusKendala.DIPUTUSKAN, StatusKendala.DITINDAKLANJUTI],
                target=StatusKendala.DITUTUP)
    def tutup(self) -> None:
        pass


class OpsiKendala(TimestampedModel):
    kendala = models.ForeignKey(Kendala, verbose_name=_("kendala"), on_delete=models.CASCADE, related_name="opsi")
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    uraian = models.TextField(_("alternatif rekomendasi"))
    butuh_pegawai_lain = models.BooleanField(
        _("membutuhkan pegawai dari unit lain"), default=False,
        help_text=_("bila dipilih, membuka permohonan penunjukan yang sudah terisi"),
    )

    class Meta:
        verbose_name = _("opsi kendala")
        verbose_name_plural = _("opsi kendala")
        ordering = ["kendala", "urutan"]
        constraints = [models.UniqueConstraint(fields=["kendala", "urutan"], name="opsi_kendala_urutan_unik")]

    def __str__(self) -> str:
        return self.uraian[:80]


class RiwayatKendala(AppendOnlyModel):
    kendala = models.ForeignKey(Kendala, verbose_name=_("kendala"), on_delete=models.PROTECT,
                                related_name="riwayat")
    aksi = models.CharField(_("aksi"), max_length=30)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("pengguna"), on_delete=models.PROTECT,
                              related_name="+")
    jabatan = models.ForeignKey(Jabatan, verbose_name=_("bertindak untuk jabatan"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    sebagai = models.CharField(_("sebagai"), max_length=10, choices=JenisPemangku.choices, blank=True)
    status_dari = models.CharField(_("status semula"), max_length=20)
    status_ke = models.CharField(_("status menjadi"), max_length=20)
    catatan = models.TextField(_("catatan"), blank=True)
    waktu = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat kendala")
        verbose_name_plural = _("riwayat kendala")
        ordering = ["kendala", "waktu", "id"]


class StatusPenyerahan(models.TextChoices):
    DITINJAU = "ditinjau", _("Dalam peninjauan")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan untuk diperbaiki")
    DITERIMA = "diterima", _("Diterima")


class PenyerahanHasil(FsmReloadMixin, TimestampedModel):
    """Results handed in for a target, walking the review chain of the region and unit kind
    (``AturanKinerja.rantai_evaluasi``, copied into ``langkah_rantai`` on hand-in, each step a
    role resolved to a position on the decision date; ``langkah_ke`` is the step awaiting)."""

    target = models.ForeignKey(TargetJabatan, verbose_name=_("target"), on_delete=models.PROTECT,
                               related_name="penyerahan_hasil")
    tim = models.ForeignKey(TimKerja, verbose_name=_("tim kerja"), null=True, blank=True,
                            on_delete=models.PROTECT, related_name="penyerahan_hasil")
    penugasan = models.ForeignKey(Penugasan, verbose_name=_("penugasan individu"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="penyerahan_hasil")
    diserahkan_oleh = models.ForeignKey(Pegawai, verbose_name=_("diserahkan oleh"), on_delete=models.PROTECT,
                                        related_name="+")
    uraian_hasil = models.TextField(_("uraian hasil"))
    realisasi = models.DecimalField(_("realisasi"), null=True, blank=True, **ANGKA)
    realisasi_anggota = models.JSONField(
        _("realisasi per anggota (baris matriks)"), default=dict, blank=True,
        help_text=_("{id baris matriks: realisasi}; ditulis ke matriks saat hasil diterima"))
    putaran = models.PositiveSmallIntegerField(_("putaran penyerahan"), default=1)
    langkah_rantai = models.JSONField(_("rantai peninjauan"), default=list, blank=True)
    langkah_ke = models.PositiveSmallIntegerField(_("langkah ke"), default=0)
    jabatan_penentu = models.ForeignKey(Jabatan, verbose_name=_("jabatan peninjau saat ini"), null=True,
                                        blank=True, on_delete=models.PROTECT, related_name="penyerahan_menunggu")
    pegawai_penentu = models.ForeignKey(Pegawai, verbose_name=_("peninjau saat ini (penanggung jawab)"), null=True,
                                        blank=True, on_delete=models.PROTECT, related_name="penyerahan_menunggu",
                                        help_text=_("langkah yang diputuskan seorang pegawai, bukan jabatan"))
    status = FSMField(_("status"), max_length=20, choices=StatusPenyerahan.choices,
                      default=StatusPenyerahan.DITINJAU, protected=True)
    alasan_pengembalian = models.TextField(_("alasan pengembalian"), blank=True)
    diterima_pada = models.DateTimeField(_("diterima pada"), null=True, blank=True)
    surat_berita_acara_id = models.PositiveBigIntegerField(_("Berita Acara Penerimaan Hasil (id surat)"),
                                                           null=True, blank=True)

    class Meta:
        verbose_name = _("penyerahan hasil")
        verbose_name_plural = _("penyerahan hasil")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["jabatan_penentu", "status"], name="penyerahan_penentu_idx")]

    def __str__(self) -> str:
        return f"Hasil {self.target} ({self.get_status_display()})"

    def masih_ada_langkah(self) -> bool:
        return self.langkah_ke < len(self.langkah_rantai) - 1

    def langkah_terakhir(self) -> bool:
        return self.langkah_ke >= len(self.langkah_rantai) - 1

    @transition(field=status, source=StatusPenyerahan.DITINJAU, target=StatusPenyerahan.DITINJAU,
                conditions=[masih_ada_langkah])
    def teruskan(self) -> None:
        self.langkah_ke += 1

    @transition(field=status, source=StatusPenyerahan.DITINJAU, target=StatusPenyerahan.DITERIMA,
                conditions=[langkah_terakhir])
    def terima(self) -> None:
        pass

    @transition(field=status, source=StatusPenyerahan.DITINJAU, target=StatusPenyerahan.DIKEMBALIKAN)
    def kembalikan(self) -> None:
        pass

    @transition(field=status, source=StatusPenyerahan.DIKEMBALIKAN, target=StatusPenyerahan.DITINJAU)
    def serahkan_ulang(self) -> None:
        self.langkah_ke = 0
        self.putaran += 1


class AksiPenyerahan(models.TextChoices):
    SERAHKAN = "serahkan", _("Diserahkan")
    TERUSKAN = "teruskan", _("Ditinjau dan diteruskan")
    KEMBALIKAN = "kembalikan", _("Dikembalikan untuk diperbaiki")
    PERBAIKI = "perbaiki", _("Diperbaiki oleh peninjau")
    TERIMA = "terima", _("Diterima")


class LangkahPenyerahan(AppendOnlyModel):
    penyerahan = models.ForeignKey(PenyerahanHasil, verbose_name=_("penyerahan"), on_delete=models.PROTECT,
                                   related_name="riwayat")
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    putaran = models.PositiveSmallIntegerField(_("putaran"), default=1)
    peran = models.CharField(_("peran"), max_length=40, blank=True)
    aksi = models.CharField(_("aksi"), max_length=20, choices=AksiPenyerahan.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("pengguna"), on_delete=models.PROTECT,
                              related_name="+")
    jabatan = models.ForeignKey(Jabatan, verbose_name=_("jabatan"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    sebagai = models.CharField(_("sebagai"), max_length=10, choices=JenisPemangku.choices, blank=True)
    nama_pegawai = models.CharField(_("nama"), max_length=250, blank=True)
    alasan = models.TextField(_("alasan/catatan"), blank=True)
    waktu = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("langkah penyerahan hasil")
        verbose_name_plural = _("langkah penyerahan hasil")
        ordering = ["penyerahan", "urutan"]
        constraints = [models.UniqueConstraint(fields=["penyerahan", "urutan"], name="langkah_penyerahan_unik")]
