"""Resolvers: who is PPK / Pimpinan Unit / PyB on a date, with Plt/Plh, vacancies and the
Pimpinan-differs-from-PPK pattern; and the unit tree refusing cycles."""
import datetime

import pytest
from django.core.exceptions import ValidationError

from organisasi import selectors, services
from organisasi.models import JenisJabatan, JenisPemangku, JenisUnit, PemangkuJabatan
from organisasi.tests.factories import (
    InstansiFactory,
    JabatanFactory,
    PegawaiFactory,
    PerangkatDaerahFactory,
    UnitFactory,
    angkat,
    bangun_pd_dua_level,
    pejabat_baru,
)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def org():
    return bangun_pd_dua_level()


def test_ppk_dan_pimpinan_bawaan_adalah_kepala_unit(org):
    ppk = selectors.ppk_pegawai(pegawai=org.jf_pertama[0])
    pimpinan = selectors.pimpinan_unit_pegawai(pegawai=org.jf_pertama[0])
    assert ppk.pegawai == org.kasi[0] and pimpinan.pegawai == org.kasi[0]
    assert ppk.sebagai == JenisPemangku.DEFINITIF and ppk.eskalasi_dari is None
    # the head of a unit reports to the head above
    assert selectors.ppk_pegawai(pegawai=org.kasi[0]).pegawai == org.kabid[0]
    assert selectors.ppk_pegawai(pegawai=org.kabid[0]).pegawai == org.kepala_dinas


def test_plh_didahulukan_dari_plt_dan_definitif(org):
    kasi = org.jabatan_kasi[0]
    plt, plh = PegawaiFactory(instansi=org.instansi), PegawaiFactory(instansi=org.instansi)
    angkat(plt, kasi, jenis=JenisPemangku.PLT, mulai=D(2025, 1, 1), selesai=D(2025, 12, 31))
    angkat(plh, kasi, jenis=JenisPemangku.PLH, mulai=D(2025, 3, 1), selesai=D(2025, 3, 10))
    jf = org.jf_pertama[0]
    assert selectors.ppk_pegawai(pegawai=jf, tanggal=D(2024, 12, 31)).pegawai == org.kasi[0]
    ppk = selectors.ppk_pegawai(pegawai=jf, tanggal=D(2025, 2, 1))
    assert (ppk.pegawai, ppk.sebagai, ppk.sebutan) == (plt, JenisPemangku.PLT, "Plt. Kepala Seksi 1")
    ppk = selectors.ppk_pegawai(pegawai=jf, tanggal=D(2025, 3, 5))
    assert (ppk.pegawai, ppk.prefiks) == (plh, "Plh.")
    assert selectors.ppk_pegawai(pegawai=jf, tanggal=D(2025, 3, 11)).pegawai == plt
    assert selectors.ppk_pegawai(pegawai=jf, tanggal=D(2026, 1, 1)).pegawai == org.kasi[0]
    # the acting officials show up in what the pegawai holds on that date
    dipangku = selectors.jabatan_dipangku(pegawai=plh, tanggal=D(2025, 3, 5))
    assert [(p.jabatan, p.jenis) for p in dipangku] == [(kasi, JenisPemangku.PLH)]


def test_plt_kedua_yang_tumpang_tindih_ditolak(org):
    kasi = org.jabatan_kasi[0]
    angkat(PegawaiFactory(instansi=org.instansi), kasi, jenis=JenisPemangku.PLT, mulai=D(2025, 1, 1))
    with pytest.raises(ValidationError) as e:
        angkat(PegawaiFactory(instansi=org.instansi), kasi, jenis=JenisPemangku.PLT, mulai=D(2025, 6, 1))
    assert "Sudah ada Pelaksana Tugas" in e.value.message_dict["mulai"][0]


