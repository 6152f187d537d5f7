"""Placements (Kedudukan) through services.kedudukan_tetapkan: history, who may be placed,
the Administrator-without-Pengawas case, JF-led self-standing units, PPK chain loops."""
import datetime

import pytest
from django.core.exceptions import ValidationError

from organisasi import selectors, services
from organisasi.models import JenisJabatan, JenisUnit, Jenjang, Kedudukan, Preset
from organisasi.tests.factories import (
    InstansiFactory,
    JabatanFactory,
    PegawaiFactory,
    UnitFactory,
    angkat,
    bangun_pd_dua_level,
    pejabat_baru,
    tempatkan,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return bangun_pd_dua_level(InstansiFactory.dengan_preset(Preset.KOTABARU))


def test_penempatan_baru_menutup_yang_lama(org):
    pelaksana = org.pelaksana[0]
    lama = tempatkan(pelaksana, org.jabatan_kasi[0], mulai=datetime.date(2024, 1, 1))
    baru = tempatkan(pelaksana, org.jabatan_kasi[1], mulai=datetime.date(2025, 1, 1))
    lama.refresh_from_db()
    assert lama.selesai == datetime.date(2024, 12, 31) and baru.selesai is None
    assert selectors.ppk_pegawai(pegawai=pelaksana, tanggal=datetime.date(2024, 6, 1)).pegawai == org.kasi[0]
    assert selectors.ppk_pegawai(pegawai=pelaksana, tanggal=datetime.date(2025, 6, 1)).pegawai == org.kasi[1]


def test_pejabat_struktural_tidak_diberi_kedudukan(org):
    with pytest.raises(ValidationError) as e:
        services.kedudukan_tetapkan(pegawai=org.kasi[0], jabatan_ppk=org.jabatan_kabid[0], mulai=datetime.date(2024, 2, 1))
    assert "hanya ditetapkan bagi Pejabat Fungsional dan Pelaksana" in e.value.message_dict["pegawai"][0]
    assert not Kedudukan.objects.filter(pegawai=org.kasi[0]).exists()


def test_administrator_boleh_bila_unitnya_tanpa_pengawas_dan_ditolak_bila_ada(org):
    # Bidang 1 has a Seksi with a Pengawas: a Pelaksana may not sit directly under its Kabid
    with pytest.raises(ValidationError) as e:
        tempatkan(org.pelaksana[0], org.jabatan_kabid[0])
    assert "Pasal 18 ayat (4) huruf b" in str(e.value) and "tidak ada Jabatan Pengawas" in str(e.value)
    # a Bidang without any Pengawas below: its Administrator is the PPK
    bidang = UnitFactory(perangkat_daerah=org.pd, parent=org.root, nama="Bidang Tanpa Seksi")
    kabid = JabatanFactory(unit=bidang, nama="Kepala Bidang Tanpa Seksi", jenis=JenisJabatan.ADMINISTRATOR,
                           kepala_unit=True)
    pejabat_baru(kabid)
    assert tempatkan(org.pelaksana[0], kabid).jabatan_ppk == kabid
    # once a Pengawas position exists in that Bidang the same placement is refused
    seksi = UnitFactory(perangkat_daerah=org.pd, parent=bidang, nama="Seksi Baru", jenis=JenisUnit.SEKSI)
    JabatanFactory(unit=seksi, nama="Kepala Seksi Baru", jenis=JenisJabatan.PENGAWAS, kepala_unit=True)
    with pytest.raises(ValidationError):
        tempatkan(org.pelaksana[1], kabid)


def test_jf_kepala_unit_mandiri_adalah_ppk_stafnya(org):
    pkm = UnitFactory(perangkat_daerah=org.pd, parent=org.root, nama="UPTD Puskesmas")
    kapus = JabatanFactory(unit=pkm, nama="Kepala Puskesmas", jenis=JenisJabatan.FUNGSIONAL, nama_jf="Dokter",
                           kategori_jf="keahlian", jenjang=Jenjang.AHLI_MUDA, kepala_unit=True)
    kepala = pejabat_baru(kapus)
    perawat = JabatanFactory(unit=pkm, nama="Perawat Ahli Madya", jenis=JenisJabatan.FUNGSIONAL, nama_jf="Perawat",
                             jenjang=Jenjang.AHLI_MADYA)
    staf = pejabat_baru(perawat)
    # even an Ahli Madya (normally under a JPT) sits under the JF head of a self-standing unit
    tempatkan(staf, kapus)
    assert selectors.ppk_pegawai(pegawai=staf).pegawai == kepala
    # without a placement the head of the unit is PPK by default as well
    bidan = pejabat_baru(JabatanFactory(unit=pkm, nama="Bidan Terampil", jenis=JenisJabatan.FUNGSIONAL,
                                        nama_jf="Bidan", jenjang=Jenjang.TERAMPIL))
    assert selectors.ppk_pegawai(pegawai=bidan).pegawai == kepala


def test_rantai_ppk_yang_berputar_ditolak(org):
    def kepala_mandiri(nama):
        unit = UnitFactory(perangkat_daerah=org.pd, parent=org.root, nama=nama)
        jabatan = JabatanFactory(unit=unit, nama=f"Kepala {nama}", jenis=JenisJabatan.FUNGSIONAL, nama_jf="Guru",
                                 jenjang=Jenjang.AHLI_MADYA, kepala_unit=True)
        return jabatan, pejabat_baru(jabatan)

    jabatan_a, a = kepala_mandiri("Sekolah A")
    jabatan_b, b = kepala_mandiri("Sekolah B")
    tempatkan(a, jabatan_b)  # A under B
    with pytest.raises(ValidationError) as e:
        tempatkan(b, jabatan_a)  # B under A would loop
    assert "berputar" in e.value.message_dict["jabatan_ppk"][0]
    assert not Kedudukan.objects.filter(pegawai=b).exists()


def test_pimpinan_unit_berbeda_dari_ppk_lewat_kedudukan(org):
    jf = org.jf_muda[0]
    tempatkan(jf, org.jabatan_kabid[0], jabatan_pimpinan=org.jabatan_kasi[0])
    assert selectors.ppk_pegawai(pegawai=jf).pegawai == org.kabid[0]
    assert selectors.pimpinan_unit_pegawai(pegawai=jf).pegawai == org.kasi[0]


def test_kedudukan_bebas_pada_preset_tanpa_aturan_jenjang():
    org = bangun_pd_dua_level(InstansiFactory.dengan_preset(Preset.BELU))
    pegawai = PegawaiFactory(instansi=org.instansi)
    angkat(pegawai, JabatanFactory(unit=org.seksi[0], nama="Pengadministrasi", jenis=JenisJabatan.PELAKSANA))
    assert tempatkan(pegawai, org.kadis).jabatan_ppk == org.kadis  # a JPT as PPK of a Pelaksana: allowed in Belu


def test_ppk_atau_pimpinan_dari_instansi_lain_ditolak(org):
    lain = bangun_pd_dua_level(InstansiFactory.dengan_preset(Preset.BELU))
    with pytest.raises(ValidationError) as e:
        tempatkan(org.pelaksana[0], lain.jabatan_kasi[0])
    assert "bukan jabatan pada instansi pegawai ini" in e.value.message_dict["jabatan_ppk"][0]
    with pytest.raises(ValidationError) as e:
        tempatkan(org.pelaksana[0], org.jabatan_kasi[0], jabatan_pimpinan=lain.jabatan_kabid[0])
    assert "bukan jabatan pada instansi pegawai ini" in e.value.message_dict["jabatan_pimpinan"][0]
    assert not Kedudukan.objects.filter(pegawai=org.pelaksana[0]).exists()


def test_pimpinan_unit_harus_jabatan_yang_memimpin(org):
    jabatan_pelaksana = org.pelaksana[1].riwayat_jabatan.get().jabatan
    with pytest.raises(ValidationError) as e:
        tempatkan(org.pelaksana[0], org.jabatan_kasi[0], jabatan_pimpinan=jabatan_pelaksana)
    assert "tidak dapat menjadi Pimpinan Unit Organisasi" in e.value.message_dict["jabatan_pimpinan"][0]
