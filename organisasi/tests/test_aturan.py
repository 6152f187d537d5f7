"""Dated rule sets (DOMAIN §9): versions are appended, never edited; the version in force on a
date answers for that date (placement, the page and the API)."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from organisasi import selectors_aturan, services, services_aturan
from organisasi.models import AturanInstansi, JenisJabatan, Jenjang, Kedudukan, Preset
from organisasi.presets import KUTIPAN, PERATURAN, PRESETS
from organisasi.tests.factories import (
    InstansiFactory,
    JabatanFactory,
    PegawaiFactory,
    UserFactory,
    angkat,
    bangun_pd_dua_level,
)

pytestmark = pytest.mark.django_db
H = datetime.date


@pytest.mark.parametrize("preset", list(PRESETS))
def test_preset_menjadi_versi_pertama_bertanggal_dengan_pasal(preset):
    instansi = InstansiFactory.dengan_preset(preset)
    [versi] = AturanInstansi.objects.filter(instansi=instansi)
    assert (versi.versi, versi.berlaku_mulai, versi.peraturan, versi.preset) == (
        1, PERATURAN[preset]["berlaku_mulai"], PERATURAN[preset]["peraturan"], preset)
    assert versi.kutipan == KUTIPAN[preset] and versi.kutipan["rute.penunjukan_lintas_unit"]
    assert versi.nilai == PRESETS[preset]
    assert versi.pasal_berlaku
    # the Instansi's fields mirror the version in force today
    assert instansi.langkah_rute == PRESETS[preset]["langkah_rute"] and instansi.preset == preset


def test_perubahan_menambah_versi_dan_versi_lama_tetap():
    instansi = InstansiFactory.dengan_preset(Preset.KOTABARU)
    v1 = selectors_aturan.aturan_pada(instansi=instansi, tanggal=H(2025, 1, 1))
    v2 = services_aturan.aturan_tetapkan(
        instansi=instansi, nilai={"jenis_surat_penugasan": "surat_tugas", "aturan_kedudukan": {}},
        berlaku_mulai=H(2025, 7, 1), peraturan="Peraturan Bupati Kotabaru Nomor 5 Tahun 2025", catatan="uji")
    assert v2.versi == 2 and v2.nilai["langkah_rute"] == v1.nilai["langkah_rute"]  # the rest carried over
    v1.refresh_from_db()
    assert v1.jenis_surat_penugasan == "surat_perintah" and v1.aturan_kedudukan["aturan"]
    assert selectors_aturan.aturan_pada(instansi=instansi, tanggal=H(2025, 6, 30)) == v1
    assert selectors_aturan.aturan_pada(instansi=instansi, tanggal=H(2025, 7, 1)) == v2
    # before the first version: the first version applies
    assert selectors_aturan.aturan_pada(instansi=instansi, tanggal=H(2020, 1, 1)) == v1
    instansi.refresh_from_db()
    assert instansi.jenis_surat_penugasan == "surat_tugas"  # mirror = in force today
    # a saved version cannot be edited or deleted
    with pytest.raises(ValueError):
        v1.save()
    with pytest.raises(ValueError):
        v1.delete()


def test_versi_tidak_boleh_mundur_sebelum_versi_terakhir():
    instansi = InstansiFactory.dengan_preset(Preset.BELU)
    with pytest.raises(ValidationError) as e:
        services_aturan.aturan_tetapkan(instansi=instansi, nilai={}, berlaku_mulai=H(2024, 1, 1),
                                        peraturan="Perbup Belu 1/2024")
    assert "tidak boleh berlaku sebelum versi terakhir" in str(e.value)
    with pytest.raises(ValidationError):
        services_aturan.aturan_tetapkan(instansi=instansi, nilai={"bukan_pengaturan": 1},
                                        berlaku_mulai=H(2025, 1, 1), peraturan="Perbup Belu 1/2025")
    with pytest.raises(ValidationError):
        services_aturan.aturan_tetapkan(instansi=instansi, nilai={}, berlaku_mulai=H(2025, 1, 1), peraturan=" ")
    assert AturanInstansi.objects.filter(instansi=instansi).count() == 1


def test_kedudukan_diperiksa_menurut_versi_yang_berlaku_pada_tanggal_mulai():
    instansi = InstansiFactory.dengan_preset(Preset.KOTABARU)
    org = bangun_pd_dua_level(instansi)
    services_aturan.aturan_tetapkan(instansi=instansi, nilai={"aturan_kedudukan": {}}, berlaku_mulai=H(2025, 7, 1),
                                    peraturan="Peraturan Bupati Kotabaru Nomor 5 Tahun 2025")
    jabatan = JabatanFactory(unit=org.seksi[0], nama="Analis Ahli Muda", jenis=JenisJabatan.FUNGSIONAL,
                             nama_jf="Analis", jenjang=Jenjang.AHLI_MUDA)
    pegawai = PegawaiFactory(instansi=instansi)
    angkat(pegawai, jabatan, mulai=H(2024, 1, 1))
    with pytest.raises(ValidationError) as e:  # under Ps.18(3)b, in force until 30-06-2025
        services.kedudukan_tetapkan(pegawai=pegawai, jabatan_ppk=org.jabatan_kasi[0], mulai=H(2025, 6, 1))
    assert "Pasal 18 ayat (3) huruf b" in str(e.value)
    k = services.kedudukan_tetapkan(pegawai=pegawai, jabatan_ppk=org.jabatan_kasi[0], mulai=H(2025, 7, 1))
    assert Kedudukan.objects.filter(pk=k.pk).exists()


def test_api_dan_halaman_aturan_pada_tanggal(client):
    instansi = InstansiFactory.dengan_preset(Preset.KOTABARU)
    services_aturan.aturan_tetapkan(instansi=instansi, nilai={"jenis_surat_penugasan": "surat_tugas"},
                                    berlaku_mulai=H(2025, 7, 1), peraturan="Peraturan Bupati Kotabaru Nomor 5 Tahun 2025")
    url = reverse("api-organisasi-aturan-berlaku", args=[instansi.pk])
    assert client.get(url).status_code in (401, 403)
    client.force_login(UserFactory())
    r = client.get(url, {"tanggal": "2024-10-01"})
    assert r.status_code == 200, r.content
    d = r.json()
    assert (d["versi"], d["berlaku_mulai"], d["peraturan"]) == (
        1, "2024-09-18", "Peraturan Bupati Kotabaru Nomor 68 Tahun 2024")
    assert d["nilai"]["jenis_surat_penugasan"] == "surat_perintah"
    assert d["kutipan"]["rute.penunjukan_lintas_perangkat_daerah"].startswith("003 Ps.20(3)")
    assert [v["versi"] for v in d["riwayat"]] == [2, 1]
    assert client.get(url, {"tanggal": "2025-07-01"}).json()["versi"] == 2
    assert client.get(url, {"tanggal": "kemarin"}).status_code == 400
    assert client.get(reverse("api-organisasi-aturan-berlaku", args=[999999])).status_code == 404

    halaman = client.get(reverse("organisasi_aturan_berlaku", args=[instansi.pk]), {"tanggal": "2024-10-01"})
    teks = halaman.content.decode()
    assert halaman.status_code == 200
    assert "Peraturan Bupati Kotabaru Nomor 68 Tahun 2024" in teks and "Pasal 33" in teks
    assert "003 Ps.18(3)b" in teks and "003 Ps.20(4)" in teks and "Versi 2" in teks
    assert client.get(reverse("organisasi_aturan_berlaku", args=[instansi.pk]), {"tanggal": "x"}).status_code == 400
