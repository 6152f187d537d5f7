import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from inti.exceptions import KonflikError
from inti.models import JejakAudit
from kinerja import services
from kinerja.models import IndikatorKinerja, PerjanjianKinerja, StatusPK, StrategiTarget, TargetJabatan
from organisasi.models import JenisPemangku, Preset
from organisasi.tests.factories import PegawaiFactory, angkat

from .helpers import TAHUN, D, bagi_dua, pemda, pk_berlaku, pk_draf

pytestmark = pytest.mark.django_db


def test_pk_dibuat_diisi_dan_ditetapkan_oleh_kepala_pd_dengan_jejak():
    d = pemda()
    pk, s, ind = pk_draf(d)
    assert (pk.status, pk.versi, ind.target_tahunan, ind.baseline) == (StatusPK.DRAF, 1, D(100), D(80))
    pk = services.pk_tetapkan(actor=d.kepala_dinas.user, pk_id=pk.pk)
    assert pk.status == StatusPK.DITETAPKAN and pk.ditetapkan_oleh == d.kepala_dinas
    assert pk.tanggal_berlaku is not None
    aksi = list(JejakAudit.objects.filter(objek_tipe="kinerja.PerjanjianKinerja", objek_id=str(pk.pk), diizinkan=True)
                .values_list("aksi", flat=True))
    assert {"kinerja.pk.buat", "kinerja.pk.tetapkan", "kinerja.indikator.simpan"} <= set(aksi)


def test_pk_yang_ditetapkan_tidak_dapat_disunting_langsung():
    d = pemda()
    pk, s, ind = pk_berlaku(d)
    with pytest.raises(KonflikError):
        services.indikator_simpan(actor=d.kepala_dinas.user, sasaran_id=s.pk, indikator_id=ind.pk, target_tahunan="90")
    ind.refresh_from_db()
    assert ind.target_tahunan == D(100)
    assert JejakAudit.objects.filter(aksi="kinerja.indikator.simpan", diizinkan=False).exists()


def test_pk_hanya_oleh_penetap_menurut_aturan():
    d = pemda()
    with pytest.raises(PermissionDenied, match="ditetapkan oleh"):
        services.pk_buat(actor=d.kabid[0].user, jabatan_id=d.jabatan_kabid[0].pk, tahun=TAHUN)
    with pytest.raises(PermissionDenied, match="tidak memangku"):
        services.pk_buat(actor=d.kabid[0].user, jabatan_id=d.kadis.pk, tahun=TAHUN)
    assert not PerjanjianKinerja.objects.exists()
    assert JejakAudit.objects.filter(aksi="kinerja.pk.buat", diizinkan=False).count() == 2


def test_plt_kepala_dinas_bertindak_dan_definitif_diberi_tahu():
    d = pemda()
    plt = PegawaiFactory(instansi=d.instansi)
    angkat(plt, d.kadis, jenis=JenisPemangku.PLT, mulai=datetime.date(2024, 1, 1))
    with pytest.raises(PermissionDenied, match="Plt."):
        services.pk_buat(actor=d.kepala_dinas.user, jabatan_id=d.kadis.pk, tahun=TAHUN)
    pk = services.pk_buat(actor=plt.user, jabatan_id=d.kadis.pk, tahun=TAHUN)
    s = services.sasaran_simpan(actor=plt.user, pk_id=pk.pk, uraian="Sasaran")
    services.indikator_simpan(actor=plt.user, sasaran_id=s.pk, uraian="Indikator", satuan="%", target_tahunan="90")
    pk = services.pk_tetapkan(actor=plt.user, pk_id=pk.pk)
    assert pk.penetap_sebagai == JenisPemangku.PLT and pk.nama_penetap.endswith(f"Plt. {d.kadis.nama}")
    assert JejakAudit.objects.filter(aksi="kinerja.pk.tetapkan", sebagai=JenisPemangku.PLT).exists()


def test_pk_tanpa_indikator_tidak_dapat_ditetapkan_dan_input_salah_menyebut_kolom():
    d = pemda()
    pk = services.pk_buat(actor=d.kepala_dinas.user, jabatan_id=d.kadis.pk, tahun=TAHUN)
    with pytest.raises(ValidationError) as e:
        services.pk_tetapkan(actor=d.kepala_dinas.user, pk_id=pk.pk)
    assert "sasaran" in e.value.message_dict
    s = services.sasaran_simpan(actor=d.kepala_dinas.user, pk_id=pk.pk, uraian="S")
    with pytest.raises(ValidationError) as e:
        services.indikator_simpan(actor=d.kepala_dinas.user, sasaran_id=s.pk, uraian="I", satuan="",
                                  target_tahunan="12a", polaritas="naik", target_tw1="1e20")
    assert set(e.value.message_dict) == {"satuan", "target_tahunan", "polaritas", "target_tw1"}
    with pytest.raises(ValidationError):
        services.pk_buat(actor=d.kepala_dinas.user, jabatan_id=d.kadis.pk, tahun=1800)
    with pytest.raises(KonflikError):
        services.pk_buat(actor=d.kepala_dinas.user, jabatan_id=d.kadis.pk, tahun=TAHUN)


