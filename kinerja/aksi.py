"""Audit actions of the kinerja app (one closed vocabulary, no free strings)."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class AksiKinerja(models.TextChoices):
    ATURAN_TETAPKAN = "kinerja.aturan.tetapkan", _("Aturan kinerja ditetapkan")
    PK_BUAT = "kinerja.pk.buat", _("Perjanjian Kinerja dibuat")
    PK_TETAPKAN = "kinerja.pk.tetapkan", _("Perjanjian Kinerja ditetapkan")
    PK_UBAH = "kinerja.pk.ubah", _("Perubahan Perjanjian Kinerja (versi baru)")
    PK_GANTIKAN = "kinerja.pk.gantikan", _("Perjanjian Kinerja diganti versi baru")
    PK_IMPOR = "kinerja.pk.impor", _("Sasaran dan indikator diimpor")
    SASARAN_SIMPAN = "kinerja.sasaran.simpan", _("Sasaran kinerja disimpan")
    SASARAN_HAPUS = "kinerja.sasaran.hapus", _("Sasaran kinerja dihapus")
    INDIKATOR_SIMPAN = "kinerja.indikator.simpan", _("Indikator kinerja disimpan")
    INDIKATOR_HAPUS = "kinerja.indikator.hapus", _("Indikator kinerja dihapus")
    KASKADE_BAGI = "kinerja.kaskade.bagi", _("Target dibagi kepada jabatan")
    STRATEGI_TETAPKAN = "kinerja.strategi.tetapkan", _("Strategi target ditetapkan")
    STRATEGI_PERMOHONAN = "kinerja.strategi.permohonan", _("Permohonan penunjukan dibuat dari strategi")
    TAUTKAN = "kinerja.target.tautkan", _("Ditautkan ke target")
    RENCANA_ANGGARAN_SIMPAN = "kinerja.rka.simpan", _("Rencana kegiatan dan anggaran disimpan")
    RENCANA_ANGGARAN_AJUKAN = "kinerja.rka.ajukan", _("Rencana kegiatan dan anggaran diajukan")
    RENCANA_ANGGARAN_SETUJUI = "kinerja.rka.setujui", _("Rencana kegiatan dan anggaran disetujui")
    RENCANA_ANGGARAN_KEMBALIKAN = "kinerja.rka.kembalikan", _("Rencana kegiatan dan anggaran dikembalikan")
    RENCANA_AKSI_SIMPAN = "kinerja.rencana_aksi.simpan", _("Rencana aksi disimpan")
    RENCANA_KERJA_SIMPAN = "kinerja.rencana_kerja.simpan", _("Rencana kerja individu disimpan")
    MATRIKS_ISI = "kinerja.matriks.isi", _("Matriks peran dan hasil diisi")
    MATRIKS_TERIMA = "kinerja.matriks.terima", _("Baris matriks diterima anggota")
    MATRIKS_MINTA_PERBAIKAN = "kinerja.matriks.minta_perbaikan", _("Anggota meminta perbaikan baris matriks")
