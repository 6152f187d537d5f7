"""Demo region: two fictional governments, built through the real services.

* **Pemerintah Kabupaten Teluk Saijaan** (fictional; shaped after the Perangkat Daerah list in
  Lampiran I of Peraturan Bupati Kotabaru 68/2024, preset Kotabaru): Sekretariat Daerah with
  Asisten and Bagian, Inspektorat, Sekretariat DPRD, Bappeda, BKPSDM, BPKAD, Dinas Kesehatan,
  Dinas Pendidikan dan Kebudayaan, Dinas Kominfo, Dinas PUPR, Dinas Perhubungan, Satpol PP,
  RSUD, a Kecamatan with two Kelurahan, two UPTD Puskesmas, a Satuan Pendidikan led by a JF
  Kepala Sekolah and an SKB. The Kecamatan uses the Belu-like pattern: the Camat appraises (PPK)
  while the Sekretaris Kecamatan assigns the work (Pimpinan Unit, ``UnitOrganisasi.jabatan_pimpinan``).
* **Pemerintah Kota Gading Kencana** (fictional, preset Pasuruan): three Perangkat Daerah, for
  cross-agency routes.

Every name, NIP, address and e-mail is invented. Everything is deterministic (a seeded random
generator, fixed order) and idempotent: rows are looked up by natural key (kode, NIP, username)
and holders/placements are only created when missing, so running ``muat()`` twice changes
nothing. Demo accounts share the password ``DEMO_PASSWORD`` (local demo only).
"""
from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from . import permissions, selectors, services
from .models import (
    STRUKTURAL,
    Instansi,
    Jabatan,
    JenisASN,
    JenisInstansi,
    JenisJabatan,
    JenisPemangku,
    JenisPerangkatDaerah,
    JenisUnit,
    Jenjang,
    JENJANG_KATEGORI,
    Kedudukan,
    Kompetensi,
    Pegawai,
    PemangkuJabatan,
    PerangkatDaerah,
    Preset,
    UnitOrganisasi,
)

User = get_user_model()

DEMO_PASSWORD = "demo12345"
AWAL = datetime.date(2024, 1, 2)
KODE_INSTANSI = "demo-teluk-saijaan"
KODE_INSTANSI2 = "demo-gading-kencana"

J = JenisJabatan
JJ = Jenjang

# --------------------------------------------------------------------------- specification DSL


@dataclass
class Kursi:
    """A position seat spec. ``n`` holders (formation), ``peran`` names the first holder's role."""

    nama: str
    jenis: str
    nama_jf: str = ""
    jenjang: str = ""
    n: int = 1
    peran: str = ""
    kosong: bool = False  # vacant (no definitive holder)
    kompetensi: tuple[str, ...] = ()
    pppk: int = 0  # how many of the n holders are PPPK


def JF(nama_jf: str, jenjang: str, n: int = 1, peran: str = "", kompetensi: tuple[str, ...] = (), pppk: int = 0):
    return Kursi(f"{nama_jf} {Jenjang(jenjang).label}", J.FUNGSIONAL, nama_jf, jenjang, n, peran,
                 kompetensi=kompetensi, pppk=pppk)


def P(nama: str, n: int = 1, peran: str = "", kompetensi: tuple[str, ...] = (), pppk: int = 0):
    return Kursi(nama, J.PELAKSANA, n=n, peran=peran, kompetensi=kompetensi, pppk=pppk)


@dataclass
class Unit:
    nama: str
    jenis: str
    kepala: Kursi | None = None
    staf: list[Kursi] = field(default_factory=list)
    anak: list[Unit] = field(default_factory=list)
    pimpinan_anak: int | None = None  # index of the child whose head is this unit's Pimpinan Unit


@dataclass
class PD:
    kode: str
    nama: str
    singkatan: str
    jenis: str
    akar: Unit
    label_model: str = ""
    induk: str = ""
    kode_surat: str = ""
    alamat: str = ""


KOMPETENSI_JF = {
    "Analis Kebijakan": ("Analisis Kebijakan", "Penyusunan Naskah Akademik"),
    "Perencana": ("Perencanaan Pembangunan", "Analisis Data"),
    "Auditor": ("Audit Kinerja", "Audit Keuangan"),
    "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah": ("Pengawasan Pemerintahan", "Audit Kinerja"),
    "Analis Sumber Daya Manusia Aparatur": ("Manajemen SDM", "Analisis Jabatan"),
    "Analis Keuangan Pusat dan Daerah": ("Keuangan Daerah", "Penatausahaan Keuangan"),
    "Pranata Komputer": ("Pengembangan Aplikasi", "Jaringan Komputer"),
    "Statistisi": ("Statistik", "Analisis Data"),
    "Sandiman": ("Keamanan Informasi", "Persandian"),
    "Pranata Hubungan Masyarakat": ("Kehumasan", "Desain Grafis"),
    "Administrator Kesehatan": ("Manajemen Kesehatan", "Perencanaan Pembangunan"),
    "Epidemiolog Kesehatan": ("Epidemiologi", "Analisis Data"),
    "Sanitarian": ("Kesehatan Lingkungan",),
    "Dokter": ("Pelayanan Medis", "Kesehatan Masyarakat"),
    "Perawat": ("Keperawatan",),
    "Bidan": ("Kebidanan",),
    "Pranata Laboratorium Kesehatan": ("Laboratorium Kesehatan",),
    "Apoteker": ("Kefarmasian",),
    "Guru": ("Pendidikan Dasar", "Kurikulum"),
    "Pamong Belajar": ("Pendidikan Nonformal", "Kurikulum"),
    "Pengembang Teknologi Pembelajaran": ("Teknologi Pembelajaran", "Pengembangan Aplikasi"),
    "Pamong Budaya": ("Pelestarian Budaya",),
    "Teknik Jalan dan Jembatan": ("Konstruksi Jalan", "Manajemen Proyek"),
    "Penata Ruang": ("Penataan Ruang", "Sistem Informasi Geografis"),
    "Penguji Kendaraan Bermotor": ("Pengujian Kendaraan",),
    "Polisi Pamong Praja": ("Penegakan Perda", "Ketertiban Umum"),
    "Analis Pemadam Kebakaran": ("Pemadaman Kebakaran", "Penyelamatan"),
    "Pengelola Pengadaan Barang/Jasa": ("Pengadaan Barang/Jasa",),
    "Arsiparis": ("Kearsipan",),
    "Perancang Peraturan Perundang-undangan": ("Legal Drafting", "Hukum"),
    "Penata Kelola Sistem dan Teknologi Informasi": ("Tata Kelola TI", "Keamanan Informasi"),
}
KOMPETENSI_UMUM = (
    "Penyusunan Laporan", "Pengolahan Data", "Pelayanan Publik", "Manajemen Proyek", "Kearsipan",
    "Komunikasi Publik", "Pengadaan Barang/Jasa", "Penatausahaan Keuangan", "Desain Grafis", "Bahasa Inggris",
)

PANGKAT = {
    (J.KEPALA_DAERAH, ""): ("", ""),
    (J.JPT_PRATAMA, ""): ("Pembina Utama Muda", "IV/c"),
    (J.ADMINISTRATOR, ""): ("Pembina", "IV/a"),
    (J.PENGAWAS, ""): ("Penata Tingkat I", "III/d"),
    (J.PELAKSANA, ""): ("Pengatur", "II/c"),
    (J.FUNGSIONAL, JJ.AHLI_UTAMA): ("Pembina Utama", "IV/e"),
    (J.FUNGSIONAL, JJ.AHLI_MADYA): ("Pembina Tingkat I", "IV/b"),
    (J.FUNGSIONAL, JJ.AHLI_MUDA): ("Penata Tingkat I", "III/d"),
    (J.FUNGSIONAL, JJ.AHLI_PERTAMA): ("Penata Muda Tingkat I", "III/b"),
    (J.FUNGSIONAL, JJ.PENYELIA): ("Penata", "III/c"),
    (J.FUNGSIONAL, JJ.MAHIR): ("Penata Muda", "III/a"),
    (J.FUNGSIONAL, JJ.TERAMPIL): ("Pengatur Tingkat I", "II/d"),
    (J.FUNGSIONAL, JJ.PEMULA): ("Pengatur Muda", "II/a"),
}