def test_jabatan_kosong_dieskalasi_ke_atas(org):
    kasi, kabid = org.jabatan_kasi[0], org.jabatan_kabid[0]
    # the Kasi retires at the end of 2024; the seat stays vacant without Plt/Plh
    PemangkuJabatan.objects.filter(jabatan=kasi).update(selesai=D(2024, 12, 31))
    jf = org.jf_pertama[0]
    ppk = selectors.ppk_pegawai(pegawai=jf, tanggal=D(2025, 1, 15))
    assert ppk.pegawai == org.kabid[0] and ppk.jabatan == kabid and ppk.eskalasi_dari == kasi
    # Kabid vacant as well: up to the Kepala Dinas, still recording the asked position
    PemangkuJabatan.objects.filter(jabatan=kabid).update(selesai=D(2024, 12, 31))
    ppk = selectors.ppk_pegawai(pegawai=jf, tanggal=D(2025, 1, 15))
    assert ppk.pegawai == org.kepala_dinas and ppk.eskalasi_dari == kasi
    # a Plt in the Kasi seat stops the escalation
    plt = PegawaiFactory(instansi=org.instansi)
    angkat(plt, kasi, jenis=JenisPemangku.PLT, mulai=D(2025, 2, 1))
    ppk = selectors.ppk_pegawai(pegawai=jf, tanggal=D(2025, 2, 2))
    assert ppk.pegawai == plt and ppk.eskalasi_dari is None
    # all the way up vacant: nobody
    PemangkuJabatan.objects.filter(jabatan=org.kadis).update(selesai=D(2024, 12, 31))
    assert selectors.ppk_pegawai(pegawai=jf, tanggal=D(2025, 1, 15)) is None


def test_pimpinan_unit_berbeda_dari_ppk_lewat_unit(org):
    # Belu pattern: Level 1 (Kabid) assigns the work, the Kasi appraises
    seksi = org.seksi[0]
    seksi.jabatan_pimpinan = org.jabatan_kabid[0]
    seksi.save()
    jf = org.jf_pertama[0]
    assert selectors.ppk_pegawai(pegawai=jf).pegawai == org.kasi[0]
    assert selectors.pimpinan_unit_pegawai(pegawai=jf).pegawai == org.kabid[0]
    assert selectors.pimpinan_unit(unit=seksi).pegawai == org.kabid[0]
    assert selectors.ppk_unit(unit=seksi).pegawai == org.kasi[0]
    # and the other way round: an explicit PPK on the unit
    seksi.jabatan_pimpinan, seksi.jabatan_ppk = None, org.jabatan_kabid[0]
    seksi.save()
    assert selectors.ppk_pegawai(pegawai=jf).pegawai == org.kabid[0]
    assert selectors.pimpinan_unit_pegawai(pegawai=jf).pegawai == org.kasi[0]


def test_pyb_instansi_dengan_plt(org):
    instansi = org.instansi
    assert selectors.pyb_instansi(instansi=instansi) is None  # not configured
    bupati_jab = JabatanFactory(unit=None, instansi=instansi, nama="Bupati Contoh", jenis=JenisJabatan.KEPALA_DAERAH)
    instansi.jabatan_pyb = bupati_jab
    instansi.save()
    bupati = pejabat_baru(bupati_jab)
    pyb = selectors.pyb_instansi(instansi=instansi, tanggal=D(2024, 5, 1))
    assert pyb.pegawai == bupati and pyb.sebutan == "Bupati Contoh"
    wakil = PegawaiFactory(instansi=instansi)
    angkat(wakil, bupati_jab, jenis=JenisPemangku.PLT, mulai=D(2025, 1, 1), selesai=D(2025, 2, 28))
    assert selectors.pyb_instansi(instansi=instansi, tanggal=D(2025, 2, 1)).sebutan == "Plt. Bupati Contoh"
    assert selectors.pyb_instansi(instansi=instansi, tanggal=D(2025, 3, 1)).pegawai == bupati


