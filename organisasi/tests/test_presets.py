"""Placement-by-jenjang rule for each of the five regional presets, as DOMAIN §1's table:
(preset, jenjang of the pegawai, kind of PPK seat) -> allowed or refused, through the real
``services.kedudukan_tetapkan``; refusals name the regulation and the article."""
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

# kinds of PPK in the test organisation
KEPALA_PD, JPT_LAIN, ADM_DENGAN_PENGAWAS, ADM_TANPA_PENGAWAS, PENGAWAS, JF_KEPALA = (
    "JPT Pratama kepala PD", "JPT Pratama bukan kepala PD (Asisten)", "Administrator (unit ber-Pengawas)",
    "Administrator (tanpa Pengawas)", "Pengawas", "JF kepala unit mandiri")
SEMUA_PPK = {KEPALA_PD, JPT_LAIN, ADM_DENGAN_PENGAWAS, ADM_TANPA_PENGAWAS, PENGAWAS, JF_KEPALA}
ADM = {ADM_DENGAN_PENGAWAS, ADM_TANPA_PENGAWAS}
JPT = {KEPALA_PD, JPT_LAIN}
KETERAMPILAN = (Jenjang.PEMULA, Jenjang.TERAMPIL, Jenjang.MAHIR, Jenjang.PENYELIA)
SEMUA_SUBJEK = (Jenjang.AHLI_UTAMA, Jenjang.AHLI_MADYA, Jenjang.AHLI_MUDA, Jenjang.AHLI_PERTAMA, *KETERAMPILAN,
                "pelaksana")


def _tabel(utama_madya, muda, pertama_keterampilan, pelaksana):
    t = {Jenjang.AHLI_UTAMA: utama_madya, Jenjang.AHLI_MADYA: utama_madya, Jenjang.AHLI_MUDA: muda,
         Jenjang.AHLI_PERTAMA: pertama_keterampilan, "pelaksana": pelaksana}
    t.update({j: pertama_keterampilan for j in KETERAMPILAN})
    return {k: v | {JF_KEPALA} for k, v in t.items()}  # a JF heading a self-standing unit: everywhere


# DOMAIN §1 table: (preset) -> subject -> PPK seats allowed
BOLEH = {
    # 003 Ps.18(3)a; 18(3)b "atau Jabatan satu tingkat di atasnya"; 18(3)c idem; 18(4)a-b Administrator
    # only "dalam hal tidak ada Jabatan Pengawas"
    Preset.KOTABARU: _tabel(JPT, ADM | JPT, {PENGAWAS} | ADM, {PENGAWAS, ADM_TANPA_PENGAWAS}),
    # 001 Ps.16(2), 19, 22(2), 25(2): Ahli Madya under the head of PD, the rest under an Administrator
    Preset.BUNGO: _tabel({KEPALA_PD}, ADM, ADM, ADM),
    # 002 Lamp B.1: Ahli Madya under a JPT Pratama (head of PD, Asisten in Setda), Ahli Muda under an
    # Administrator, Ahli Pertama/Keterampilan/Pelaksana under an Administrator or a Pengawas
    Preset.INDRAGIRI_HILIR: _tabel(JPT, ADM, ADM | {PENGAWAS}, ADM | {PENGAWAS}),
    Preset.BELU: _tabel(SEMUA_PPK, SEMUA_PPK, SEMUA_PPK, SEMUA_PPK),  # 000 Ps.7(1): free
    Preset.PASURUAN: _tabel(SEMUA_PPK, SEMUA_PPK, SEMUA_PPK, SEMUA_PPK),  # 004 Lamp I.B.1: free
}
PERATURAN = {Preset.KOTABARU: "Peraturan Bupati Kotabaru Nomor 68 Tahun 2024",
             Preset.BUNGO: "Peraturan Bupati Bungo Nomor 15 Tahun 2024",
             Preset.INDRAGIRI_HILIR: "Peraturan Bupati Indragiri Hilir Nomor 1 Tahun 2024"}


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
    asisten_unit = UnitFactory(perangkat_daerah=org.pd, parent=org.root, nama="Asisten Pemerintahan",
                               jenis=JenisUnit.ASISTEN)
    asisten = JabatanFactory(unit=asisten_unit, nama="Asisten Pemerintahan", jenis=JenisJabatan.JPT_PRATAMA,
                             kepala_unit=True)
    pejabat_baru(asisten)
    ppk = {KEPALA_PD: org.kadis, JPT_LAIN: asisten, ADM_DENGAN_PENGAWAS: org.jabatan_kabid[0], ADM_TANPA_PENGAWAS: kabid3,
           PENGAWAS: org.jabatan_kasi[0], JF_KEPALA: kapus}
    return instansi, org, ppk


def _jabatan_staf(org, jenjang):
    if jenjang == "pelaksana":
        return JabatanFactory(unit=org.seksi[0], nama="Pengadministrasi", jenis=JenisJabatan.PELAKSANA)
    return JabatanFactory(unit=org.seksi[0], nama=f"Analis {jenjang}", jenis=JenisJabatan.FUNGSIONAL,
                          nama_jf="Analis", jenjang=jenjang)


