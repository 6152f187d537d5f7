"""Side-effect hooks: a hook without a handler stops start-up and raises when called; never a skip."""
from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from inti.kait import Kait, periksa_kait


@pytest.fixture
def kait_uji():
    kait = Kait("uji_kait_tanpa_penangan", keterangan="hanya untuk uji")
    yield kait
    Kait._semua.pop(kait.nama)


def test_kait_tanpa_penangan_menggagalkan_start_up(kait_uji):
    galat = periksa_kait([kait_uji])
    assert [g.id for g in galat] == ["inti.E001"]
    assert "uji_kait_tanpa_penangan" in galat[0].msg
    with pytest.raises(SystemCheckError, match="uji_kait_tanpa_penangan"):
        call_command("check")  # what runserver and migrate run before anything else


def test_memanggil_kait_tanpa_penangan_gagal_keras(kait_uji):
    with pytest.raises(ImproperlyConfigured, match="belum punya penangan"):
        kait_uji(apa="saja")


def test_penangan_dipanggil_dan_hanya_satu(kait_uji):
    def penangan(*, nilai):
        return nilai * 2

    kait_uji.daftarkan(penangan)
    kait_uji.daftarkan(penangan)  # the same one again (e.g. ready() twice): harmless
    assert kait_uji(nilai=21) == 42
    assert periksa_kait([kait_uji]) == []
    with pytest.raises(ImproperlyConfigured, match="sudah ditangani"):
        kait_uji.daftarkan(lambda **kw: None)


def test_nama_kait_unik(kait_uji):
    with pytest.raises(ImproperlyConfigured, match="dua kali"):
        Kait(kait_uji.nama)