NAMA_L = ("Ahmad", "Budi", "Rizki", "Fajar", "Hendra", "Muhammad", "Agus", "Dedi", "Irfan", "Yusuf", "Rahmat",
          "Taufik", "Eko", "Wahyu", "Arif", "Fauzan", "Hasan", "Iqbal", "Joko", "Lukman", "Maulana", "Nanda",
          "Rudi", "Syahrul", "Teguh", "Wawan", "Yoga", "Zainal", "Bayu", "Dimas", "Gilang", "Hadi", "Ilham",
          "Rendi", "Sigit", "Anang", "Bahrul", "Fikri", "Galih", "Heru")
NAMA_P = ("Siti", "Dewi", "Rina", "Nur", "Fitri", "Ayu", "Putri", "Sri", "Wulan", "Ratna", "Indah", "Mega",
          "Nadia", "Yuni", "Rahmah", "Aisyah", "Dian", "Eka", "Fatimah", "Hana", "Intan", "Kartika", "Lina",
          "Maya", "Novi", "Rini", "Sari", "Tika", "Vina", "Winda", "Zahra", "Annisa", "Citra", "Dini", "Erna")
NAMA_BELAKANG_L = ("Pratama", "Saputra", "Hidayat", "Santoso", "Wijaya", "Rahman", "Hakim", "Nugroho", "Setiawan",
                   "Kurniawan", "Firmansyah", "Ramadhan", "Syahputra", "Noor", "Hamdani", "Fahrurrazi",
                   "Rusdiansyah", "Akbar", "Syarifuddin", "Iskandar", "Mahmud", "Hafiz")
NAMA_BELAKANG_P = ("Maulida", "Anggraini", "Rahmawati", "Wulandari", "Permatasari", "Handayani", "Fitriani",
                   "Safitri", "Noor", "Mahyuni", "Norhayati", "Yuliani", "Aulia", "Lestari", "Puspitasari",
                   "Kusumawati", "Oktaviani", "Rosdiana")
GELAR_JF = {
    "Dokter": ("dr.", ""), "Apoteker": ("", "S.Farm., Apt."), "Perawat": ("", "S.Kep., Ners"),
    "Bidan": ("", "A.Md.Keb."), "Guru": ("", "S.Pd."), "Pamong Belajar": ("", "S.Pd."),
    "Pranata Komputer": ("", "S.Kom."), "Statistisi": ("", "S.Si."), "Auditor": ("", "S.E., Ak."),
    "Perencana": ("", "S.T., M.Si."), "Epidemiolog Kesehatan": ("", "S.KM., M.Epid."),
    "Administrator Kesehatan": ("", "S.KM., M.Kes."), "Teknik Jalan dan Jembatan": ("", "S.T."),
    "Penata Ruang": ("", "S.T."), "Perancang Peraturan Perundang-undangan": ("", "S.H., M.H."),
    "Analis Kebijakan": ("", "S.Sos., M.AP."), "Analis Sumber Daya Manusia Aparatur": ("", "S.Psi."),
    "Analis Keuangan Pusat dan Daerah": ("", "S.E."),
}
GELAR_STRUKTURAL = ("S.Sos., M.Si.", "S.E., M.M.", "S.H., M.H.", "S.T., M.T.", "S.STP., M.Si.", "S.Kom., M.Kom.",
                    "S.Pd., M.Pd.", "S.KM., M.Kes.", "S.IP., M.AP.")


# --------------------------------------------------------------------------- region 1 (Kotabaru-like)


def _sekretariat_dinas(kode_singkat: str, subbag: str = "Subbagian Umum dan Kepegawaian", staf=None) -> Unit:
    return Unit("Sekretariat", JenisUnit.SEKRETARIAT, Kursi("Sekretaris {pd}", J.ADMINISTRATOR),
                staf=[JF("Perencana", JJ.AHLI_MUDA), JF("Analis Keuangan Pusat dan Daerah", JJ.AHLI_MUDA)],
                anak=[Unit(subbag, JenisUnit.SUBBAGIAN, Kursi(f"Kepala {subbag}", J.PENGAWAS),
                           staf=staf or [JF("Arsiparis", JJ.TERAMPIL), P("Pengadministrasi Perkantoran", 2),
                                         P("Pengelola Kepegawaian"), P("Bendahara", pppk=0)])])


def _bidang(nama: str, staf: list[Kursi], seksi: list[Unit] | None = None, kepala: Kursi | None = None) -> Unit:
    return Unit(nama, JenisUnit.BIDANG, kepala or Kursi(f"Kepala {nama}", J.ADMINISTRATOR), staf=staf,
                anak=seksi or [])


def _seksi(nama: str, staf: list[Kursi]) -> Unit:
    return Unit(nama, JenisUnit.SEKSI, Kursi(f"Kepala {nama}", J.PENGAWAS), staf=staf)


def _bagian(nama: str, staf: list[Kursi], kepala: Kursi | None = None) -> Unit:
    return Unit(nama, JenisUnit.BAGIAN, kepala or Kursi(f"Kepala {nama}", J.ADMINISTRATOR), staf=staf)


