"""Placement-by-jenjang rule for each of the five regional presets, as a table:
(preset, jenjang of the pegawai, kind of PPK) -> allowed or refused, through the real
``services.kedudukan_tetapkan``."""
import datetime
import copy

import pytest
from django.core.exceptions import ValidationError

from organisasi import services
from organisasi.models import JenisJabatan, JenisUnit, Jenjang, Kedudukan, Preset
from organisasi.presets import PRESETS
from organisasi.tests.factories import (
    InstansiFactory,
    JabatanFactory,
    PegawaiFactory,
    UnitFactory,
    angkat,
    bangun_pd_dua_level,
    pejabat_baru,
)

pytestmark = pytest.mark.django_db
MULAI = datetime.date(2024, 2, 1)

DITERAPKAN = {Preset.BUNGO: True, Preset.INDRAGIRI_HILIR: True, Preset.KOTABARU: True,
              Preset.BELU: False, Preset.PASURUAN: False}

# kinds of PPK in the test organisation
JPT, ADM_DENGAN_PENGAWAS, ADM_TANPA_PENGAWAS, PENGAWAS, JF_KEPALA = (
    "JPT Pratama", "Administrator (unit ber-Pengawas)", "Administrator (tanpa Pengawas)", "Pengawas",
    "JF kepala unit mandiri")
SEMUA_PPK = (JPT, ADM_DENGAN_PENGAWAS, ADM_TANPA_PENGAWAS, PENGAWAS, JF_KEPALA)

KETERAMPILAN_PERTAMA_PELAKSANA = {PENGAWAS, ADM_TANPA_PENGAWAS, JF_KEPALA}
BOLEH_BILA_DITERAPKAN = {
    Jenjang.AHLI_UTAMA: {JPT, JF_KEPALA},
    Jenjang.AHLI_MADYA: {JPT, JF_KEPALA},
    Jenjang.AHLI_MUDA: {ADM_DENGAN_PENGAWAS, ADM_TANPA_PENGAWAS, JF_KEPALA},
    Jenjang.AHLI_PERTAMA: KETERAMPILAN_PERTAMA_PELAKSANA,
    Jenjang.PENYELIA: KETERAMPILAN_PERTAMA_PELAKSANA,
    Jenjang.MAHIR: KETERAMPILAN_PERTAMA_PELAKSANA,
    Jenjang.TERAMPIL: KETERAMPILAN_PERTAMA_PELAKSANA,
    Jenjang.PEMULA: KETERAMPILAN_PERTAMA_PELAKSANA,
    "pelaksana": KETERAMPILAN_PERTAMA_PELAKSANA,
}


def _organisasi(preset):
    instansi = InstansiFactory.dengan_preset(preset)
    org = bangun_pd_dua_level(instansi)
    # an Administrator unit without any Pengawas below it
    bidang3 = UnitFactory(perangkat_daerah=org.pd, parent=org.root, nama="Bidang Tanpa Seksi")
    kabid3 = JabatanFactory(unit=bidang3, nama="Kepala Bidang Tanpa Seksi", jenis=JenisJabatan.ADMINISTRATOR,
                            kepala_unit=True)
    pejabat_baru(kabid3)
    # a self-standing unit led by a JF (Kepala Puskesmas)
    pkm = UnitFactory(perangkat_daerah=org.pd, parent=org.root, nama="UPTD Puskesmas", jenis=JenisUnit.UNIT)
    kapus = JabatanFactory(unit=pkm, nama="Dokter Ahli Madya selaku Kepala Puskesmas", jenis=JenisJabatan.FUNGSIONAL,
                           nama_jf="Dokter", kategori_jf="keahlian", jenjang=Jenjang.AHLI_MADYA, kepala_unit=True)
    pejabat_baru(kapus)
    ppk = {JPT: org.kadis, ADM_DENGAN_PENGAWAS: org.jabatan_kabid[0], ADM_TANPA_PENGAWAS: kabid3,
           PENGAWAS: org.jabatan_kasi[0], JF_KEPALA: kapus}
    return instansi, org, ppk


