import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from inti.exceptions import KonflikError
from inti.models import JejakAudit
from kinerja import services
from kinerja.models import StrategiTarget, SumberTautan, TargetJabatan, TautanTarget
from organisasi.models import Jabatan, JenisJabatan, JenisPemangku, Preset
from organisasi.tests.factories import PegawaiFactory, UnitFactory, angkat
from penugasan.models import PermohonanPenugasan, Rute, StatusPermohonan
from penugasan.tests.helpers import ajukan

from .helpers import TAHUN, D, bagi_dua, pemda, pk_berlaku

pytestmark = pytest.mark.django_db


def test_kaskade_porsi_harus_sama_dengan_target_dengan_pesan_jelas():
    d = pemda()
    pk, s, ind = pk_berlaku(d)
    with pytest.raises(ValidationError) as e:
        bagi_dua(d, ind, "60", "30")
    pesan = e.value.message_dict["bagian"][0]
    assert "90 dokumen" in pesan and "100 dokumen" in pesan and "selisih 10" in pesan
    with pytest.raises(ValidationError) as e:
        services.kaskade_bagi(actor=d.kepala_dinas.user, indikator_id=ind.pk, bagian=[
            {"jabatan_id": d.jabatan_kabid[0].pk, "cara": "persen", "persen": "70"},
            {"jabatan_id": d.jabatan_kabid[1].pk, "cara": "persen", "persen": "20"}])
    assert "90%" in e.value.message_dict["bagian"][0]
    with pytest.raises(ValidationError) as e:
        services.kaskade_bagi(actor=d.kepala_dinas.user, indikator_id=ind.pk, bagian=[
            {"jabatan_id": d.jabatan_kabid[0].pk, "cara": "persen", "persen": "50"},
            {"jabatan_id": d.jabatan_kabid[1].pk, "cara": "nilai", "nilai": "50"}])
    assert "satu cara" in e.value.message_dict["bagian"][0]
    assert not TargetJabatan.objects.exists()

    t = bagi_dua(d, ind, "60", "40")
    assert [x.nilai for x in t] == [D(60), D(40)]
    # re-dividing replaces the division, keeping rows of the same positions
    t2 = bagi_dua(d, ind, "70", "30")
    assert [x.pk for x in t2] == [x.pk for x in t] and TargetJabatan.objects.count() == 2
    assert JejakAudit.objects.filter(aksi="kinerja.kaskade.bagi", diizinkan=True).count() == 2
    assert JejakAudit.objects.filter(aksi="kinerja.kaskade.bagi", diizinkan=False).count() == 3


def test_kaskade_menurut_aspek_dan_jabatan_tidak_sah_disebut_kolomnya():
    d = pemda()
    pk, s, ind = pk_berlaku(d)
    jf = Jabatan.objects.filter(unit=d.bidang[0], jenis=JenisJabatan.FUNGSIONAL).first()
    with pytest.raises(ValidationError) as e:
        services.kaskade_bagi(actor=d.kepala_dinas.user, indikator_id=ind.pk, bagian=[
            {"jabatan_id": jf.pk, "cara": "aspek", "aspek": "x"},
            {"jabatan_id": d.jabatan_kabid[1].pk, "cara": "aspek", "aspek": ""},
            {"jabatan_id": 999999, "cara": "aspek", "aspek": "y"}])
    assert set(e.value.message_dict) == {"bagian[0].jabatan_id", "bagian[1].aspek", "bagian[2].jabatan_id"}
    t = services.kaskade_bagi(actor=d.kepala_dinas.user, indikator_id=ind.pk, bagian=[
        {"jabatan_id": d.jabatan_kabid[0].pk, "cara": "aspek", "aspek": "Perencanaan program"},
        {"jabatan_id": d.jabatan_kabid[1].pk, "cara": "aspek", "aspek": "Evaluasi"}])
    assert [x.sebutan_porsi for x in t] == ["Perencanaan program", "Evaluasi"]