def region_teluk_saijaan() -> list[PD]:
    kota = "Tanjung Saijaan"
    pds = [
        PD("SETDA", "Sekretariat Daerah", "Setda", JenisPerangkatDaerah.SEKRETARIAT_DAERAH, Unit(
            "Sekretariat Daerah", JenisUnit.PIMPINAN, Kursi("Sekretaris Daerah", J.JPT_PRATAMA, peran="sekda"),
            anak=[
                Unit("Asisten Pemerintahan dan Kesejahteraan Rakyat", JenisUnit.ASISTEN,
                     Kursi("Asisten Pemerintahan dan Kesejahteraan Rakyat", J.JPT_PRATAMA),
                     staf=[JF("Analis Kebijakan", JJ.AHLI_MADYA)],
                     anak=[_bagian("Bagian Pemerintahan", [JF("Analis Kebijakan", JJ.AHLI_MUDA),
                                                          JF("Analis Kebijakan", JJ.AHLI_PERTAMA, 2),
                                                          P("Pengadministrasi Pemerintahan", 2)]),
                           _bagian("Bagian Hukum", [JF("Perancang Peraturan Perundang-undangan", JJ.AHLI_MUDA),
                                                    JF("Perancang Peraturan Perundang-undangan", JJ.AHLI_PERTAMA, 2),
                                                    P("Pengadministrasi Hukum", 2)]),
                           _bagian("Bagian Kesejahteraan Rakyat", [JF("Analis Kebijakan", JJ.AHLI_PERTAMA),
                                                                   P("Pengadministrasi Umum", 2)])]),
                Unit("Asisten Perekonomian dan Pembangunan", JenisUnit.ASISTEN,
                     Kursi("Asisten Perekonomian dan Pembangunan", J.JPT_PRATAMA),
                     anak=[_bagian("Bagian Perekonomian dan Sumber Daya Alam",
                                   [JF("Analis Kebijakan", JJ.AHLI_MUDA), P("Pengadministrasi Umum", 2)]),
                           _bagian("Bagian Pengadaan Barang dan Jasa",
                                   [JF("Pengelola Pengadaan Barang/Jasa", JJ.AHLI_MUDA),
                                    JF("Pengelola Pengadaan Barang/Jasa", JJ.AHLI_PERTAMA, 3),
                                    P("Pengadministrasi Pengadaan", 2)])]),
                Unit("Asisten Administrasi Umum", JenisUnit.ASISTEN, Kursi("Asisten Administrasi Umum", J.JPT_PRATAMA),
                     anak=[_bagian("Bagian Organisasi", [JF("Analis Sumber Daya Manusia Aparatur", JJ.AHLI_MUDA),
                                                        JF("Analis Kebijakan", JJ.AHLI_PERTAMA),
                                                        P("Pengadministrasi Umum")]),
                           Unit("Bagian Umum", JenisUnit.BAGIAN, Kursi("Kepala Bagian Umum", J.ADMINISTRATOR),
                                staf=[JF("Arsiparis", JJ.AHLI_MUDA)],
                                anak=[Unit("Subbagian Tata Usaha Pimpinan", JenisUnit.SUBBAGIAN,
                                           Kursi("Kepala Subbagian Tata Usaha Pimpinan", J.PENGAWAS),
                                           staf=[P("Pengadministrasi Perkantoran", 3), P("Pengemudi", 2, pppk=2),
                                                 JF("Arsiparis", JJ.TERAMPIL)])])]),
            ]), "Sekretariat Daerah", kode_surat="100.3"),
        PD("INSP", "Inspektorat Daerah", "Inspektorat", JenisPerangkatDaerah.INSPEKTORAT, Unit(
            "Inspektorat Daerah", JenisUnit.PIMPINAN, Kursi("Inspektur Daerah", J.JPT_PRATAMA),
            staf=[JF("Auditor", JJ.AHLI_MADYA, 2),
                  JF("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", JJ.AHLI_MADYA)],
            anak=[_sekretariat_dinas("INSP")] + [
                Unit(f"Inspektur Pembantu Wilayah {r}", JenisUnit.INSPEKTUR_PEMBANTU,
                     Kursi(f"Inspektur Pembantu Wilayah {r}", J.ADMINISTRATOR),
                     staf=[JF("Auditor", JJ.AHLI_MUDA, 2, peran="auditor" if r == "I" else ""),
                           JF("Auditor", JJ.AHLI_PERTAMA, 2),
                           JF("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", JJ.AHLI_PERTAMA)])
                for r in ("I", "II", "III", "IV")]), "Model Inspektorat", kode_surat="700"),
        PD("DPRD", "Sekretariat Dewan Perwakilan Rakyat Daerah", "Setwan", JenisPerangkatDaerah.SEKRETARIAT_DPRD,
           Unit("Sekretariat DPRD", JenisUnit.PIMPINAN, Kursi("Sekretaris DPRD", J.JPT_PRATAMA), anak=[
               _bagian("Bagian Umum dan Keuangan", [JF("Analis Keuangan Pusat dan Daerah", JJ.AHLI_PERTAMA),
                                                    P("Pengadministrasi Keuangan", 2), P("Pengemudi", 2, pppk=2)]),
               _bagian("Bagian Persidangan dan Perundang-undangan",
                       [JF("Perancang Peraturan Perundang-undangan", JJ.AHLI_MUDA),
                        JF("Perancang Peraturan Perundang-undangan", JJ.AHLI_PERTAMA), P("Pengadministrasi Umum", 2)]),
               _bagian("Bagian Fasilitasi Penganggaran dan Pengawasan",
                       [JF("Analis Kebijakan", JJ.AHLI_MUDA), P("Pengadministrasi Umum")]),
           ]), "Model Sekretariat DPRD", kode_surat="170"),
        PD("BAPPEDA", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", "Bapperida",
           JenisPerangkatDaerah.BADAN, Unit(
               "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", JenisUnit.PIMPINAN,
               Kursi("Kepala Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", J.JPT_PRATAMA),
               staf=[JF("Perencana", JJ.AHLI_UTAMA), JF("Perencana", JJ.AHLI_MADYA, 2)],
               anak=[_sekretariat_dinas("BAPPEDA"),
                     _bidang("Bidang Perencanaan Pemerintahan dan Pembangunan Manusia",
                             [JF("Perencana", JJ.AHLI_MUDA, 2), JF("Perencana", JJ.AHLI_PERTAMA, 2), P("Analis Data")]),
                     _bidang("Bidang Perekonomian, Infrastruktur dan Kewilayahan",
                             [JF("Perencana", JJ.AHLI_MUDA, 2), JF("Perencana", JJ.AHLI_PERTAMA, 2)]),
                     _bidang("Bidang Riset dan Inovasi Daerah",
                             [JF("Perencana", JJ.AHLI_MUDA), JF("Statistisi", JJ.AHLI_PERTAMA), P("Analis Data")])]),
           "Model Badan Tipe A", kode_surat="050"),
        PD("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", JenisPerangkatDaerah.BADAN,
           Unit("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", JenisUnit.PIMPINAN,
                Kursi("Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", J.JPT_PRATAMA),
                anak=[_sekretariat_dinas("BKPSDM"),
                      _bidang("Bidang Pengadaan, Pemberhentian dan Informasi",
                              [JF("Analis Sumber Daya Manusia Aparatur", JJ.AHLI_MUDA, 2, peran="admin.instansi"),
                               JF("Analis Sumber Daya Manusia Aparatur", JJ.AHLI_PERTAMA, 2),
                               JF("Pranata Komputer", JJ.TERAMPIL)]),
                      _bidang("Bidang Mutasi dan Promosi",
                              [JF("Analis Sumber Daya Manusia Aparatur", JJ.AHLI_MUDA),
                               JF("Analis Sumber Daya Manusia Aparatur", JJ.AHLI_PERTAMA, 2),
                               P("Pengelola Data Kepegawaian", 2)]),
                      _bidang("Bidang Pengembangan Sumber Daya Manusia",
                              [JF("Analis Sumber Daya Manusia Aparatur", JJ.AHLI_MUDA),
                               P("Pengelola Diklat", 2)])]),
           "Model Badan Tipe B", kode_surat="800"),
        PD("BPKAD", "Badan Pengelola Keuangan dan Aset Daerah", "BPKAD", JenisPerangkatDaerah.BADAN,
           Unit("Badan Pengelola Keuangan dan Aset Daerah", JenisUnit.PIMPINAN,
                Kursi("Kepala Badan Pengelola Keuangan dan Aset Daerah", J.JPT_PRATAMA),
                anak=[_sekretariat_dinas("BPKAD"),
                      _bidang("Bidang Anggaran", [JF("Analis Keuangan Pusat dan Daerah", JJ.AHLI_MUDA, 2)],
                              seksi=[_seksi("Seksi Penyusunan Anggaran",
                                            [JF("Analis Keuangan Pusat dan Daerah", JJ.AHLI_PERTAMA, 2),
                                             P("Penata Laporan Keuangan", 2)])]),
                      _bidang("Bidang Perbendaharaan", [],
                              seksi=[_seksi("Seksi Belanja", [P("Verifikator Keuangan", 3)]),
                                     _seksi("Seksi Kas Daerah", [P("Bendahara", 2)])]),
                      _bidang("Bidang Aset", [JF("Analis Keuangan Pusat dan Daerah", JJ.AHLI_MUDA)],
                              seksi=[_seksi("Seksi Penatausahaan Aset", [P("Pengelola Barang Milik Daerah", 3)])])]),
           "Model Badan Tipe A", kode_surat="900"),
        PD("DINKES", "Dinas Kesehatan", "Dinkes", JenisPerangkatDaerah.DINAS, Unit(
            "Dinas Kesehatan", JenisUnit.PIMPINAN, Kursi("Kepala Dinas Kesehatan", J.JPT_PRATAMA),
            staf=[JF("Administrator Kesehatan", JJ.AHLI_MADYA)],
            anak=[_sekretariat_dinas("DINKES"),
                  _bidang("Bidang Kesehatan Masyarakat", [JF("Administrator Kesehatan", JJ.AHLI_MUDA),
                                                          JF("Sanitarian", JJ.MAHIR), JF("Sanitarian", JJ.TERAMPIL, 2),
                                                          P("Pengelola Program Kesehatan", 2)]),
                  _bidang("Bidang Pencegahan dan Pengendalian Penyakit",
                          [JF("Epidemiolog Kesehatan", JJ.AHLI_MUDA), JF("Epidemiolog Kesehatan", JJ.AHLI_PERTAMA, 2),
                           P("Pengelola Data Surveilans")], kepala=Kursi(
                              "Kepala Bidang Pencegahan dan Pengendalian Penyakit", J.ADMINISTRATOR, kosong=True)),
                  _bidang("Bidang Pelayanan dan Sumber Daya Kesehatan",
                          [JF("Administrator Kesehatan", JJ.AHLI_PERTAMA), JF("Apoteker", JJ.AHLI_PERTAMA),
                           P("Pengelola Sarana Kesehatan", 2)])]),
           "Model Dinas Tipe A", kode_surat="440"),
        PD("DISDIKBUD", "Dinas Pendidikan dan Kebudayaan", "Disdikbud", JenisPerangkatDaerah.DINAS, Unit(
            "Dinas Pendidikan dan Kebudayaan", JenisUnit.PIMPINAN, Kursi("Kepala Dinas Pendidikan dan Kebudayaan",
                                                                          J.JPT_PRATAMA),
            anak=[_sekretariat_dinas("DISDIKBUD"),
                  _bidang("Bidang Pembinaan Sekolah Dasar", [],
                          seksi=[_seksi("Seksi Kurikulum Sekolah Dasar",
                                        [JF("Pengembang Teknologi Pembelajaran", JJ.AHLI_PERTAMA), P("Analis Kurikulum", 2)])]),
                  _bidang("Bidang Pembinaan Sekolah Menengah Pertama",
                          [JF("Pengembang Teknologi Pembelajaran", JJ.AHLI_MUDA), P("Analis Kurikulum", 2)]),
                  _bidang("Bidang Kebudayaan", [JF("Pamong Budaya", JJ.AHLI_MUDA), JF("Pamong Budaya", JJ.AHLI_PERTAMA, 2)])]),
           "Model Dinas Tipe A", kode_surat="400.3"),
        PD("DISKOMINFO", "Dinas Komunikasi dan Informatika", "Diskominfo", JenisPerangkatDaerah.DINAS, Unit(
            "Dinas Komunikasi dan Informatika", JenisUnit.PIMPINAN,
            Kursi("Kepala Dinas Komunikasi dan Informatika", J.JPT_PRATAMA, peran="kadis"),
            staf=[JF("Pranata Komputer", JJ.AHLI_MADYA)],
            anak=[_sekretariat_dinas("DISKOMINFO", staf=[P("Pengelola Kepegawaian", peran="admin.pd"),
                                                         P("Pengadministrasi Perkantoran", 2), JF("Arsiparis", JJ.TERAMPIL),
                                                         P("Bendahara")]),
                  _bidang("Bidang Aplikasi Informatika",
                          [JF("Pranata Komputer", JJ.AHLI_MUDA, 2), JF("Pranata Komputer", JJ.AHLI_PERTAMA, 3),
                           JF("Pranata Komputer", JJ.TERAMPIL, 2),
                           P("Pengelola Sistem Informasi", 3, peran="pelaksana", pppk=1)],
                          kepala=Kursi("Kepala Bidang Aplikasi Informatika", J.ADMINISTRATOR, peran="pimpinan")),
                  _bidang("Bidang Persandian dan Statistik",
                          [JF("Pranata Komputer", JJ.AHLI_MUDA, 2, peran="jf"), JF("Statistisi", JJ.AHLI_PERTAMA, 2),
                           JF("Sandiman", JJ.TERAMPIL, 2), P("Pengolah Data Statistik", 2)],
                          kepala=Kursi("Kepala Bidang Persandian dan Statistik", J.ADMINISTRATOR, peran="ppk")),
                  _bidang("Bidang Informasi dan Komunikasi Publik",
                          [JF("Pranata Hubungan Masyarakat", JJ.AHLI_MUDA), JF("Pranata Hubungan Masyarakat",
                                                                              JJ.AHLI_PERTAMA, 2),
                           P("Pengelola Media Sosial", 2)],
                          kepala=Kursi("Kepala Bidang Informasi dan Komunikasi Publik", J.ADMINISTRATOR, kosong=True))]),
           "Model Dinas Tipe B", kode_surat="500"),
        PD("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", JenisPerangkatDaerah.DINAS, Unit(
            "Dinas Pekerjaan Umum dan Penataan Ruang", JenisUnit.PIMPINAN,
            Kursi("Kepala Dinas Pekerjaan Umum dan Penataan Ruang", J.JPT_PRATAMA),
            anak=[_sekretariat_dinas("DPUPR"),
                  _bidang("Bidang Bina Marga", [JF("Teknik Jalan dan Jembatan", JJ.AHLI_MUDA, 2)],
                          seksi=[_seksi("Seksi Pembangunan Jalan", [JF("Teknik Jalan dan Jembatan", JJ.AHLI_PERTAMA, 2),
                                                                    P("Pengawas Lapangan", 3, pppk=1)]),
                                 _seksi("Seksi Pemeliharaan Jalan", [JF("Teknik Jalan dan Jembatan", JJ.TERAMPIL, 2),
                                                                     P("Operator Alat Berat", 2, pppk=2)])]),
                  _bidang("Bidang Penataan Ruang", [JF("Penata Ruang", JJ.AHLI_MUDA), JF("Penata Ruang", JJ.AHLI_PERTAMA, 2),
                                                    P("Juru Ukur", 2)])]),
           "Model Dinas Tipe A", kode_surat="600"),
        PD("DISHUB", "Dinas Perhubungan", "Dishub", JenisPerangkatDaerah.DINAS, Unit(
            "Dinas Perhubungan", JenisUnit.PIMPINAN, Kursi("Kepala Dinas Perhubungan", J.JPT_PRATAMA, kosong=True),
            anak=[_sekretariat_dinas("DISHUB"),
                  _bidang("Bidang Lalu Lintas dan Angkutan", [JF("Penguji Kendaraan Bermotor", JJ.AHLI_PERTAMA),
                                                              JF("Penguji Kendaraan Bermotor", JJ.TERAMPIL, 2),
                                                              P("Petugas Terminal", 3, pppk=2)]),
                  _bidang("Bidang Pelayaran", [P("Petugas Pelabuhan", 3)])]),
           "Model Dinas Tipe B", kode_surat="550"),
        PD("SATPOLPP", "Satuan Polisi Pamong Praja dan Pemadam Kebakaran", "Satpol PP",
           JenisPerangkatDaerah.SATPOL_PP, Unit(
               "Satuan Polisi Pamong Praja dan Pemadam Kebakaran", JenisUnit.PIMPINAN,
               Kursi("Kepala Satuan Polisi Pamong Praja dan Pemadam Kebakaran", J.JPT_PRATAMA),
               anak=[_sekretariat_dinas("SATPOLPP"),
                     _bidang("Bidang Penegakan Peraturan Daerah", [JF("Polisi Pamong Praja", JJ.AHLI_MUDA)],
                             seksi=[_seksi("Seksi Penindakan", [JF("Polisi Pamong Praja", JJ.AHLI_PERTAMA),
                                                                JF("Polisi Pamong Praja", JJ.PENYELIA),
                                                                JF("Polisi Pamong Praja", JJ.MAHIR, 2),
                                                                JF("Polisi Pamong Praja", JJ.TERAMPIL, 4),
                                                                JF("Polisi Pamong Praja", JJ.PEMULA, 2)])]),
                     _bidang("Bidang Pemadam Kebakaran dan Penyelamatan", [],
                             seksi=[_seksi("Seksi Operasi", [JF("Analis Pemadam Kebakaran", JJ.AHLI_PERTAMA),
                                                             P("Petugas Pemadam Kebakaran", 6, pppk=3)])])]),
           "Model Satpol PP Tipe A", kode_surat="300"),
        PD("RSUD", "Rumah Sakit Umum Daerah Tanjung Saijaan", "RSUD", JenisPerangkatDaerah.RSUD, Unit(
            "Rumah Sakit Umum Daerah Tanjung Saijaan", JenisUnit.PIMPINAN,
            Kursi("Direktur Rumah Sakit Umum Daerah Tanjung Saijaan", J.JPT_PRATAMA),
            staf=[JF("Dokter", JJ.AHLI_MADYA, 3)],
            anak=[Unit("Wakil Direktur Pelayanan", JenisUnit.UNIT, Kursi("Wakil Direktur Pelayanan", J.ADMINISTRATOR),
                       anak=[_bidang("Bidang Pelayanan Medik", [JF("Dokter", JJ.AHLI_MUDA, 3),
                                                               JF("Dokter", JJ.AHLI_PERTAMA, 4), P("Pengelola Rekam Medis", 2)]),
                             _bidang("Bidang Keperawatan", [JF("Perawat", JJ.AHLI_MUDA, 2), JF("Perawat", JJ.AHLI_PERTAMA, 5),
                                                            JF("Perawat", JJ.PENYELIA),
                                                            JF("Perawat", JJ.TERAMPIL, 6, pppk=2),
                                                            JF("Bidan", JJ.TERAMPIL, 3)])]),
                  Unit("Wakil Direktur Umum dan Keuangan", JenisUnit.UNIT,
                       Kursi("Wakil Direktur Umum dan Keuangan", J.ADMINISTRATOR),
                       anak=[_bagian("Bagian Umum dan Kepegawaian", [JF("Arsiparis", JJ.AHLI_PERTAMA),
                                                                    P("Pengadministrasi Perkantoran", 3)]),
                             _bagian("Bagian Keuangan", [JF("Analis Keuangan Pusat dan Daerah", JJ.AHLI_PERTAMA),
                                                         P("Bendahara", 2)])])]),
           "Model RSUD Kelas C", kode_surat="445"),
        PD("KEC-TS", "Kecamatan Teluk Saijaan", "Kec. Teluk Saijaan", JenisPerangkatDaerah.KECAMATAN, Unit(
            "Kecamatan Teluk Saijaan", JenisUnit.PIMPINAN, Kursi("Camat Teluk Saijaan", J.ADMINISTRATOR),
            staf=[JF("Analis Kebijakan", JJ.AHLI_MUDA), JF("Analis Kebijakan", JJ.AHLI_PERTAMA),
                  P("Pengadministrasi Pemerintahan", 3), P("Pengelola Pelayanan Publik", 2)],
            anak=[Unit("Sekretariat Kecamatan", JenisUnit.SEKRETARIAT,
                       Kursi("Sekretaris Kecamatan Teluk Saijaan", J.ADMINISTRATOR),
                       staf=[P("Pengadministrasi Keuangan"), P("Pengadministrasi Perkantoran")])],
            pimpinan_anak=0), "Kecamatan Tipe A", kode_surat="130"),
        PD("KEL-BS", "Kelurahan Baharu Selatan", "Kel. Baharu Selatan", JenisPerangkatDaerah.KELURAHAN, Unit(
            "Kelurahan Baharu Selatan", JenisUnit.PIMPINAN, Kursi("Lurah Baharu Selatan", J.PENGAWAS),
            staf=[P("Pengadministrasi Pemerintahan", 2), P("Pengelola Pelayanan Publik", 2, pppk=1)]),
           "Kelurahan", induk="KEC-TS", kode_surat="140"),
        PD("KEL-DS", "Kelurahan Dirgahayu", "Kel. Dirgahayu", JenisPerangkatDaerah.KELURAHAN, Unit(
            "Kelurahan Dirgahayu", JenisUnit.PIMPINAN, Kursi("Lurah Dirgahayu", J.PENGAWAS),
            staf=[P("Pengadministrasi Pemerintahan", 2), P("Pengelola Pelayanan Publik")]),
           "Kelurahan", induk="KEC-TS", kode_surat="140"),
        PD("PKM-TS", "UPTD Puskesmas Tanjung Saijaan", "Puskesmas Tanjung Saijaan", JenisPerangkatDaerah.PUSKESMAS, Unit(
            "UPTD Puskesmas Tanjung Saijaan", JenisUnit.PIMPINAN, JF("Dokter", JJ.AHLI_MADYA),
            staf=[JF("Dokter", JJ.AHLI_PERTAMA, 2), JF("Perawat", JJ.AHLI_PERTAMA, 2), JF("Perawat", JJ.TERAMPIL, 3, pppk=1),
                  JF("Bidan", JJ.TERAMPIL, 3), JF("Bidan", JJ.MAHIR), JF("Pranata Laboratorium Kesehatan", JJ.TERAMPIL),
                  JF("Sanitarian", JJ.TERAMPIL), P("Pengadministrasi Perkantoran", 2)]),
           "UPTD Tipe B", induk="DINKES", kode_surat="440"),
        PD("PKM-SB", "UPTD Puskesmas Sungai Bulan", "Puskesmas Sungai Bulan", JenisPerangkatDaerah.PUSKESMAS, Unit(
            "UPTD Puskesmas Sungai Bulan", JenisUnit.PIMPINAN, JF("Administrator Kesehatan", JJ.AHLI_MADYA),
            staf=[JF("Dokter", JJ.AHLI_PERTAMA), JF("Perawat", JJ.TERAMPIL, 3), JF("Bidan", JJ.TERAMPIL, 2),
                  JF("Apoteker", JJ.AHLI_PERTAMA), P("Pengadministrasi Perkantoran")]),
           "UPTD Tipe B", induk="DINKES", kode_surat="440"),
        PD("SDN1-TS", "SD Negeri 1 Tanjung Saijaan", "SDN 1 Tanjung Saijaan", JenisPerangkatDaerah.SATUAN_PENDIDIKAN,
           Unit("SD Negeri 1 Tanjung Saijaan", JenisUnit.PIMPINAN, JF("Guru", JJ.AHLI_MADYA),
                staf=[JF("Guru", JJ.AHLI_MUDA, 3), JF("Guru", JJ.AHLI_PERTAMA, 4, pppk=2), P("Pengelola Sarana Sekolah"),
                      P("Operator Data Sekolah")]),
           "Satuan Pendidikan", induk="DISDIKBUD", kode_surat="421.2"),
        PD("SKB", "UPT Sanggar Kegiatan Belajar Teluk Saijaan", "SKB", JenisPerangkatDaerah.SKB, Unit(
            "UPT Sanggar Kegiatan Belajar Teluk Saijaan", JenisUnit.PIMPINAN, JF("Pamong Belajar", JJ.AHLI_MADYA),
            staf=[JF("Pamong Belajar", JJ.AHLI_MUDA), JF("Pamong Belajar", JJ.AHLI_PERTAMA, 2),
                  P("Pengadministrasi Perkantoran")]),
           "UPT Tipe B", induk="DISDIKBUD", kode_surat="421.9"),
    ]
    for i, pd in enumerate(pds):
        pd.alamat = pd.alamat or f"Jl. Pangeran Saijaan No. {10 + i * 3}, {kota}"
    return pds


