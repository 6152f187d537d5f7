"""Reports, report requests and kendala (DOMAIN §4.2 steps 8–9, §4.5) as tables per region."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from inti.exceptions import KonflikError
from inti.models import JejakAudit
from kinerja import services
from kinerja.models import (
    CakupanKendala,
    Laporan,
    RiwayatKendala,
    StatusKendala,
    StatusLaporan,
    StatusPermintaan,
)
from notifikasi.models import Notifikasi
from organisasi import selectors as org
from organisasi.models import Preset
from organisasi.tests.factories import InstansiFactory, PegawaiFactory, bangun_pd_dua_level, tempatkan
from penugasan.models import AnggotaTim, Penugasan, PeranTim

from .helpers import bagi_dua, pemda, pk_berlaku, putuskan_sampai_selesai, tim_dari_strategi

pytestmark = pytest.mark.django_db

SEMUA = [Preset.BELU, Preset.BUNGO, Preset.INDRAGIRI_HILIR, Preset.KOTABARU, Preset.PASURUAN]


def _siap(preset=Preset.BELU, kode=None):
    d = pemda(preset, kode)
    pk, s, ind = pk_berlaku(d)
    d.t0, d.t1 = bagi_dua(d, ind)
    p, d.tim = tim_dari_strategi(d, d.t0)
    d.ketua = AnggotaTim.objects.get(tim=d.tim, peran=PeranTim.KETUA).pegawai
    d.anggota = AnggotaTim.objects.get(tim=d.tim, peran=PeranTim.ANGGOTA).pegawai  # JF of Seksi 2 (Bidang 2)
    return d


def _individu(d):
    """Kabid 2's share done individually by the JF Ahli Pertama of Seksi 1 (another unit)."""
    services.strategi_tetapkan(actor=d.kabid[1].user, target_id=d.t1.pk, bentuk="individu", kebutuhan="lintas_unit",
                               jumlah_dibutuhkan=1, kompetensi_dibutuhkan="Perencanaan")
    p = services.strategi_buat_permohonan(actor=d.kabid[1].user, target_id=d.t1.pk, unit_tujuan_id=d.seksi[0].pk,
                                          pegawai_diminta_ids=[d.jf_pertama[0].pk])
    p = putuskan_sampai_selesai(p)
    return Penugasan.objects.get(permohonan=p, pegawai=d.jf_pertama[0])


# --------------------------------------------------------------------------- recipients per region

# ketua → (§4.5 "ketua reports team to"); Bidang 1's PPK is set apart (Kepala Seksi 1) to tell PPK from PU
LAPORAN_TIM = [
    (Preset.BELU, "", "Kepala Bidang 1", []),
    (Preset.BUNGO, "", "Kepala Bidang 1", []),
    (Preset.INDRAGIRI_HILIR, "", "Kepala Bidang 1", []),
    (Preset.INDRAGIRI_HILIR, "penanggung_jawab", "PJ", []),
    (Preset.KOTABARU, "", "Kepala Bidang 1", ["Kepala Dinas Kesehatan"]),
    (Preset.PASURUAN, "", "Kepala Seksi 1", []),
]


@pytest.mark.parametrize("preset,kepada,penerima,tembusan", LAPORAN_TIM)
def test_laporan_ketua_tim_menurut_daerah(preset, kepada, penerima, tembusan):
    d = _siap(preset)
    d.bidang[0].jabatan_ppk = d.jabatan_kasi[0]
    d.bidang[0].save(update_fields=["jabatan_ppk"])
    pj = PegawaiFactory(instansi=d.instansi, nama="PJ")
    d.tim.penanggung_jawab = pj
    d.tim.save(update_fields=["penanggung_jawab"])
    lap = services.laporan_kirim(actor=d.ketua.user, jenis="tim", tim_id=d.tim.pk, ringkasan="Progres 50%",
                                 kepada=kepada, realisasi="30")
    assert lap.status == StatusLaporan.DIKIRIM and lap.periode_mulai == datetime.date(2026, 12, 1)
    nama = lap.penerima_pegawai.nama if lap.penerima_pegawai_id else lap.penerima_jabatan.nama
    assert nama == penerima
    assert [j.nama for j in lap.tembusan_jabatan.all()] == tembusan


