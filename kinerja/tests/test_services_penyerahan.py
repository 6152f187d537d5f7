"""Evaluation and acceptance (DOMAIN §4.3) as tables: the review chain for every unit kind of
the §4.3 table × region, then accept / return / forward / stale / Plt / vacancy walked
through the services."""
import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from inti.exceptions import KonflikError
from inti.models import JejakAudit
from kinerja import services
from kinerja.models import (
    BarisMatriksPeran,
    LangkahPenyerahan,
    StatusPenyerahan,
    TargetJabatan,
)
from kinerja.penerima import rantai_evaluasi
from notifikasi.models import Notifikasi
from organisasi.models import JenisPemangku, PemangkuJabatan, Preset
from organisasi.models import JenisPerangkatDaerah as PD
from organisasi.tests.factories import PegawaiFactory, angkat, bangun_pd_dua_level
from penugasan.models import AnggotaTim, Penugasan, PeranTim, Sifat, StatusPenugasan, StatusTim

from .helpers import D, bagi_dua, pemda, pk_berlaku, putuskan_sampai_selesai, tim_dari_strategi

pytestmark = pytest.mark.django_db


def _rantai_nama(d, target, tim=None):
    return [x["nama"] for x in rantai_evaluasi(target=target, tim=tim)]


# (preset, PD kind, level of the owning position: 2 = Kabid share, 3 = Kasi share under Kabid) → chain
# bangun_pd_dua_level names: head "Kepala Dinas Kesehatan", L2 "Kepala Bidang 1", L3 "Kepala Seksi 1"
KADIS, KABID, KASI = "Kepala Dinas Kesehatan", "Kepala Bidang 1", "Kepala Seksi 1"
RANTAI = [
    # Belu (000 Lamp II.C): JPT-led Administrator → JPT; Setda Asisten → Sekda, Kabag → Asisten → Sekda
    (Preset.BELU, PD.DINAS, 2, [KABID, KADIS]),
    (Preset.BELU, PD.BADAN, 2, [KABID, KADIS]),
    (Preset.BELU, PD.SEKRETARIAT_DAERAH, 2, [KABID, KADIS]),
    (Preset.BELU, PD.SEKRETARIAT_DAERAH, 3, [KASI, KABID, KADIS]),
    # Bungo (001): Setda Kabag → Asisten → Sekda; Setwan Kabag → Sekwan; Inspektorat; Dinas/Badan
    (Preset.BUNGO, PD.SEKRETARIAT_DAERAH, 3, [KASI, KABID, KADIS]),
    (Preset.BUNGO, PD.SEKRETARIAT_DPRD, 2, [KABID, KADIS]),
    (Preset.BUNGO, PD.INSPEKTORAT, 2, [KABID, KADIS]),
    (Preset.BUNGO, PD.DINAS, 2, [KABID, KADIS]),
    (Preset.BUNGO, PD.BADAN, 2, [KABID, KADIS]),
    # Inhil (002 Lamp A.3): atasan langsung (+ penanggung jawab) → PU, every kind
    (Preset.INDRAGIRI_HILIR, PD.DINAS, 2, [KABID, KADIS]),
    (Preset.INDRAGIRI_HILIR, PD.SEKRETARIAT_DAERAH, 2, [KABID, KADIS]),
    # Kotabaru (003 Lamp II): Setda 3 levels; Setwan, Inspektorat, Dinas, Badan Administrator → JPT;
    # RSUD PJS Kabid → Wadir → Direktur; BPBD; Kecamatan Sekcam → Camat; Kelurahan → Lurah
    (Preset.KOTABARU, PD.SEKRETARIAT_DAERAH, 3, [KASI, KABID, KADIS]),
    (Preset.KOTABARU, PD.SEKRETARIAT_DPRD, 2, [KABID, KADIS]),
    (Preset.KOTABARU, PD.INSPEKTORAT, 2, [KABID, KADIS]),
    (Preset.KOTABARU, PD.DINAS, 2, [KABID, KADIS]),
    (Preset.KOTABARU, PD.BADAN, 2, [KABID, KADIS]),
    (Preset.KOTABARU, PD.RSUD, 3, [KASI, KABID, KADIS]),
    (Preset.KOTABARU, PD.RSUD, 2, [KABID, KADIS]),
    (Preset.KOTABARU, PD.KECAMATAN, 2, [KABID, KADIS]),
    (Preset.KOTABARU, PD.KELURAHAN, 2, [KABID, KADIS]),
    # Pasuruan (004 l.250, 296): PPK → Kepala Unit
    (Preset.PASURUAN, PD.DINAS, 2, [KABID, KADIS]),
    (Preset.PASURUAN, PD.SEKRETARIAT_DAERAH, 2, [KABID, KADIS]),
]


