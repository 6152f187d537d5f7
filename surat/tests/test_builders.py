"""The four builders driven through the real penugasan workflow (penugasan.services), rendered
for real and read back with pdftotext: who signs (regional setting, Plt./a.n.), what the letter
says (every role, reasons, staff lists) and to whom it is copied."""
import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from organisasi import selectors as org
from organisasi.models import JenisPemangku, Penandatangan
from organisasi.tests.factories import PegawaiFactory, angkat
from penugasan import services as penugasan_services
from penugasan.models import LangkahPermohonan, Penugasan, PeranPenugasan, StatusPermohonan, TimKerja
from penugasan.tests.helpers import ajukan, bangun_pemda
from surat.konteks import CAKUPAN_DALAM_UNIT, CAKUPAN_LINTAS_UNIT, butir, pejabat_menurut_setelan
from surat.models import JenisDokumen, StatusSurat, Surat
from surat.services import surat_penugasan_terbitkan
from surat.tests.helpers import pdf_teks_rapat

pytestmark = pytest.mark.django_db


def _surat_untuk(obj, jenis=None):
    qs = Surat.objects.filter(sumber_content_type=ContentType.objects.get_for_model(obj), sumber_object_id=obj.pk)
    return qs.filter(jenis=jenis) if jenis else qs


def _teks(surat: Surat) -> str:
    surat.refresh_from_db()
    assert surat.status == StatusSurat.TERBIT and surat.sha256, "PDF harus sudah dibuat setelah commit"
    return pdf_teks_rapat(surat.berkas.read())


def _jalankan_sampai_selesai(p, *, pegawai_ids=None):
    """Every remaining step approved by whoever holds the deciding position."""
    while p.status == StatusPermohonan.MENUNGGU_KEPUTUSAN:
        penentu = org.pejabat_berwenang(jabatan=p.jabatan_penentu)
        if p.langkah_sekarang["aksi"] == "jawab_ketersediaan":
            p = penugasan_services.permohonan_jawab_ketersediaan(actor=penentu.pegawai.user, permohonan_id=p.pk,
                                                                 pegawai_ids=pegawai_ids)
        else:
            p = penugasan_services.permohonan_setujui(actor=penentu.pegawai.user, permohonan_id=p.pk)
    return p


def test_butir_memecah_teks_bebas():
    assert butir("1. Menyusun\n- Mengolah\n\n  b) Melapor  \nTanpa nomor") == [
        "Menyusun", "Mengolah", "Melapor", "Tanpa nomor"]


