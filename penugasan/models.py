"""Assignment of JF and Pelaksana (DOMAIN.md §2): requests that walk a route of steps,
the steps decided (append-only), the resulting assignments and teams. The audit trail is
``inti.JejakAudit``.

One generic state machine serves every route and every region: the route is an ordered list
of steps copied from ``Instansi.langkah_rute`` when the request is submitted, and
``langkah_ke`` points at the step awaiting a decision. Transition methods change the state
only; the services in ``services/`` lock, check, log and trigger side effects.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from inti.models import AppendOnlyModel, TimestampedModel
from organisasi.models import (
    Instansi,
    Jabatan,
    JenisPemangku,
    Kompetensi,
    Pegawai,
    UnitOrganisasi,
)
from organisasi.rute import Langkah


class Rute(models.TextChoices):
    PENUNJUKAN_DALAM_UNIT = "penunjukan_dalam_unit", _("Penunjukan dalam Unit Organisasi")
    PENUNJUKAN_LINTAS_UNIT = "penunjukan_lintas_unit", _("Penunjukan lintas Unit Organisasi")
    PENUNJUKAN_LINTAS_INSTANSI = "penunjukan_lintas_instansi", _("Penunjukan lintas Instansi Pemerintah")
    SUKARELA_DALAM_UNIT = "sukarela_dalam_unit", _("Pengajuan sukarela dalam Unit Organisasi")
    SUKARELA_LINTAS_UNIT = "sukarela_lintas_unit", _("Pengajuan sukarela lintas Unit Organisasi")


RUTE_PENUNJUKAN = (Rute.PENUNJUKAN_DALAM_UNIT, Rute.PENUNJUKAN_LINTAS_UNIT, Rute.PENUNJUKAN_LINTAS_INSTANSI)
RUTE_SUKARELA = (Rute.SUKARELA_DALAM_UNIT, Rute.SUKARELA_LINTAS_UNIT)


class StatusPermohonan(models.TextChoices):
    DRAF = "draf", _("Draf")
    MENUNGGU_KEPUTUSAN = "menunggu_keputusan", _("Menunggu keputusan")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan untuk diperbaiki")
    DISETUJUI = "disetujui", _("Disetujui")
    DITOLAK = "ditolak", _("Ditolak")
    DIBATALKAN = "dibatalkan", _("Dibatalkan")
    SELESAI = "selesai", _("Selesai")


STATUS_TERBUKA = (StatusPermohonan.DRAF, StatusPermohonan.MENUNGGU_KEPUTUSAN, StatusPermohonan.DIKEMBALIKAN)
# states the requester may (re)submit from
STATUS_BISA_DIAJUKAN = (StatusPermohonan.DRAF, StatusPermohonan.DIKEMBALIKAN)


class Sifat(models.TextChoices):
    RUTIN = "rutin", _("Rutin (satu tahun anggaran)")
    INSIDENTAL = "insidental", _("Insidental (periode tertentu)")


class Keputusan(models.TextChoices):
    AJUKAN = "ajukan", _("Diajukan")
    SETUJUI = "setujui", _("Disetujui")
    TOLAK = "tolak", _("Ditolak")
    KEMBALIKAN = "kembalikan", _("Dikembalikan untuk diperbaiki")
    PERBAIKI = "perbaiki", _("Diperbaiki")
    JAWAB_KETERSEDIAAN = "jawab_ketersediaan", _("Ketersediaan dijawab")
    BATALKAN = "batalkan", _("Dibatalkan")


class StatusTerlindung(models.Model):
    """Base for models whose ``status`` is a protected FSM field (changed only by transitions)."""

    class Meta:
        abstract = True

    def refresh_from_db(self, *args, **kwargs):
        # The protected FSM field refuses assignment once loaded; let a reload replace it.
        fields = kwargs.get("fields")
        if fields is None or "status" in fields:
            self.__dict__.pop("status", None)
        super().refresh_from_db(*args, **kwargs)


# --------------------------------------------------------------------------- Tim Kerja


class StatusTim(models.TextChoices):
    AKTIF = "aktif", _("Aktif")
    SELESAI = "selesai", _("Selesai")
    DIBUBARKAN = "dibubarkan", _("Dibubarkan")


class TimKerja(StatusTerlindung, TimestampedModel):
    """A team of JF/Pelaksana (possibly from other units or agencies) owned by one unit."""

    instansi = models.ForeignKey(Instansi, verbose_name=_("instansi"), on_delete=models.PROTECT,
                                 related_name="tim_kerja")
    unit = models.ForeignKey(UnitOrganisasi, verbose_name=_("unit pemilik kinerja"), on_delete=models.PROTECT,
                             related_name="tim_kerja")
    nama = models.CharField(_("nama tim"), max_length=200)
    penanggung_jawab = models.ForeignKey(
        Pegawai, verbose_name=_("penanggung jawab tim"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="tim_ditanggungjawabi",
    )
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    sifat = models.CharField(_("sifat"), max_length=20, choices=Sifat.choices, default=Sifat.INSIDENTAL)
    status = FSMField(_("status"), max_length=20, choices=StatusTim.choices, default=StatusTim.AKTIF,
                      protected=True)
    dibentuk_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dibentuk oleh"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="+")
    tanggal_berakhir = models.DateField(_("tanggal berakhir"), null=True, blank=True,
                                        help_text=_("tanggal tim dinyatakan selesai atau dibubarkan"))
    alasan_pengakhiran = models.TextField(_("alasan/catatan pengakhiran"), blank=True)

    class Meta:
        verbose_name = _("tim kerja")
        verbose_name_plural = _("tim kerja")
        ordering = ["-mulai", "nama"]
        indexes = [models.Index(fields=["unit", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(selesai__gte=models.F("mulai")), name="tim_selesai_setelah_mulai"),
        ]

    def __str__(self) -> str:
        return self.nama

    # ---- transitions: state only (penugasan.services.pengakhiran locks, checks, logs)
    @transition(field=status, source=StatusTim.AKTIF, target=StatusTim.SELESAI)
    def selesaikan(self) -> None:
        """The team's work is done (its results were accepted, or its period ended)."""

    @transition(field=status, source=StatusTim.AKTIF, target=StatusTim.DIBUBARKAN)
    def bubarkan(self) -> None:
        """The team is dissolved (an insidental team after its results were accepted, or early)."""