def region_gading_kencana() -> list[PD]:
    kota = "Gading Kencana"
    pds = [
        PD("SETDA", "Sekretariat Daerah Kota Gading Kencana", "Setda", JenisPerangkatDaerah.SEKRETARIAT_DAERAH, Unit(
            "Sekretariat Daerah", JenisUnit.PIMPINAN, Kursi("Sekretaris Daerah", J.JPT_PRATAMA),
            anak=[_bagian("Bagian Organisasi", [JF("Analis Kebijakan", JJ.AHLI_MUDA), P("Pengadministrasi Umum", 2)]),
                  _bagian("Bagian Umum", [P("Pengadministrasi Perkantoran", 2)])]), "Model I", kode_surat="423.1"),
        PD("DISKOMINFO", "Dinas Komunikasi dan Informatika Kota Gading Kencana", "Diskominfo",
           JenisPerangkatDaerah.DINAS, Unit(
               "Dinas Komunikasi dan Informatika", JenisUnit.PIMPINAN,
               Kursi("Kepala Dinas Komunikasi dan Informatika", J.JPT_PRATAMA),
               anak=[_sekretariat_dinas("DISKOMINFO"),
                     _bidang("Bidang Aplikasi dan Informatika",
                             [JF("Pranata Komputer", JJ.AHLI_MUDA, peran="jf2"), JF("Pranata Komputer", JJ.AHLI_PERTAMA, 3),
                              JF("Penata Kelola Sistem dan Teknologi Informasi", JJ.AHLI_PERTAMA, 2),
                              P("Pengelola Sistem Informasi", 2)],
                             kepala=Kursi("Kepala Bidang Aplikasi dan Informatika", J.ADMINISTRATOR, peran="pimpinan2")),
                     _bidang("Bidang Statistik dan Persandian", [JF("Statistisi", JJ.AHLI_MUDA), JF("Sandiman", JJ.TERAMPIL),
                                                                 P("Pengolah Data Statistik")])]),
           "Model III", kode_surat="423.5"),
        PD("DINKES", "Dinas Kesehatan Kota Gading Kencana", "Dinkes", JenisPerangkatDaerah.DINAS, Unit(
            "Dinas Kesehatan", JenisUnit.PIMPINAN, Kursi("Kepala Dinas Kesehatan", J.JPT_PRATAMA),
            anak=[_sekretariat_dinas("DINKES"),
                  _bidang("Bidang Pencegahan dan Pengendalian Penyakit",
                          [JF("Epidemiolog Kesehatan", JJ.AHLI_MUDA), JF("Epidemiolog Kesehatan", JJ.AHLI_PERTAMA, 2),
                           JF("Sanitarian", JJ.TERAMPIL, 2)])]), "Model II", kode_surat="423.6"),
    ]
    for i, pd in enumerate(pds):
        pd.alamat = f"Jl. Panglima Sudirman No. {20 + i * 5}, {kota}"
    return pds