def test_pilihan_penanggung_jawab_hanya_bila_aturan_mengizinkan():
    d = _siap(Preset.BELU)
    lap = services.laporan_kirim(actor=d.ketua.user, jenis="tim", tim_id=d.tim.pk, ringkasan="x",
                                 kepada="penanggung_jawab")
    assert lap.penerima_jabatan.nama == "Kepala Bidang 1"  # Belu: always the PU


# individual → (§4.5 "individual reports to"): Belu PU, Bungo PPK, Inhil atasan langsung or PU,
# Kotabaru PPK/atasan langsung, Pasuruan PPK
LAPORAN_INDIVIDU = [
    (Preset.BELU, "", "Kepala Bidang 2"),
    (Preset.BUNGO, "", "Kepala Seksi 1"),
    (Preset.INDRAGIRI_HILIR, "", "Kepala Seksi 1"),
    (Preset.INDRAGIRI_HILIR, "pimpinan_unit", "Kepala Bidang 2"),
    (Preset.KOTABARU, "", "Kepala Seksi 1"),
    (Preset.PASURUAN, "", "Kepala Seksi 1"),
]


@pytest.mark.parametrize("preset,kepada,penerima", LAPORAN_INDIVIDU)
def test_laporan_individu_menurut_daerah(preset, kepada, penerima):
    d = _siap(preset)
    pen = _individu(d)
    lap = services.laporan_kirim(actor=d.jf_pertama[0].user, jenis="individu", penugasan_id=pen.pk,
                                 ringkasan="Draf selesai", kepada=kepada, target_id=d.t1.pk)
    assert lap.penerima_jabatan.nama == penerima and lap.target_id == d.t1.pk
    with pytest.raises(PermissionDenied):
        services.laporan_kirim(actor=d.jf_pertama[1].user, jenis="individu", penugasan_id=pen.pk, ringkasan="x")


def test_anggota_ke_ketua_dan_terima_kembalikan_dengan_catatan():
    d = _siap()
    with pytest.raises(PermissionDenied):  # the ketua does not report to himself
        services.laporan_kirim(actor=d.ketua.user, jenis="anggota_ke_ketua", tim_id=d.tim.pk, ringkasan="x")
    with pytest.raises(ValidationError) as e:
        services.laporan_kirim(actor=d.anggota.user, jenis="anggota_ke_ketua", tim_id=d.tim.pk, ringkasan=" ")
    assert "ringkasan" in e.value.message_dict
    lap = services.laporan_kirim(actor=d.anggota.user, jenis="anggota_ke_ketua", tim_id=d.tim.pk,
                                 ringkasan="Bab 1 selesai")
    assert lap.penerima_pegawai == d.ketua
    assert Notifikasi.objects.filter(penerima=d.ketua.user, jenis="laporan_kinerja").count() == 1
    with pytest.raises(PermissionDenied):
        services.laporan_terima(actor=d.kabid[0].user, laporan_id=lap.pk)
    with pytest.raises(ValidationError) as e:
        services.laporan_kembalikan(actor=d.ketua.user, laporan_id=lap.pk, catatan="")
    assert "catatan" in e.value.message_dict
    lap = services.laporan_kembalikan(actor=d.ketua.user, laporan_id=lap.pk, catatan="Lampirkan data")
    assert lap.status == StatusLaporan.DIKEMBALIKAN and lap.catatan_penerima == "Lampirkan data"
    with pytest.raises(KonflikError):
        services.laporan_terima(actor=d.ketua.user, laporan_id=lap.pk)
    lap = services.laporan_kirim_ulang(actor=d.anggota.user, laporan_id=lap.pk, ringkasan="Bab 1 + data")
    lap = services.laporan_terima(actor=d.ketua.user, laporan_id=lap.pk, catatan="Baik")
    assert lap.status == StatusLaporan.DITERIMA and lap.ditanggapi_oleh == d.ketua
    assert Notifikasi.objects.filter(penerima=d.anggota.user, judul="Laporan Anda diterima").exists()
    assert set(JejakAudit.objects.filter(objek_tipe="kinerja.Laporan").values_list("aksi", flat=True)) >= {
        "kinerja.laporan.kirim", "kinerja.laporan.terima", "kinerja.laporan.kembalikan"}


