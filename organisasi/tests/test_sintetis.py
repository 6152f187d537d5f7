"""The synthetic region generator: deterministic, complete, and importable without errors."""
from __future__ import annotations

import hashlib
from collections import Counter

import pytest
from django.core.management import call_command

from organisasi import importer, sintetis
from organisasi.models import (
    Instansi,
    Jabatan,
    JenisJabatan,
    JenisPerangkatDaerah,
    Jenjang,
    Kedudukan,
    Pegawai,
    PemangkuJabatan,
    PerangkatDaerah,
)
from organisasi.nip import parse_nip
from organisasi.tests.factories import InstansiFactory


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_seed_sama_berkas_sama(tmp_path):
    a, b, c = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    call_command("buat_wilayah_sintetis", pegawai=400, seed=7, csv=str(a))
    call_command("buat_wilayah_sintetis", pegawai=400, seed=7, csv=str(b))
    call_command("buat_wilayah_sintetis", pegawai=400, seed=8, csv=str(c))
    assert _sha(a) == _sha(b)
    assert _sha(a) != _sha(c)
    x1, x2 = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    call_command("buat_wilayah_sintetis", pegawai=400, seed=7, xlsx=str(x1))
    call_command("buat_wilayah_sintetis", pegawai=400, seed=7, xlsx=str(x2))
    assert _sha(x1) == _sha(x2)
    # the XLSX holds the same rows as the CSV
    _, dari_xlsx = importer.baca_berkas(x1)
    _, dari_csv = importer.baca_berkas(a)
    assert [b.nilai for b in dari_xlsx] == [b.nilai for b in dari_csv]


def test_isi_wilayah_lengkap():
    rows = sintetis.buat_baris(pegawai=600, seed=1)
    nips = {r["nip"] for r in rows if r["nip"]}
    assert len(nips) == 600
    for nip in nips:
        parse_nip(nip)
    assert {r["jenis_pd"] for r in rows} == set(JenisPerangkatDaerah.values)
    assert {r["jenis_jabatan"] for r in rows} == {"jpt_pratama", "administrator", "pengawas", "fungsional",
                                                  "pelaksana"}
    assert {r["jenjang"] for r in rows if r["jenjang"]} == set(Jenjang.values)
    pemangku = Counter(r["jenis_pemangku"] for r in rows if r["nip"])
    assert pemangku["definitif"] == 600 and pemangku["plt"] >= 1
    assert any(not r["nip"] for r in rows)  # vacant seats
    assert any(r["kode_jabatan_pimpinan"] for r in rows)  # Pimpinan Unit differing from the PPK


@pytest.mark.django_db
def test_berkas_sintetis_diimpor_tanpa_kesalahan_dengan_aturan_jenjang(tmp_path):
    instansi = InstansiFactory.dengan_preset("kotabaru")  # placement by jenjang enforced (003 Ps.18)
    assert instansi.aturan_kedudukan["aturan"]
    berkas = tmp_path / "wilayah.csv"
    call_command("buat_wilayah_sintetis", pegawai=500, seed=3, csv=str(berkas))
    rencana = importer.impor_periksa(instansi=instansi, berkas=berkas)
    assert rencana.kesalahan == []
    importer.impor_terapkan(instansi=instansi, berkas=berkas)
    assert Pegawai.objects.filter(instansi=instansi).count() == 500
    assert PerangkatDaerah.objects.filter(instansi=instansi).count() == len(sintetis.JENIS_PD)
    jenis = set(Jabatan.objects.filter(instansi=instansi).values_list("jenis", flat=True))
    assert jenis == {JenisJabatan.JPT_PRATAMA, JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS,
                     JenisJabatan.FUNGSIONAL, JenisJabatan.PELAKSANA}
    assert Kedudukan.objects.filter(pegawai__instansi=instansi).count() > 300
    assert PemangkuJabatan.objects.filter(jenis="plt").exists()


@pytest.mark.django_db
def test_perintah_langsung_ke_basis_data():
    call_command("buat_wilayah_sintetis", pegawai=200, seed=2, instansi_kode="uji-sintetis")
    instansi = Instansi.objects.get(kode="uji-sintetis")
    assert instansi.preset == "kotabaru"
    assert Pegawai.objects.filter(instansi=instansi).count() == 200
    # running it again matches every row by key: nothing is duplicated
    call_command("buat_wilayah_sintetis", pegawai=200, seed=2, instansi_kode="uji-sintetis")
    assert Pegawai.objects.filter(instansi=instansi).count() == 200
    assert PemangkuJabatan.objects.filter(pegawai__instansi=instansi).count() == 200 + PemangkuJabatan.objects.filter(
        pegawai__instansi=instansi, jenis="plt").count()