def test_kaskade_hanya_oleh_pemilik_pk_dan_tingkat_ketiga_menurut_aturan():
    d = pemda(Preset.BELU)  # Belu: third level only in Sekretariat Daerah
    pk, s, ind = pk_berlaku(d)
    with pytest.raises(PermissionDenied):
        services.kaskade_bagi(actor=d.kabid[0].user, indikator_id=ind.pk, bagian=[
            {"jabatan_id": d.jabatan_kabid[0].pk, "cara": "persen", "persen": 100}])
    t0, t1 = bagi_dua(d, ind)
    tiga = [{"jabatan_id": d.jabatan_kasi[0].pk, "cara": "nilai", "nilai": "60"}]
    with pytest.raises(PermissionDenied, match="tingkat ketiga"):
        services.kaskade_bagi(actor=d.kabid[0].user, indikator_id=ind.pk, induk_id=t0.pk, bagian=tiga)
    d.pd.jenis = "sekretariat_daerah"
    d.pd.save(update_fields=["jenis"])
    with pytest.raises(ValidationError) as e:  # Kasi 2 is not under Kabid 1
        services.kaskade_bagi(actor=d.kabid[0].user, indikator_id=ind.pk, induk_id=t0.pk,
                              bagian=[{"jabatan_id": d.jabatan_kasi[1].pk, "cara": "nilai", "nilai": "60"}])
    assert "bagian[0].jabatan_id" in e.value.message_dict
    (t00,) = services.kaskade_bagi(actor=d.kabid[0].user, indikator_id=ind.pk, induk_id=t0.pk, bagian=tiga)
    assert t00.induk == t0 and t00.jabatan == d.jabatan_kasi[0]
    with pytest.raises(KonflikError, match="tidak dapat dihapus"):  # t0 has a third level below it
        services.kaskade_bagi(actor=d.kepala_dinas.user, indikator_id=ind.pk, bagian=[
            {"jabatan_id": d.jabatan_kabid[1].pk, "cara": "nilai", "nilai": "100"}])


def test_strategi_oleh_pemilik_target_plt_bertindak():
    d = pemda(Preset.BELU)
    pk, s, ind = pk_berlaku(d)
    t0, t1 = bagi_dua(d, ind)
    with pytest.raises(PermissionDenied):
        services.strategi_tetapkan(actor=d.kabid[1].user, target_id=t0.pk, bentuk="tim")
    plt = PegawaiFactory(instansi=d.instansi)
    angkat(plt, d.jabatan_kabid[0], jenis=JenisPemangku.PLH, mulai=datetime.date(2024, 1, 1))
    with pytest.raises(PermissionDenied, match="Plh."):
        services.strategi_tetapkan(actor=d.kabid[0].user, target_id=t0.pk, bentuk="tim")
    with pytest.raises(ValidationError) as e:
        services.strategi_tetapkan(actor=plt.user, target_id=t0.pk, bentuk="individu", perlu_ketua=True,
                                   kebutuhan="lintas_unit", jumlah_dibutuhkan=0)
    assert set(e.value.message_dict) == {"perlu_ketua", "jumlah_dibutuhkan", "kompetensi_dibutuhkan"}
    st = services.strategi_tetapkan(actor=plt.user, target_id=t0.pk, bentuk="tim", perlu_ketua=True,
                                    kebutuhan="lintas_unit", jumlah_dibutuhkan=1, kompetensi_dibutuhkan="Perencana")
    assert st.penetap_sebagai == JenisPemangku.PLH and st.ditetapkan_oleh == plt


def test_strategi_inhil_oleh_penanggung_jawab_bila_ditunjuk():
    d = pemda(Preset.INDRAGIRI_HILIR)
    d.root.jabatan_pimpinan = d.kadis
    d.root.save(update_fields=["jabatan_pimpinan"])
    pk, s, ind = pk_berlaku(d)
    pj = d.jf_muda[0]
    t0, t1 = services.kaskade_bagi(actor=d.kepala_dinas.user, indikator_id=ind.pk, bagian=[
        {"jabatan_id": d.jabatan_kabid[0].pk, "cara": "persen", "persen": 50, "penanggung_jawab_id": pj.pk},
        {"jabatan_id": d.jabatan_kabid[1].pk, "cara": "persen", "persen": 50}])
    with pytest.raises(PermissionDenied, match="penanggung jawab"):
        services.strategi_tetapkan(actor=d.kabid[0].user, target_id=t0.pk, bentuk="individu")
    assert services.strategi_tetapkan(actor=pj.user, target_id=t0.pk, bentuk="individu").ditetapkan_oleh == pj
    assert services.strategi_tetapkan(actor=d.kabid[1].user, target_id=t1.pk, bentuk="individu").pk


def test_strategi_pasuruan_oleh_ppk_unit_pemilik():
    d = pemda(Preset.PASURUAN)
    d.bidang[0].jabatan_ppk = d.jabatan_kasi[0]
    d.bidang[0].save(update_fields=["jabatan_ppk"])
    pk, s, ind = pk_berlaku(d)
    t0, t1 = bagi_dua(d, ind)
    with pytest.raises(PermissionDenied):
        services.strategi_tetapkan(actor=d.kabid[0].user, target_id=t0.pk, bentuk="individu")
    assert services.strategi_tetapkan(actor=d.kasi[0].user, target_id=t0.pk, bentuk="individu").pk


