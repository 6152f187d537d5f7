"""Every letter type read back with pdftotext: every required part is there; long attachments
paginate with a repeated table header; dates in Indonesian; QR + verification URL on every letter."""
import datetime
import io

import pytest
from pypdf import PdfReader

from surat.pdf import surat_render_pdf, tanggal_indonesia
from surat.services import surat_terbitkan
from surat.tests.helpers import TANGGAL, jumlah_halaman, org, pdf_teks, pdf_teks_rapat, terbitkan_surat_tugas

pytestmark = pytest.mark.django_db


def _qr_ada(data: bytes) -> bool:
    halaman = PdfReader(io.BytesIO(data)).pages
    return any(len(p.images) > 0 for p in halaman)


def test_tanggal_indonesia():
    assert tanggal_indonesia(datetime.date(2026, 11, 23)) == "23 November 2026"
    assert tanggal_indonesia("2026-02-01") == "1 Februari 2026"
    assert tanggal_indonesia(datetime.date(2026, 11, 23), dengan_hari=True) == "Senin, 23 November 2026"
    assert tanggal_indonesia(None) == ""


def test_surat_tugas_memuat_semua_bagian():
    ns = org()
    ns.pd.telepon, ns.pd.email, ns.pd.kode_unit_surat = "(0343) 123456", "dinkes@contoh.go.id", "423.6"
    ns.pd.save()
    surat = terbitkan_surat_tugas(ns, tembusan=["Kepala Bidang Pelayanan", "Yang bersangkutan"])
    data = surat_render_pdf(surat)
    teks = pdf_teks_rapat(data)
    pegawai = ns.jf_muda[0]
    for bagian in [
        ns.instansi.nama.upper(), "DINAS KESEHATAN", "Jl. Contoh No. 1", "(0343) 123456", "dinkes@contoh.go.id",
        "SURAT TUGAS", "NOMOR : 800/1/423.6/2026", "Dasar", "Pasal 9 ayat (4)", "MEMERINTAHKAN",
        "Kepada", f"Nama : {pegawai.nama}", "NIP : " + f"{pegawai.nip[:8]} {pegawai.nip[8:14]} {pegawai.nip[14]} {pegawai.nip[15:]}",
        "Jabatan : Perencana Ahli Muda", "Untuk", "Diberikan tugas sebagai",
        "a. Ketua Tim Penyusunan Renstra", "b. Anggota Tim Evaluasi SAKIP", "c. Bendahara",
        "Menyusun rancangan Renstra", "terhitung mulai tanggal 1 Desember 2026",
        "dengan seksama dan penuh tanggung jawab", "Kotabaru, 23 November 2026", "Kepala Dinas Kesehatan,",
        ns.kepala_dinas.nama, "Penata (III/c)", "NIP.", "Tembusan:", "Kepala Bidang Pelayanan", "Yang bersangkutan",
        f"/verifikasi/{surat.uuid}/",
    ]:
        assert bagian in teks, f"bagian hilang: {bagian!r}"
    assert _qr_ada(data)
    assert jumlah_halaman(data) == 1


def test_surat_perintah_kotabaru():
    ns = org()
    surat = terbitkan_surat_tugas(
        ns, jenis="surat_perintah", judul="SURAT PERINTAH", maksud_tujuan="Percepatan penurunan stunting",
        target=["Dokumen rencana aksi 1 dokumen", "Cakupan intervensi 90 persen"],
        pengaturan_lain="Melapor setiap bulan kepada Kepala Dinas")
    teks = pdf_teks_rapat(surat_render_pdf(surat))
    for bagian in ["SURAT PERINTAH", "MEMERINTAHKAN", "Kepada", "Maksud dan tujuan penugasan: Percepatan penurunan stunting",
                   "Ekspektasi/target kinerja", "Cakupan intervensi 90 persen", "Durasi penugasan",
                   "1 Desember 2026 sampai dengan tanggal 31 Desember 2026",
                   "Pengaturan penugasan lainnya: Melapor setiap bulan", "Ketua Tim Penyusunan Renstra"]:
        assert bagian in teks, bagian