def test_progres_tonggak_ditulis_dan_tonggak_asing_ditolak():
    d = _siap()
    ra = services.rencana_aksi_simpan(actor=d.ketua.user, tim_id=d.tim.pk, judul="Rencana", tonggak=[
        {"uraian": "Draf", "tenggat": d.tim.selesai.isoformat(), "pemilik_ids": [d.anggota.pk]}])
    tonggak = ra.tonggak.get()
    with pytest.raises(ValidationError) as e:
        services.laporan_kirim(actor=d.ketua.user, jenis="tim", tim_id=d.tim.pk, ringkasan="x",
                               progres=[{"tonggak_id": 999999, "persen": 10}, {"tonggak_id": tonggak.pk, "persen": 101}])
    assert set(e.value.message_dict) == {"progres[0].tonggak_id", "progres[1].persen"}
    lap = services.laporan_kirim(actor=d.ketua.user, jenis="tim", tim_id=d.tim.pk, ringkasan="x",
                                 progres=[{"tonggak_id": tonggak.pk, "persen": 40, "catatan": "on track"}])
    tonggak.refresh_from_db()
    assert tonggak.progres == 40 and lap.progres.get().persen == 40


def test_catatan_ketua_ke_ppk_dan_pu_anggota_sendiri_menurut_kedudukan():
    d = _siap()
    # the member (Seksi 2) is placed under Kepala Seksi 2 as PPK and Kepala Bidang 2 as PU (Kedudukan)
    tempatkan(d.anggota, d.jabatan_kasi[1], d.jabatan_kabid[1], mulai=datetime.date(2026, 1, 1))
    with pytest.raises(PermissionDenied):
        services.laporan_kirim(actor=d.anggota.user, jenis="catatan_anggota", tim_id=d.tim.pk,
                               tentang_pegawai_id=d.anggota.pk, ringkasan="x")
    with pytest.raises(ValidationError) as e:
        services.laporan_kirim(actor=d.ketua.user, jenis="catatan_anggota", tim_id=d.tim.pk,
                               tentang_pegawai_id=d.kabid[0].pk, ringkasan="x")
    assert "tentang_pegawai_id" in e.value.message_dict
    lap = services.laporan_kirim(actor=d.ketua.user, jenis="catatan_anggota", tim_id=d.tim.pk,
                                 tentang_pegawai_id=d.anggota.pk, ringkasan="Kontribusi sangat baik")
    assert lap.penerima_jabatan == d.jabatan_kasi[1]
    assert list(lap.tembusan_jabatan.all()) == [d.jabatan_kabid[1]]
    assert lap.penugasan.pegawai == d.anggota and lap.penugasan.tim == d.tim  # cites the member's assignment
    assert Notifikasi.objects.filter(penerima=d.kasi[1].user).exists()
    assert Notifikasi.objects.filter(penerima=d.kabid[1].user).exists()
    services.laporan_terima(actor=d.kasi[1].user, laporan_id=lap.pk)


# --------------------------------------------------------------------------- evidence


def _pdf(nama="bukti.pdf", isi=b"%PDF-1.4\n%test\n"):
    return SimpleUploadedFile(nama, isi, content_type="application/pdf")