@pytest.mark.parametrize("preset,jenis,level,harapan", RANTAI)
def test_rantai_per_daerah_dan_jenis_pd(preset, jenis, level, harapan):
    d = pemda(preset)
    d.pd.jenis = jenis
    d.pd.save(update_fields=["jenis"])
    pk, s, ind = pk_berlaku(d)
    t0, t1 = bagi_dua(d, ind)
    target = t0
    if level == 3:
        (target,) = services.kaskade_bagi(actor=d.kabid[0].user, indikator_id=ind.pk, induk_id=t0.pk, bagian=[
            {"jabatan_id": d.jabatan_kasi[0].pk, "cara": "nilai", "nilai": "60"}])
    assert _rantai_nama(d, target) == harapan


def test_rantai_peran_tercatat_per_aturan():
    d = pemda(Preset.PASURUAN)
    pk, s, ind = pk_berlaku(d)
    t0, _ = bagi_dua(d, ind)
    assert [x["peran"] for x in rantai_evaluasi(target=t0)] == ["ppk_pemilik", "kepala_pd"]
    d = pemda(Preset.BELU, kode="belu-2")
    pk, s, ind = pk_berlaku(d)
    t0, _ = bagi_dua(d, ind)
    assert [x["peran"] for x in rantai_evaluasi(target=t0)] == ["pemilik_target", "kepala_pd"]


def test_rantai_inhil_dengan_penanggung_jawab():
    d = pemda(Preset.INDRAGIRI_HILIR)
    pk, s, ind = pk_berlaku(d)
    t0, _ = bagi_dua(d, ind)
    TargetJabatan.objects.filter(pk=t0.pk).update(penanggung_jawab=d.kasi[0])
    t0.refresh_from_db()
    rantai = rantai_evaluasi(target=t0)
    assert [x["nama"] for x in rantai] == [KABID, d.kasi[0].nama_lengkap, KADIS]
    assert rantai[1]["pegawai_id"] == d.kasi[0].pk and rantai[1]["jabatan_id"] is None


@pytest.mark.parametrize("jenis,harapan", [
    (PD.UPTD, ["Kepala UPTD", KADIS]), (PD.SKB, ["Kepala UPTD", KADIS]),
    (PD.PUSKESMAS, ["Kepala UPTD", KADIS]), (PD.SATUAN_PENDIDIKAN, ["Kepala UPTD"]),
])
def test_rantai_kotabaru_uptd_ke_kepala_pd_induk(jenis, harapan):
    # 003 Lamp II.7–8: Kepala UPTD/Puskesmas/SKB → JPT Pratama of the parent (inference); II.G Satuan Pendidikan
    d = pemda(Preset.KOTABARU)
    u = bangun_pd_dua_level(d.instansi, nama="UPTD")
    u.pd.jenis, u.pd.induk = jenis, d.pd
    u.pd.save(update_fields=["jenis", "induk"])
    target = TargetJabatan(jabatan=u.kadis, cara="aspek", aspek="Layanan")  # the UPTD head's own share
    assert _rantai_nama(u, target) == harapan


# --------------------------------------------------------------------------- walking the chain


def _siap(preset=Preset.BELU, kode=None):
    """A set PK, Kabid 1's share, a team serving it (ketua JF Bidang 1, anggota from Seksi 2)."""
    d = pemda(preset, kode)
    pk, s, ind = pk_berlaku(d)
    t0, t1 = bagi_dua(d, ind)
    p, tim = tim_dari_strategi(d, t0)
    d.tim, d.target, d.ind = tim, t0, ind
    d.ketua = AnggotaTim.objects.get(tim=tim, peran=PeranTim.KETUA).pegawai
    return d