class PeranTim(models.TextChoices):
    KETUA = "ketua", _("Ketua")
    ANGGOTA = "anggota", _("Anggota")


class AnggotaTim(TimestampedModel):
    tim = models.ForeignKey(TimKerja, verbose_name=_("tim"), on_delete=models.CASCADE, related_name="anggota")
    pegawai = models.ForeignKey(Pegawai, verbose_name=_("pegawai"), on_delete=models.PROTECT,
                                related_name="keanggotaan_tim")
    peran = models.CharField(_("peran"), max_length=20, choices=PeranTim.choices, default=PeranTim.ANGGOTA)
    uraian_tugas = models.TextField(_("uraian tugas"), blank=True)
    sasaran = models.TextField(_("sasaran kinerja"), blank=True)
    indikator = models.TextField(_("indikator kinerja"), blank=True)
    target = models.CharField(_("target"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("anggota tim")
        verbose_name_plural = _("anggota tim")
        ordering = ["tim", "peran", "pegawai__nama"]
        constraints = [
            models.UniqueConstraint(fields=["tim", "pegawai"], name="anggota_tim_unik"),
            models.UniqueConstraint(fields=["tim"], condition=Q(peran="ketua"), name="satu_ketua_per_tim"),
        ]
        indexes = [models.Index(fields=["pegawai", "tim"])]

    def __str__(self) -> str:
        return f"{self.get_peran_display()} {self.tim}: {self.pegawai.nama}"


# --------------------------------------------------------------------------- Permohonan


class PermohonanPenugasan(StatusTerlindung, TimestampedModel):
    """One request to assign JF/Pelaksana, walking the steps of its route.

    ``langkah_rute`` is the route (list of steps ``{kode, peran, aksi, judul}``) copied from the
    Instansi when submitted; ``langkah_ke`` indexes the step awaiting a decision and
    ``jabatan_penentu`` is the position that decides it (resolved when the step is reached).
    """

    rute = models.CharField(_("rute"), max_length=40, choices=Rute.choices)
    status = FSMField(_("status"), max_length=30, choices=StatusPermohonan.choices,
                      default=StatusPermohonan.DRAF, protected=True)
    langkah_ke = models.PositiveSmallIntegerField(_("langkah ke"), default=0)
    langkah_rute = models.JSONField(_("langkah rute"), default=list, blank=True)
    lintas_perangkat_daerah = models.BooleanField(_("lintas Perangkat Daerah"), default=False)
    # DOMAIN §9: decided under the rule-set versions in force when it was submitted
    aturan = models.ForeignKey(
        "organisasi.AturanInstansi", verbose_name=_("aturan instansi asal yang berlaku"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", help_text=_("versi aturan instansi asal saat diajukan"))
    aturan_tujuan = models.ForeignKey(
        "organisasi.AturanInstansi", verbose_name=_("aturan instansi tujuan yang berlaku"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", help_text=_("versi aturan instansi tujuan saat diajukan"))
    jabatan_penentu = models.ForeignKey(
        Jabatan, verbose_name=_("jabatan pengambil keputusan saat ini"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="permohonan_menunggu",
    )

    # who asks, acting for which position
    pemohon = models.ForeignKey(Pegawai, verbose_name=_("pemohon"), on_delete=models.PROTECT,
                                related_name="permohonan_penugasan")
    jabatan_pemohon = models.ForeignKey(Jabatan, verbose_name=_("jabatan pemohon"), null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    pemohon_sebagai = models.CharField(_("pemohon sebagai"), max_length=10, choices=JenisPemangku.choices,
                                       default=JenisPemangku.DEFINITIF)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"),
                                    on_delete=models.PROTECT, related_name="+")

    instansi_asal = models.ForeignKey(Instansi, verbose_name=_("instansi asal"), on_delete=models.PROTECT,
                                      related_name="permohonan_keluar")
    unit_asal = models.ForeignKey(UnitOrganisasi, verbose_name=_("unit asal"), on_delete=models.PROTECT,
                                  related_name="permohonan_keluar")
    instansi_tujuan = models.ForeignKey(Instansi, verbose_name=_("instansi tujuan"), on_delete=models.PROTECT,
                                        related_name="permohonan_masuk")
    unit_tujuan = models.ForeignKey(UnitOrganisasi, verbose_name=_("unit tujuan"), on_delete=models.PROTECT,
                                    related_name="permohonan_masuk")

    # content required by the regulation (maksud, kompetensi, target, durasi)
    judul = models.CharField(_("judul"), max_length=200)
    maksud_tujuan = models.TextField(_("maksud dan tujuan"))
    kompetensi_uraian = models.TextField(_("kompetensi, keahlian, dan/atau keterampilan"), blank=True)
    kompetensi = models.ManyToManyField(Kompetensi, verbose_name=_("kompetensi"), blank=True, related_name="+")
    hasil_diharapkan = models.TextField(_("ekspektasi/target kinerja"))
    uraian_tugas = models.TextField(_("uraian tugas"), blank=True)
    peran_penugasan = models.CharField(
        _("peran"), max_length=120, blank=True,
        help_text=_("kosong = penugasan individu; mis. Bendahara, PPTK"),
    )
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    sifat = models.CharField(_("sifat"), max_length=20, choices=Sifat.choices, default=Sifat.INSIDENTAL)

    # who is wanted: by name and/or by criteria
    pegawai_diminta = models.ManyToManyField(Pegawai, verbose_name=_("pegawai yang diminta"), blank=True,
                                             related_name="permohonan_diminta")
    kriteria = models.TextField(_("kriteria pegawai"), blank=True)
    kriteria_jenis_jabatan = models.CharField(_("jenis jabatan yang dibutuhkan"), max_length=20, blank=True)
    kriteria_jenjang = models.CharField(_("jenjang yang dibutuhkan"), max_length=20, blank=True)
    jumlah_dibutuhkan = models.PositiveSmallIntegerField(_("jumlah dibutuhkan"), default=1)
    pegawai_ditugaskan = models.ManyToManyField(Pegawai, verbose_name=_("pegawai yang ditugaskan"), blank=True,
                                                related_name="permohonan_ditugaskan")

    # team (optional): join an existing team or form a new one on completion
    tim = models.ForeignKey(TimKerja, verbose_name=_("tim kerja"), null=True, blank=True,
                            on_delete=models.PROTECT, related_name="permohonan")
    nama_tim = models.CharField(_("nama tim baru"), max_length=200, blank=True)
    ketua_tim = models.ForeignKey(Pegawai, verbose_name=_("ketua tim"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")

    # tembusan: computed positions + extra recipients
    tembusan_jabatan = models.ManyToManyField(Jabatan, verbose_name=_("tembusan (jabatan)"), blank=True,
                                              related_name="+")
    tembusan_pegawai = models.ManyToManyField(Pegawai, verbose_name=_("tembusan tambahan"), blank=True,
                                              related_name="tembusan_permohonan")

    diajukan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    diputuskan_pada = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    alasan_penolakan = models.TextField(_("alasan penolakan"), blank=True)
    alasan_pembatalan = models.TextField(_("alasan pembatalan"), blank=True)
    alasan_pengembalian = models.TextField(_("alasan pengembalian untuk diperbaiki"), blank=True)

    class Meta:
        verbose_name = _("permohonan penugasan")
        verbose_name_plural = _("permohonan penugasan")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("putuskan_permohonan", _("Memutuskan langkah permohonan penugasan")),
            ("lihat_permohonan", _("Melihat permohonan penugasan")),
        ]
        indexes = [
            models.Index(fields=["status", "jabatan_penentu"], name="permohonan_menunggu_idx"),
            models.Index(fields=["pemohon", "status"], name="permohonan_pemohon_idx"),
            models.Index(fields=["instansi_asal", "status"], name="permohonan_instansi_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(selesai__gte=models.F("mulai")),
                                   name="permohonan_selesai_setelah_mulai"),
        ]

    def __str__(self) -> str:
        return f"{self.judul} ({self.get_status_display()})"

    # ---- route helpers (pure)
    @property
    def langkah_sekarang(self) -> dict | None:
        if self.status != StatusPermohonan.MENUNGGU_KEPUTUSAN:
            return None
        if 0 <= self.langkah_ke < len(self.langkah_rute):
            return self.langkah_rute[self.langkah_ke]
        return None

    @property
    def langkah_aktif(self) -> Langkah | None:
        """The step awaiting a decision, typed (``organisasi.rute.Langkah``); None otherwise."""
        data = self.langkah_sekarang
        return Langkah.dari_data(data) if data is not None else None

    def penunjukan(self) -> bool:
        return self.rute in RUTE_PENUNJUKAN

    def sukarela(self) -> bool:
        return self.rute in RUTE_SUKARELA

    def boleh_dikembalikan(self) -> bool:
        """Whether the step awaiting a decision may return the request to the requester
        (``boleh_dikembalikan`` in the route data; steps copied before the key existed: no)."""
        langkah = self.langkah_aktif
        return langkah is not None and langkah.boleh_dikembalikan

    def menunggu_jawaban_ketersediaan(self) -> bool:
        langkah = self.langkah_aktif
        return langkah is not None and langkah.menjawab_ketersediaan()

    def memilih_pegawai(self) -> bool:
        """Whether deciding the current step chooses the staff to assign."""
        langkah = self.langkah_aktif
        return langkah is not None and langkah.memilih_pegawai(penunjukan=self.penunjukan())

    def bisa_disetujui_massal(self) -> bool:
        langkah = self.langkah_aktif
        return langkah is not None and langkah.bisa_disetujui_massal()

    def langkah_terakhir(self) -> bool:
        return self.langkah_ke >= len(self.langkah_rute) - 1

    def masih_ada_langkah(self) -> bool:
        return self.langkah_ke < len(self.langkah_rute) - 1

    def tanpa_langkah(self) -> bool:
        return len(self.langkah_rute) == 0

    # ---- transitions: state only
    @transition(field=status, source=list(STATUS_BISA_DIAJUKAN), target=StatusPermohonan.MENUNGGU_KEPUTUSAN,
                conditions=[lambda self: len(self.langkah_rute) > 0])
    def ajukan(self) -> None:
        """Submit, or resubmit after revision: the route starts again at its first step."""
        self.langkah_ke = 0

    @transition(field=status, source=StatusPermohonan.DRAF, target=StatusPermohonan.DISETUJUI,
                conditions=[tanpa_langkah])
    def tetapkan_langsung(self) -> None:
        """Routes without a decision step (penunjukan dalam unit): submitting is deciding."""

    @transition(field=status, source=StatusPermohonan.MENUNGGU_KEPUTUSAN,
                target=StatusPermohonan.MENUNGGU_KEPUTUSAN, conditions=[masih_ada_langkah])
    def lanjutkan(self) -> None:
        self.langkah_ke += 1

    @transition(field=status, source=StatusPermohonan.MENUNGGU_KEPUTUSAN, target=StatusPermohonan.DISETUJUI,
                conditions=[langkah_terakhir])
    def setujui(self) -> None:
        pass

    @transition(field=status, source=StatusPermohonan.MENUNGGU_KEPUTUSAN, target=StatusPermohonan.DITOLAK)
    def tolak(self) -> None:
        pass

    @transition(field=status, source=StatusPermohonan.MENUNGGU_KEPUTUSAN, target=StatusPermohonan.DIKEMBALIKAN,
                conditions=[boleh_dikembalikan])
    def kembalikan(self) -> None:
        """Back to the requester for revision (only at steps whose route allows it)."""

    @transition(field=status, source=list(STATUS_TERBUKA), target=StatusPermohonan.DIBATALKAN)
    def batalkan(self) -> None:
        pass

    @transition(field=status, source=StatusPermohonan.DISETUJUI, target=StatusPermohonan.SELESAI)
    def selesaikan(self) -> None:
        pass


class PermohonanPenugasanUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(PermohonanPenugasan, on_delete=models.CASCADE)


class PermohonanPenugasanGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(PermohonanPenugasan, on_delete=models.CASCADE)


class LangkahPermohonan(AppendOnlyModel):
    """One decided step (including submission and cancellation) of a request."""

    permohonan = models.ForeignKey(PermohonanPenugasan, verbose_name=_("permohonan"), on_delete=models.PROTECT,
                                   related_name="riwayat")
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    kode_langkah = models.CharField(_("kode langkah"), max_length=60)
    peran = models.CharField(_("peran"), max_length=40, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("pengguna"), on_delete=models.PROTECT,
                              related_name="+")
    pegawai = models.ForeignKey(Pegawai, verbose_name=_("pegawai"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    jabatan = models.ForeignKey(Jabatan, verbose_name=_("jabatan"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    sebagai = models.CharField(_("sebagai"), max_length=10, choices=JenisPemangku.choices,
                               default=JenisPemangku.DEFINITIF)
    nama_pegawai = models.CharField(_("nama pengambil keputusan"), max_length=250, blank=True)
    nama_jabatan = models.CharField(_("sebutan jabatan"), max_length=250, blank=True)
    nama_pejabat_definitif = models.CharField(
        _("nama pejabat definitif"), max_length=250, blank=True,
        help_text=_("diisi bila keputusan diambil oleh Plt./Plh."),
    )
    keputusan = models.CharField(_("keputusan"), max_length=30, choices=Keputusan.choices)
    alasan = models.TextField(_("alasan"), blank=True)
    catatan = models.TextField(_("catatan"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    status_dari = models.CharField(_("status semula"), max_length=30)
    status_ke = models.CharField(_("status menjadi"), max_length=30)
    waktu = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("langkah permohonan")
        verbose_name_plural = _("langkah permohonan")
        ordering = ["permohonan", "urutan"]
        constraints = [models.UniqueConstraint(fields=["permohonan", "urutan"], name="langkah_urutan_unik")]

    def __str__(self) -> str:
        return f"{self.permohonan_id}#{self.urutan} {self.get_keputusan_display()}"


# --------------------------------------------------------------------------- Penugasan


def sebutan_peran_tim(label_peran: str, nama_tim: str) -> str:
    """"Anggota Tim" + "Tim Penyusunan Renstra" -> "Anggota Tim Penyusunan Renstra" (never "Tim Tim")."""
    if nama_tim.lower().startswith("tim "):
        nama_tim = nama_tim[4:]
    return f"{label_peran} {nama_tim}"


class PeranPenugasan(models.TextChoices):
    KETUA = "ketua", _("Ketua Tim")
    ANGGOTA = "anggota", _("Anggota Tim")
    INDIVIDU = "individu", _("Penugasan individu")
    PENANGGUNG_JAWAB = "penanggung_jawab", _("Penanggung Jawab Tim")
    LAINNYA = "lainnya", _("Peran lain")


class StatusPenugasan(models.TextChoices):
    AKTIF = "aktif", _("Aktif")
    SELESAI = "selesai", _("Selesai")
    DIBATALKAN = "dibatalkan", _("Dibatalkan")


class Penugasan(StatusTerlindung, TimestampedModel):
    """An assignment of one pegawai, the result of a completed request."""

    pegawai = models.ForeignKey(Pegawai, verbose_name=_("pegawai"), on_delete=models.PROTECT,
                                related_name="penugasan")
    permohonan = models.ForeignKey(PermohonanPenugasan, verbose_name=_("permohonan"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="penugasan")
    instansi = models.ForeignKey(Instansi, verbose_name=_("instansi pemilik kinerja"), on_delete=models.PROTECT,
                                 related_name="penugasan")
    unit = models.ForeignKey(UnitOrganisasi, verbose_name=_("unit pemilik kinerja"), on_delete=models.PROTECT,
                             related_name="penugasan")
    peran = models.CharField(_("peran"), max_length=30, choices=PeranPenugasan.choices,
                             default=PeranPenugasan.INDIVIDU)
    peran_lain = models.CharField(_("nama peran lain"), max_length=120, blank=True,
                                  help_text=_("mis. Bendahara, PPTK"))
    tim = models.ForeignKey(TimKerja, verbose_name=_("tim kerja"), null=True, blank=True,
                            on_delete=models.PROTECT, related_name="penugasan")
    uraian_tugas = models.TextField(_("uraian tugas"))
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    sifat = models.CharField(_("sifat"), max_length=20, choices=Sifat.choices, default=Sifat.INSIDENTAL)
    status = FSMField(_("status"), max_length=20, choices=StatusPenugasan.choices, default=StatusPenugasan.AKTIF,
                      protected=True)
    diterima_pada = models.DateTimeField(_("diterima pada"), null=True, blank=True)
    tanggal_berakhir = models.DateField(_("tanggal berakhir"), null=True, blank=True,
                                        help_text=_("tanggal penugasan dinyatakan selesai atau dibatalkan"))
    alasan_pengakhiran = models.TextField(_("alasan/catatan pengakhiran"), blank=True)

    class Meta:
        verbose_name = _("penugasan")
        verbose_name_plural = _("penugasan")
        ordering = ["-mulai", "-id"]
        indexes = [
            models.Index(fields=["pegawai", "status", "mulai"], name="penugasan_pegawai_idx"),
            models.Index(fields=["unit", "status"], name="penugasan_unit_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(selesai__gte=models.F("mulai")),
                                   name="penugasan_selesai_setelah_mulai"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai.nama}: {self.sebutan_peran}"

    # ---- transitions: state only (penugasan.services.pengakhiran locks, checks, logs)
    @transition(field=status, source=StatusPenugasan.AKTIF, target=StatusPenugasan.SELESAI)
    def selesaikan(self) -> None:
        """The work is done (results accepted, the request closed, or the team ended)."""

    @transition(field=status, source=StatusPenugasan.AKTIF, target=StatusPenugasan.DIBATALKAN)
    def batalkan(self) -> None:
        """Withdrawn before the work was done, with a written reason."""

    @property
    def sebutan_peran(self) -> str:
        if self.peran == PeranPenugasan.LAINNYA and self.peran_lain:
            return self.peran_lain
        if self.tim_id and self.peran in (PeranPenugasan.KETUA, PeranPenugasan.ANGGOTA):
            return sebutan_peran_tim(self.get_peran_display(), self.tim.nama)
        return self.get_peran_display()