# --------------------------------------------------------------------------- builder


class _Pembangun:
    def __init__(self, instansi: Instansi, domain: str, kota: str, telepon: str, kode_pos: str, seed: str):
        self.instansi, self.domain, self.kota = instansi, domain, kota
        # personal addresses on a reserved domain (RFC 2606): a demo never mails real people
        self.domain_surel = domain.replace(".go.id", ".example")
        self.telepon, self.kode_pos = telepon, kode_pos
        self.rng = random.Random(seed)
        self.nip_terpakai: set[str] = set()
        self.urut = 0
        self.peran: dict[str, Pegawai] = {}
        self.jabatan_peran: dict[str, Jabatan] = {}
        self.pd: dict[str, PerangkatDaerah] = {}
        self.unit: dict[str, UnitOrganisasi] = {}
        self.staf: list[tuple[Pegawai, Jabatan, UnitOrganisasi]] = []
        self.kepala_pd: dict[str, Jabatan] = {}
        self._kompetensi: dict[str, Kompetensi] = {}
        self._cache_calon: dict[int, list[Jabatan]] = {}
        self._cache_ppk: dict[tuple[int, int], Jabatan | None] = {}
        self._cache_pimpinan: dict[int, Jabatan | None] = {}

    # ---- identities
    def nip(self, jenis: str, jenjang: str, pppk: bool) -> tuple[str, str]:
        """A valid, unique, deterministic NIP; returns (nip, sex digit)."""
        usia = {J.KEPALA_DAERAH: 55, J.JPT_PRATAMA: 52, J.ADMINISTRATOR: 48, J.PENGAWAS: 44}.get(jenis, 0) or {
            JJ.AHLI_UTAMA: 56, JJ.AHLI_MADYA: 50, JJ.AHLI_MUDA: 43, JJ.PENYELIA: 45, JJ.MAHIR: 38,
        }.get(jenjang, 32)
        while True:
            lahir = datetime.date(2024 - usia - self.rng.randint(0, 6), self.rng.randint(1, 12), self.rng.randint(1, 28))
            angkat_tahun = min(lahir.year + self.rng.randint(23, 28), 2023)
            if pppk:
                angkat_tahun = self.rng.choice((2019, 2021, 2022, 2023))
            sex = self.rng.choice("12")
            self.urut += 1
            nip = f"{lahir:%Y%m%d}{angkat_tahun}{self.rng.randint(1, 12):02d}{sex}{self.urut % 999 + 1:03d}"
            if nip not in self.nip_terpakai:
                self.nip_terpakai.add(nip)
                return nip, sex

    def nama(self, sex: str) -> str:
        depan = self.rng.choice(NAMA_L if sex == "1" else NAMA_P)
        return f"{depan} {self.rng.choice(NAMA_BELAKANG_L if sex == '1' else NAMA_BELAKANG_P)}"

    def kompetensi(self, nama: str) -> Kompetensi:
        if nama not in self._kompetensi:
            self._kompetensi[nama], _ = Kompetensi.objects.get_or_create(nama=nama)
        return self._kompetensi[nama]

    def pegawai(self, kursi: Kursi, pppk: bool = False) -> Pegawai:
        nip, sex = self.nip(kursi.jenis, kursi.jenjang, pppk)
        nama = self.nama(sex)
        gelar_depan, gelar_belakang = GELAR_JF.get(kursi.nama_jf, ("", ""))
        if kursi.jenis in STRUKTURAL:
            gelar_belakang = self.rng.choice(GELAR_STRUKTURAL)
        elif kursi.jenis == J.PELAKSANA:
            gelar_belakang = self.rng.choice(("", "", "A.Md.", "S.E.", "S.Kom."))
        elif kursi.jenis == J.KEPALA_DAERAH:
            gelar_depan, gelar_belakang = "H.", "S.Sos., M.Si."
        pangkat, golongan = PANGKAT.get((kursi.jenis, kursi.jenjang), ("", ""))
        if pppk:
            pangkat, golongan = "", {J.PELAKSANA: "V"}.get(kursi.jenis, "IX")
        kompetensi = list(KOMPETENSI_JF.get(kursi.nama_jf, ())) + list(kursi.kompetensi)
        kompetensi.append(self.rng.choice(KOMPETENSI_UMUM))
        email_lokal = nama.lower().replace(" ", ".") + nip[-3:]
        pegawai, dibuat = Pegawai.objects.get_or_create(nip=nip, defaults=dict(
            instansi=self.instansi, nama=nama, gelar_depan=gelar_depan, gelar_belakang=gelar_belakang,
            jenis_asn=JenisASN.PPPK if pppk else JenisASN.PNS, pangkat=pangkat, golongan=golongan,
            email=f"{email_lokal}@{self.domain_surel}",
        ))
        if dibuat:
            pegawai.kompetensi.add(*[self.kompetensi(k) for k in dict.fromkeys(kompetensi)])
        return pegawai

    # ---- structure
    def buat_pd(self, spec: PD) -> PerangkatDaerah:
        pd, _ = PerangkatDaerah.objects.get_or_create(instansi=self.instansi, kode=spec.kode, defaults=dict(
            nama=spec.nama, singkatan=spec.singkatan, jenis=spec.jenis, label_model=spec.label_model,
            induk=self.pd.get(spec.induk), alamat=spec.alamat, kota=self.kota, kode_pos=self.kode_pos,
            telepon=f"{self.telepon}{len(self.pd) + 11:02d}",
            email=f"{spec.singkatan.lower().replace(' ', '').replace('.', '')}@{self.domain}",
            website=f"{spec.kode.lower()}.{self.domain}", kode_unit_surat=spec.kode_surat,
        ))
        self.pd[spec.kode] = pd
        self.buat_unit(pd, spec.akar, None, spec.kode)
        return pd

    def buat_unit(self, pd: PerangkatDaerah, spec: Unit, parent: UnitOrganisasi | None, kode: str) -> UnitOrganisasi:
        unit, _ = UnitOrganisasi.objects.get_or_create(instansi=self.instansi, kode=kode, defaults=dict(
            perangkat_daerah=pd, nama=spec.nama, jenis=spec.jenis, parent=parent))
        self.unit[f"{pd.kode}:{spec.nama}"] = unit
        if spec.kepala is not None:
            kepala = self.kursi(unit, spec.kepala, f"{kode}.K", kepala=True)
            if parent is None:
                self.kepala_pd[pd.kode] = kepala
        for i, kursi in enumerate(spec.staf, start=1):
            self.kursi(unit, kursi, f"{kode}.{i:02d}")
        anak = [self.buat_unit(pd, a, unit, f"{kode}.{i}") for i, a in enumerate(spec.anak, start=1)]
        if spec.pimpinan_anak is not None and unit.jabatan_pimpinan_id is None:
            unit.jabatan_pimpinan = selectors.jabatan_kepala(unit=anak[spec.pimpinan_anak])
            unit.save(update_fields=["jabatan_pimpinan", "updated_at"])
        return unit

    def kursi(self, unit: UnitOrganisasi, kursi: Kursi, kode: str, kepala: bool = False) -> Jabatan:
        nama = kursi.nama.replace("{pd}", unit.perangkat_daerah.nama)  # "Sekretaris Dinas Kesehatan"
        if kepala and kursi.jenis == J.FUNGSIONAL:
            nama = f"{kursi.nama} selaku Kepala {unit.nama}"
        jabatan, _ = Jabatan.objects.get_or_create(instansi=self.instansi, kode=kode, defaults=dict(
            unit=unit, nama=nama, jenis=kursi.jenis, kepala_unit=kepala, nama_jf=kursi.nama_jf,
            kategori_jf=JENJANG_KATEGORI[kursi.jenjang] if kursi.jenjang else "", jenjang=kursi.jenjang))
        if kursi.peran:
            self.jabatan_peran[kursi.peran] = jabatan
        if kursi.kosong:
            return jabatan
        for i in range(kursi.n):
            pegawai = self.pegawai(kursi, pppk=i >= kursi.n - kursi.pppk)
            self.angkat(pegawai, jabatan)
            if i == 0 and kursi.peran:
                self.peran[kursi.peran] = pegawai
            if kursi.jenis in (J.FUNGSIONAL, J.PELAKSANA):
                self.staf.append((pegawai, jabatan, unit))
        return jabatan

    def angkat(self, pegawai: Pegawai, jabatan: Jabatan, jenis: str = JenisPemangku.DEFINITIF,
               mulai: datetime.date = AWAL, selesai: datetime.date | None = None) -> None:
        if not PemangkuJabatan.objects.filter(jabatan=jabatan, pegawai=pegawai, jenis=jenis).exists():
            services.pemangku_tetapkan(jabatan=jabatan, pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai)

    # ---- placements
    def _calon_ppk(self, unit: UnitOrganisasi) -> list[Jabatan]:
        """Heads from the unit upwards (nearest first), then the head of the parent PD."""
        if unit.pk not in self._cache_calon:
            self._cache_calon[unit.pk] = self._hitung_calon_ppk(unit)
        return self._cache_calon[unit.pk]

    def _hitung_calon_ppk(self, unit: UnitOrganisasi) -> list[Jabatan]:
        leluhur = list(UnitOrganisasi.objects.ancestors(unit, include_self=True).with_tree_fields())
        leluhur.sort(key=lambda u: -u.tree_depth)
        kepala = {j.unit_id: j for j in Jabatan.objects.filter(unit__in=leluhur, kepala_unit=True)}
        calon = [kepala[u.pk] for u in leluhur if u.pk in kepala]
        pd = unit.perangkat_daerah
        if pd.induk_id and pd.induk.kode in self.kepala_pd:
            calon.append(self.kepala_pd[pd.induk.kode])
        return calon

    def tempatkan_semua(self) -> None:
        """Place every JF/Pelaksana under the nearest head the instansi's jenjang rule allows;
        the unit's Pimpinan stays the unit head when the PPK is higher up (Belu's patterns)."""
        sudah = set(Kedudukan.objects.filter(pegawai__instansi=self.instansi).values_list("pegawai_id", flat=True))
        for pegawai, jabatan, unit in self.staf:
            if pegawai.pk in sudah:
                continue
            calon = self._calon_ppk(unit)
            if jabatan.kepala_unit:  # a JF heading a Puskesmas/school is placed under the Dinas head
                calon = calon[1:]
            kunci = (jabatan.pk, unit.pk)
            if kunci not in self._cache_ppk:  # same seat, same answer: ask the rule once
                self._cache_ppk[kunci] = next((
                    k for k in calon
                    if not (k.jenis == J.FUNGSIONAL and not k.kepala_unit) and (
                        services.kedudukan_pelanggaran(aturan_kedudukan=self.instansi.aturan_kedudukan,
                                                       jabatan_pegawai=jabatan, jabatan_ppk=k) is None)
                ), None)
            ppk = self._cache_ppk[kunci]
            if ppk is None:
                continue
            if unit.pk not in self._cache_pimpinan:
                self._cache_pimpinan[unit.pk] = selectors.jabatan_pimpinan_unit(unit=unit)
            pimpinan = self._cache_pimpinan[unit.pk] if not jabatan.kepala_unit else None
            if pimpinan is not None and pimpinan.pk == ppk.pk:
                pimpinan = None
            services.kedudukan_tetapkan(pegawai=pegawai, jabatan_ppk=ppk, jabatan_pimpinan=pimpinan, mulai=AWAL)