def _serahkan(d, **kw):
    return services.hasil_serahkan(actor=d.ketua.user, target_id=d.target.pk, tim_id=d.tim.pk,
                                   uraian_hasil="Dokumen RKPD selesai", realisasi=kw.pop("realisasi", "55"), **kw)


@pytest.mark.parametrize("preset", [Preset.BELU, Preset.BUNGO, Preset.INDRAGIRI_HILIR, Preset.KOTABARU,
                                    Preset.PASURUAN])
def test_teruskan_lalu_terima_menulis_realisasi(preset):
    d = _siap(preset)
    p = _serahkan(d)
    assert p.status == StatusPenyerahan.DITINJAU and p.langkah_ke == 0
    assert [x["nama"] for x in p.langkah_rantai] == [KABID, KADIS]
    assert Notifikasi.objects.filter(penerima=d.kabid[0].user, jenis="penyerahan_hasil").exists()
    # only the current step's official decides; the top cannot accept before the step reaches it
    with pytest.raises(PermissionDenied):
        services.hasil_teruskan(actor=d.kepala_dinas.user, penyerahan_id=p.pk, langkah=0)
    with pytest.raises(KonflikError):
        services.hasil_terima(actor=d.kabid[0].user, penyerahan_id=p.pk, langkah=0)
    p = services.hasil_teruskan(actor=d.kabid[0].user, penyerahan_id=p.pk, langkah=0, catatan="Sesuai target")
    assert p.langkah_ke == 1 and p.jabatan_penentu_id == d.kadis.pk
    with pytest.raises(KonflikError):  # the last step has nowhere to forward
        services.hasil_teruskan(actor=d.kepala_dinas.user, penyerahan_id=p.pk, langkah=1)
    p = services.hasil_terima(actor=d.kepala_dinas.user, penyerahan_id=p.pk, langkah=1)
    assert p.status == StatusPenyerahan.DITERIMA and p.diterima_pada
    d.target.refresh_from_db()
    d.ind.refresh_from_db()
    assert d.target.realisasi == D(55) and d.ind.realisasi == D(55) and d.ind.realisasi_pada
    assert list(LangkahPenyerahan.objects.filter(penyerahan=p).values_list("aksi", flat=True)) == [
        "serahkan", "teruskan", "terima"]
    assert JejakAudit.objects.filter(aksi="kinerja.hasil.terima", diizinkan=True).count() == 1
    assert JejakAudit.objects.filter(aksi="kinerja.hasil.terima", diizinkan=False).count() == 1
    # the insidental team is dissolved and its members' assignments finish (penugasan's ending services)
    d.tim.refresh_from_db()
    assert d.tim.status == StatusTim.DIBUBARKAN and d.tim.tanggal_berakhir
    assert not Penugasan.objects.filter(tim=d.tim, status=StatusPenugasan.AKTIF).exists()
    assert Penugasan.objects.filter(tim=d.tim, status=StatusPenugasan.SELESAI).count() == 2


@pytest.mark.parametrize("preset,boleh_kembali", [
    (Preset.BELU, True), (Preset.BUNGO, True), (Preset.INDRAGIRI_HILIR, True), (Preset.KOTABARU, True),
    (Preset.PASURUAN, False),
])
def test_kembalikan_atau_diperbaiki_penerima_menurut_aturan(preset, boleh_kembali):
    d = _siap(preset)
    p = _serahkan(d)
    if boleh_kembali:
        with pytest.raises(ValidationError) as e:
            services.hasil_kembalikan(actor=d.kabid[0].user, penyerahan_id=p.pk, langkah=0, alasan="")
        assert "alasan" in e.value.message_dict
        p = services.hasil_kembalikan(actor=d.kabid[0].user, penyerahan_id=p.pk, langkah=0,
                                      alasan="Data capaian belum lengkap")
        assert p.status == StatusPenyerahan.DIKEMBALIKAN
        assert Notifikasi.objects.filter(penerima=d.ketua.user, judul__icontains="dikembalikan").exists()
        with pytest.raises(KonflikError):  # a returned result is not decided again until handed in
            services.hasil_teruskan(actor=d.kabid[0].user, penyerahan_id=p.pk, langkah=0)
        p = services.hasil_serahkan_ulang(actor=d.ketua.user, penyerahan_id=p.pk, uraian_hasil="Dilengkapi",
                                          realisasi="60")
        assert (p.status, p.langkah_ke, p.putaran) == (StatusPenyerahan.DITINJAU, 0, 2)
        p = services.hasil_teruskan(actor=d.kabid[0].user, penyerahan_id=p.pk, langkah=0)
        p = services.hasil_terima(actor=d.kepala_dinas.user, penyerahan_id=p.pk, langkah=1)
        assert p.realisasi == D(60)
    else:
        with pytest.raises(PermissionDenied, match="diperbaiki oleh pejabat penerima"):
            services.hasil_kembalikan(actor=d.kabid[0].user, penyerahan_id=p.pk, langkah=0, alasan="x")
        p = services.hasil_teruskan(actor=d.kabid[0].user, penyerahan_id=p.pk, langkah=0)
        p = services.hasil_perbaiki(actor=d.kepala_dinas.user, penyerahan_id=p.pk, langkah=1,
                                    alasan="Angka dikoreksi", realisasi="58")
        p = services.hasil_terima(actor=d.kepala_dinas.user, penyerahan_id=p.pk, langkah=1)
        assert p.realisasi == D(58)
        assert "perbaiki" in list(LangkahPenyerahan.objects.filter(penyerahan=p).values_list("aksi", flat=True))


