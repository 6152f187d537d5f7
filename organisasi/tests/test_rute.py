"""The route vocabulary (organisasi.rute): every preset route is valid; an invalid route is
refused when a rule-set version is saved (services_aturan) and by the admin with a message naming the route, the step and the field;
steps are asked through ``Langkah`` methods."""
import copy
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from inti import waktu

from organisasi import permissions, services_aturan
from organisasi.models import Preset, UrutanSukarela
from organisasi.presets import PRESETS, langkah_rute
from organisasi.rute import AksiLangkah, KunciRute, Langkah, PeranLangkah, rute_validasi
from organisasi.tests.factories import InstansiFactory, UserFactory
from organisasi.tests.test_admin_forms import data_dari_halaman

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("preset", list(PRESETS))
def test_rute_setiap_preset_sah(preset):
    rute_validasi(PRESETS[preset]["langkah_rute"])
    assert set(PRESETS[preset]["langkah_rute"]) == set(KunciRute.values)


@pytest.mark.parametrize("urutan", list(UrutanSukarela))
def test_rute_umum_sah(urutan):
    rute_validasi(langkah_rute(urutan_sukarela=urutan))


def _pesan(langkah_rute) -> list[str]:
    with pytest.raises(ValidationError) as exc:
        rute_validasi(langkah_rute)
    return exc.value.message_dict["langkah_rute"]


def test_rute_salah_ditolak_dengan_pesan_menyebut_langkah_dan_isian():
    rute = copy.deepcopy(PRESETS[Preset.BELU]["langkah_rute"])
    rute["penunjukan_lintas_unit"]["langkah"][0]["peran"] = "ppk_tujuanx"
    rute["penunjukan_lintas_instansi"]["langkah"][2]["aksi"] = "jawab"
    rute["sukarela_lintas_unit"]["langkah"][1]["aksi"] = AksiLangkah.JAWAB_KETERSEDIAAN
    rute["sukarela_dalam_unit"]["pengaju"] = "pimpinan_unit_asal"
    rute["penunjukan_lintas_perangkat_daerah"]["langkah"][1]["kode"] = "persetujuan_pyb"
    rute["penunjukan_lintas_perangkat_daerah"]["langkah"][0]["catatan"] = "x"
    rute["penunjukan_lintas_perangkat_daerah"]["langkah"][0]["judul"] = " "
    rute["rute_baru"] = {"pengaju": "pegawai", "langkah": []}
    pesan = _pesan(rute)
    assert ("Rute Penunjukan lintas Unit Organisasi, langkah 1 (keputusan_ppk_tujuan): peran 'ppk_tujuanx' "
            "tidak dikenal") in " ".join(pesan)
    assert any(p.startswith("Rute Penunjukan lintas Instansi Pemerintah, langkah 3 (jawaban_ppk_tujuan): aksi "
                            "'jawab' tidak dikenal") for p in pesan)
    assert any("Pengajuan sukarela lintas Unit Organisasi, langkah 2" in p and "hanya untuk rute penunjukan" in p
               for p in pesan)
    assert any("Pengajuan sukarela dalam Unit Organisasi: pengaju harus 'pegawai'" in p for p in pesan)
    assert any("langkah 2 (persetujuan_pyb): kode dipakai dua kali" in p for p in pesan)
    assert any("langkah 1 (persetujuan_pyb): isian tidak dikenal: catatan" in p for p in pesan)
    assert any("langkah 1 (persetujuan_pyb): 'judul' wajib diisi" in p for p in pesan)
    assert any("Rute 'rute_baru' tidak dikenal" in p for p in pesan)
    assert len(pesan) == 8


@pytest.mark.parametrize("rusak,bagian", [
    ([], "harus berupa objek"),
    ({"penunjukan_lintas_unit": {"langkah": []}}, "tepat 'pengaju' dan 'langkah'"),
    ({"penunjukan_lintas_unit": {"pengaju": "pimpinan_unit_asal", "langkah": {}}}, "harus berupa daftar"),
    ({"penunjukan_lintas_unit": {"pengaju": "pimpinan_unit_asal", "langkah": ["x"]}}, "langkah 1: harus berupa objek"),
    ({"penunjukan_lintas_unit": {"pengaju": "pimpinan_unit_asal", "langkah": [
        {"kode": "a", "peran": "pegawai", "aksi": "setujui", "judul": "A"}]}}, "peran 'pegawai' tidak dikenal"),
    ({"penunjukan_lintas_unit": {"pengaju": "pimpinan_unit_asal", "langkah": [
        {"kode": "a", "peran": "ppk_tujuan", "aksi": "setujui", "judul": "A", "boleh_dikembalikan": "ya"}]}},
     "'boleh_dikembalikan' harus true atau false"),
])
def test_bentuk_rute_salah(rusak, bagian):
    assert bagian in " ".join(_pesan(rusak))


