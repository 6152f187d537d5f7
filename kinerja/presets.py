"""Regional kinerja rules (DOMAIN.md §4.5, §4.1, §4.3) as data, one dict per organisasi
``Preset``. ``services.aturan_kinerja_tetapkan`` copies one into a dated ``AturanKinerja``;
``selectors.aturan_kinerja_pada`` falls back to the Instansi's preset when no record exists.
Every rule carries its seed citation in ``sumber``; "silent" = the seed says nothing and the
value is the product's default (PermenPANRB 7/2022 reading, as Belu).
"""
from __future__ import annotations

import datetime

from organisasi.models import JenisPerangkatDaerah as PD
from organisasi.models import Preset

from .models.aturan import HasilTidakSesuai, PenentuStrategi, PenetapPK, PeranRantai as R, PeriodeLaporan
from .models.aturan import TujuanLaporanTim

_DUA = [R.PEMILIK_TARGET, R.KEPALA_PD]
_TIGA = [R.PEMILIK_TARGET, R.ATASAN_PEMILIK, R.KEPALA_PD]

BAWAAN: dict = {
    "berlaku_mulai": datetime.date(2022, 1, 1),
    "dasar_hukum": "Peraturan Menteri PANRB Nomor 7 Tahun 2022 tentang Sistem Kerja pada Instansi Pemerintah "
                   "untuk Penyederhanaan Birokrasi",
    "penetap_pk": PenetapPK.KEPALA_PD,
    "jenis_pd_tanpa_pk": [],
    "pk_boleh_diubah": False,
    "kaskade_tiga_tingkat": [PD.SEKRETARIAT_DAERAH],
    "penentu_strategi": PenentuStrategi.PEMILIK_TARGET,
    "periode_laporan": PeriodeLaporan.BULANAN,
    "laporan_tim_ke": TujuanLaporanTim.PIMPINAN_UNIT,
    "permintaan_laporan_ke_anggota": True,
    "penanggung_jawab_terima_laporan": False,
    "hasil_tidak_sesuai": HasilTidakSesuai.DIKEMBALIKAN,
    "rantai_evaluasi": {"*": _DUA, PD.SEKRETARIAT_DAERAH: _TIGA},
    "sumber": {"*": "bawaan produk (mengikuti pola Belu/PermenPANRB 7/2022)"},
}

