"""Regional rule presets: the five regulations in ../shared/seeds as Instansi settings.

Each preset is a plain dict of Instansi field values. An admin picks a preset
(``services.instansi_terapkan_preset``) and may adjust any field afterwards;
code reads the Instansi fields, never the preset name.
"""
import datetime

from .models import JenisJabatan as J
from .models import JenisSurat, KetuaDariUnitPemilik, Penandatangan, Preset, TujuanLaporan, UrutanSukarela

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

# --------------------------------------------------------------------------- placement by jenjang (DOMAIN §1)
# Evaluated by organisasi.kedudukan; every rule names its article. "bawaan": the seed is silent.

_KETERAMPILAN = ["pemula", "terampil", "mahir", "penyelia"]


def _kedudukan(subjek: list[str], ppk: list[str], pasal: str, kutipan: str, *, satu_tingkat: bool = False,
               syarat: str = "", perangkat_daerah: list[str] | None = None, bawaan: bool = False) -> dict:
    return {"subjek": subjek, "ppk": ppk, "satu_tingkat_di_atas": satu_tingkat, "syarat": syarat,
            "perangkat_daerah": perangkat_daerah or [], "pasal": pasal, "kutipan": kutipan, "bawaan": bawaan}


ATURAN_KEDUDUKAN: dict[str, dict] = {
    Preset.BELU: {"peraturan": "Peraturan Bupati Belu Nomor 47 Tahun 2024", "bebas": "Pasal 7 ayat (1)",
                  "kepala_unit_mandiri": "Pasal 7 ayat (2)", "aturan": []},
    Preset.PASURUAN: {"peraturan": "Peraturan Walikota Pasuruan Nomor 41 Tahun 2023",
                      "bebas": "Lampiran I huruf B angka 1", "kepala_unit_mandiri": "", "aturan": []},
    Preset.KOTABARU: {
        "peraturan": "Peraturan Bupati Kotabaru Nomor 68 Tahun 2024", "kepala_unit_mandiri": "Pasal 18 ayat (5)",
        "aturan": [
            _kedudukan(["ahli_utama", "ahli_madya"], ["jpt_pratama"], "Pasal 18 ayat (3) huruf a", "003 Ps.18(3)a"),
            _kedudukan(["ahli_muda"], ["administrator"], "Pasal 18 ayat (3) huruf b", "003 Ps.18(3)b",
                       satu_tingkat=True),
            _kedudukan(["ahli_pertama", *_KETERAMPILAN], ["pengawas"], "Pasal 18 ayat (3) huruf c",
                       "003 Ps.18(3)c", satu_tingkat=True),
            _kedudukan(["pelaksana"], ["pengawas"], "Pasal 18 ayat (4) huruf a", "003 Ps.18(4)a"),
            _kedudukan(["pelaksana"], ["administrator"], "Pasal 18 ayat (4) huruf b", "003 Ps.18(4)b",
                       syarat="tanpa_pengawas"),
        ]},
    Preset.BUNGO: {
        "peraturan": "Peraturan Bupati Bungo Nomor 15 Tahun 2024", "kepala_unit_mandiri": "",
        "aturan": [
            _kedudukan(["ahli_madya"], ["kepala_pd"],
                       "Pasal 16 ayat (2) huruf a, Pasal 19 ayat (2), Pasal 22 ayat (2) huruf a, "
                       "Pasal 25 ayat (2) huruf a", "001 Ps.16(2)a, 19, 22(2)a, 25(2)a"),
            _kedudukan(["ahli_utama"], ["kepala_pd"], "tidak diatur; mengikuti Ahli Madya (Pasal 16 ayat (2) huruf a)",
                       "001 silent", bawaan=True),
            _kedudukan(["ahli_muda", "ahli_pertama", *_KETERAMPILAN, "pelaksana"], ["administrator"],
                       "Pasal 16 ayat (2) huruf b, Pasal 19 ayat (2), Pasal 22 ayat (2) huruf b, "
                       "Pasal 25 ayat (2) huruf b", "001 Ps.16(2)b, 19, 22(2)b, 25(2)b"),
        ]},
    Preset.INDRAGIRI_HILIR: {
        "peraturan": "Peraturan Bupati Indragiri Hilir Nomor 1 Tahun 2024", "kepala_unit_mandiri": "Pasal 7 ayat (3)",
        "aturan": [
            _kedudukan(["ahli_madya"], ["jpt_pratama"], "Lampiran huruf B angka 1", "002 Lamp B.1"),
            _kedudukan(["ahli_utama"], ["jpt_pratama"], "tidak diatur; mengikuti Ahli Madya (Lampiran huruf B angka 1)",
                       "002 silent", bawaan=True),
            _kedudukan(["ahli_muda"], ["administrator"], "Lampiran huruf B angka 1", "002 Lamp B.1"),
            _kedudukan(["ahli_pertama", *_KETERAMPILAN, "pelaksana"], ["administrator", "pengawas"],
                       "Lampiran huruf B angka 1", "002 Lamp B.1"),
            _kedudukan(["ahli_madya", "ahli_muda", "ahli_pertama", *_KETERAMPILAN, "pelaksana"], ["kepala_pd"],
                       "Lampiran huruf B angka 1 huruf a angka 6", "002 Lamp B.1.a.6 (l.434)",
                       perangkat_daerah=["DPMPTSP", "Penanaman Modal"]),
        ]},
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
        "langkah_rute": langkah_rute(urutan_sukarela=UrutanSukarela.TUJUAN_DULU),
        "ketua_tim_jenis_jabatan": [J.FUNGSIONAL, J.PELAKSANA],
        "ketua_tim_pengawas_jika_dua_level": False,
        "penanggung_jawab_tim_aktif": False,
        "aturan_kedudukan": ATURAN_KEDUDUKAN[Preset.BELU],
        "sukarela_lintas_pd_aktif": True,
        "ketua_tim_dari_unit_pemilik": KetuaDariUnitPemilik.DIUTAMAKAN,
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
        "langkah_rute": langkah_rute(urutan_sukarela=UrutanSukarela.ASAL_DULU),
        "ketua_tim_jenis_jabatan": [J.FUNGSIONAL, J.PELAKSANA],
        "ketua_tim_pengawas_jika_dua_level": True,
        "penanggung_jawab_tim_aktif": False,
        "aturan_kedudukan": ATURAN_KEDUDUKAN[Preset.BUNGO],
        "sukarela_lintas_pd_aktif": True,
        "ketua_tim_dari_unit_pemilik": KetuaDariUnitPemilik.WAJIB,
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
        "langkah_rute": langkah_rute(urutan_sukarela=UrutanSukarela.TUJUAN_DULU),
        "ketua_tim_jenis_jabatan": [J.FUNGSIONAL, J.PELAKSANA],
        "ketua_tim_pengawas_jika_dua_level": False,
        "penanggung_jawab_tim_aktif": True,
        "aturan_kedudukan": ATURAN_KEDUDUKAN[Preset.INDRAGIRI_HILIR],
        "sukarela_lintas_pd_aktif": False,
        "ketua_tim_dari_unit_pemilik": KetuaDariUnitPemilik.DIUTAMAKAN,
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
        "langkah_rute": langkah_rute(urutan_sukarela=UrutanSukarela.ASAL_DULU),
        "ketua_tim_jenis_jabatan": [J.JPT_PRATAMA, J.ADMINISTRATOR, J.FUNGSIONAL, J.PELAKSANA],
        "ketua_tim_pengawas_jika_dua_level": False,
        "penanggung_jawab_tim_aktif": False,
        "aturan_kedudukan": ATURAN_KEDUDUKAN[Preset.KOTABARU],
        "sukarela_lintas_pd_aktif": True,
        "ketua_tim_dari_unit_pemilik": KetuaDariUnitPemilik.DIUTAMAKAN,
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
        "langkah_rute": langkah_rute(urutan_sukarela=UrutanSukarela.ASAL_DULU),
        "ketua_tim_jenis_jabatan": [J.FUNGSIONAL, J.PELAKSANA],
        "ketua_tim_pengawas_jika_dua_level": False,
        "penanggung_jawab_tim_aktif": False,
        "aturan_kedudukan": ATURAN_KEDUDUKAN[Preset.PASURUAN],
        "sukarela_lintas_pd_aktif": True,
        "ketua_tim_dari_unit_pemilik": KetuaDariUnitPemilik.DIUTAMAKAN,
        "jenis_surat_penugasan": JenisSurat.SURAT_TUGAS,
        "laporan_individu_ke": TujuanLaporan.PPK,
    },
}


