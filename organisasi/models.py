"""Organisation of a Pemda after bureaucratic simplification (DOMAIN.md §1, §5).

Authority follows the *position* (Jabatan): who may decide is resolved through
``selectors.pejabat_pada`` from holder history (PemangkuJabatan), including
Plt/Plh acting appointments. Regional differences live on Instansi as data.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from tree_queries.models import TreeNode

from inti.models import TimestampedModel

from .nip import validate_nip


# --------------------------------------------------------------------------- Instansi


class JenisInstansi(models.TextChoices):
    KABUPATEN = "kabupaten", _("Pemerintah Kabupaten")
    KOTA = "kota", _("Pemerintah Kota")
    PROVINSI = "provinsi", _("Pemerintah Provinsi")
    PUSAT = "pusat", _("Instansi Pusat")


class Preset(models.TextChoices):
    BELU = "belu", _("Perbup Belu 47/2024")
    BUNGO = "bungo", _("Perbup Bungo 15/2024")
    INDRAGIRI_HILIR = "indragiri_hilir", _("Perbup Indragiri Hilir 1/2024")
    KOTABARU = "kotabaru", _("Perbup Kotabaru 68/2024")
    PASURUAN = "pasuruan", _("Perwali Pasuruan 41/2023")
    KUSTOM = "kustom", _("Disesuaikan")


class Penandatangan(models.TextChoices):
    """Who signs a surat penugasan (resolved to a position at issue time)."""

    PPK = "ppk", _("Pejabat Penilai Kinerja")
    PIMPINAN_UNIT = "pimpinan_unit", _("Pimpinan Unit Organisasi")
    KEPALA_PD = "kepala_pd", _("Kepala Perangkat Daerah")
    SEKDA = "sekda", _("Sekretaris Daerah")
    KEPALA_DAERAH = "kepala_daerah", _("Bupati/Walikota (Pejabat yang Berwenang)")


class UrutanSukarela(models.TextChoices):
    """The order of the two approvals of a sukarela request across units: a parameter of the
    route builder (``organisasi.presets.langkah_rute``), not a setting; a region's order is in
    its ``langkah_rute``."""

    TUJUAN_DULU = "tujuan_dulu", _("Unit tujuan lebih dahulu, lalu PPK sendiri (Belu, Indragiri Hilir)")
    ASAL_DULU = "asal_dulu", _("PPK/Pimpinan sendiri lebih dahulu, lalu unit tujuan (Bungo, Pasuruan)")


class KetuaDariUnitPemilik(models.TextChoices):
    """Whether a team's ketua must come from the unit that owns the work (DOMAIN §2.8)."""

    WAJIB = "wajib", _("Wajib (ditolak bila dari luar unit pemilik)")
    DIUTAMAKAN = "diutamakan", _("Diutamakan (peringatan bila dari luar unit pemilik)")


class JenisSurat(models.TextChoices):
    SURAT_TUGAS = "surat_tugas", _("Surat Tugas")
    SURAT_PERINTAH = "surat_perintah", _("Surat Perintah")


class TujuanLaporan(models.TextChoices):
    PIMPINAN_UNIT = "pimpinan_unit", _("Pimpinan Unit Organisasi")
    PPK = "ppk", _("Pejabat Penilai Kinerja")
    ATASAN_LANGSUNG = "atasan_langsung", _("Atasan langsung atau Pimpinan Unit Organisasi")