def test_kebutuhan_lintas_unit_menjadi_permohonan_yang_tertaut_ke_target():
    d = pemda(Preset.BELU)
    pk, s, ind = pk_berlaku(d)
    t0, t1 = bagi_dua(d, ind)
    with pytest.raises(KonflikError, match="strategi"):
        services.strategi_buat_permohonan(actor=d.kabid[0].user, target_id=t0.pk, unit_tujuan_id=d.bidang[1].pk)
    services.strategi_tetapkan(actor=d.kabid[0].user, target_id=t0.pk, bentuk="tim", perlu_ketua=True,
                               kebutuhan="lintas_unit", jumlah_dibutuhkan=1, kompetensi_dibutuhkan="Perencanaan",
                               arahan="Fokus pada dokumen RKPD")
    permohonan = services.strategi_buat_permohonan(actor=d.kabid[0].user, target_id=t0.pk,
                                                   unit_tujuan_id=d.bidang[1].pk, nama_tim="Tim RKPD",
                                                   pegawai_diminta_ids=[d.jf_muda[1].pk])
    assert permohonan.rute == Rute.PENUNJUKAN_LINTAS_UNIT
    assert permohonan.status == StatusPermohonan.MENUNGGU_KEPUTUSAN
    assert permohonan.hasil_diharapkan == "Dokumen perencanaan tepat waktu: 60 dokumen"
    assert permohonan.kompetensi_uraian == "Perencanaan" and "RKPD" in permohonan.maksud_tujuan
    assert permohonan.selesai == datetime.date(TAHUN, 12, 31) and permohonan.nama_tim == "Tim RKPD"
    tautan = TautanTarget.objects.get(target=t0)
    assert tautan.permohonan == permohonan and tautan.sumber == SumberTautan.STRATEGI
    # no strategy need → 409
    services.strategi_tetapkan(actor=d.kabid[1].user, target_id=t1.pk, bentuk="individu")
    with pytest.raises(KonflikError, match="tidak membutuhkan"):
        services.strategi_buat_permohonan(actor=d.kabid[1].user, target_id=t1.pk, unit_tujuan_id=d.bidang[0].pk)


def test_permohonan_ditolak_penugasan_tidak_tertaut_dan_jejak_ditolak():
    d = pemda(Preset.BELU)
    pk, s, ind = pk_berlaku(d)
    t0, _t1 = bagi_dua(d, ind)
    services.strategi_tetapkan(actor=d.kabid[0].user, target_id=t0.pk, bentuk="individu",
                               kebutuhan="lintas_unit", jumlah_dibutuhkan=1, kompetensi_dibutuhkan="x")
    with pytest.raises(ValidationError):
        services.strategi_buat_permohonan(actor=d.kabid[0].user, target_id=t0.pk, unit_tujuan_id=d.bidang[0].pk)
    assert not PermohonanPenugasan.objects.exists() and not TautanTarget.objects.exists()
    assert JejakAudit.objects.filter(aksi="kinerja.strategi.permohonan", diizinkan=False).count() == 1


def test_tautkan_setelah_kejadian_dan_tolak_instansi_lain_dan_ganda():
    d = pemda(Preset.BELU)
    lain = pemda(Preset.BUNGO)
    pk, s, ind = pk_berlaku(d)
    t0, _t1 = bagi_dua(d, ind)
    p = ajukan(d.kabid[0], Rute.PENUNJUKAN_DALAM_UNIT, pegawai_diminta=[d.jf_muda[0]])
    p_lain = ajukan(lain.kabid[0], Rute.PENUNJUKAN_DALAM_UNIT, pegawai_diminta=[lain.jf_muda[0]])
    penugasan = p.penugasan.get()
    tautan = services.tautkan(actor=d.kabid[0].user, target_id=t0.pk, penugasan_id=penugasan.pk)
    assert tautan.penugasan == penugasan and tautan.sumber == SumberTautan.MANUAL
    with pytest.raises(KonflikError):
        services.tautkan(actor=d.kabid[0].user, target_id=t0.pk, penugasan_id=penugasan.pk)
    with pytest.raises(ValidationError) as e:
        services.tautkan(actor=d.kabid[0].user, target_id=t0.pk, permohonan_id=p_lain.pk)
    assert "permohonan_id" in e.value.message_dict
    with pytest.raises(ValidationError):
        services.tautkan(actor=d.kabid[0].user, target_id=t0.pk, permohonan_id=p.pk, penugasan_id=penugasan.pk)
    with pytest.raises(PermissionDenied):
        services.tautkan(actor=d.kabid[1].user, target_id=t0.pk, permohonan_id=p.pk)
    assert services.tautkan(actor=d.kepala_dinas.user, target_id=t0.pk, permohonan_id=p.pk).pk