# --------------------------------------------------------------------------- the enacting regulations (DOMAIN §9)
# Each preset is a dated rule set: the regulation, the date it takes effect (its own article), and
# the article behind each setting and route. ``bawaan`` in a text marks a default where the seed
# is silent (listed in README "Aturan per daerah").

PERATURAN: dict[str, dict] = {
    Preset.BELU: {"peraturan": "Peraturan Bupati Belu Nomor 47 Tahun 2024", "nomor": "47", "tahun": 2024,
                  "berlaku_mulai": datetime.date(2024, 9, 13), "pasal_berlaku": "Pasal 19",
                  "pasal_surat_penugasan": "Lampiran II huruf B angka 2"},
    Preset.BUNGO: {"peraturan": "Peraturan Bupati Bungo Nomor 15 Tahun 2024", "nomor": "15", "tahun": 2024,
                   "berlaku_mulai": datetime.date(2024, 5, 29), "pasal_berlaku": "Pasal 31",
                   "pasal_surat_penugasan": "Pasal 6"},
    Preset.INDRAGIRI_HILIR: {"peraturan": "Peraturan Bupati Indragiri Hilir Nomor 1 Tahun 2024", "nomor": "1",
                             "tahun": 2024, "berlaku_mulai": datetime.date(2024, 1, 26), "pasal_berlaku": "Pasal 17",
                             "pasal_surat_penugasan": "Pasal 9 ayat (2) dan Lampiran huruf C"},
    Preset.KOTABARU: {"peraturan": "Peraturan Bupati Kotabaru Nomor 68 Tahun 2024", "nomor": "68", "tahun": 2024,
                      "berlaku_mulai": datetime.date(2024, 9, 18), "pasal_berlaku": "Pasal 33",
                      "pasal_surat_penugasan": "Pasal 20 dan Pasal 21"},
    # the seed holds only the Lampiran: the date of enactment is absent; default 1 January 2023
    Preset.PASURUAN: {"peraturan": "Peraturan Walikota Pasuruan Nomor 41 Tahun 2023", "nomor": "41", "tahun": 2023,
                      "berlaku_mulai": datetime.date(2023, 1, 1),
                      "pasal_berlaku": "tanggal tidak tercantum pada naskah (bawaan: 1 Januari 2023)",
                      "pasal_surat_penugasan": "Pasal 9 ayat (4)"},
}