@pytest.mark.parametrize("preset", list(BOLEH))
def test_aturan_kedudukan_menurut_jenjang_per_preset(preset):
    instansi, org, ppk = _organisasi(preset)
    assert instansi.aturan_kedudukan == PRESETS[preset]["aturan_kedudukan"]
    assert set(BOLEH[preset]) == set(SEMUA_SUBJEK)

    salah = []
    for jenjang, boleh in BOLEH[preset].items():
        jabatan = _jabatan_staf(org, jenjang)
        for jenis_ppk in sorted(SEMUA_PPK):
            diharapkan = jenis_ppk in boleh
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
                # the refusal names the regulation and the article, and nothing was written
                assert PERATURAN[preset] in pesan and ("Pasal" in pesan or "Lampiran" in pesan), pesan
                assert not Kedudukan.objects.filter(pegawai=pegawai).exists()
    assert salah == []


def test_kotabaru_menyebut_pasal_dan_satu_tingkat_di_atasnya():
    instansi, org, ppk = _organisasi(Preset.KOTABARU)
    pegawai = PegawaiFactory(instansi=instansi)
    angkat(pegawai, _jabatan_staf(org, Jenjang.AHLI_MUDA))
    with pytest.raises(ValidationError) as e:
        services.kedudukan_tetapkan(pegawai=pegawai, jabatan_ppk=ppk[PENGAWAS], mulai=MULAI)
    pesan = e.value.message_dict["jabatan_ppk"][0]
    assert "JF jenjang Ahli Muda" in pesan and "Jabatan satu tingkat di atasnya" in pesan
    assert "Pasal 18 ayat (3) huruf b" in pesan and "Kepala Seksi 1" in pesan
    pelaksana = PegawaiFactory(instansi=instansi)
    angkat(pelaksana, _jabatan_staf(org, "pelaksana"))
    with pytest.raises(ValidationError) as e:
        services.kedudukan_tetapkan(pegawai=pelaksana, jabatan_ppk=ppk[ADM_DENGAN_PENGAWAS], mulai=MULAI)
    assert "Pasal 18 ayat (4) huruf b" in str(e.value) and "tidak ada Jabatan Pengawas" in str(e.value)


def test_inhil_dpmptsp_menempatkan_semua_jenjang_di_bawah_kepala_dinas():
    """002 Lamp B.1.a.6 (l.434): in the DPMPTSP every jenjang and Pelaksana may sit under the
    Kepala Dinas; in any other Dinas an Ahli Muda/Pertama/Keterampilan/Pelaksana may not."""
    instansi = InstansiFactory.dengan_preset(Preset.INDRAGIRI_HILIR)
    dpmptsp = bangun_pd_dua_level(instansi, nama="Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu")
    dinkes = bangun_pd_dua_level(instansi)
    for jenjang in (Jenjang.AHLI_MADYA, Jenjang.AHLI_MUDA, Jenjang.AHLI_PERTAMA, Jenjang.TERAMPIL, "pelaksana"):
        pegawai = PegawaiFactory(instansi=instansi)
        angkat(pegawai, _jabatan_staf(dpmptsp, jenjang))
        assert services.kedudukan_tetapkan(pegawai=pegawai, jabatan_ppk=dpmptsp.kadis, mulai=MULAI)
        if jenjang == Jenjang.AHLI_MADYA:
            continue
        lain = PegawaiFactory(instansi=instansi)
        angkat(lain, _jabatan_staf(dinkes, jenjang))
        with pytest.raises(ValidationError) as e:
            services.kedudukan_tetapkan(pegawai=lain, jabatan_ppk=dinkes.kadis, mulai=MULAI)
        assert "Lampiran huruf B angka 1" in str(e.value)
    # the abbreviation alone also identifies the PD
    pd = dinkes.pd
    pd.singkatan = "DPMPTSP"
    pd.save(update_fields=["singkatan"])
    pegawai = PegawaiFactory(instansi=instansi)
    angkat(pegawai, _jabatan_staf(dinkes, "pelaksana"))
    assert services.kedudukan_tetapkan(pegawai=pegawai, jabatan_ppk=dinkes.kadis, mulai=MULAI)


def test_aturan_kedudukan_tanpa_pasal_ditolak_saat_disimpan():
    from organisasi import kedudukan

    salah = kedudukan.validasi_data({"peraturan": "Perbup X", "aturan": [
        {"subjek": ["ahli_muda"], "ppk": ["administrator"], "pasal": ""},
        {"subjek": ["guru"], "ppk": ["camat"], "pasal": "Pasal 1"}]})
    assert len(salah) == 3 and "pasal dasar hukum wajib diisi" in salah[0]
    assert kedudukan.validasi_data(PRESETS[Preset.KOTABARU]["aturan_kedudukan"]) == []


@pytest.mark.parametrize("preset", list(BOLEH))
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