# --------------------------------------------------------------------------- accounts


PERAN = [
    # (username, role label, key in pegawai roles or "" for non-person accounts)
    ("admin", "Superuser (semua data)", ""),
    ("admin.instansi", "Admin kepegawaian seluruh Instansi (Kab. Teluk Saijaan)", "admin.instansi"),
    ("admin.pd", "Admin kepegawaian Diskominfo Kab. Teluk Saijaan", "admin.pd"),
    ("bupati", "Bupati — Pejabat yang Berwenang (PyB)", "bupati"),
    ("sekda", "Sekretaris Daerah", "sekda"),
    ("kadis", "Kepala Dinas Kominfo (kepala Perangkat Daerah)", "kadis"),
    ("pimpinan", "Pimpinan Unit: Kepala Bidang Aplikasi Informatika", "pimpinan"),
    ("ppk", "PPK: Kepala Bidang Persandian dan Statistik (unit lain)", "ppk"),
    ("jf", "JF Pranata Komputer Ahli Muda (di bawah ppk)", "jf"),
    ("pelaksana", "Pelaksana Bidang Aplikasi Informatika (di bawah pimpinan)", "pelaksana"),
    ("auditor", "Auditor (hanya melihat)", "auditor"),
    ("pyb2", "Walikota Gading Kencana — PyB instansi kedua", "pyb2"),
    ("pimpinan2", "Pimpinan Unit: Kabid Aplikasi dan Informatika, Kota Gading Kencana", "pimpinan2"),
    ("jf2", "JF Pranata Komputer Ahli Muda, Kota Gading Kencana", "jf2"),
]


