"""Regional rule presets: the five regulations in ../shared/seeds as Instansi settings.

Each preset is a plain dict of Instansi field values. An admin picks a preset
(``services.instansi_terapkan_preset``) and may adjust any field afterwards;
code reads the Instansi fields, never the preset name.
"""
from .models import JenisJabatan as J
from .models import JenisSurat, Penandatangan, Preset, TujuanLaporan, UrutanSukarela

# --------------------------------------------------------------------------- routes (penugasan)
# Each route is an ordered list of steps: who decides (peran, resolved to a position on the
# decision date by penugasan.services) and what they do (aksi). The generic engine in
# penugasan walks the list; a region differs only by data. "pengaju" says who may submit.


def _langkah(kode: str, peran: str, aksi: str, judul: str, *, boleh_dikembalikan: bool = True) -> dict:
    """One decision step. ``boleh_dikembalikan``: the deciding official may return the request
    to the requester for revision (penugasan: ``permohonan_kembalikan``)."""
    return {"kode": kode, "peran": peran, "aksi": aksi, "judul": judul, "boleh_dikembalikan": boleh_dikembalikan}


_SUKARELA_TUJUAN_DULU = [
    _langkah("persetujuan_unit_tujuan", "pimpinan_unit_tujuan", "setujui", "Persetujuan Pimpinan Unit dituju"),
    _langkah("persetujuan_ppk_asal", "ppk_asal", "setujui", "Persetujuan Pejabat Penilai Kinerja sendiri"),
]
_SUKARELA_ASAL_DULU = [
    _langkah("persetujuan_ppk_asal", "ppk_asal", "setujui", "Persetujuan Pejabat Penilai Kinerja sendiri"),
    _langkah("persetujuan_unit_tujuan", "pimpinan_unit_tujuan", "setujui", "Persetujuan Pimpinan Unit dituju"),
]


def langkah_rute(*, urutan_sukarela: str) -> dict:
    """The five routes (+ the cross-PD variant) for a region, as data."""
    return {
        "penunjukan_dalam_unit": {"pengaju": "pimpinan_unit_asal", "langkah": []},
        "penunjukan_lintas_unit": {"pengaju": "pimpinan_unit_asal", "langkah": [
            _langkah("keputusan_ppk_tujuan", "ppk_tujuan", "setujui",
                     "Keputusan Pejabat Penilai Kinerja dituju (dengan rekomendasi Pimpinan Unit)"),
        ]},
        "penunjukan_lintas_perangkat_daerah": {"pengaju": "pimpinan_unit_asal", "langkah": [
            _langkah("persetujuan_pyb", "pyb_asal", "setujui", "Persetujuan Pejabat yang Berwenang"),
            _langkah("jawaban_ppk_tujuan", "ppk_tujuan", "jawab_ketersediaan",
                     "Jawaban ketersediaan Pejabat Penilai Kinerja dituju"),
        ]},
        "penunjukan_lintas_instansi": {"pengaju": "pimpinan_unit_asal", "langkah": [
            _langkah("persetujuan_pyb_asal", "pyb_asal", "setujui", "Persetujuan Pejabat yang Berwenang pemohon"),
            _langkah("persetujuan_pyb_tujuan", "pyb_tujuan", "setujui",
                     "Persetujuan Pejabat yang Berwenang instansi dituju"),
            _langkah("jawaban_ppk_tujuan", "ppk_tujuan", "jawab_ketersediaan",
                     "Jawaban ketersediaan Pejabat Penilai Kinerja dituju (rekomendasi Pimpinan Unit)"),
            _langkah("pengesahan_jawaban_pyb_tujuan", "pyb_tujuan", "setujui",
                     "Persetujuan jawaban oleh Pejabat yang Berwenang instansi dituju"),
        ]},
        "sukarela_dalam_unit": {"pengaju": "pegawai", "langkah": [
            _langkah("persetujuan_pimpinan_unit", "pimpinan_unit_asal", "setujui", "Persetujuan Pimpinan Unit",
                     boleh_dikembalikan=False),
        ]},
        "sukarela_lintas_unit": {"pengaju": "pegawai", "langkah": (
            _SUKARELA_TUJUAN_DULU if urutan_sukarela == UrutanSukarela.TUJUAN_DULU else _SUKARELA_ASAL_DULU
        )},
    }


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
        "langkah_rute": langkah_rute(urutan_sukarela=UrutanSukarela.TUJUAN_DULU),
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
        "langkah_rute": langkah_rute(urutan_sukarela=UrutanSukarela.ASAL_DULU),
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
        "langkah_rute": langkah_rute(urutan_sukarela=UrutanSukarela.TUJUAN_DULU),
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
        "langkah_rute": langkah_rute(urutan_sukarela=UrutanSukarela.ASAL_DULU),
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
        "langkah_rute": langkah_rute(urutan_sukarela=UrutanSukarela.ASAL_DULU),
        "ketua_tim_jenis_jabatan": [J.FUNGSIONAL, J.PELAKSANA],
        "ketua_tim_pengawas_jika_dua_level": False,
        "penanggung_jawab_tim_aktif": False,
        "aturan_kedudukan_jenjang": False,
        "jenis_surat_penugasan": JenisSurat.SURAT_TUGAS,
        "laporan_individu_ke": TujuanLaporan.PIMPINAN_UNIT,
    },
}
