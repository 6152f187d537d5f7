"""NIP validation: one specific reason per failure (organisasi/nip.py)."""
import datetime

import pytest
from django.core.exceptions import ValidationError

from organisasi.models import Pegawai
from organisasi.nip import parse_nip, validate_nip
from organisasi.tests.factories import InstansiFactory


def _alasan(nip):
    with pytest.raises(ValidationError) as e:
        parse_nip(nip)
    return e.value.code, " ".join(e.value.messages)


@pytest.mark.parametrize("nip, kode, kutipan", [
    ("19800512 200501 1 001", "nip_bukan_angka", "hanya boleh berisi angka"),
    ("19800512A00501100X", "nip_bukan_angka", "hanya boleh berisi angka"),
    ("", "nip_bukan_angka", "hanya boleh berisi angka"),
    ("1980051220050110", "nip_panjang", "18 digit, diterima 16 digit"),
    ("19800512200501100123", "nip_panjang", "diterima 20 digit"),
    ("198002302005011001", "nip_tanggal_lahir", "bukan tanggal yang valid"),
    ("198013012005011001", "nip_tanggal_lahir", "19801301"),
    ("193001012005011001", "nip_tanggal_lahir", "di luar rentang"),
    ("198005122005131001", "nip_bulan_pengangkatan", "harus 01–12"),
    ("198005122005001001", "nip_bulan_pengangkatan", "(digit 13–14: 00)"),
    ("198005121990011001", "nip_tahun_pengangkatan", "tidak sesuai dengan tahun lahir 1980"),
    ("198005122999011001", "nip_tahun_pengangkatan", "2999"),
    ("198005122005013001", "nip_jenis_kelamin", "harus 1 (laki-laki) atau 2 (perempuan)"),
    ("198005122005010001", "nip_jenis_kelamin", "(digit 15: 0)"),
    ("198005122005011000", "nip_nomor_urut", "tidak boleh 000"),
])
def test_nip_salah_ditolak_dengan_alasan_spesifik(nip, kode, kutipan):
    kode_diterima, pesan = _alasan(nip)
    assert kode_diterima == kode
    assert kutipan in pesan


def test_tanggal_lahir_di_masa_depan_ditolak():
    besok = datetime.date.today() + datetime.timedelta(days=1)
    kode, _ = _alasan(f"{besok:%Y%m%d}{besok.year}011001")
    assert kode == "nip_tanggal_lahir"


@pytest.mark.parametrize("nip, lahir, tahun, bulan, jk, urut", [
    ("198005122005011001", datetime.date(1980, 5, 12), 2005, 1, "L", 1),
    ("199502282019032015", datetime.date(1995, 2, 28), 2019, 3, "P", 15),
    ("200002292023121999", datetime.date(2000, 2, 29), 2023, 12, "L", 999),  # leap day
    (" 198005122005011001 ", datetime.date(1980, 5, 12), 2005, 1, "L", 1),  # surrounding spaces ignored
])
def test_nip_sah_diurai(nip, lahir, tahun, bulan, jk, urut):
    hasil = parse_nip(nip)
    assert (hasil.tanggal_lahir, hasil.tahun_pengangkatan, hasil.bulan_pengangkatan,
            hasil.jenis_kelamin, hasil.nomor_urut) == (lahir, tahun, bulan, jk, urut)
    validate_nip(nip)  # no exception


@pytest.mark.django_db
def test_model_pegawai_menolak_nip_salah_lewat_full_clean():
    pegawai = Pegawai(instansi=InstansiFactory(), nip="198005122005013001", nama="Uji")
    with pytest.raises(ValidationError) as e:
        pegawai.full_clean()
    assert "nip" in e.value.message_dict
    assert "jenis kelamin" in e.value.message_dict["nip"][0]