PRESET_KINERJA: dict[str, dict] = {
    Preset.BELU: {
        **BAWAAN,
        "berlaku_mulai": datetime.date(2024, 9, 13),
        "dasar_hukum": "Peraturan Bupati Belu Nomor 47 Tahun 2024",
        "sumber": {
            "penetap_pk": "000 Lamp II.A.1 a, II.C",
            "pk_boleh_diubah": "silent (bawaan: tidak)",
            "kaskade_tiga_tingkat": "000 Lamp II.C.8–9 (Sekda → Asisten → Kabag)",
            "penentu_strategi": "000 Lamp II.A.1 b, II.C.1",
            "periode_laporan": "silent (bawaan: bulanan)",
            "laporan_tim_ke": "000 Ps.13(2)",
            "permintaan_laporan_ke_anggota": "000 Ps.13(3)",
            "hasil_tidak_sesuai": "000 Lamp II.C.4–6",
            "rantai_evaluasi": "000 Lamp II.C.1–9",
        },
    },
    Preset.BUNGO: {
        **BAWAAN,
        "berlaku_mulai": datetime.date(2024, 5, 29),
        "dasar_hukum": "Peraturan Bupati Bungo Nomor 15 Tahun 2024",
        "permintaan_laporan_ke_anggota": False,
        "rantai_evaluasi": {"*": _DUA, PD.SEKRETARIAT_DAERAH: _TIGA},
        "sumber": {
            "penetap_pk": "001 Ps.18(2), 21(2), 24(2), 30(2) (Kepala PD menetapkan PK dan SKP)",
            "pk_boleh_diubah": "silent (bawaan: tidak)",
            "kaskade_tiga_tingkat": "001 Ps.18(2)",
            "penentu_strategi": "001 Ps.30(2)d",
            "periode_laporan": "silent (bawaan: bulanan)",
            "laporan_tim_ke": "001 Ps.12(1)b",
            "permintaan_laporan_ke_anggota": "001 Ps.12(2) (hanya ketua tim)",
            "hasil_tidak_sesuai": "silent (bawaan: dikembalikan)",
            "rantai_evaluasi": "001 Ps.18(4), 21(4), 24(3), 30(4)",
        },
    },
    Preset.INDRAGIRI_HILIR: {
        **BAWAAN,
        "berlaku_mulai": datetime.date(2024, 1, 26),
        "dasar_hukum": "Peraturan Bupati Indragiri Hilir Nomor 1 Tahun 2024",
        "penetap_pk": PenetapPK.PIMPINAN_UNIT,
        "kaskade_tiga_tingkat": [],
        "penentu_strategi": PenentuStrategi.PENANGGUNG_JAWAB,
        "laporan_tim_ke": TujuanLaporanTim.PIMPINAN_UNIT_ATAU_PJ,
        "penanggung_jawab_terima_laporan": True,
        "rantai_evaluasi": {"*": [R.PEMILIK_TARGET, R.PENANGGUNG_JAWAB, R.PIMPINAN_UNIT_PD]},
        "sumber": {
            "penetap_pk": "002 Lamp C.3.d.1.b (Pimpinan Unit)",
            "pk_boleh_diubah": "silent (bawaan: tidak)",
            "kaskade_tiga_tingkat": "silent (tidak ada)",
            "penentu_strategi": "002 Lamp C.3.d.2 (penanggung jawab)",
            "periode_laporan": "silent (bawaan: bulanan)",
            "laporan_tim_ke": "002 Ps.13(2)",
            "permintaan_laporan_ke_anggota": "002 Ps.13(3)",
            "penanggung_jawab_terima_laporan": "002 Ps.13(2)–(3), Lamp C.3.a.2.c",
            "hasil_tidak_sesuai": "silent (bawaan: dikembalikan)",
            "rantai_evaluasi": "002 Lamp A.3 (atasan langsung + penanggung jawab + PU → PU)",
        },
    },
    Preset.KOTABARU: {
        **BAWAAN,
        "berlaku_mulai": datetime.date(2024, 9, 18),
        "dasar_hukum": "Peraturan Bupati Kotabaru Nomor 68 Tahun 2024",
        "jenis_pd_tanpa_pk": [PD.PUSKESMAS, PD.SATUAN_PENDIDIKAN],
        "kaskade_tiga_tingkat": [PD.SEKRETARIAT_DAERAH, PD.RSUD, PD.KECAMATAN],
        "laporan_tim_ke": TujuanLaporanTim.PIMPINAN_UNIT_DAN_KEPALA_PD,
        "rantai_evaluasi": {
            "*": _DUA, PD.SEKRETARIAT_DAERAH: _TIGA, PD.RSUD: _TIGA, PD.KECAMATAN: _DUA,
            PD.UPTD: [R.KEPALA_PD, R.KEPALA_PD_INDUK], PD.PUSKESMAS: [R.KEPALA_PD, R.KEPALA_PD_INDUK],
            PD.SKB: [R.KEPALA_PD, R.KEPALA_PD_INDUK], PD.SATUAN_PENDIDIKAN: [R.KEPALA_PD],
        },
        "sumber": {
            "penetap_pk": "003 Lamp II (Level 1 per jenis PD)",
            "jenis_pd_tanpa_pk": "003 Lamp II (tidak untuk Puskesmas, Satuan Pendidikan)",
            "pk_boleh_diubah": "silent (bawaan: tidak)",
            "kaskade_tiga_tingkat": "003 Lamp II.1, II.3, II.5",
            "penentu_strategi": "003 Lamp II.2",
            "periode_laporan": "silent (bawaan: bulanan)",
            "laporan_tim_ke": "003 Ps.28(2)",
            "permintaan_laporan_ke_anggota": "003 Ps.28(3)",
            "hasil_tidak_sesuai": "silent (bawaan: dikembalikan)",
            "rantai_evaluasi": "003 Lamp II.1–8, II.G (UPTD → JPT induk: inferensi)",
        },
    },
    Preset.PASURUAN: {
        **BAWAAN,
        "berlaku_mulai": datetime.date(2023, 1, 1),
        "dasar_hukum": "Peraturan Walikota Pasuruan Nomor 41 Tahun 2023",
        "pk_boleh_diubah": True,
        "penentu_strategi": PenentuStrategi.PPK,
        "laporan_tim_ke": TujuanLaporanTim.PPK,
        "hasil_tidak_sesuai": HasilTidakSesuai.DIPERBAIKI_PENERIMA,
        "rantai_evaluasi": {"*": [R.PPK_PEMILIK, R.KEPALA_PD]},
        "sumber": {
            "berlaku_mulai": "tanggal tidak ada dalam seed (bawaan: 1 Januari 2023)",
            "penetap_pk": "004 l.211–213 (Kepala PD/Sekolah/Puskesmas: PK Pelaksanaan Kegiatan)",
            "pk_boleh_diubah": "004 l.211–213 (diubah apabila terjadi perubahan kegiatan)",
            "kaskade_tiga_tingkat": "004 Lamp I.B.1 a",
            "penentu_strategi": "004 Lamp I.A.1 b (PPK)",
            "periode_laporan": "silent (bawaan: bulanan)",
            "laporan_tim_ke": "004 Lamp I.A.2 c",
            "permintaan_laporan_ke_anggota": "silent (bawaan: ya)",
            "hasil_tidak_sesuai": "004 l.252, 298 (Kepala Unit melakukan perbaikan)",
            "rantai_evaluasi": "004 l.250, 296; Lamp I.A.3",
        },
    },
}


def nilai_preset(preset: str) -> dict:
    """Field values of the kinerja rules of a preset (the default for ``kustom``)."""
    return dict(PRESET_KINERJA.get(preset, BAWAAN))