def test_bukti_jenis_ukuran_jumlah_dan_tersimpan_di_luar_web_root(settings):
    d = _siap()
    lap = services.laporan_kirim(actor=d.anggota.user, jenis="anggota_ke_ketua", tim_id=d.tim.pk, ringkasan="x")
    with pytest.raises(PermissionDenied):
        services.bukti_tambah(actor=d.ketua.user, laporan_id=lap.pk, berkas=_pdf())
    with pytest.raises(ValidationError, match="Jenis berkas"):
        services.bukti_tambah(actor=d.anggota.user, laporan_id=lap.pk, berkas=_pdf("x.exe", b"MZ..."))
    with pytest.raises(ValidationError, match="tidak sesuai"):
        services.bukti_tambah(actor=d.anggota.user, laporan_id=lap.pk, berkas=_pdf("x.pdf", b"<html>"))
    settings.KINERJA_BUKTI_MAKS_BITA = 10
    with pytest.raises(ValidationError, match="melebihi"):
        services.bukti_tambah(actor=d.anggota.user, laporan_id=lap.pk, berkas=_pdf(isi=b"%PDF-" + b"x" * 20))
    settings.KINERJA_BUKTI_MAKS_BITA = 1024
    b = services.bukti_tambah(actor=d.anggota.user, laporan_id=lap.pk, berkas=_pdf())
    assert b.berkas.path.startswith(str(settings.KINERJA_BUKTI_ROOT))
    assert not b.berkas.path.startswith(str(settings.MEDIA_ROOT)) and len(b.sha256) == 64
    assert b.nama == "bukti.pdf" and b.jenis_berkas == "application/pdf"
    with pytest.raises(ValueError):
        b.berkas.url  # no public address
    with pytest.raises(ValidationError) as e:
        services.bukti_tambah(actor=d.anggota.user, laporan_id=lap.pk, tautan="javascript:alert(1)")
    assert "tautan" in e.value.message_dict
    services.bukti_tambah(actor=d.anggota.user, laporan_id=lap.pk, tautan="https://drive.example/berkas")
    settings.KINERJA_BUKTI_MAKS_JUMLAH = 2
    with pytest.raises(ValidationError, match="Paling banyak 2"):
        services.bukti_tambah(actor=d.anggota.user, laporan_id=lap.pk, berkas=_pdf())


# --------------------------------------------------------------------------- report requests

PERMINTAAN = [  # (preset, to an anggota allowed)
    (Preset.BELU, True), (Preset.BUNGO, False), (Preset.INDRAGIRI_HILIR, True), (Preset.KOTABARU, True),
    (Preset.PASURUAN, True),
]


@pytest.mark.parametrize("preset,ke_anggota", PERMINTAAN)
def test_permintaan_laporan_alamat_menurut_daerah(preset, ke_anggota):
    d = _siap(preset)
    tenggat = datetime.date(2026, 12, 10)
    with pytest.raises(PermissionDenied):  # not the team's Pimpinan Unit
        services.permintaan_buat(actor=d.kasi[0].user, tim_id=d.tim.pk, kepada_id=d.ketua.pk, uraian="x",
                                 tenggat=tenggat)
    p = services.permintaan_buat(actor=d.kabid[0].user, tim_id=d.tim.pk, kepada_id=d.ketua.pk,
                                 uraian="Laporan capaian", tenggat=tenggat)
    assert p.jabatan_peminta == d.jabatan_kabid[0]
    if ke_anggota:
        services.permintaan_buat(actor=d.kabid[0].user, tim_id=d.tim.pk, kepada_id=d.anggota.pk, uraian="x",
                                 tenggat=tenggat)
    else:
        with pytest.raises(ValidationError, match="hanya ditujukan kepada ketua") as e:
            services.permintaan_buat(actor=d.kabid[0].user, tim_id=d.tim.pk, kepada_id=d.anggota.pk, uraian="x",
                                     tenggat=tenggat)
        assert "kepada_id" in e.value.message_dict
    lap = services.laporan_kirim(actor=d.ketua.user, jenis="jawaban_permintaan", permintaan_id=p.pk,
                                 ringkasan="Capaian 60%")
    p.refresh_from_db()
    assert p.status == StatusPermintaan.DIJAWAB and lap.penerima_jabatan == d.jabatan_kabid[0]
    with pytest.raises(KonflikError):
        services.laporan_kirim(actor=d.ketua.user, jenis="jawaban_permintaan", permintaan_id=p.pk, ringkasan="x")


