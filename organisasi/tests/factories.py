"""factory-boy factories for the organisation. Holders and placements go through the real
services (``angkat`` / ``tempatkan``) so tests exercise the same rules as production."""
from __future__ import annotations

import datetime

import factory
from django.contrib.auth import get_user_model

from organisasi import services
from organisasi.models import (
    Instansi,
    Jabatan,
    JenisJabatan,
    JenisPemangku,
    JenisPerangkatDaerah,
    JenisUnit,
    Pegawai,
    PerangkatDaerah,
    UnitOrganisasi,
)

User = get_user_model()
AWAL = datetime.date(2024, 1, 1)


class InstansiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instansi
        django_get_or_create = ("kode",)

    kode = factory.Sequence(lambda n: f"pemda-{n}")
    nama = factory.Sequence(lambda n: f"Pemerintah Kabupaten Contoh {n}")
    nama_daerah = factory.Sequence(lambda n: f"Kabupaten Contoh {n}")
    ibu_kota = "Kotabaru"

    @classmethod
    def dengan_preset(cls, preset: str, **kwargs) -> Instansi:
        instansi = cls(**kwargs)
        return services.instansi_terapkan_preset(instansi=instansi, preset=preset)


class PerangkatDaerahFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerangkatDaerah

    instansi = factory.SubFactory(InstansiFactory)
    kode = factory.Sequence(lambda n: f"PD{n:03d}")
    nama = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    jenis = JenisPerangkatDaerah.DINAS
    alamat = "Jl. Contoh No. 1"
    kota = "Kotabaru"
    kode_unit_surat = factory.Sequence(lambda n: f"423.{n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitOrganisasi

    perangkat_daerah = factory.SubFactory(PerangkatDaerahFactory)
    instansi = factory.LazyAttribute(lambda o: o.perangkat_daerah.instansi)
    kode = factory.Sequence(lambda n: f"U{n:04d}")
    nama = factory.Sequence(lambda n: f"Bidang Contoh {n}")
    jenis = JenisUnit.BIDANG
    parent = None


class JabatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jabatan

    unit = factory.SubFactory(UnitFactory)
    instansi = factory.LazyAttribute(lambda o: o.unit.instansi)
    kode = factory.Sequence(lambda n: f"J{n:05d}")
    nama = factory.Sequence(lambda n: f"Jabatan {n}")
    jenis = JenisJabatan.PELAKSANA


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("rahasia-uji")


_nip_seq = iter(range(1, 10**6))


def nip_baru(jenis_kelamin: int = 1) -> str:
    n = next(_nip_seq)
    return f"1980{(n % 12) + 1:02d}{(n % 28) + 1:02d}2005{(n % 12) + 1:02d}{jenis_kelamin}{(n % 999) + 1:03d}"


class PegawaiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pegawai

    instansi = factory.SubFactory(InstansiFactory)
    nip = factory.LazyFunction(nip_baru)
    nama = factory.Sequence(lambda n: f"Pegawai {n}")
    pangkat = "Penata"
    golongan = "III/c"
    user = factory.SubFactory(UserFactory)


def angkat(pegawai: Pegawai, jabatan: Jabatan, jenis: str = JenisPemangku.DEFINITIF,
           mulai: datetime.date = AWAL, selesai: datetime.date | None = None):
    return services.pemangku_tetapkan(jabatan=jabatan, pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai)


def pejabat_baru(jabatan: Jabatan, **kwargs) -> Pegawai:
    """A new pegawai holding ``jabatan`` definitively from AWAL."""
    pegawai = PegawaiFactory(instansi=jabatan.instansi, **kwargs)
    angkat(pegawai, jabatan)
    return pegawai


def tempatkan(pegawai: Pegawai, jabatan_ppk: Jabatan, jabatan_pimpinan: Jabatan | None = None,
              mulai: datetime.date = AWAL):
    return services.kedudukan_tetapkan(pegawai=pegawai, jabatan_ppk=jabatan_ppk,
                                       jabatan_pimpinan=jabatan_pimpinan, mulai=mulai)


def bangun_pd_dua_level(instansi: Instansi | None = None, nama: str = "Dinas Kesehatan"):
    """A small Dinas: Kepala Dinas (JPT) → 2 Bidang (Administrator) → 1 Seksi each (Pengawas),
    with one JF Ahli Muda, one JF Ahli Pertama and one Pelaksana per Bidang. Returns a namespace."""
    instansi = instansi or InstansiFactory()
    pd = PerangkatDaerahFactory(instansi=instansi, nama=nama)
    root = UnitFactory(perangkat_daerah=pd, nama=nama, jenis=JenisUnit.PIMPINAN)
    kadis = JabatanFactory(unit=root, nama=f"Kepala {nama}", jenis=JenisJabatan.JPT_PRATAMA, kepala_unit=True)

    class NS:
        pass

    hasil = NS()
    hasil.instansi, hasil.pd, hasil.root, hasil.kadis = instansi, pd, root, kadis
    hasil.kepala_dinas = pejabat_baru(kadis)
    hasil.bidang, hasil.kabid, hasil.seksi, hasil.kasi = [], [], [], []
    hasil.jf_muda, hasil.jf_pertama, hasil.pelaksana = [], [], []
    for i in (1, 2):
        bidang = UnitFactory(perangkat_daerah=pd, parent=root, nama=f"Bidang {i}")
        kabid = JabatanFactory(unit=bidang, nama=f"Kepala Bidang {i}", jenis=JenisJabatan.ADMINISTRATOR,
                               kepala_unit=True)
        seksi = UnitFactory(perangkat_daerah=pd, parent=bidang, nama=f"Seksi {i}", jenis=JenisUnit.SEKSI)
        kasi = JabatanFactory(unit=seksi, nama=f"Kepala Seksi {i}", jenis=JenisJabatan.PENGAWAS, kepala_unit=True)
        hasil.bidang.append(bidang)
        hasil.kabid.append(pejabat_baru(kabid))
        hasil.seksi.append(seksi)
        hasil.kasi.append(pejabat_baru(kasi))
        jf_muda = JabatanFactory(unit=bidang, nama="Perencana Ahli Muda", jenis=JenisJabatan.FUNGSIONAL,
                                 nama_jf="Perencana", kategori_jf="keahlian", jenjang="ahli_muda")
        jf_pertama = JabatanFactory(unit=seksi, nama="Perencana Ahli Pertama", jenis=JenisJabatan.FUNGSIONAL,
                                    nama_jf="Perencana", kategori_jf="keahlian", jenjang="ahli_pertama")
        pelaksana = JabatanFactory(unit=seksi, nama="Pengadministrasi Umum", jenis=JenisJabatan.PELAKSANA)
        hasil.jf_muda.append(pejabat_baru(jf_muda))
        hasil.jf_pertama.append(pejabat_baru(jf_pertama))
        hasil.pelaksana.append(pejabat_baru(pelaksana))
    hasil.jabatan_kabid = [j for j in Jabatan.objects.filter(unit__in=hasil.bidang, kepala_unit=True).order_by("unit__nama")]
    hasil.jabatan_kasi = [j for j in Jabatan.objects.filter(unit__in=hasil.seksi, kepala_unit=True).order_by("unit__nama")]
    return hasil
