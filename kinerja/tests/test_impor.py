from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from inti.exceptions import KonflikError
from kinerja import services
from kinerja.models import IndikatorKinerja, Polaritas, SasaranKinerja

from .helpers import TAHUN, D, pemda, pk_berlaku

pytestmark = pytest.mark.django_db
CONTOH = Path(settings.BASE_DIR) / "fixtures"


@pytest.fixture
def draf():
    d = pemda()
    pk = services.pk_buat(actor=d.kepala_dinas.user, jabatan_id=d.kadis.pk, tahun=TAHUN)
    return d, pk


@pytest.mark.parametrize("nama", ["contoh-impor-pk.csv", "contoh-impor-pk.xlsx"])
def test_contoh_berkas_terimpor_utuh(draf, nama):
    d, pk = draf
    hasil = services.impor_sasaran_indikator(actor=d.kepala_dinas.user, pk_id=pk.pk,
                                             berkas=(CONTOH / nama).read_bytes(), nama_berkas=nama)
    assert hasil == {"sasaran_baru": 2, "indikator_baru": 4}
    s1, s2 = SasaranKinerja.objects.filter(pk_kinerja=pk).order_by("urutan")
    assert (s1.kode, s1.indikator.count()) == ("S1", 2)
    akb = s2.indikator.get(kode="S2.1")
    assert akb.polaritas == Polaritas.MINIMAL and akb.target_tahunan == D(100) and akb.target_tw1 is None
    assert s1.indikator.get(kode="S1.2").baseline == D("65.5")
    # a second import appends under the existing sasaran
    services.impor_sasaran_indikator(actor=d.kepala_dinas.user, pk_id=pk.pk, nama_berkas="b.csv",
                                     berkas=b"kode_sasaran,sasaran,indikator,satuan,target\nS1,x,Baru,%,5\n")
    assert s1.indikator.count() == 3 and SasaranKinerja.objects.filter(pk_kinerja=pk).count() == 2


def test_berkas_salah_ditolak_seluruhnya_dengan_baris_dan_kolom(draf):
    d, pk = draf
    berkas = ("sasaran;kode_sasaran;indikator;satuan;target_tahunan;polaritas;tw1\n"
              "Sasaran A;S1;Ind 1;%;100;maksimal;25\n"
              "Sasaran B;S1;Ind 2;%;100;;\n"
              "Sasaran C;;Ind 3;;12a;naik;x\n"
              ";;Ind 4;%;1;;\n").encode()
    with pytest.raises(ValidationError) as e:
        services.impor_sasaran_indikator(actor=d.kepala_dinas.user, pk_id=pk.pk, berkas=berkas, nama_berkas="pk.csv")
    pesan = e.value.message_dict["berkas"]
    assert "Baris 3, kolom sasaran: kode S1 sudah dipakai untuk sasaran lain pada baris 2." in pesan
    assert any(p.startswith("Baris 4, kolom satuan:") for p in pesan)
    assert any(p.startswith("Baris 4, kolom target_tahunan:") for p in pesan)
    assert any(p.startswith("Baris 4, kolom polaritas:") for p in pesan)
    assert any(p.startswith("Baris 4, kolom target_tw1:") for p in pesan)
    assert "Baris 5, kolom sasaran: wajib diisi." in pesan
    assert not IndikatorKinerja.objects.exists() and not SasaranKinerja.objects.exists()


def test_kolom_tidak_dikenal_berkas_rusak_dan_pk_ditetapkan(draf):
    d, pk = draf
    with pytest.raises(ValidationError) as e:
        services.impor_sasaran_indikator(actor=d.kepala_dinas.user, pk_id=pk.pk, nama_berkas="pk.csv",
                                         berkas=b"sasaran,indikatorr,satuan,target_tahunan\nA,B,%,1\n")
    assert any("indikatorr" in p for p in e.value.message_dict["berkas"])
    with pytest.raises(ValidationError) as e:
        services.impor_sasaran_indikator(actor=d.kepala_dinas.user, pk_id=pk.pk, nama_berkas="pk.xlsx",
                                         berkas=b"PK\x03\x04bukan xlsx")
    assert "berkas" in e.value.message_dict
    with pytest.raises(PermissionDenied):
        services.impor_sasaran_indikator(actor=d.kabid[0].user, pk_id=pk.pk, nama_berkas="pk.csv",
                                         berkas=(CONTOH / "contoh-impor-pk.csv").read_bytes())
    d2 = pemda(kode="lain")
    pk2, _s, _i = pk_berlaku(d2)
    with pytest.raises(KonflikError):
        services.impor_sasaran_indikator(actor=d2.kepala_dinas.user, pk_id=pk2.pk, nama_berkas="pk.csv",
                                         berkas=(CONTOH / "contoh-impor-pk.csv").read_bytes())