def _akun(username: str, pegawai: Pegawai | None, superuser: bool = False):
    user, dibuat = User.objects.get_or_create(username=username)
    if dibuat or not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)  # hashing is slow: only for new accounts
    if superuser:
        user.is_superuser = user.is_staff = True
    if pegawai is not None:
        bagian = pegawai.nama.split(" ", 1)
        user.first_name, user.last_name = bagian[0], (bagian[1] if len(bagian) > 1 else "")
        user.email = pegawai.email
    user.save()
    if pegawai is not None and pegawai.user_id != user.pk:
        Pegawai.objects.filter(user=user).exclude(pk=pegawai.pk).update(user=None)
        pegawai.user = user
        pegawai.save(update_fields=["user", "updated_at"])
    return user


# --------------------------------------------------------------------------- entry point


def _instansi(kode: str, nama: str, jenis: str, nama_daerah: str, ibu_kota: str, preset: str) -> Instansi:
    instansi, dibuat = Instansi.objects.get_or_create(kode=kode, defaults=dict(
        nama=nama, jenis=jenis, nama_daerah=nama_daerah, ibu_kota=ibu_kota))
    if dibuat or instansi.preset != preset:
        services.instansi_terapkan_preset(instansi=instansi, preset=preset)
    return instansi


def _kepala_daerah(b: _Pembangun, nama: str, peran: str) -> Jabatan:
    jabatan, _ = Jabatan.objects.get_or_create(instansi=b.instansi, kode="KDH", defaults=dict(
        unit=None, nama=nama, jenis=J.KEPALA_DAERAH))
    pegawai = b.pegawai(Kursi(nama, J.KEPALA_DAERAH))
    b.angkat(pegawai, jabatan, mulai=datetime.date(2021, 2, 26))
    b.peran[peran] = pegawai
    return jabatan