def _rute_ubah(instansi, rute):
    # the routes are part of the dated rule set: a change is a new version (organisasi.services_aturan)
    return services_aturan.aturan_tetapkan(instansi=instansi, nilai={"langkah_rute": rute},
                                           berlaku_mulai=waktu.hari_ini(), peraturan="Perbup uji")


def test_layanan_menolak_rute_salah_dan_menyimpan_yang_sah():
    instansi = InstansiFactory.dengan_preset(Preset.BELU)
    rute = copy.deepcopy(instansi.langkah_rute)
    rute["penunjukan_lintas_unit"]["langkah"][0]["peran"] = "kepala_bidang"
    with pytest.raises(ValidationError):
        _rute_ubah(instansi, rute)
    instansi.refresh_from_db()
    assert instansi.langkah_rute["penunjukan_lintas_unit"]["langkah"][0]["peran"] == "ppk_tujuan"
    rute["penunjukan_lintas_unit"]["langkah"][0]["peran"] = PeranLangkah.KEPALA_PD_TUJUAN
    _rute_ubah(instansi, rute)
    instansi.refresh_from_db()
    assert instansi.langkah_rute["penunjukan_lintas_unit"]["langkah"][0]["peran"] == "kepala_pd_tujuan"


def test_admin_menolak_rute_salah_dengan_pesan_jelas(client):
    instansi = InstansiFactory.dengan_preset(Preset.BELU)
    user = UserFactory(username="admin_instansi")
    permissions.beri_admin_instansi(user, instansi)
    client.force_login(user)
    url = reverse("admin:organisasi_instansi_change", args=[instansi.pk])
    data = data_dari_halaman(client.get(url))
    rute = copy.deepcopy(instansi.langkah_rute)
    rute["penunjukan_lintas_unit"]["langkah"][0]["aksi"] = "putuskan"
    data["langkah_rute"] = json.dumps(rute)
    resp = client.post(url, data)
    assert resp.status_code == 200
    galat = " ".join(resp.context["adminform"].form.errors["langkah_rute"])
    assert "Rute Penunjukan lintas Unit Organisasi, langkah 1 (keputusan_ppk_tujuan): aksi 'putuskan' tidak dikenal" \
        in galat
    instansi.refresh_from_db()
    assert instansi.langkah_rute["penunjukan_lintas_unit"]["langkah"][0]["aksi"] == "setujui"
    # a valid edit is saved (as a new dated version of the rule set)
    rute["penunjukan_lintas_unit"]["langkah"][0]["aksi"] = "setujui"
    rute["penunjukan_lintas_unit"]["langkah"][0]["boleh_dikembalikan"] = False
    data["langkah_rute"] = json.dumps(rute)
    assert client.post(url, data).status_code == 302
    instansi.refresh_from_db()
    assert instansi.langkah_rute["penunjukan_lintas_unit"]["langkah"][0]["boleh_dikembalikan"] is False


@pytest.mark.parametrize("peran,aksi,penunjukan,memilih,massal,jawab", [
    (PeranLangkah.PPK_TUJUAN, AksiLangkah.SETUJUI, True, True, True, False),
    (PeranLangkah.PPK_TUJUAN, AksiLangkah.SETUJUI, False, False, True, False),
    (PeranLangkah.PPK_TUJUAN, AksiLangkah.JAWAB_KETERSEDIAAN, True, True, False, True),
    (PeranLangkah.PYB_ASAL, AksiLangkah.SETUJUI, True, False, True, False),
    (PeranLangkah.PIMPINAN_UNIT_TUJUAN, AksiLangkah.SETUJUI, False, False, True, False),
])
def test_langkah_ditanya_lewat_metode(peran, aksi, penunjukan, memilih, massal, jawab):
    langkah = Langkah(kode="k", peran=peran, aksi=aksi, judul="J")
    assert langkah.memilih_pegawai(penunjukan=penunjukan) is memilih
    assert langkah.bisa_disetujui_massal() is massal
    assert langkah.menjawab_ketersediaan() is jawab
    assert langkah.meneruskan_permohonan() is (peran == PeranLangkah.PYB_ASAL)
    assert Langkah.dari_data(langkah.sebagai_data()) == langkah


def test_langkah_lama_tanpa_boleh_dikembalikan_tidak_boleh_dikembalikan():
    langkah = Langkah.dari_data({"kode": "k", "peran": "ppk_tujuan", "aksi": "setujui", "judul": "J"})
    assert langkah.boleh_dikembalikan is False