def test_permintaan_inhil_oleh_penanggung_jawab_dan_tenggat_lampau():
    d = _siap(Preset.INDRAGIRI_HILIR)
    pj = PegawaiFactory(instansi=d.instansi, nama="PJ Tim")
    d.tim.penanggung_jawab = pj
    d.tim.save(update_fields=["penanggung_jawab"])
    with pytest.raises(ValidationError) as e:
        services.permintaan_buat(actor=pj.user, tim_id=d.tim.pk, kepada_id=d.ketua.pk, uraian="x",
                                 tenggat="2020-01-01")
    assert "tenggat" in e.value.message_dict
    p = services.permintaan_buat(actor=pj.user, tim_id=d.tim.pk, kepada_id=d.anggota.pk, uraian="x",
                                 tenggat="2026-12-31")
    assert p.peminta == pj and p.jabatan_peminta is None
    services.laporan_kirim(actor=d.anggota.user, jenis="jawaban_permintaan", permintaan_id=p.pk, ringkasan="ok")
    assert Laporan.objects.get(permintaan=p).penerima_pegawai == pj
    d2 = _siap(Preset.BELU, kode="belu-pj")
    pj2 = PegawaiFactory(instansi=d2.instansi)
    d2.tim.penanggung_jawab = pj2
    d2.tim.save(update_fields=["penanggung_jawab"])
    with pytest.raises(PermissionDenied):  # Belu gives the penanggung jawab no such role
        services.permintaan_buat(actor=pj2.user, tim_id=d2.tim.pk, kepada_id=d2.ketua.pk, uraian="x",
                                 tenggat="2026-12-31")


# --------------------------------------------------------------------------- kendala routing

OPSI = [{"uraian": "Tambah satu analis dari unit lain", "butuh_pegawai_lain": True},
        {"uraian": "Perpanjang tenggat satu bulan"}]


def test_kendala_dalam_unit():
    d = _siap()
    # the Seksi 2 member is placed under Kepala Bidang 1: everyone is in the owning unit
    tempatkan(d.anggota, d.jabatan_kabid[0], d.jabatan_kabid[0], mulai=datetime.date(2026, 1, 1))
    k = services.kendala_ajukan(actor=d.ketua.user, tim_id=d.tim.pk, uraian="Data belum tersedia", opsi=OPSI)
    assert k.cakupan == CakupanKendala.DALAM_UNIT and k.jabatan_penentu == d.jabatan_kabid[0]
    assert list(k.penerima_jabatan.all()) == [d.jabatan_kabid[0]]
    assert list(k.opsi.values_list("urutan", flat=True)) == [1, 2]


def test_kendala_lintas_unit_ke_pu_anggota_juga():
    d = _siap()
    k = services.kendala_ajukan(actor=d.ketua.user, tim_id=d.tim.pk, uraian="x", opsi=OPSI)
    assert k.cakupan == CakupanKendala.LINTAS_UNIT
    pu_anggota = org.jabatan_pimpinan_pegawai(pegawai=d.anggota)  # Seksi 2's head (organisation resolver)
    assert pu_anggota == d.jabatan_kasi[1]
    assert set(k.penerima_jabatan.all()) == {d.jabatan_kabid[0], pu_anggota}
    assert Notifikasi.objects.filter(penerima=d.kasi[1].user, jenis="kendala").exists()


def test_kendala_lintas_pd_dan_instansi_dengan_pimpinan_asal():
    d = _siap()
    lain = bangun_pd_dua_level(d.instansi, nama="Dinas Pendidikan")
    tempatkan(d.anggota, lain.jabatan_kabid[0], mulai=datetime.date(2026, 1, 1))
    k = services.kendala_ajukan(actor=d.ketua.user, tim_id=d.tim.pk, uraian="x", opsi=OPSI)
    assert k.cakupan == CakupanKendala.LINTAS_PD
    assert set(k.penerima_jabatan.all()) == {d.jabatan_kabid[0], lain.jabatan_kabid[0]}
    k = services.kendala_ajukan(actor=d.ketua.user, tim_id=d.tim.pk, uraian="y", opsi=OPSI,
                                libatkan_pimpinan_asal=True)
    assert set(k.penerima_jabatan.all()) == {d.jabatan_kabid[0], lain.jabatan_kabid[0], lain.kadis}
    # a member from another agency (test shortcut: the membership row written directly)
    luar = bangun_pd_dua_level(InstansiFactory(), nama="Dinas Luar")
    AnggotaTim.objects.create(tim=d.tim, pegawai=luar.jf_muda[0], peran=PeranTim.ANGGOTA)
    luar.instansi.jabatan_pyb = luar.kadis
    luar.instansi.save(update_fields=["jabatan_pyb"])
    k = services.kendala_ajukan(actor=d.ketua.user, tim_id=d.tim.pk, uraian="z", opsi=OPSI,
                                libatkan_pimpinan_asal=True)
    assert k.cakupan == CakupanKendala.LINTAS_INSTANSI
    assert {luar.jabatan_kabid[0], luar.kadis} <= set(k.penerima_jabatan.all())


