"""Regional rule presets: the five regulations in ../shared/seeds as Instansi settings.

Each preset is a plain dict of Instansi field values. An admin picks a preset
(``services.instansi_terapkan_preset``) and may adjust any field afterwards;
code reads the Instansi fields, never the preset name.
"""
from .models import JenisJabatan as J
from .models import JenisSurat, Penandatangan, Preset, TujuanLaporan, UrutanSukarela

PRESETS: dict[str, dict] = {
    Preset.BELU: {
        "dasar_hukum": "Peraturan Bupati Belu Nomor 47 Tahun 2024 tentang Sistem Kerja untuk "
                       "Penyederhanaan Birokrasi di Lingkungan Pemerintah Kabupaten Belu",
        "label_lintas_instansi": "lintas Instansi Pemerintah",
        "lintas_perangkat_daerah_aktif": False,
        "lintas_instansi_aktif": True,
        "penandatangan_dalam_unit": Penandatangan.PPK,
        "penandatangan_lintas_unit": Penandatangan.PPK,
        "penandatangan_lintas_pd": Penandatangan.PPK,
        "penetap_tim_lintas_pd": Penandatangan.KEPALA_PD,
        "urutan_sukarela_lintas_unit": UrutanSukarela.TUJUAN_DULU,
        "ketua_tim_jenis_jabatan": [J.FUNGSIONAL, J.PELAKSANA],
        "ketua_tim_pengawas_jika_dua_level": False,
        "penanggung_jawab_tim_aktif": False,
        "aturan_kedudukan_jenjang": False,
        "jenis_surat_penugasan": JenisSurat.SURAT_TUGAS,
        "laporan_individu_ke": TujuanLaporan.PIMPINAN_UNIT,
    },
    Preset.BUNGO: {
        "dasar_hukum": "Peraturan Bupati Bungo Nomor 15 Tahun 2024 tentang Sistem Kerja untuk "
                       "Penyederhanaan Birokrasi",
        "label_lintas_instansi": "lintas Instansi Pemerintah",
        "lintas_perangkat_daerah_aktif": False,
        "lintas_instansi_aktif": True,
        "penandatangan_dalam_unit": Penandatangan.PIMPINAN_UNIT,
        "penandatangan_lintas_unit": Penandatangan.PPK,
        "penandatangan_lintas_pd": Penandatangan.PIMPINAN_UNIT,
        "penetap_tim_lintas_pd": Penandatangan.KEPALA_PD,
        "urutan_sukarela_lintas_unit": UrutanSukarela.ASAL_DULU,
        "ketua_tim_jenis_jabatan": [J.FUNGSIONAL, J.PELAKSANA],
        "ketua_tim_pengawas_jika_dua_level": True,
        "penanggung_jawab_tim_aktif": False,
        "aturan_kedudukan_jenjang": True,
        "jenis_surat_penugasan": JenisSurat.SURAT_TUGAS,
        "laporan_individu_ke": TujuanLaporan.PPK,
    },
    Preset.INDRAGIRI_HILIR: {
        "dasar_hukum": "Peraturan Bupati Indragiri Hilir Nomor 1 Tahun 2024 tentang Sistem Kerja Aparatur "
                       "Sipil Negara untuk Penyederhanaan Birokrasi di Lingkungan Pemerintah Kabupaten "
                       "Indragiri Hilir",
        "label_lintas_instansi": "lintas Perangkat Daerah",
        "lintas_perangkat_daerah_aktif": True,
        "lintas_instansi_aktif": False,
        "penandatangan_dalam_unit": Penandatangan.PIMPINAN_UNIT,
        "penandatangan_lintas_unit": Penandatangan.PIMPINAN_UNIT,
        "penandatangan_lintas_pd": Penandatangan.SEKDA,
        "penetap_tim_lintas_pd": Penandatangan.SEKDA,
        "urutan_sukarela_lintas_unit": UrutanSukarela.TUJUAN_DULU,
        "ketua_tim_jenis_jabatan": [J.FUNGSIONAL, J.PELAKSANA],
        "ketua_tim_pengawas_jika_dua_level": False,
        "penanggung_jawab_tim_aktif": True,
        "aturan_kedudukan_jenjang": True,
        "jenis_surat_penugasan": JenisSurat.SURAT_TUGAS,
        "laporan_individu_ke": TujuanLaporan.ATASAN_LANGSUNG,
    },
    Preset.KOTABARU: {
        "dasar_hukum": "Peraturan Bupati Kotabaru Nomor 68 Tahun 2024 tentang Sistem Kerja Aparatur Sipil Negara",
        "label_lintas_instansi": "lintas Instansi Pemerintah",
        "lintas_perangkat_daerah_aktif": True,
        "lintas_instansi_aktif": True,
        "penandatangan_dalam_unit": Penandatangan.PIMPINAN_UNIT,
        "penandatangan_lintas_unit": Penandatangan.KEPALA_PD,
        "penandatangan_lintas_pd": Penandatangan.SEKDA,
        "penetap_tim_lintas_pd": Penandatangan.SEKDA,
        "urutan_sukarela_lintas_unit": UrutanSukarela.ASAL_DULU,
        "ketua_tim_jenis_jabatan": [J.JPT_PRATAMA, J.ADMINISTRATOR, J.FUNGSIONAL, J.PELAKSANA],
        "ketua_tim_pengawas_jika_dua_level": False,
        "penanggung_jawab_tim_aktif": False,
        "aturan_kedudukan_jenjang": True,
        "jenis_surat_penugasan": JenisSurat.SURAT_PERINTAH,
        "laporan_individu_ke": TujuanLaporan.PPK,
    },
    Preset.PASURUAN: {
        "dasar_hukum": "Peraturan Walikota Pasuruan Nomor 41 Tahun 2023 tentang Sistem Kerja di Lingkungan "
                       "Pemerintah Kota Pasuruan untuk Penyederhanaan Birokrasi",
        "label_lintas_instansi": "lintas Instansi Pemerintah",
        "lintas_perangkat_daerah_aktif": False,
        "lintas_instansi_aktif": True,
        "penandatangan_dalam_unit": Penandatangan.PIMPINAN_UNIT,
        "penandatangan_lintas_unit": Penandatangan.PIMPINAN_UNIT,
        "penandatangan_lintas_pd": Penandatangan.PIMPINAN_UNIT,
        "penetap_tim_lintas_pd": Penandatangan.KEPALA_PD,
        "urutan_sukarela_lintas_unit": UrutanSukarela.ASAL_DULU,
        "ketua_tim_jenis_jabatan": [J.FUNGSIONAL, J.PELAKSANA],
        "ketua_tim_pengawas_jika_dua_level": False,
        "penanggung_jawab_tim_aktif": False,
        "aturan_kedudukan_jenjang": False,
        "jenis_surat_penugasan": JenisSurat.SURAT_TUGAS,
        "laporan_individu_ke": TujuanLaporan.PIMPINAN_UNIT,
    },
}