def test_langkah_basi_409_dan_plt_memutuskan():
    d = _siap()
    p = _serahkan(d)
    p = services.hasil_teruskan(actor=d.kabid[0].user, penyerahan_id=p.pk, langkah=0)
    with pytest.raises(KonflikError, match="sudah diputuskan"):  # the page still showed step 0
        services.hasil_teruskan(actor=d.kabid[0].user, penyerahan_id=p.pk, langkah=0)
    # a Plt. is appointed for the Kepala Dinas: the Plt. decides, the definitive holder may not
    plt = PegawaiFactory(instansi=d.instansi, nama="Plt Kadis")
    angkat(plt, d.kadis, jenis=JenisPemangku.PLT, mulai=datetime.date(2026, 1, 1))
    with pytest.raises(PermissionDenied, match="Plt"):
        services.hasil_terima(actor=d.kepala_dinas.user, penyerahan_id=p.pk, langkah=1)
    p = services.hasil_terima(actor=plt.user, penyerahan_id=p.pk, langkah=1)
    langkah = LangkahPenyerahan.objects.get(penyerahan=p, aksi="terima")
    assert langkah.sebagai == JenisPemangku.PLT and langkah.nama_pegawai == plt.nama_lengkap


def test_jabatan_kosong_naik_ke_atasan():
    d = _siap()
    p = _serahkan(d)
    # the Kepala Bidang leaves; no Plt./Plh.: the step escalates to the Kepala Dinas
    PemangkuJabatan.objects.filter(jabatan=d.jabatan_kabid[0]).update(selesai=datetime.date(2026, 1, 2))
    with pytest.raises(PermissionDenied):
        services.hasil_teruskan(actor=d.kabid[0].user, penyerahan_id=p.pk, langkah=0)
    p = services.hasil_teruskan(actor=d.kepala_dinas.user, penyerahan_id=p.pk, langkah=0)
    assert p.langkah_ke == 1
    p = services.hasil_terima(actor=d.kepala_dinas.user, penyerahan_id=p.pk, langkah=1)
    assert p.status == StatusPenyerahan.DITERIMA


def test_masukan_tidak_sah_400_menyebut_kolom_dan_hanya_ketua():
    d = _siap()
    anggota = AnggotaTim.objects.get(tim=d.tim, peran=PeranTim.ANGGOTA).pegawai
    with pytest.raises(PermissionDenied):
        services.hasil_serahkan(actor=anggota.user, target_id=d.target.pk, tim_id=d.tim.pk, uraian_hasil="x")
    with pytest.raises(ValidationError) as e:
        services.hasil_serahkan(actor=d.ketua.user, target_id=d.target.pk, tim_id=d.tim.pk, uraian_hasil="",
                                realisasi="abc")
    assert "uraian_hasil" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        _serahkan(d, realisasi="abc")
    assert "realisasi" in e.value.message_dict
    t1 = TargetJabatan.objects.exclude(pk=d.target.pk).get(indikator=d.ind)
    with pytest.raises(ValidationError) as e:
        services.hasil_serahkan(actor=d.ketua.user, target_id=t1.pk, tim_id=d.tim.pk, uraian_hasil="x")
    assert "target_id" in e.value.message_dict
    _serahkan(d)
    with pytest.raises(KonflikError):
        _serahkan(d)