def _keputusan(ns, jumlah_baris: int):
    baris = [{"peran": "Ketua Tim" if i == 0 else "Anggota Tim", "nama": f"Pegawai Tim {i}",
              "nip": "198005182010012021", "jabatan": "Perencana Ahli Muda",
              "tugas": [f"Menyusun dokumen {i}", "Mengolah data"], "sasaran": ["Renstra tersusun"],
              "indikator": ["Jumlah dokumen"], "target": ["2 dokumen"]} for i in range(jumlah_baris)]
    konteks = {
        "penetap": "Kepala Dinas Kesehatan", "tentang": "Tim Kerja Dinas Kesehatan Kota Pasuruan",
        "menimbang": ["Bahwa dalam rangka melaksanakan Peraturan Walikota Nomor 41 Tahun 2023 perlu menetapkan Keputusan."],
        "mengingat": ["Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;",
                      "Peraturan Walikota Pasuruan Nomor 41 Tahun 2023."],
        "menetapkan": "Keputusan Kepala Dinas Kesehatan tentang Tim Kerja di lingkungan Dinas Kesehatan.",
        "diktum": [["KESATU", "Membentuk Tim Kerja di lingkungan Dinas Kesehatan."],
                   ["KEDUA", "Tugas target kinerja dan susunan tim kerja tercantum dalam lampiran."],
                   ["KETIGA", "Keputusan ini berlaku pada tanggal ditetapkan."]],
        "lampiran": [{"nama": "Tim Penyusunan Renstra", "unit": "Bidang 1", "baris": baris}],
    }
    return surat_terbitkan(jenis="keputusan_tim", instansi=ns.instansi, perangkat_daerah=ns.pd,
                           perihal="Keputusan tentang Tim Kerja", konteks=konteks, penandatangan=ns.pejabat_kadis,
                           tembusan=["Inspektur"], actor=ns.actor, tanggal=TANGGAL)


def test_keputusan_tim_memuat_semua_bagian():
    ns = org()
    data = surat_render_pdf(_keputusan(ns, 3))
    teks = pdf_teks_rapat(data)
    for bagian in ["KEPUTUSAN KEPALA DINAS KESEHATAN", "TENTANG", "TIM KERJA DINAS KESEHATAN KOTA PASURUAN",
                   "Menimbang", "Mengingat", "Aparatur Sipil Negara", "MEMUTUSKAN", "Menetapkan",
                   "KESATU", "KEDUA", "KETIGA", "berlaku pada tanggal ditetapkan", "Ditetapkan di Kotabaru",
                   "pada tanggal 23 November 2026", "LAMPIRAN", "SUSUNAN KEANGGOTAAN", "SUSUNAN TIM KERJA",
                   "NAMA/NIP", "JABATAN", "TUGAS", "SASARAN KINERJA", "INDIKATOR KINERJA", "TARGET KINERJA",
                   "TIM PENYUSUNAN RENSTRA", "KETUA TIM", "ANGGOTA TIM", "Pegawai Tim 2", "NIP. 19800518 201001 2 021",
                   "Renstra tersusun", "Jumlah dokumen", "2 dokumen"]:
        assert bagian in teks, bagian
    assert _qr_ada(data)


def test_lampiran_keputusan_panjang_berhalaman_banyak_dengan_kepala_tabel_berulang():
    ns = org()
    data = surat_render_pdf(_keputusan(ns, 40))
    halaman = jumlah_halaman(data)
    assert halaman >= 4
    reader = PdfReader(io.BytesIO(data))
    halaman_tabel = [p.extract_text() for p in reader.pages[1:]]
    halaman_tabel = [t for t in halaman_tabel if "Pegawai Tim" in t]
    assert len(halaman_tabel) >= 3
    # the table header is repeated on every page that carries table rows
    assert all("INDIKATOR" in t and "NAMA/NIP" in t for t in halaman_tabel), "kepala tabel harus berulang"
    semua = pdf_teks(data)
    assert all(f"Pegawai Tim {i}\n" in semua or f"Pegawai Tim {i} " in semua for i in range(40))