def test_pasuruan_dalam_unit_tim_baru_keputusan_dan_surat_tugas_dengan_semua_peran(django_capture_on_commit_callbacks):
    d = bangun_pemda("pasuruan")
    with django_capture_on_commit_callbacks(execute=True):
        p = ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.jf_pertama[0], d.pelaksana[0]],
                   nama_tim="Penyusunan Renstra", ketua_tim=d.jf_muda[0],
                   uraian_tugas="1. Menyusun rancangan Renstra\n2. Mengolah data capaian")
    assert p.status in (StatusPermohonan.DISETUJUI, StatusPermohonan.SELESAI)
    tim = TimKerja.objects.get(nama="Penyusunan Renstra")
    # the Keputusan tentang Tim Kerja (Lampiran III), set by the head of the PD
    keputusan = _surat_untuk(tim, JenisDokumen.KEPUTUSAN_TIM).get()
    teks = _teks(keputusan)
    for bagian in ["KEPUTUSAN KEPALA DINAS KESEHATAN", "Menimbang", "Mengingat", "Peraturan Walikota Pasuruan",
                   "MEMUTUSKAN", "KESATU", "KEDUA", "KETIGA", "SUSUNAN KEANGGOTAAN", "KETUA TIM", "ANGGOTA TIM",
                   d.jf_muda[0].nama, d.jf_pertama[0].nama, d.pelaksana[0].nama, "Menyusun rancangan Renstra",
                   d.kepala_dinas.nama]:
        assert bagian in teks, bagian
    assert keputusan.penandatangan_pegawai == d.kepala_dinas
    # one Surat Tugas per person; the ketua also gets a second role in the same request
    ketua = Penugasan.objects.get(permohonan=p, pegawai=d.jf_muda[0])
    bendahara = Penugasan.objects.create(pegawai=d.jf_muda[0], permohonan=p, instansi=ketua.instansi, unit=ketua.unit,
                                         peran=PeranPenugasan.LAINNYA, peran_lain="Bendahara", uraian_tugas="Mengelola kas",
                                         mulai=ketua.mulai, selesai=ketua.selesai)
    with django_capture_on_commit_callbacks(execute=True):
        surat = surat_penugasan_terbitkan(penugasan=bendahara, actor=d.kabid[0].user)
    assert surat.jenis == JenisDokumen.SURAT_TUGAS
    assert surat.konteks["peran"] == ["Ketua Tim Penyusunan Renstra", "Bendahara"]
    teks = _teks(surat)
    for bagian in ["SURAT TUGAS", "MEMERINTAHKAN", d.jf_muda[0].nama, "Perencana Ahli Muda",
                   "a. Ketua Tim Penyusunan Renstra", "b. Bendahara", "Mengelola kas",
                   "Peraturan Walikota Pasuruan Nomor 41 Tahun 2023", "terhitung mulai tanggal",
                   "Kepala Bidang 1,", d.kabid[0].nama, "Tembusan:", "Yang bersangkutan"]:
        assert bagian in teks, bagian
    # Pasuruan: the Pimpinan Unit signs a within-unit assignment
    assert surat.penandatangan_pegawai == d.kabid[0]
    anggota = _surat_untuk(Penugasan.objects.get(permohonan=p, pegawai=d.pelaksana[0])).get()
    assert anggota.konteks["peran"] == ["Anggota Tim Penyusunan Renstra"]
    assert "a. Anggota Tim Penyusunan Renstra" in _teks(anggota)
    # each letter has its own number in the PD's series
    nomor = list(Surat.objects.values_list("nomor_urut", flat=True).order_by("nomor_urut"))
    assert nomor == list(range(1, len(nomor) + 1))


def test_kotabaru_lintas_unit_surat_perintah_oleh_kepala_pd_dengan_permohonan_dan_jawaban(
        django_capture_on_commit_callbacks):
    d = bangun_pemda("kotabaru")
    with django_capture_on_commit_callbacks(execute=True):
        p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]],
                   uraian_tugas="Menyusun analisis beban kerja", hasil_diharapkan="Dokumen ABK 1 dokumen")
    permohonan = _surat_untuk(p, JenisDokumen.PERMOHONAN_PELIBATAN).get()
    teks = _teks(permohonan)
    for bagian in ["Permohonan Pelibatan", "Maksud dan tujuan: Membantu penyusunan Renstra", "Perencanaan pembangunan",
                   "Dokumen ABK 1 dokumen", "Durasi pelibatan", d.jf_pertama[1].nama, "Kepala Bidang 1,",
                   d.kabid[0].nama, "Yth. Kepala Seksi 2"]:
        assert bagian in teks, bagian
    with django_capture_on_commit_callbacks(execute=True):
        p = _jalankan_sampai_selesai(p)
    langkah = LangkahPermohonan.objects.filter(permohonan=p).order_by("urutan").last()
    jawaban = _surat_untuk(langkah, JenisDokumen.JAWABAN).get()
    teks = _teks(jawaban)
    for bagian in ["DISETUJUI", permohonan.nomor, d.jf_pertama[1].nama, "Yth. Kepala Bidang 1"]:
        assert bagian in teks, bagian
    tugas = Penugasan.objects.get(permohonan=p)
    perintah = _surat_untuk(tugas).get()
    assert perintah.jenis == JenisDokumen.SURAT_PERINTAH
    # Kotabaru: across units the head of the PD signs
    assert perintah.penandatangan_pegawai == d.kepala_dinas
    teks = _teks(perintah)
    for bagian in ["SURAT PERINTAH", "Maksud dan tujuan penugasan: Membantu penyusunan Renstra",
                   "Dokumen ABK 1 dokumen", "Durasi penugasan", "Pengaturan penugasan lainnya",
                   "Fungsional Perencana Ahli Pertama", "Menyusun analisis beban kerja", permohonan.nomor,
                   jawaban.nomor, "Kepala Dinas Kesehatan,", "Peraturan Bupati Kotabaru"]:
        assert bagian in teks, bagian


