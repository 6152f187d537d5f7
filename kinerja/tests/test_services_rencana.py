import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from inti.exceptions import KonflikError
from inti.models import JejakAudit
from kinerja import services
from kinerja.models import StatusBarisMatriks, StatusRencana
from organisasi.models import JenisPemangku, Preset
from organisasi.tests.factories import PegawaiFactory, angkat
from penugasan.models import AnggotaTim, PeranTim

from .helpers import TAHUN, bagi_dua, pemda, pk_berlaku, tim_dari_strategi

pytestmark = pytest.mark.django_db


@pytest.fixture
def siap():
    d = pemda(Preset.BELU)
    pk, s, ind = pk_berlaku(d)
    t0, t1 = bagi_dua(d, ind)
    p, tim = tim_dari_strategi(d, t0)
    return d, t0, tim


KEGIATAN = [{"kegiatan": "Rapat koordinasi", "kode_subkegiatan": "5.01.01.2.01.01",
             "nama_subkegiatan": "Penyusunan Dokumen Perencanaan", "pagu": "15000000", "bulan": [2, 3]}]


def test_rencana_anggaran_disusun_jf_disetujui_plt_kabid(siap):
    d, t0, tim = siap
    with pytest.raises(PermissionDenied):  # staff of the other Bidang
        services.rencana_anggaran_simpan(actor=d.jf_muda[1].user, target_id=t0.pk, judul="RKA", kegiatan=KEGIATAN)
    with pytest.raises(ValidationError) as e:
        services.rencana_anggaran_simpan(actor=d.jf_muda[0].user, target_id=t0.pk, judul="RKA", kegiatan=[
            {"kegiatan": "", "pagu": "-5", "bulan": [13, 2]}])
    assert set(e.value.message_dict) == {"kegiatan[0].kegiatan", "kegiatan[0].pagu", "kegiatan[0].bulan"}
    rka = services.rencana_anggaran_simpan(actor=d.jf_muda[0].user, target_id=t0.pk, judul="RKA RKPD",
                                           kegiatan=KEGIATAN)
    with pytest.raises(KonflikError):
        services.rencana_anggaran_setujui(actor=d.kabid[0].user, rencana_id=rka.pk)
    services.rencana_anggaran_ajukan(actor=d.jf_muda[0].user, rencana_id=rka.pk)
    with pytest.raises(PermissionDenied):
        services.rencana_anggaran_setujui(actor=d.jf_muda[0].user, rencana_id=rka.pk)
    with pytest.raises(ValidationError):
        services.rencana_anggaran_kembalikan(actor=d.kabid[0].user, rencana_id=rka.pk, catatan="")
    rka = services.rencana_anggaran_kembalikan(actor=d.kabid[0].user, rencana_id=rka.pk, catatan="Pagu terlalu besar")
    assert rka.status == StatusRencana.DIKEMBALIKAN
    services.rencana_anggaran_simpan(actor=d.jf_muda[0].user, target_id=t0.pk, rencana_id=rka.pk, judul="RKA RKPD",
                                     kegiatan=[{**KEGIATAN[0], "pagu": "10000000"}])
    services.rencana_anggaran_ajukan(actor=d.jf_muda[0].user, rencana_id=rka.pk)
    plt = PegawaiFactory(instansi=d.instansi)
    angkat(plt, d.jabatan_kabid[0], jenis=JenisPemangku.PLT, mulai=datetime.date(2024, 1, 1))
    rka = services.rencana_anggaran_setujui(actor=plt.user, rencana_id=rka.pk)
    assert (rka.status, rka.disetujui_oleh, rka.penyetuju_sebagai) == (StatusRencana.DISETUJUI, plt, JenisPemangku.PLT)
    assert rka.kegiatan.get().pagu == 10_000_000
    with pytest.raises(KonflikError):
        services.rencana_anggaran_simpan(actor=d.jf_muda[0].user, target_id=t0.pk, rencana_id=rka.pk, judul="x",
                                         kegiatan=KEGIATAN)