def test_perubahan_pk_ditolak_bila_aturan_daerah_tidak_mengatur():
    d = pemda(Preset.BELU)
    pk, s, ind = pk_berlaku(d)
    with pytest.raises(PermissionDenied, match="tidak mengatur perubahan"):
        services.pk_ubah(actor=d.kepala_dinas.user, pk_id=pk.pk, alasan_perubahan="Perubahan kegiatan")
    assert PerjanjianKinerja.objects.count() == 1


def test_perubahan_pk_pasuruan_menjadi_versi_baru_menyalin_isi_kaskade_dan_strategi():
    d = pemda(Preset.PASURUAN)
    pk, s, ind = pk_berlaku(d)
    t0, t1 = bagi_dua(d, ind)
    services.strategi_tetapkan(actor=d.kabid[0].user, target_id=t0.pk, bentuk="tim", perlu_ketua=True)
    with pytest.raises(ValidationError) as e:
        services.pk_ubah(actor=d.kepala_dinas.user, pk_id=pk.pk, alasan_perubahan=" ")
    assert "alasan_perubahan" in e.value.message_dict

    baru = services.pk_ubah(actor=d.kepala_dinas.user, pk_id=pk.pk, alasan_perubahan="Perubahan kegiatan APBD-P",
                            tanggal_berlaku=datetime.date(TAHUN, 7, 1))
    assert (baru.versi, baru.status, baru.versi_sebelumnya_id) == (2, StatusPK.DRAF, pk.pk)
    ind_baru = IndikatorKinerja.objects.get(sasaran__pk_kinerja=baru)
    assert ind_baru.asal_id == ind.pk and ind_baru.target_tahunan == D(100)
    assert TargetJabatan.objects.filter(indikator=ind_baru).count() == 2
    assert StrategiTarget.objects.filter(target__indikator=ind_baru).count() == 1
    with pytest.raises(KonflikError, match="Sudah ada draf"):
        services.pk_ubah(actor=d.kepala_dinas.user, pk_id=pk.pk, alasan_perubahan="lagi")

    # the amendment is edited as a draft; the set version stays untouched and in force
    services.indikator_simpan(actor=d.kepala_dinas.user, sasaran_id=ind_baru.sasaran_id, indikator_id=ind_baru.pk,
                              target_tahunan="120")
    pk.refresh_from_db()
    ind.refresh_from_db()
    assert pk.status == StatusPK.DITETAPKAN and ind.target_tahunan == D(100)

    baru = services.pk_tetapkan(actor=d.kepala_dinas.user, pk_id=baru.pk)
    pk.refresh_from_db()
    assert (pk.status, baru.status, baru.tanggal_berlaku) == (StatusPK.DIUBAH, StatusPK.DITETAPKAN,
                                                              datetime.date(TAHUN, 7, 1))
    with pytest.raises(KonflikError):
        services.kaskade_bagi(actor=d.kepala_dinas.user, indikator_id=ind.pk,
                              bagian=[{"jabatan_id": d.jabatan_kabid[0].pk, "cara": "persen", "persen": 100}])
    assert JejakAudit.objects.filter(aksi="kinerja.pk.gantikan", objek_id=str(pk.pk)).exists()


def test_aturan_kotabaru_puskesmas_tanpa_pk():
    d = pemda(Preset.KOTABARU)
    d.pd.jenis = "puskesmas"
    d.pd.save(update_fields=["jenis"])
    with pytest.raises(PermissionDenied, match="tidak menyusun Perjanjian Kinerja"):
        services.pk_buat(actor=d.kepala_dinas.user, jabatan_id=d.kadis.pk, tahun=TAHUN)


def test_aturan_inhil_pk_oleh_pimpinan_unit_pd():
    d = pemda(Preset.INDRAGIRI_HILIR)
    d.root.jabatan_pimpinan = d.jabatan_kabid[0]
    d.root.save(update_fields=["jabatan_pimpinan"])
    with pytest.raises(PermissionDenied):
        services.pk_buat(actor=d.kepala_dinas.user, jabatan_id=d.kadis.pk, tahun=TAHUN)
    assert services.pk_buat(actor=d.kabid[0].user, jabatan_id=d.jabatan_kabid[0].pk, tahun=TAHUN).pk