def test_pemangku_lintas_instansi_ditolak(org):
    lain = PegawaiFactory(instansi=InstansiFactory())
    with pytest.raises(ValidationError) as e:
        angkat(lain, org.jabatan_kasi[0], mulai=D(2025, 1, 1))
    assert "instansi yang sama" in e.value.message_dict["pegawai"][0]


def test_definitif_baru_menutup_pemangku_lama(org):
    kasi = org.jabatan_kasi[0]
    baru = PegawaiFactory(instansi=org.instansi)
    angkat(baru, kasi, mulai=D(2025, 1, 1))
    assert selectors.pejabat_pada(jabatan=kasi, tanggal=D(2024, 12, 31)).pegawai == org.kasi[0]
    assert selectors.pejabat_pada(jabatan=kasi, tanggal=D(2025, 1, 1)).pegawai == baru
    lama = PemangkuJabatan.objects.get(jabatan=kasi, pegawai=org.kasi[0])
    assert lama.selesai == D(2024, 12, 31)


class TestSusunanUnit:
    def test_induk_diri_sendiri_atau_turunan_ditolak(self, org):
        bidang, seksi = org.bidang[0], org.seksi[0]
        with pytest.raises(ValidationError) as e:
            services.unit_validasi_induk(unit=bidang, parent=bidang)
        assert "berputar" in e.value.message_dict["parent"][0]
        with pytest.raises(ValidationError) as e:
            services.unit_validasi_induk(unit=bidang, parent=seksi)
        assert "berputar" in e.value.message_dict["parent"][0]
        with pytest.raises(ValidationError):
            services.unit_validasi_induk(unit=org.root, parent=seksi)  # grandchild

    def test_induk_dari_perangkat_daerah_lain_ditolak(self, org):
        lain = UnitFactory(perangkat_daerah=PerangkatDaerahFactory(instansi=org.instansi))
        with pytest.raises(ValidationError) as e:
            services.unit_validasi_induk(unit=org.seksi[0], parent=lain)
        assert "Perangkat Daerah yang sama" in e.value.message_dict["parent"][0]

    def test_pindah_induk_yang_sah_diterima(self, org):
        services.unit_validasi_induk(unit=org.seksi[0], parent=org.bidang[1])
        baru = UnitFactory.build(perangkat_daerah=org.pd, instansi=org.instansi, jenis=JenisUnit.SEKSI)
        services.unit_validasi_induk(unit=baru, parent=org.seksi[0])  # an unsaved unit has no descendants
        services.unit_validasi_induk(unit=org.seksi[0], parent=None)


@pytest.mark.django_db
def test_kepala_pd_mandiri_kosong_naik_ke_kepala_pd_induk():
    """A vacant Kepala Puskesmas with no Plt: authority passes to the head of the parent Dinas."""
    from organisasi.models import JenisJabatan, JenisPerangkatDaerah, JenisUnit
    from organisasi.tests.factories import (
        JabatanFactory,
        PerangkatDaerahFactory,
        UnitFactory,
        bangun_pd_dua_level,
    )

    dinas = bangun_pd_dua_level(nama="Dinas Kesehatan")
    puskesmas = PerangkatDaerahFactory(instansi=dinas.instansi, induk=dinas.pd, nama="UPTD Puskesmas Contoh",
                                       jenis=JenisPerangkatDaerah.PUSKESMAS)
    root = UnitFactory(perangkat_daerah=puskesmas, nama="UPTD Puskesmas Contoh", jenis=JenisUnit.PIMPINAN)
    kapus = JabatanFactory(unit=root, nama="Kepala Puskesmas", jenis=JenisJabatan.FUNGSIONAL, kepala_unit=True,
                           nama_jf="Dokter", kategori_jf="keahlian", jenjang="ahli_muda")

    pejabat = selectors.pejabat_berwenang(jabatan=kapus)

    assert pejabat is not None and pejabat.pegawai == dinas.kepala_dinas
    assert pejabat.eskalasi_dari == kapus