# setting / route -> article (seed citations as in DOMAIN: 000 = Belu, 001 = Bungo, 002 = Inhil,
# 003 = Kotabaru, 004 = Pasuruan)
KUTIPAN: dict[str, dict[str, str]] = {
    Preset.BELU: {
        "sukarela_lintas_pd_aktif": "000 Ps.8(2) (inferensi: lintas unit dalam Pemda)",
        "ketua_tim_dari_unit_pemilik": "000 Ps.8(3), 10(3) (diutamakan)",
        "lintas_instansi_aktif": "000 Ps.8(2)",
        "penandatangan_dalam_unit": "000 Lamp II.B.2 d (l.526); Ps.9(4)",
        "penandatangan_lintas_unit": "000 Lamp II.B.2 Penunjukan b",
        "penandatangan_lintas_pd": "000 Lamp II.B.2 Penunjukan c",
        "penetap_tim_lintas_pd": "000 Ps.10(4)",
        "ketua_tim_jenis_jabatan": "000 Ps.10(1)-(2); Lamp II.B.1 e",
        "aturan_kedudukan": "000 Ps.7(1)",
        "jenis_surat_penugasan": "000 Lamp II.B.2",
        "laporan_individu_ke": "000 Ps.12",
        "rute.penunjukan_dalam_unit": "000 Lamp II.B.2 Penunjukan a; II.B.2 d; Lamp II.C.1, C.3",
        "rute.penunjukan_lintas_unit": "000 Lamp II.B.2 Penunjukan b (l.707)",
        "rute.penunjukan_lintas_instansi": "000 Lamp II.B.2 Penunjukan c",
        "rute.sukarela_dalam_unit": "000 Lamp II.B.2 Sukarela a",
        "rute.sukarela_lintas_unit": "000 Lamp II.B.2 Sukarela b",
    },
    Preset.BUNGO: {
        "sukarela_lintas_pd_aktif": "001 tidak diatur (bawaan: boleh)",
        "ketua_tim_dari_unit_pemilik": "001 Ps.9(3) (wajib)",
        "lintas_instansi_aktif": "001 Ps.6(1)",
        "penandatangan_dalam_unit": "001 Ps.6(2); Ps.5(6)",
        "penandatangan_lintas_unit": "001 Ps.6(3)",
        "penandatangan_lintas_pd": "001 Ps.6(4)",
        "penetap_tim_lintas_pd": "001 Ps.9(4) (garbled)",
        "ketua_tim_jenis_jabatan": "001 Ps.9(1)-(3)",
        "ketua_tim_pengawas_jika_dua_level": "001 Ps.9(2); Ps.1 angka 20",
        "aturan_kedudukan": "001 Ps.16(2), 19, 22(2), 25(2)",
        "jenis_surat_penugasan": "001 Ps.6(2)",
        "laporan_individu_ke": "001 Ps.11",
        "rute.penunjukan_dalam_unit": "001 Ps.6(2)",
        "rute.penunjukan_lintas_unit": "001 Ps.6(3)",
        "rute.penunjukan_lintas_instansi": "001 Ps.6(4)",
        "rute.sukarela_dalam_unit": "001 Ps.7(2)",
        "rute.sukarela_lintas_unit": "001 Ps.7(3)",
    },
    Preset.INDRAGIRI_HILIR: {
        "sukarela_lintas_pd_aktif": "002 Lamp C Sukarela (hanya dalam satu PD)",
        "ketua_tim_dari_unit_pemilik": "002 Ps.8(3) (diutamakan)",
        "lintas_perangkat_daerah_aktif": "002 Ps.8(2)",
        "lintas_instansi_aktif": "002 Ps.8(2) (tidak mencakup lintas Instansi)",
        "penandatangan_dalam_unit": "002 Lamp C Penunjukan a; Ps.9(1), 10(4)",
        "penandatangan_lintas_unit": "002 Lamp C Penunjukan b",
        "penandatangan_lintas_pd": "002 Lamp C Penunjukan c",
        "penetap_tim_lintas_pd": "002 Ps.9(2)b-c",
        "ketua_tim_jenis_jabatan": "002 Ps.8(4); Lamp C.2",
        "penanggung_jawab_tim_aktif": "002 Lamp C.3.d.2",
        "aturan_kedudukan": "002 Lamp B.1",
        "jenis_surat_penugasan": "002 Lamp C.1; Ps.9(2)a",
        "laporan_individu_ke": "002 Ps.12",
        "rute.penunjukan_dalam_unit": "002 Lamp C Penunjukan a; C.1",
        "rute.penunjukan_lintas_unit": "002 Lamp C Penunjukan b",
        "rute.penunjukan_lintas_perangkat_daerah": "002 Lamp C Penunjukan c",
        "rute.sukarela_dalam_unit": "002 Lamp C Sukarela a",
        "rute.sukarela_lintas_unit": "002 Lamp C Sukarela b",
    },
    Preset.KOTABARU: {
        "sukarela_lintas_pd_aktif": "003 Ps.23(4)",
        "ketua_tim_dari_unit_pemilik": "003 Ps.22(3) (diutamakan, unit atau PD)",
        "lintas_perangkat_daerah_aktif": "003 Ps.19(2)",
        "lintas_instansi_aktif": "003 Ps.19(2)",
        "penandatangan_dalam_unit": "003 Ps.20(1)-(2); 23(5)",
        "penandatangan_lintas_unit": "003 Ps.20(4)",
        "penandatangan_lintas_pd": "003 Ps.20(4)",
        "penetap_tim_lintas_pd": "003 Ps.21(4)",
        "ketua_tim_jenis_jabatan": "003 Ps.22(2); Lamp II.5-6",
        "aturan_kedudukan": "003 Ps.18(3)-(5)",
        "jenis_surat_penugasan": "003 Ps.20(1)-(2), 21(1)",
        "laporan_individu_ke": "003 Ps.27",
        "rute.penunjukan_dalam_unit": "003 Ps.23(2), (5)",
        "rute.penunjukan_lintas_unit": "003 Ps.20(3), 21(2)-(3)",
        "rute.penunjukan_lintas_perangkat_daerah": "003 Ps.20(3)-(4), 21(2)-(4)",
        "rute.penunjukan_lintas_instansi": "003 Ps.19(2); langkah tidak diatur: bawaan PermenPANRB 7/2022",
        "rute.sukarela_dalam_unit": "003 Ps.23(3), (5); langkah tidak diatur: bawaan",
        "rute.sukarela_lintas_unit": "003 Ps.23(4) (urutan tidak diatur: bawaan, PPK sendiri lebih dahulu)",
    },
    Preset.PASURUAN: {
        "sukarela_lintas_pd_aktif": "004 l.327 (inferensi: lintas unit dalam Pemda)",
        "ketua_tim_dari_unit_pemilik": "004 tidak diatur (bawaan: diutamakan, peringatan)",
        "lintas_instansi_aktif": "004 l.219",
        "penandatangan_dalam_unit": "004 Lamp I.B.1; Lamp II",
        "penandatangan_lintas_unit": "004 Lamp I.B.2 Penunjukan Tim ii (l.286-293)",
        "penandatangan_lintas_pd": "004 l.219 (langkah tidak diatur: bawaan)",
        "penetap_tim_lintas_pd": "004 Lamp III",
        "ketua_tim_jenis_jabatan": "004 l.277",
        "aturan_kedudukan": "004 Lamp I.B.1",
        "jenis_surat_penugasan": "004 Lamp II",
        "laporan_individu_ke": "004 Lamp I.A.2 c",
        "rute.penunjukan_dalam_unit": "004 Lamp I.B.1; Lamp I.B.2 Penunjukan Individu i.a-i",
        "rute.penunjukan_lintas_unit": "004 Lamp I.B.2 Penunjukan Tim ii (l.286-293)",
        "rute.penunjukan_lintas_instansi": "004 l.219; langkah tidak diatur: bawaan PermenPANRB 7/2022",
        "rute.sukarela_dalam_unit": "004 Lamp I.B.2 Sukarela 1",
        "rute.sukarela_lintas_unit": "004 Lamp I.B.2 Sukarela 2 (l.327)",
    },
}