def _pegawai_jabatan(kode: str, instansi: Instansi) -> Pegawai:
    return PemangkuJabatan.objects.filter(jabatan__instansi=instansi, jabatan__kode=kode,
                                          jenis=JenisPemangku.DEFINITIF).order_by("-mulai").first().pegawai


@transaction.atomic
def muat() -> dict:
    """Build (or complete) the demo region and accounts; return the ``konteks`` for the other
    apps' demo loaders."""
    permissions.pastikan_grup()

    # ---- region 1: Kabupaten Teluk Saijaan (preset Kotabaru)
    instansi = _instansi(KODE_INSTANSI, "Pemerintah Kabupaten Teluk Saijaan", JenisInstansi.KABUPATEN,
                         "Kabupaten Teluk Saijaan", "Tanjung Saijaan", Preset.KOTABARU)
    b1 = _Pembangun(instansi, "teluksaijaan.go.id", "Tanjung Saijaan", "(0518) 21 0", "72111", seed=KODE_INSTANSI)
    bupati = _kepala_daerah(b1, "Bupati Teluk Saijaan", "bupati")
    for spec in region_teluk_saijaan():
        b1.buat_pd(spec)
    b1.tempatkan_semua()

    sekda = b1.kepala_pd["SETDA"]
    if instansi.jabatan_pyb_id != bupati.pk or instansi.jabatan_sekda_id != sekda.pk:
        instansi.jabatan_pyb = instansi.jabatan_ppk_pembina = bupati
        instansi.jabatan_sekda = sekda
        instansi.save(update_fields=["jabatan_pyb", "jabatan_ppk_pembina", "jabatan_sekda", "updated_at"])

    # Plt: the Kepala Dinas Perhubungan seat is vacant; its Sekretaris acts (Plt).
    b1.angkat(_pegawai_jabatan("DISHUB.1.K", instansi), b1.kepala_pd["DISHUB"], JenisPemangku.PLT,
              mulai=datetime.date(2025, 7, 1))
    # Plt: Kabid P2P Dinkes is vacant; the Kabid Kesehatan Masyarakat acts (Plt).
    kabid_p2p = Jabatan.objects.get(instansi=instansi, kode="DINKES.3.K")
    b1.angkat(_pegawai_jabatan("DINKES.2.K", instansi), kabid_p2p, JenisPemangku.PLT, mulai=datetime.date(2025, 3, 1))
    # Plh: the Kepala Bapperida is away; its Sekretaris is Plh. around today's date.
    kepala_bappeda = b1.kepala_pd["BAPPEDA"]
    if not PemangkuJabatan.objects.filter(jabatan=kepala_bappeda, jenis=JenisPemangku.PLH).exists():
        hari_ini = datetime.date.today()
        b1.angkat(_pegawai_jabatan("BAPPEDA.1.K", instansi), kepala_bappeda, JenisPemangku.PLH,
                  mulai=hari_ini - datetime.timedelta(days=3), selesai=hari_ini + datetime.timedelta(days=14))

    # ---- region 2: Kota Gading Kencana (preset Pasuruan)
    instansi2 = _instansi(KODE_INSTANSI2, "Pemerintah Kota Gading Kencana", JenisInstansi.KOTA,
                          "Kota Gading Kencana", "Gading Kencana", Preset.PASURUAN)
    b2 = _Pembangun(instansi2, "gadingkencana.go.id", "Gading Kencana", "(0343) 42 0", "67111",
                    seed=KODE_INSTANSI2)
    walikota = _kepala_daerah(b2, "Walikota Gading Kencana", "pyb2")
    for spec in region_gading_kencana():
        b2.buat_pd(spec)
    b2.tempatkan_semua()
    if instansi2.jabatan_pyb_id != walikota.pk:
        instansi2.jabatan_pyb = instansi2.jabatan_ppk_pembina = walikota
        instansi2.jabatan_sekda = b2.kepala_pd["SETDA"]
        instansi2.save(update_fields=["jabatan_pyb", "jabatan_ppk_pembina", "jabatan_sekda", "updated_at"])

    # ---- accounts
    pegawai_peran = {**b1.peran, **b2.peran}
    users = {}
    for username, _label, kunci in PERAN:
        users[username] = _akun(username, pegawai_peran.get(kunci), superuser=username == "admin")
    permissions.beri_admin_instansi(users["admin.instansi"], instansi)
    permissions.beri_admin_pd(users["admin.pd"], b1.pd["DISKOMINFO"])
    permissions.beri_auditor(users["auditor"])

    return {
        "instansi": instansi,
        "instansi2": instansi2,
        "users": users,
        "pegawai": {k: v for k, v in pegawai_peran.items()},
        "jabatan": {**b1.jabatan_peran, **b2.jabatan_peran, "bupati": bupati, "pyb2": walikota},
        "pd": {**{k: v for k, v in b1.pd.items()}, **{f"{k}@2": v for k, v in b2.pd.items()}},
        "unit": {
            "pimpinan": b1.jabatan_peran["pimpinan"].unit,
            "ppk": b1.jabatan_peran["ppk"].unit,
            "pimpinan2": b2.jabatan_peran["pimpinan2"].unit,
        },
        "password": DEMO_PASSWORD,
        "peran": [(u, label) for u, label, _k in PERAN],
        "tanggal_mulai": AWAL,
    }