def test_rencana_aksi_ketua_dan_rencana_kerja_anggota(siap):
    d, t0, tim = siap
    anggota = d.jf_pertama[1]
    tonggak = [{"uraian": "Draf RKPD", "tenggat": tim.mulai.isoformat(), "pemilik_ids": [anggota.pk], "bobot": 40},
               {"uraian": "RKPD final", "tenggat": tim.selesai.isoformat(), "pemilik_ids": [d.jf_muda[0].pk],
                "bobot": 60}]
    with pytest.raises(PermissionDenied, match="ketua"):
        services.rencana_aksi_simpan(actor=anggota.user, tim_id=tim.pk, judul="Rencana", tonggak=tonggak)
    with pytest.raises(ValidationError) as e:
        services.rencana_aksi_simpan(actor=d.jf_muda[0].user, tim_id=tim.pk, judul="Rencana", tonggak=[
            {"uraian": "x", "tenggat": "2099-01-01", "pemilik_ids": [d.kabid[1].pk]}])
    assert set(e.value.message_dict) == {"tonggak[0].tenggat", "tonggak[0].pemilik_ids"}
    rencana = services.rencana_aksi_simpan(actor=d.jf_muda[0].user, tim_id=tim.pk, judul="Rencana", tonggak=tonggak,
                                           target_id=t0.pk)
    assert [t.uraian for t in rencana.tonggak.all()] == ["Draf RKPD", "RKPD final"]
    assert list(rencana.tonggak.first().pemilik.all()) == [anggota]

    with pytest.raises(PermissionDenied):
        services.rencana_kerja_simpan(actor=d.jf_muda[1].user, tahun=TAHUN, tim_id=tim.pk,
                                      butir=[{"kegiatan": "x"}])
    rki = services.rencana_kerja_simpan(actor=anggota.user, tahun=TAHUN, tim_id=tim.pk, target_id=t0.pk,
                                        butir=[{"kegiatan": "Analisis data", "hasil": "Laporan", "target": "2",
                                                "satuan": "laporan", "tenggat": tim.selesai.isoformat()}])
    assert rki.butir.get().target == 2


def test_matriks_hanya_ketua_dan_baris_berubah_kembali_diusulkan(siap):
    d, t0, tim = siap
    anggota = AnggotaTim.objects.get(tim=tim, peran=PeranTim.ANGGOTA)
    baris = {"anggota_id": anggota.pk, "peran": "Analis", "hasil": "Laporan analisis", "indikator": "Laporan selesai",
             "target_nilai": "1", "satuan": "laporan", "target_id": t0.pk}
    with pytest.raises(PermissionDenied):
        services.matriks_isi(actor=anggota.pegawai.user, tim_id=tim.pk, baris=[baris])
    with pytest.raises(ValidationError) as e:
        services.matriks_isi(actor=d.jf_muda[0].user, tim_id=tim.pk, baris=[
            {**baris, "peran": "", "target_id": 999999}, {**baris, "anggota_id": 999999}])
    assert set(e.value.message_dict) == {"baris[0].peran", "baris[0].target_id", "baris[1].anggota_id"}
    (row,) = services.matriks_isi(actor=d.jf_muda[0].user, tim_id=tim.pk, baris=[baris])
    with pytest.raises(PermissionDenied):
        services.matriks_terima(actor=d.jf_muda[0].user, baris_id=row.pk)
    with pytest.raises(ValidationError):
        services.matriks_minta_perbaikan(actor=anggota.pegawai.user, baris_id=row.pk, komentar="")
    row = services.matriks_minta_perbaikan(actor=anggota.pegawai.user, baris_id=row.pk, komentar="Target terlalu tinggi")
    assert row.status == StatusBarisMatriks.MINTA_PERBAIKAN
    with pytest.raises(KonflikError):
        services.matriks_terima(actor=anggota.pegawai.user, baris_id=row.pk)
    (row,) = services.matriks_isi(actor=d.jf_muda[0].user, tim_id=tim.pk, baris=[{**baris, "target_nilai": "3"}])
    assert row.status == StatusBarisMatriks.DIUSULKAN and row.komentar_anggota == ""
    assert services.matriks_terima(actor=anggota.pegawai.user, baris_id=row.pk).status == StatusBarisMatriks.DITERIMA
    anggota.refresh_from_db()
    assert anggota.target == "3 laporan"
    assert JejakAudit.objects.filter(aksi="kinerja.matriks.isi", diizinkan=False).count() == 2