def _jabatan_staf(org, jenjang):
    if jenjang == "pelaksana":
        return JabatanFactory(unit=org.seksi[0], nama="Pengadministrasi", jenis=JenisJabatan.PELAKSANA)
    return JabatanFactory(unit=org.seksi[0], nama=f"Analis {jenjang}", jenis=JenisJabatan.FUNGSIONAL,
                          nama_jf="Analis", jenjang=jenjang)


@pytest.mark.parametrize("preset", list(DITERAPKAN))
def test_aturan_kedudukan_menurut_jenjang_per_preset(preset):
    instansi, org, ppk = _organisasi(preset)
    assert instansi.aturan_kedudukan_jenjang is DITERAPKAN[preset]
    assert instansi.aturan_kedudukan_jenjang is PRESETS[preset]["aturan_kedudukan_jenjang"]

    salah = []
    for jenjang, boleh in BOLEH_BILA_DITERAPKAN.items():
        jabatan = _jabatan_staf(org, jenjang)
        for jenis_ppk in SEMUA_PPK:
            diharapkan = (jenis_ppk in boleh) if DITERAPKAN[preset] else True
            pegawai = PegawaiFactory(instansi=instansi)
            angkat(pegawai, jabatan)
            try:
                services.kedudukan_tetapkan(pegawai=pegawai, jabatan_ppk=ppk[jenis_ppk], mulai=MULAI)
                diterima, pesan = True, ""
            except ValidationError as e:
                diterima, pesan = False, " ".join(e.message_dict["jabatan_ppk"])
            if diterima != diharapkan:
                salah.append((jenjang, jenis_ppk, "diterima" if diterima else f"ditolak: {pesan}"))
            if not diterima:
                # the refusal names the rule and the preset, and nothing was written
                assert "Aturan kedudukan menurut jenjang" in pesan and instansi.get_preset_display() in pesan
                assert not Kedudukan.objects.filter(pegawai=pegawai).exists()
    assert salah == []


@pytest.mark.parametrize("preset", list(DITERAPKAN))
def test_ppk_pelaksana_atau_jf_biasa_selalu_ditolak(preset):
    instansi, org, _ = _organisasi(preset)
    for jabatan_ppk in (org.pelaksana[0].riwayat_jabatan.get().jabatan, org.jf_muda[0].riwayat_jabatan.get().jabatan):
        with pytest.raises(ValidationError) as e:
            services.kedudukan_tetapkan(pegawai=org.pelaksana[1], jabatan_ppk=jabatan_ppk, mulai=MULAI)
        assert "tidak dapat menjadi Pejabat Penilai Kinerja" in e.value.message_dict["jabatan_ppk"][0]


@pytest.mark.parametrize("preset", list(PRESETS))
def test_preset_mengisi_semua_pengaturan_instansi(preset):
    instansi = InstansiFactory()
    services.instansi_terapkan_preset(instansi=instansi, preset=preset)
    instansi.refresh_from_db()
    assert instansi.preset == preset
    for field, nilai in PRESETS[preset].items():
        assert getattr(instansi, field) == nilai, field


def test_preset_tidak_dikenal_ditolak_tanpa_perubahan():
    instansi = InstansiFactory.dengan_preset(Preset.BELU)
    with pytest.raises(ValidationError) as e:
        services.instansi_terapkan_preset(instansi=instansi, preset="atlantis")
    assert "tidak dikenal" in e.value.message_dict["preset"][0]
    instansi.refresh_from_db()
    assert instansi.preset == Preset.BELU


@pytest.mark.django_db
def test_mengubah_rute_satu_instansi_tidak_mengubah_preset():
    from organisasi.models import Preset
    from organisasi.presets import PRESETS
    from organisasi.tests.factories import InstansiFactory

    sebelum = copy.deepcopy(PRESETS[Preset.BELU])
    instansi = InstansiFactory.dengan_preset(Preset.BELU)
    instansi.ketua_tim_jenis_jabatan.append("jpt_pratama")
    next(iter(instansi.langkah_rute.values())).clear()

    assert PRESETS[Preset.BELU] == sebelum