class Instansi(TimestampedModel):
    """A government (Pemerintah Kabupaten/Kota/Provinsi) with its regional rule settings."""

    kode = models.SlugField(_("kode"), max_length=40, unique=True)
    nama = models.CharField(_("nama"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisInstansi.choices, default=JenisInstansi.KABUPATEN)
    nama_daerah = models.CharField(_("nama daerah"), max_length=120, help_text=_("mis. Kabupaten Kotabaru"))
    ibu_kota = models.CharField(_("ibu kota"), max_length=120, blank=True, help_text=_("tempat penandatanganan surat"))
    jabatan_pyb = models.ForeignKey(
        "Jabatan", verbose_name=_("jabatan Pejabat yang Berwenang"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Bupati/Walikota, atau Sekda bila didelegasikan"),
    )
    jabatan_sekda = models.ForeignKey(
        "Jabatan", verbose_name=_("jabatan Sekretaris Daerah"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    # ---- regional settings (DOMAIN.md §5); filled from a preset, adjustable by an admin
    preset = models.CharField(_("preset peraturan"), max_length=20, choices=Preset.choices, default=Preset.KUSTOM)
    dasar_hukum = models.CharField(
        _("dasar hukum"), max_length=300, blank=True,
        help_text=_("dikutip pada bagian 'Dasar' surat, mis. Peraturan Bupati Kotabaru Nomor 68 Tahun 2024"),
    )
    label_lintas_instansi = models.CharField(
        _("nama cakupan terluas"), max_length=80, default="lintas Instansi Pemerintah",
        help_text=_("'lintas Instansi Pemerintah' atau 'lintas Perangkat Daerah'"),
    )
    lintas_perangkat_daerah_aktif = models.BooleanField(
        _("rute lintas Perangkat Daerah"), default=False,
        help_text=_("penunjukan lintas Perangkat Daerah dalam satu Pemda sebagai cakupan tersendiri"),
    )
    lintas_instansi_aktif = models.BooleanField(_("rute lintas Instansi"), default=True)
    sukarela_lintas_pd_aktif = models.BooleanField(
        _("pengajuan sukarela lintas Perangkat Daerah"), default=True,
        help_text=_("pegawai boleh mengajukan diri ke unit pada Perangkat Daerah lain (tidak di Indragiri Hilir)"),
    )
    penandatangan_dalam_unit = models.CharField(
        _("penandatangan surat dalam unit"), max_length=20, choices=Penandatangan.choices,
        default=Penandatangan.PIMPINAN_UNIT,
    )
    penandatangan_lintas_unit = models.CharField(
        _("penandatangan surat lintas unit"), max_length=20, choices=Penandatangan.choices,
        default=Penandatangan.PIMPINAN_UNIT,
    )
    penandatangan_lintas_pd = models.CharField(
        _("penandatangan surat lintas Perangkat Daerah/Instansi"), max_length=20, choices=Penandatangan.choices,
        default=Penandatangan.PIMPINAN_UNIT,
    )
    penetap_tim_lintas_pd = models.CharField(
        _("penetap Keputusan Tim lintas Perangkat Daerah"), max_length=20, choices=Penandatangan.choices,
        default=Penandatangan.KEPALA_PD,
    )
    ketua_tim_jenis_jabatan = models.JSONField(
        _("jenis jabatan yang boleh menjadi ketua tim"), default=list, blank=True,
        help_text=_("daftar nilai JenisJabatan, mis. [\"fungsional\", \"pelaksana\"]"),
    )
    ketua_tim_pengawas_jika_dua_level = models.BooleanField(
        _("Pengawas memimpin tim pada unit dua level"), default=False,
    )
    ketua_tim_dari_unit_pemilik = models.CharField(
        _("ketua tim dari unit pemilik kinerja"), max_length=20, choices=KetuaDariUnitPemilik.choices,
        default=KetuaDariUnitPemilik.DIUTAMAKAN,
    )
    penanggung_jawab_tim_aktif = models.BooleanField(_("peran penanggung jawab tim"), default=False)
    aturan_kedudukan = models.JSONField(
        _("aturan kedudukan menurut jenjang"), default=dict, blank=True,
        help_text=_("jenjang JF/Pelaksana → jabatan PPK yang boleh, dengan pasal peraturannya; kosong = bebas "
                    "(lihat organisasi/kedudukan.py); diisi dari preset"),
    )
    jenis_surat_penugasan = models.CharField(
        _("jenis surat penugasan"), max_length=20, choices=JenisSurat.choices, default=JenisSurat.SURAT_TUGAS,
    )
    laporan_individu_ke = models.CharField(
        _("laporan kinerja individu disampaikan kepada"), max_length=20, choices=TujuanLaporan.choices,
        default=TujuanLaporan.PIMPINAN_UNIT,
    )
    langkah_rute = models.JSONField(
        _("langkah setiap rute"), default=dict, blank=True,
        help_text=_("urutan langkah per rute penugasan; diisi dari preset"),
    )
    batas_beban_kerja = models.PositiveSmallIntegerField(
        _("batas beban kerja"), default=5, help_text=_("jumlah penugasan aktif sebelum diberi peringatan"),
    )
    hari_pengingat = models.PositiveSmallIntegerField(
        _("pengingat keputusan setelah (hari)"), default=3,
    )
    kode_klasifikasi_surat = models.CharField(_("kode klasifikasi surat kepegawaian"), max_length=20, default="800")
    format_nomor_surat = models.CharField(
        _("format nomor surat"), max_length=120, default="800/{nomor}/{kode_unit}/{tahun}",
        help_text=_("penanda: {kode}, {nomor}, {kode_unit}, {tahun}, {bulan_romawi}"),
    )

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["nama"]
        permissions = [("kelola_instansi", _("Mengelola seluruh organisasi instansi"))]

    def __str__(self) -> str:
        return self.nama


# --------------------------------------------------------------------------- Perangkat Daerah & unit tree


class JenisPerangkatDaerah(models.TextChoices):
    SEKRETARIAT_DAERAH = "sekretariat_daerah", _("Sekretariat Daerah")
    SEKRETARIAT_DPRD = "sekretariat_dprd", _("Sekretariat DPRD")
    INSPEKTORAT = "inspektorat", _("Inspektorat")
    DINAS = "dinas", _("Dinas")
    BADAN = "badan", _("Badan")
    SATPOL_PP = "satpol_pp", _("Satuan Polisi Pamong Praja")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan")
    RSUD = "rsud", _("Rumah Sakit Umum Daerah")
    UPTD = "uptd", _("Unit Pelaksana Teknis Daerah")
    PUSKESMAS = "puskesmas", _("UPTD Puskesmas")
    SATUAN_PENDIDIKAN = "satuan_pendidikan", _("Satuan Pendidikan")
    SKB = "skb", _("Sanggar Kegiatan Belajar")


class PerangkatDaerah(TimestampedModel):
    """A Perangkat Daerah (PD) with its letterhead data."""

    instansi = models.ForeignKey(Instansi, verbose_name=_("instansi"), on_delete=models.PROTECT,
                                 related_name="perangkat_daerah")
    kode = models.CharField(_("kode"), max_length=40)
    nama = models.CharField(_("nama"), max_length=200)
    singkatan = models.CharField(_("singkatan"), max_length=40, blank=True)
    jenis = models.CharField(_("jenis"), max_length=30, choices=JenisPerangkatDaerah.choices)
    induk = models.ForeignKey(
        "self", verbose_name=_("perangkat daerah induk"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="turunan", help_text=_("mis. Dinas Kesehatan untuk UPTD Puskesmas, Kecamatan untuk Kelurahan"),
    )
    label_model = models.CharField(_("label model"), max_length=40, blank=True, help_text=_("mis. Model III"))
    # letterhead (kop surat)
    alamat = models.CharField(_("alamat"), max_length=300, blank=True)
    kota = models.CharField(_("kota/tempat"), max_length=120, blank=True)
    kode_pos = models.CharField(_("kode pos"), max_length=10, blank=True)
    telepon = models.CharField(_("telepon"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.CharField(_("laman"), max_length=120, blank=True)
    logo = models.ImageField(_("logo"), upload_to="logo/", blank=True)
    kode_unit_surat = models.CharField(
        _("kode unit pada nomor surat"), max_length=40, blank=True, help_text=_("mis. 423.6"),
    )

    class Meta:
        verbose_name = _("perangkat daerah")
        verbose_name_plural = _("perangkat daerah")
        ordering = ["instansi", "nama"]
        constraints = [models.UniqueConstraint(fields=["instansi", "kode"], name="pd_kode_unik_per_instansi")]
        permissions = [("kelola_perangkatdaerah", _("Mengelola organisasi perangkat daerah"))]

    def __str__(self) -> str:
        return self.nama


class PerangkatDaerahUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE)


class PerangkatDaerahGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE)


class InstansiUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Instansi, on_delete=models.CASCADE)


class InstansiGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Instansi, on_delete=models.CASCADE)


class JenisUnit(models.TextChoices):
    PIMPINAN = "pimpinan", _("Pimpinan Perangkat Daerah")
    SEKRETARIAT = "sekretariat", _("Sekretariat")
    BIDANG = "bidang", _("Bidang")
    BAGIAN = "bagian", _("Bagian")
    ASISTEN = "asisten", _("Asisten")
    INSPEKTUR_PEMBANTU = "inspektur_pembantu", _("Inspektur Pembantu")
    SUBBAGIAN = "subbagian", _("Subbagian")
    SEKSI = "seksi", _("Seksi")
    SUBBIDANG = "subbidang", _("Subbidang")
    UNIT = "unit", _("Unit Kerja")


class UnitOrganisasi(TreeNode, TimestampedModel):
    """A node of the unit tree inside a PD. The root node is the PD's own leadership (Level 1).

    Subtree queries go through django-tree-queries (recursive CTE), never Python recursion.
    The structural level is the depth in the tree + 1 (``level`` property / ``tree_depth``).
    """

    instansi = models.ForeignKey(Instansi, verbose_name=_("instansi"), on_delete=models.PROTECT,
                                 related_name="unit_organisasi")
    perangkat_daerah = models.ForeignKey(PerangkatDaerah, verbose_name=_("perangkat daerah"),
                                         on_delete=models.PROTECT, related_name="unit_organisasi")
    kode = models.CharField(_("kode"), max_length=40)
    nama = models.CharField(_("nama"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=30, choices=JenisUnit.choices, default=JenisUnit.UNIT)
    jabatan_pimpinan = models.ForeignKey(
        "Jabatan", verbose_name=_("jabatan Pimpinan Unit Organisasi"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("pemberi penugasan bagi JF/Pelaksana unit ini; kosong = kepala unit"),
    )
    jabatan_ppk = models.ForeignKey(
        "Jabatan", verbose_name=_("jabatan Pejabat Penilai Kinerja"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("penilai kinerja JF/Pelaksana unit ini; kosong = kepala unit"),
    )

    class Meta:
        verbose_name = _("unit organisasi")
        verbose_name_plural = _("unit organisasi")
        ordering = ["kode"]
        constraints = [models.UniqueConstraint(fields=["instansi", "kode"], name="unit_kode_unik_per_instansi")]

    def __str__(self) -> str:
        return self.nama

    @property
    def level(self) -> int | None:
        depth = getattr(self, "tree_depth", None)
        return None if depth is None else depth + 1


# --------------------------------------------------------------------------- Jabatan


class JenisJabatan(models.TextChoices):
    JPT_PRATAMA = "jpt_pratama", _("JPT Pratama")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Pengawas")
    FUNGSIONAL = "fungsional", _("Jabatan Fungsional")
    PELAKSANA = "pelaksana", _("Pelaksana")
    KEPALA_DAERAH = "kepala_daerah", _("Kepala Daerah")


STRUKTURAL = (JenisJabatan.JPT_PRATAMA, JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS)


def kursi_tunggal(*, jenis: str, kepala_unit: bool) -> bool:
    """A single-seat position: structural, heading a unit, or the Kepala Daerah. It has at most one
    definitive holder (and one Plt/Plh of each kind) at a time, and only it may have a Plt/Plh.
    The one rule, used by the services and the org-chart import (which checks unsaved rows)."""
    return jenis in STRUKTURAL or bool(kepala_unit) or jenis == JenisJabatan.KEPALA_DAERAH


class KategoriJF(models.TextChoices):
    KEAHLIAN = "keahlian", _("Keahlian")
    KETERAMPILAN = "keterampilan", _("Keterampilan")


class Jenjang(models.TextChoices):
    PEMULA = "pemula", _("Pemula")
    TERAMPIL = "terampil", _("Terampil")
    MAHIR = "mahir", _("Mahir")
    PENYELIA = "penyelia", _("Penyelia")
    AHLI_PERTAMA = "ahli_pertama", _("Ahli Pertama")
    AHLI_MUDA = "ahli_muda", _("Ahli Muda")
    AHLI_MADYA = "ahli_madya", _("Ahli Madya")
    AHLI_UTAMA = "ahli_utama", _("Ahli Utama")


JENJANG_KATEGORI = {
    Jenjang.PEMULA: KategoriJF.KETERAMPILAN, Jenjang.TERAMPIL: KategoriJF.KETERAMPILAN,
    Jenjang.MAHIR: KategoriJF.KETERAMPILAN, Jenjang.PENYELIA: KategoriJF.KETERAMPILAN,
    Jenjang.AHLI_PERTAMA: KategoriJF.KEAHLIAN, Jenjang.AHLI_MUDA: KategoriJF.KEAHLIAN,
    Jenjang.AHLI_MADYA: KategoriJF.KEAHLIAN, Jenjang.AHLI_UTAMA: KategoriJF.KEAHLIAN,
}

# Rank for comparing jenjang across categories, by the pangkat range each jenjang spans
# (Pemula II/a; Terampil II/b–II/d; Mahir and Ahli Pertama III/a–III/b; Penyelia and
# Ahli Muda III/c–III/d; Ahli Madya IV/a–IV/c; Ahli Utama IV/d–IV/e).
PERINGKAT_JENJANG = {
    Jenjang.PEMULA: 1, Jenjang.TERAMPIL: 2, Jenjang.MAHIR: 3, Jenjang.AHLI_PERTAMA: 3,
    Jenjang.PENYELIA: 4, Jenjang.AHLI_MUDA: 4, Jenjang.AHLI_MADYA: 5, Jenjang.AHLI_UTAMA: 6,
}


class Jabatan(TimestampedModel):
    """A position (seat). Structural positions have one holder at a time; a JF/Pelaksana
    position is a formation that several pegawai may hold."""

    instansi = models.ForeignKey(Instansi, verbose_name=_("instansi"), on_delete=models.PROTECT,
                                 related_name="jabatan")
    unit = models.ForeignKey(UnitOrganisasi, verbose_name=_("unit organisasi"), on_delete=models.PROTECT,
                             related_name="jabatan", null=True, blank=True,
                             help_text=_("kosong hanya untuk Kepala Daerah"))
    kode = models.CharField(_("kode"), max_length=60)
    nama = models.CharField(_("nama jabatan"), max_length=200)
    jenis = models.CharField(_("jenis jabatan"), max_length=20, choices=JenisJabatan.choices)
    kepala_unit = models.BooleanField(_("kepala unit"), default=False,
                                      help_text=_("jabatan yang memimpin unitnya"))
    nama_jf = models.CharField(_("nama jabatan fungsional"), max_length=120, blank=True,
                               help_text=_("mis. Perencana, Analis Kebijakan"))
    kategori_jf = models.CharField(_("kategori JF"), max_length=20, choices=KategoriJF.choices, blank=True)
    jenjang = models.CharField(_("jenjang"), max_length=20, choices=Jenjang.choices, blank=True)

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["kode"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "kode"], name="jabatan_kode_unik_per_instansi"),
            models.UniqueConstraint(fields=["unit"], condition=Q(kepala_unit=True), name="satu_kepala_per_unit"),
            models.CheckConstraint(
                condition=Q(jenis=JenisJabatan.FUNGSIONAL, jenjang__gt="") | ~Q(jenis=JenisJabatan.FUNGSIONAL),
                name="jf_wajib_jenjang",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def struktural(self) -> bool:
        return self.jenis in STRUKTURAL

    @property
    def kursi_tunggal(self) -> bool:
        return kursi_tunggal(jenis=self.jenis, kepala_unit=self.kepala_unit)


# --------------------------------------------------------------------------- Pegawai


class JenisASN(models.TextChoices):
    PNS = "pns", _("PNS")
    PPPK = "pppk", _("PPPK")


class Kompetensi(models.Model):
    nama = models.CharField(_("nama"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("kompetensi")
        verbose_name_plural = _("kompetensi")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama


class Pegawai(TimestampedModel):
    """An ASN (PNS or PPPK)."""

    instansi = models.ForeignKey(Instansi, verbose_name=_("instansi"), on_delete=models.PROTECT,
                                 related_name="pegawai")
    nip = models.CharField(_("NIP"), max_length=18, unique=True, validators=[validate_nip])
    nama = models.CharField(_("nama"), max_length=200)
    gelar_depan = models.CharField(_("gelar depan"), max_length=40, blank=True)
    gelar_belakang = models.CharField(_("gelar belakang"), max_length=60, blank=True)
    jenis_asn = models.CharField(_("jenis ASN"), max_length=10, choices=JenisASN.choices, default=JenisASN.PNS)
    pangkat = models.CharField(_("pangkat"), max_length=60, blank=True)
    golongan = models.CharField(_("golongan/ruang"), max_length=10, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    kompetensi = models.ManyToManyField(Kompetensi, verbose_name=_("kompetensi"), blank=True,
                                        related_name="pegawai")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("akun"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="pegawai")
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["nama"]
        indexes = [models.Index(fields=["instansi", "nama"])]

    def __str__(self) -> str:
        return f"{self.nama_lengkap} ({self.nip})"

    @property
    def nama_lengkap(self) -> str:
        return self.susun_nama_lengkap(self.nama, self.gelar_depan, self.gelar_belakang)

    @staticmethod
    def susun_nama_lengkap(nama: str, gelar_depan: str = "", gelar_belakang: str = "") -> str:
        """The name with degrees (also for reads that fetch columns, not instances)."""
        nama = f"{gelar_depan} {nama}".strip() if gelar_depan else nama
        return f"{nama}, {gelar_belakang}" if gelar_belakang else nama

    @property
    def pangkat_golongan(self) -> str:
        if self.pangkat and self.golongan:
            return f"{self.pangkat} ({self.golongan})"
        return self.pangkat or self.golongan


class JenisPemangku(models.TextChoices):
    DEFINITIF = "definitif", _("Definitif")
    PLT = "plt", _("Pelaksana Tugas (Plt.)")
    PLH = "plh", _("Pelaksana Harian (Plh.)")


class PemangkuJabatan(TimestampedModel):
    """Holder history of a position, including Plt/Plh acting appointments with date ranges."""

    jabatan = models.ForeignKey(Jabatan, verbose_name=_("jabatan"), on_delete=models.PROTECT,
                                related_name="pemangku")
    pegawai = models.ForeignKey(Pegawai, verbose_name=_("pegawai"), on_delete=models.PROTECT,
                                related_name="riwayat_jabatan")
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisPemangku.choices,
                             default=JenisPemangku.DEFINITIF)
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"), null=True, blank=True)
    nomor_sk = models.CharField(_("nomor SK"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("pemangku jabatan")
        verbose_name_plural = _("pemangku jabatan")
        ordering = ["-mulai"]
        indexes = [
            models.Index(fields=["jabatan", "jenis", "mulai"]),
            models.Index(fields=["pegawai", "jenis", "mulai"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(selesai__isnull=True) | Q(selesai__gte=models.F("mulai")),
                                   name="pemangku_selesai_setelah_mulai"),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.jabatan}: {self.pegawai.nama}"


class Kedudukan(TimestampedModel):
    """Placement of a JF/Pelaksana under a Pejabat Penilai Kinerja (by position), set by the
    Pejabat Pembina Kepegawaian. The Pimpinan Unit may differ from the PPK (Belu's 8 patterns)."""

    pegawai = models.ForeignKey(Pegawai, verbose_name=_("pegawai"), on_delete=models.PROTECT,
                                related_name="kedudukan")
    jabatan_ppk = models.ForeignKey(Jabatan, verbose_name=_("jabatan Pejabat Penilai Kinerja"),
                                    on_delete=models.PROTECT, related_name="kedudukan_dinilai")
    jabatan_pimpinan = models.ForeignKey(
        Jabatan, verbose_name=_("jabatan Pimpinan Unit Organisasi"), on_delete=models.PROTECT,
        related_name="kedudukan_dipimpin", null=True, blank=True, help_text=_("kosong = sama dengan PPK"),
    )
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("kedudukan")
        verbose_name_plural = _("kedudukan")
        ordering = ["-mulai"]
        indexes = [models.Index(fields=["pegawai", "mulai"])]
        constraints = [
            models.CheckConstraint(condition=Q(selesai__isnull=True) | Q(selesai__gte=models.F("mulai")),
                                   name="kedudukan_selesai_setelah_mulai"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai.nama} → {self.jabatan_ppk}"


# --------------------------------------------------------------------------- org-chart import jobs


class StatusImpor(models.TextChoices):
    DIPERIKSA = "diperiksa", _("Diperiksa (uji coba)")
    GAGAL_VALIDASI = "gagal_validasi", _("Ada baris yang salah")
    SIAP = "siap", _("Siap diterapkan")
    DIPROSES = "diproses", _("Sedang diterapkan")
    SELESAI = "selesai", _("Selesai")
    GAGAL = "gagal", _("Gagal")


class ImporBagan(TimestampedModel):
    """One upload of an org-chart file: dry run, then an all-or-nothing commit."""

    instansi = models.ForeignKey(Instansi, verbose_name=_("instansi"), on_delete=models.CASCADE,
                                 related_name="impor")
    diunggah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("diunggah oleh"),
                                      on_delete=models.PROTECT, related_name="+")
    berkas = models.FileField(_("berkas"), upload_to="impor/")
    nama_berkas = models.CharField(_("nama berkas"), max_length=255)
    status = models.CharField(_("status"), max_length=20, choices=StatusImpor.choices,
                              default=StatusImpor.DIPERIKSA)
    total_baris = models.PositiveIntegerField(_("jumlah baris"), default=0)
    baris_diproses = models.PositiveIntegerField(_("baris diproses"), default=0)
    ringkasan = models.JSONField(_("ringkasan"), default=dict, blank=True)
    kesalahan = models.JSONField(_("kesalahan"), default=list, blank=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    # the job row is its own outbox: confirmed jobs not yet started are re-queued by the sweep
    antre_pada = models.DateTimeField(_("diantrekan pada"), null=True, blank=True)
    dimulai_pada = models.DateTimeField(_("mulai diterapkan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("impor bagan organisasi")
        verbose_name_plural = _("impor bagan organisasi")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.nama_berkas} ({self.get_status_display()})"

    @property
    def persen(self) -> int:
        return int(100 * self.baris_diproses / self.total_baris) if self.total_baris else 0


# --------------------------------------------------------------------------- auditor scope


class LingkupAuditor(TimestampedModel):
    """One Instansi an auditor (member of the group "Auditor") may read.

    An auditor reads only the Instansi listed here (an Inspektorat its own Pemda); an auditor
    without any row reads nothing. Granted and withdrawn in the Django admin by a superuser."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("auditor"), on_delete=models.CASCADE,
                             related_name="lingkup_auditor")
    instansi = models.ForeignKey(Instansi, verbose_name=_("instansi"), on_delete=models.CASCADE,
                                 related_name="lingkup_auditor")
    keterangan = models.CharField(_("keterangan"), max_length=200, blank=True,
                                  help_text=_("mis. Inspektorat Daerah, BPK Perwakilan Provinsi"))

    class Meta:
        verbose_name = _("lingkup auditor")
        verbose_name_plural = _("lingkup auditor")
        constraints = [models.UniqueConstraint(fields=["user", "instansi"], name="lingkup_auditor_unik")]

    def __str__(self) -> str:
        return f"{self.user} → {self.instansi}"


from .models_aturan import FIELD_ATURAN, AturanInstansi  # noqa: E402,F401  (dated rule sets, DOMAIN §9)