def test_surat_permohonan_pelibatan():
    ns = org()
    konteks = {"kepada": "Kepala Badan Perencanaan Pembangunan Daerah", "maksud_tujuan": "Penyusunan RPJMD",
               "kompetensi": ["Analisis data statistik", "Penulisan kebijakan"], "jumlah": 2,
               "target": ["Naskah RPJMD"], "mulai": "2026-12-01", "selesai": "2027-03-31", "durasi": "4 bulan"}
    surat = surat_terbitkan(jenis="permohonan_pelibatan", instansi=ns.instansi, perangkat_daerah=ns.pd,
                            perihal="Permohonan Pelibatan Pejabat Fungsional", konteks=konteks,
                            penandatangan=ns.pejabat_kadis, tembusan=["Kepala Bidang 1 (PPK)"], actor=ns.actor,
                            tanggal=TANGGAL)
    teks = pdf_teks_rapat(surat_render_pdf(surat))
    for bagian in ["Nomor : 800/1/", "Perihal : Permohonan Pelibatan Pejabat Fungsional", "Kotabaru, 23 November 2026",
                   "Yth. Kepala Badan Perencanaan Pembangunan Daerah", "Maksud dan tujuan: Penyusunan RPJMD",
                   "Analisis data statistik", "Ekspektasi/target kinerja", "Naskah RPJMD",
                   "Durasi pelibatan: 1 Desember 2026 s.d. 31 Maret 2027 (4 bulan)", "Tembusan:",
                   "Kepala Bidang 1 (PPK)", ns.kepala_dinas.nama]:
        assert bagian in teks, bagian


@pytest.mark.parametrize("keputusan,harus", [
    ("disetujui", ["DISETUJUI"]),
    ("ditolak", ["TIDAK DAPAT DISETUJUI", "Alasan penolakan: Beban kerja pegawai sudah penuh"]),
    ("ketersediaan", ["DAPAT DIPENUHI", "Pegawai Tersedia Satu", "Pegawai Tersedia Dua", "UNIT KERJA"]),
])
def test_surat_jawaban(keputusan, harus):
    ns = org()
    konteks = {"kepada": "Kepala Dinas Pendidikan", "keputusan": keputusan,
               "alasan": "Beban kerja pegawai sudah penuh" if keputusan == "ditolak" else "",
               "rujukan": {"nomor": "800/7/423.1/2026", "tanggal": "2026-11-20", "perihal": "Permohonan pelibatan"},
               "daftar_pegawai": [{"nama": "Pegawai Tersedia Satu", "nip": "198005182010012021", "jabatan": "Perencana",
                                   "unit": "Bidang 1"},
                                  {"nama": "Pegawai Tersedia Dua", "nip": "198005182010012022", "jabatan": "Analis",
                                   "unit": "Bidang 2"}] if keputusan == "ketersediaan" else []}
    surat = surat_terbitkan(jenis="jawaban", instansi=ns.instansi, perangkat_daerah=ns.pd,
                            perihal="Jawaban atas Permohonan Pelibatan", konteks=konteks,
                            penandatangan=ns.pejabat_kadis, tembusan=["Sekretaris Daerah"], actor=ns.actor,
                            tanggal=TANGGAL)
    teks = pdf_teks_rapat(surat_render_pdf(surat))
    for bagian in ["Perihal : Jawaban atas Permohonan Pelibatan", "Yth. Kepala Dinas Pendidikan",
                   "Nomor 800/7/423.1/2026 tanggal 20 November 2026", "Tembusan:", "Sekretaris Daerah", *harus]:
        assert bagian in teks, bagian


def test_kop_dengan_logo_pd_disisipkan_sebagai_data_uri():
    from django.core.files.base import ContentFile
    from PIL import Image

    ns = org()
    buf = io.BytesIO()
    Image.new("RGB", (40, 40), (200, 30, 30)).save(buf, format="PNG")
    ns.pd.logo.save("logo-dinkes.png", ContentFile(buf.getvalue()), save=True)
    surat = terbitkan_surat_tugas(ns)
    assert surat.konteks["kop"]["logo_berkas"].endswith(".png")
    data = surat_render_pdf(surat)
    gambar = [img for p in PdfReader(io.BytesIO(data)).pages for img in p.images]
    assert len(gambar) == 2  # logo + QR