def test_penolakan_dijawab_dengan_alasan(django_capture_on_commit_callbacks):
    d = bangun_pemda("pasuruan")
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    with django_capture_on_commit_callbacks(execute=True):
        p = penugasan_services.permohonan_tolak(actor=d.kasi[1].user, permohonan_id=p.pk,
                                                alasan="Pegawai sedang menyelesaikan laporan akhir tahun")
    langkah = LangkahPermohonan.objects.filter(permohonan=p).order_by("urutan").last()
    jawaban = _surat_untuk(langkah, JenisDokumen.JAWABAN).get()
    assert jawaban.penandatangan_pegawai == d.kasi[1]
    teks = _teks(jawaban)
    for bagian in ["TIDAK DAPAT DISETUJUI", "Alasan penolakan: Pegawai sedang menyelesaikan laporan akhir tahun",
                   "Kepala Seksi 2,"]:
        assert bagian in teks, bagian
    assert not Penugasan.objects.filter(permohonan=p).exists()


def test_lintas_instansi_jawaban_ketersediaan_dengan_daftar_pegawai(django_capture_on_commit_callbacks):
    a = bangun_pemda("belu", kode="belu")
    b = bangun_pemda("bungo", kode="bungo")
    with django_capture_on_commit_callbacks(execute=True):
        p = ajukan(a.kabid[0], "penunjukan_lintas_instansi", unit_tujuan=b.seksi[0], kriteria="Perencana keahlian",
                   kriteria_jenis_jabatan="fungsional")
        p = _jalankan_sampai_selesai(p, pegawai_ids=[b.jf_pertama[0].pk])
    ketersediaan = Surat.objects.filter(jenis=JenisDokumen.JAWABAN, konteks__keputusan="ketersediaan").get()
    teks = _teks(ketersediaan)
    for bagian in ["DAPAT DIPENUHI", b.jf_pertama[0].nama, "Perencana Ahli Pertama", "UNIT KERJA"]:
        assert bagian in teks, bagian
    assert ketersediaan.instansi == b.instansi and ketersediaan.penandatangan_pegawai == b.kasi[0]
    # it cites the letter it answers: the one the requesting Bupati sent, by sender and number
    dijawab = Surat.objects.filter(jenis=JenisDokumen.PERMOHONAN_PELIBATAN).order_by("pk").last()
    assert dijawab.penandatangan_pegawai == a.bupati
    assert ketersediaan.konteks["rujukan"]["nomor"] == dijawab.nomor
    assert ketersediaan.konteks["rujukan"]["pengirim"] == f"{dijawab.penandatangan_jabatan} ({a.instansi.nama})"
    assert f"Nomor {dijawab.nomor}" in " ".join(teks.split())
    # the request travelled twice: from the unit to its PyB, and from PyB to PyB
    assert Surat.objects.filter(jenis=JenisDokumen.PERMOHONAN_PELIBATAN).count() == 2
    tugas = Penugasan.objects.get(permohonan=p)
    st = _surat_untuk(tugas).get()
    teks = _teks(st)
    assert b.jf_pertama[0].nama in teks and "SURAT TUGAS" in teks
    # copies to both PyBs across agencies
    assert f"Bupati {a.instansi.nama_daerah}" in st.tembusan and f"Bupati {b.instansi.nama_daerah}" in st.tembusan