def test_kendala_inhil_juga_ke_penanggung_jawab():
    d = _siap(Preset.INDRAGIRI_HILIR)
    pj = PegawaiFactory(instansi=d.instansi, nama="PJ")
    d.tim.penanggung_jawab = pj
    d.tim.save(update_fields=["penanggung_jawab"])
    services.kendala_ajukan(actor=d.ketua.user, tim_id=d.tim.pk, uraian="x", opsi=OPSI)
    assert Notifikasi.objects.filter(penerima=pj.user, jenis="kendala").exists()


def test_kendala_putuskan_teruskan_tindaklanjut_tutup_dan_waktu_keputusan():
    d = _siap()
    with pytest.raises(ValidationError) as e:
        services.kendala_ajukan(actor=d.ketua.user, tim_id=d.tim.pk, uraian="x", opsi=[{"uraian": ""}])
    assert "opsi[0].uraian" in e.value.message_dict
    with pytest.raises(PermissionDenied):
        services.kendala_ajukan(actor=d.anggota.user, tim_id=d.tim.pk, uraian="x", opsi=OPSI)
    k = services.kendala_ajukan(actor=d.ketua.user, tim_id=d.tim.pk, uraian="Server rusak", opsi=OPSI)
    with pytest.raises(PermissionDenied):
        services.kendala_putuskan(actor=d.kabid[1].user, kendala_id=k.pk, opsi_id=k.opsi.first().pk)
    k = services.kendala_teruskan(actor=d.kabid[0].user, kendala_id=k.pk, jabatan_id=d.kadis.pk,
                                  catatan="Perlu keputusan Kepala Dinas")
    assert k.status == StatusKendala.DITERUSKAN and k.jabatan_penentu == d.kadis
    with pytest.raises(PermissionDenied):
        services.kendala_putuskan(actor=d.kabid[0].user, kendala_id=k.pk, keputusan_lain="x")
    with pytest.raises(ValidationError) as e:
        services.kendala_putuskan(actor=d.kepala_dinas.user, kendala_id=k.pk)
    assert "opsi_id" in e.value.message_dict
    opsi2 = k.opsi.get(urutan=2)
    k = services.kendala_putuskan(actor=d.kepala_dinas.user, kendala_id=k.pk, opsi_id=opsi2.pk, catatan="Setuju",
                                  status_dilihat="diteruskan")
    assert k.status == StatusKendala.DIPUTUSKAN and k.opsi_dipilih == opsi2 and k.diputuskan_pada
    with pytest.raises(KonflikError):  # a second decision
        services.kendala_putuskan(actor=d.kepala_dinas.user, kendala_id=k.pk, keputusan_lain="lain")
    k = services.kendala_tindaklanjuti(actor=d.ketua.user, kendala_id=k.pk, catatan="Tenggat diperpanjang")
    k = services.kendala_tutup(actor=d.kepala_dinas.user, kendala_id=k.pk)
    assert k.status == StatusKendala.DITUTUP
    assert list(RiwayatKendala.objects.filter(kendala=k).values_list("aksi", flat=True)) == [
        "ajukan", "teruskan", "putuskan", "tindaklanjuti", "tutup"]
    assert (k.diputuskan_pada - k.created_at).total_seconds() >= 0


def test_kendala_opsi_butuh_pegawai_membuka_permohonan_terisi():
    d = _siap()
    k = services.kendala_ajukan(actor=d.ketua.user, tim_id=d.tim.pk, target_id=d.t0.pk, uraian="Kurang analis",
                                opsi=OPSI)
    opsi1 = k.opsi.get(urutan=1)
    k = services.kendala_putuskan(actor=d.kabid[0].user, kendala_id=k.pk, opsi_id=opsi1.pk,
                                  unit_tujuan_id=d.seksi[1].pk)
    assert k.permohonan is not None and k.permohonan.status == "draf"
    assert k.permohonan.tautan_target.filter(target=d.t0).exists()
