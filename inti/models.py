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
    PENUGASAN_BATALKAN = "penugasan.batalkan", _("Penugasan dibatalkan")
    TIM_SELESAI = "tim.selesai", _("Tim kerja dinyatakan selesai")
    TIM_BUBARKAN = "tim.bubarkan", _("Tim kerja dibubarkan")
    TIM_PENANGGUNG_JAWAB = "tim.penanggung_jawab", _("Penanggung jawab tim ditetapkan")
    SURAT_TERBITKAN = "surat.terbitkan", _("Surat diterbitkan")
    SURAT_CABUT = "surat.cabut", _("Surat dicabut")
    KINERJA_LIHAT = "kinerja.lihat", _("Data kinerja dibuka")
    KINERJA_ATURAN_TETAPKAN = "kinerja.aturan.tetapkan", _("Aturan kinerja ditetapkan")
    KINERJA_PK_BUAT = "kinerja.pk.buat", _("Perjanjian Kinerja dibuat")
    KINERJA_PK_TETAPKAN = "kinerja.pk.tetapkan", _("Perjanjian Kinerja ditetapkan")
    KINERJA_PK_UBAH = "kinerja.pk.ubah", _("Perubahan Perjanjian Kinerja (versi baru)")
    KINERJA_PK_GANTIKAN = "kinerja.pk.gantikan", _("Perjanjian Kinerja diganti versi baru")
    KINERJA_PK_IMPOR = "kinerja.pk.impor", _("Sasaran dan indikator diimpor")
    KINERJA_SASARAN_SIMPAN = "kinerja.sasaran.simpan", _("Sasaran kinerja disimpan")
    KINERJA_SASARAN_HAPUS = "kinerja.sasaran.hapus", _("Sasaran kinerja dihapus")
    KINERJA_INDIKATOR_SIMPAN = "kinerja.indikator.simpan", _("Indikator kinerja disimpan")
    KINERJA_INDIKATOR_HAPUS = "kinerja.indikator.hapus", _("Indikator kinerja dihapus")
    KINERJA_KASKADE_BAGI = "kinerja.kaskade.bagi", _("Target dibagi kepada jabatan")
    KINERJA_STRATEGI_TETAPKAN = "kinerja.strategi.tetapkan", _("Strategi target ditetapkan")
    KINERJA_STRATEGI_PERMOHONAN = "kinerja.strategi.permohonan", _("Permohonan penunjukan dibuat dari strategi")
    KINERJA_TAUTKAN = "kinerja.target.tautkan", _("Ditautkan ke target")
    KINERJA_RENCANA_ANGGARAN_SIMPAN = "kinerja.rka.simpan", _("Rencana kegiatan dan anggaran disimpan")
    KINERJA_RENCANA_ANGGARAN_AJUKAN = "kinerja.rka.ajukan", _("Rencana kegiatan dan anggaran diajukan")
    KINERJA_RENCANA_ANGGARAN_SETUJUI = "kinerja.rka.setujui", _("Rencana kegiatan dan anggaran disetujui")
    KINERJA_RENCANA_ANGGARAN_KEMBALIKAN = "kinerja.rka.kembalikan", _("Rencana kegiatan dan anggaran dikembalikan")
    KINERJA_RENCANA_AKSI_SIMPAN = "kinerja.rencana_aksi.simpan", _("Rencana aksi disimpan")
    KINERJA_RENCANA_KERJA_SIMPAN = "kinerja.rencana_kerja.simpan", _("Rencana kerja individu disimpan")
    KINERJA_MATRIKS_ISI = "kinerja.matriks.isi", _("Matriks peran dan hasil diisi")
    KINERJA_MATRIKS_TERIMA = "kinerja.matriks.terima", _("Baris matriks diterima anggota")
    KINERJA_MATRIKS_MINTA_PERBAIKAN = "kinerja.matriks.minta_perbaikan", _("Anggota meminta perbaikan baris matriks")
    KINERJA_LAPORAN_KIRIM = "kinerja.laporan.kirim", _("Laporan kinerja dikirim")
    KINERJA_LAPORAN_TERIMA = "kinerja.laporan.terima", _("Laporan kinerja diterima")
    KINERJA_LAPORAN_KEMBALIKAN = "kinerja.laporan.kembalikan", _("Laporan kinerja dikembalikan dengan catatan")
    KINERJA_BUKTI_TAMBAH = "kinerja.bukti.tambah", _("Bukti laporan ditambahkan")
    KINERJA_BUKTI_UNDUH = "kinerja.bukti.unduh", _("Bukti laporan diunduh")
    KINERJA_PERMINTAAN_BUAT = "kinerja.permintaan.buat", _("Permintaan laporan dibuat")
    KINERJA_PERMINTAAN_JAWAB = "kinerja.permintaan.jawab", _("Permintaan laporan dijawab")
    KINERJA_PERMINTAAN_BATALKAN = "kinerja.permintaan.batalkan", _("Permintaan laporan dibatalkan")
    KINERJA_KENDALA_AJUKAN = "kinerja.kendala.ajukan", _("Kendala diajukan")
    KINERJA_KENDALA_PUTUSKAN = "kinerja.kendala.putuskan", _("Kendala diputuskan")
    KINERJA_KENDALA_TERUSKAN = "kinerja.kendala.teruskan", _("Kendala diteruskan")
    KINERJA_KENDALA_TINDAKLANJUTI = "kinerja.kendala.tindaklanjuti", _("Keputusan kendala ditindaklanjuti")
    KINERJA_KENDALA_TUTUP = "kinerja.kendala.tutup", _("Kendala ditutup")
    KINERJA_HASIL_SERAHKAN = "kinerja.hasil.serahkan", _("Hasil kerja diserahkan")
    KINERJA_HASIL_TERUSKAN = "kinerja.hasil.teruskan", _("Hasil kerja ditinjau dan diteruskan")
    KINERJA_HASIL_KEMBALIKAN = "kinerja.hasil.kembalikan", _("Hasil kerja dikembalikan untuk diperbaiki")
    KINERJA_HASIL_PERBAIKI = "kinerja.hasil.perbaiki", _("Hasil kerja diperbaiki oleh peninjau")
    KINERJA_HASIL_TERIMA = "kinerja.hasil.terima", _("Hasil kerja diterima")
    EKSPOR_SELESAI = "ekspor.selesai", _("Register diekspor (auditor)")
    # organisasi: these change who may decide
    PEMANGKU_TETAPKAN = "pemangku.tetapkan", _("Pejabat definitif ditetapkan")
    PEMANGKU_TUNJUK_PLT_PLH = "pemangku.tunjuk_plt_plh", _("Plt./Plh. ditunjuk")
    PEMANGKU_AKHIRI = "pemangku.akhiri", _("Masa jabatan diakhiri atau dikoreksi")
    KEDUDUKAN_TETAPKAN = "kedudukan.tetapkan", _("Kedudukan (PPK) ditetapkan")
    KEDUDUKAN_AKHIRI = "kedudukan.akhiri", _("Kedudukan (PPK) diakhiri atau dikoreksi")
    INSTANSI_TERAPKAN_PRESET = "instansi.terapkan_preset", _("Preset peraturan daerah diterapkan")
    INSTANSI_UBAH_PENGATURAN = "instansi.ubah_pengaturan", _("Pengaturan instansi diubah")
    INSTANSI_UBAH_RUTE = "instansi.ubah_rute", _("Rute penugasan instansi diubah")
    IMPOR_BAGAN_TERAPKAN = "impor_bagan.terapkan", _("Impor bagan organisasi diterapkan")


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