def test_penandatangan_menurut_setelan_plt_dan_atas_nama():
    d = bangun_pemda("kotabaru")
    tanggal = datetime.date.today()
    kw = dict(instansi=d.instansi, unit=d.seksi[1], pegawai=d.jf_pertama[1], tanggal=tanggal)
    assert pejabat_menurut_setelan(setelan=Penandatangan.PPK, cakupan=CAKUPAN_DALAM_UNIT, **kw).pegawai == d.kasi[1]
    assert pejabat_menurut_setelan(setelan=Penandatangan.KEPALA_PD, cakupan=CAKUPAN_LINTAS_UNIT,
                                   **kw).pegawai == d.kepala_dinas
    assert pejabat_menurut_setelan(setelan=Penandatangan.KEPALA_DAERAH, cakupan=CAKUPAN_LINTAS_UNIT,
                                   **kw).pegawai == d.bupati
    # an acting head of PD signs with the Plt. prefix
    plt = PegawaiFactory(instansi=d.instansi, nama="Pelaksana Tugas")
    angkat(plt, d.kadis, jenis=JenisPemangku.PLT, mulai=tanggal - datetime.timedelta(days=1))
    ttd = pejabat_menurut_setelan(setelan=Penandatangan.KEPALA_PD, cakupan=CAKUPAN_LINTAS_UNIT, **kw)
    assert ttd.pegawai == plt and ttd.pejabat.sebutan == "Plt. Kepala Dinas Kesehatan"
    # no Bupati in office: the Sekda signs on his behalf (a.n.)
    from organisasi.models import PemangkuJabatan

    PemangkuJabatan.objects.filter(jabatan=d.jabatan_bupati).update(selesai=tanggal - datetime.timedelta(days=1))
    d.instansi.jabatan_sekda = d.kadis  # stand-in seat for the Sekda in this small test region
    d.instansi.save(update_fields=["jabatan_sekda"])
    ttd = pejabat_menurut_setelan(setelan=Penandatangan.KEPALA_DAERAH, cakupan=CAKUPAN_LINTAS_UNIT, **kw)
    assert ttd.atas_nama == f"Bupati {d.instansi.nama_daerah}" and ttd.pegawai == plt


def test_yang_berhak_melihat_permohonan_boleh_mengunduh_suratnya(django_capture_on_commit_callbacks):
    from organisasi.tests.factories import UserFactory
    from penugasan.permissions import beri_hak_lihat
    from surat.selectors import surat_boleh_dilihat

    d = bangun_pemda("pasuruan")
    with django_capture_on_commit_callbacks(execute=True):
        p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    surat = _surat_untuk(p, JenisDokumen.PERMOHONAN_PELIBATAN).get()
    tembusan = UserFactory()
    assert not surat_boleh_dilihat(tembusan, surat)
    beri_hak_lihat(permohonan=p, users=[tembusan])  # e.g. a tembusan holder, by penugasan's rules
    assert surat_boleh_dilihat(tembusan, surat)
    assert surat_boleh_dilihat(d.kasi[1].user, surat)  # the deciding PPK
    assert not surat_boleh_dilihat(d.jf_muda[1].user, surat)  # unrelated colleague


def test_surat_yang_ditandatangani_bupati_memakai_kop_dan_seri_pemerintah_kabupaten(
        django_capture_on_commit_callbacks):
    """A letter signed by the Bupati (PyB) comes out on the Pemerintah Kabupaten letterhead and its
    number series, never the requesting Dinas's: the PyB forwards the request to the other agency."""
    a = bangun_pemda("belu", kode="belu")
    b = bangun_pemda("bungo", kode="bungo")
    with django_capture_on_commit_callbacks(execute=True):
        p = ajukan(a.kabid[0], "penunjukan_lintas_instansi", unit_tujuan=b.seksi[0], kriteria="Perencana keahlian",
                   kriteria_jenis_jabatan="fungsional")
        penugasan_services.permohonan_setujui(actor=a.bupati.user, permohonan_id=p.pk)
    dari_unit, dari_bupati = Surat.objects.filter(jenis=JenisDokumen.PERMOHONAN_PELIBATAN).order_by("pk")
    assert dari_unit.perangkat_daerah == a.pd and dari_unit.penandatangan_pegawai == a.kabid[0]
    assert dari_bupati.penandatangan_pegawai == a.bupati
    assert dari_bupati.instansi == a.instansi and dari_bupati.perangkat_daerah is None
    assert dari_bupati.seri.perangkat_daerah_id is None and dari_bupati.seri_id != dari_unit.seri_id
    assert dari_bupati.konteks["kop"]["nama_pd"] == a.instansi.nama_daerah
    teks = _teks(dari_bupati)
    assert a.instansi.nama_daerah.upper() in teks.upper() and a.pd.nama.upper() not in teks.upper()