def test_realisasi_ke_baris_matriks_anggota():
    d = _siap()
    anggota = list(AnggotaTim.objects.filter(tim=d.tim).order_by("peran"))
    services.matriks_isi(actor=d.ketua.user, tim_id=d.tim.pk, baris=[
        {"anggota_id": a.pk, "peran": "Penyusun", "hasil": "Bab", "indikator": "Bab selesai", "target_nilai": "2",
         "satuan": "bab"} for a in anggota])
    baris = list(BarisMatriksPeran.objects.filter(tim=d.tim).order_by("pk"))
    with pytest.raises(ValidationError) as e:
        _serahkan(d, realisasi_anggota={"999999": "1"})
    assert "realisasi_anggota[999999]" in e.value.message_dict
    p = _serahkan(d, realisasi_anggota={str(baris[0].pk): "2", str(baris[1].pk): "1.5"})
    p = services.hasil_teruskan(actor=d.kabid[0].user, penyerahan_id=p.pk, langkah=0)
    services.hasil_terima(actor=d.kepala_dinas.user, penyerahan_id=p.pk, langkah=1)
    assert [b.realisasi for b in BarisMatriksPeran.objects.filter(tim=d.tim).order_by("pk")] == [D(2), D("1.5")]


@pytest.mark.skipif(connection.vendor == "sqlite", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_dua_keputusan_serentak_satu_berhasil_satu_409():
    d = _siap(Preset.BELU, kode="serentak")
    p = _serahkan(d)
    hasil = []

    def putuskan(user):
        try:
            services.hasil_teruskan(actor=user, penyerahan_id=p.pk, langkah=0)
            hasil.append("ok")
        except (KonflikError, PermissionDenied) as exc:
            hasil.append(type(exc).__name__)
        finally:
            connection.close()

    t = [threading.Thread(target=putuskan, args=(d.kabid[0].user,)) for _ in range(2)]
    [x.start() for x in t]
    [x.join() for x in t]
    assert sorted(hasil) == ["KonflikError", "ok"]


def test_tim_rutin_tetap_bekerja_dan_penugasan_individu_selesai():
    d = _siap(Preset.BELU, kode="rutin")
    d.tim.sifat = Sifat.RUTIN
    d.tim.save(update_fields=["sifat"])
    p = _serahkan(d)
    p = services.hasil_teruskan(actor=d.kabid[0].user, penyerahan_id=p.pk, langkah=0)
    services.hasil_terima(actor=d.kepala_dinas.user, penyerahan_id=p.pk, langkah=1)
    d.tim.refresh_from_db()
    assert d.tim.status == StatusTim.AKTIF
    # an individual assignment on the other share finishes on acceptance
    t1 = TargetJabatan.objects.exclude(pk=d.target.pk).get(indikator=d.ind)
    services.strategi_tetapkan(actor=d.kabid[1].user, target_id=t1.pk, bentuk="individu", kebutuhan="lintas_unit",
                               jumlah_dibutuhkan=1, kompetensi_dibutuhkan="Perencanaan")
    pm = services.strategi_buat_permohonan(actor=d.kabid[1].user, target_id=t1.pk, unit_tujuan_id=d.seksi[0].pk,
                                           pegawai_diminta_ids=[d.jf_pertama[0].pk])
    pm = putuskan_sampai_selesai(pm)
    tugas = Penugasan.objects.get(permohonan=pm)
    p = services.hasil_serahkan(actor=d.jf_pertama[0].user, target_id=t1.pk, penugasan_id=tugas.pk,
                                uraian_hasil="Selesai", realisasi="45")
    assert [x["nama"] for x in p.langkah_rantai] == ["Kepala Bidang 2", KADIS]
    p = services.hasil_teruskan(actor=d.kabid[1].user, penyerahan_id=p.pk, langkah=0)
    services.hasil_terima(actor=d.kepala_dinas.user, penyerahan_id=p.pk, langkah=1)
    tugas.refresh_from_db()
    d.ind.refresh_from_db()
    assert tugas.status == StatusPenugasan.SELESAI and d.ind.realisasi == D(100)