def test_tembusan_ke_jabatan_lowong_ditandai_lowong_dan_plt_disebut(django_capture_on_commit_callbacks):
    from organisasi.models import PemangkuJabatan

    d = bangun_pemda("belu")
    with django_capture_on_commit_callbacks(execute=True):
        p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    kemarin = datetime.date.today() - datetime.timedelta(days=1)
    PemangkuJabatan.objects.filter(pegawai=d.kabid[0], jabatan=d.jabatan_kabid[0]).update(selesai=kemarin)
    with django_capture_on_commit_callbacks(execute=True):
        penugasan_services.permohonan_setujui(actor=d.kasi[1].user, permohonan_id=p.pk)
    st = _surat_untuk(Penugasan.objects.get(permohonan=p)).get()
    assert f"{d.jabatan_kabid[0].nama} (jabatan lowong)" in st.tembusan
    # with a Plt. in the seat, the copy names the acting official
    plt = PegawaiFactory(instansi=d.instansi)
    angkat(plt, d.jabatan_kabid[0], jenis=JenisPemangku.PLT, mulai=kemarin)
    from surat.konteks import sebutan_tembusan

    assert sebutan_tembusan(d.jabatan_kabid[0]) == f"Plt. {d.jabatan_kabid[0].nama}"


def test_lintas_instansi_surat_tugas_mengikuti_aturan_instansi_penerbit(django_capture_on_commit_callbacks):
    """Belu asks Bungo for staff. The Surat Tugas is issued where the staff sit: Bungo's own rule
    (Pimpinan Unit signs, 001 Ps.6(4)) applies, not Belu's (PPK), and Bungo's letterhead and series."""
    from organisasi.tests.factories import tempatkan

    a = bangun_pemda("belu", kode="belu")
    b = bangun_pemda("bungo", kode="bungo")
    # in Bungo this Ahli Pertama is appraised by the Kabid (PPK) and given work by the Kasi (PU)
    tempatkan(b.jf_pertama[0], b.jabatan_kabid[0], jabatan_pimpinan=b.jabatan_kasi[0])
    with django_capture_on_commit_callbacks(execute=True):
        p = ajukan(a.kabid[0], "penunjukan_lintas_instansi", unit_tujuan=b.seksi[0], kriteria="Perencana keahlian",
                   kriteria_jenis_jabatan="fungsional")
        p = _jalankan_sampai_selesai(p, pegawai_ids=[b.jf_pertama[0].pk])
    st = _surat_untuk(Penugasan.objects.get(permohonan=p)).get()
    assert st.penandatangan_pegawai == b.kasi[0]  # Bungo: Pimpinan Unit; Belu's rule would name the PPK (Kabid)
    assert st.instansi == b.instansi and st.perangkat_daerah == b.pd
    assert "Bungo" in st.konteks["dasar"][0] or "Bungo" in " ".join(st.konteks["dasar"])


@pytest.mark.parametrize("preset,kepada", [
    ("indragiri_hilir", "Atasan langsung atau Pimpinan Unit Organisasi"),
    ("bungo", "Pejabat Penilai Kinerja"),
    ("belu", "Pimpinan Unit Organisasi"),
])
def test_surat_tugas_individu_melapor_kepada_menurut_setelan_instansi(preset, kepada):
    """``laporan_individu_ke`` printed as set: Indragiri Hilir's 'atasan langsung' is not
    turned into 'Pimpinan Unit'."""
    d = bangun_pemda(preset)
    p = ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.jf_muda[0]])
    tugas = Penugasan.objects.get(permohonan=p)
    surat = _surat_untuk(tugas).get()
    assert surat.konteks["pengaturan_lain"] == f"Melaporkan hasil pelaksanaan tugas kepada {kepada}."
