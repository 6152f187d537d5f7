"""Rules around the routes: content, acting officials, teams, workload, audit, access grants."""
from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from inti.exceptions import KonflikError
from inti.models import JejakAudit
from organisasi.models import JenisPemangku, PemangkuJabatan
from organisasi.tests.factories import PegawaiFactory, angkat
from penugasan import selectors, services
from penugasan.models import (
    AnggotaTim,
    LangkahPermohonan,
    Penugasan,
    PermohonanPenugasan,
    StatusPermohonan,
    TimKerja,
)

from .helpers import MULAI, SELESAI, ajukan, bangun_pemda, isi

pytestmark = pytest.mark.django_db
KEMARIN = datetime.date.today() - datetime.timedelta(days=1)


@pytest.fixture
def d():
    return bangun_pemda("belu")


# --------------------------------------------------------------------------- content


@pytest.mark.parametrize("ubah,field", [
    ({"judul": ""}, "judul"),
    ({"maksud_tujuan": " "}, "maksud_tujuan"),
    ({"hasil_diharapkan": ""}, "hasil_diharapkan"),
    ({"kompetensi_uraian": ""}, "kompetensi"),
    ({"selesai": MULAI - datetime.timedelta(days=1)}, "selesai"),
    ({"sifat": "kadang"}, "sifat"),
    ({"unit_tujuan": None}, "unit_tujuan"),
    ({"pegawai_diminta": [], "kriteria": ""}, "kriteria"),
])
def test_isi_wajib_permohonan_pelibatan(d, ubah, field):
    masukan = {"unit_tujuan": d.seksi[1], "pegawai_diminta": [d.jf_pertama[1]], **ubah}
    with pytest.raises(ValidationError) as exc:
        ajukan(d.kabid[0], "penunjukan_lintas_unit", **masukan)
    assert field in exc.value.error_dict
    assert not PermohonanPenugasan.objects.exists()


def test_pegawai_diminta_harus_jf_atau_pelaksana_di_unit_tujuan(d):
    with pytest.raises(ValidationError) as exc:
        ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[0]])
    assert "di luar lingkup" in str(exc.value.error_dict["pegawai_diminta"])  # names the route needed
    with pytest.raises(ValidationError) as exc:
        ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.kasi[0]])
    assert "bukan Pejabat Fungsional" in str(exc.value.error_dict["pegawai_diminta"])


def test_kompetensi_m2m_dan_draf_lalu_ajukan(d):
    from organisasi.models import Kompetensi

    k = Kompetensi.objects.create(nama="Perencanaan")
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], kriteria="Perencana",
               kompetensi_uraian="", kompetensi=[k], ajukan=False)
    assert p.status == StatusPermohonan.DRAF and list(p.kompetensi.all()) == [k]
    assert not selectors.menunggu_keputusan(d.kasi[1].user).exists()
    with pytest.raises(PermissionDenied):
        services.permohonan_ajukan(actor=d.kasi[1].user, permohonan_id=p.pk)
    p = services.permohonan_ajukan(actor=d.kabid[0].user, permohonan_id=p.pk)
    assert p.status == StatusPermohonan.MENUNGGU_KEPUTUSAN
    assert list(selectors.menunggu_keputusan(d.kasi[1].user)) == [p]
    with pytest.raises(KonflikError):
        services.permohonan_ajukan(actor=d.kabid[0].user, permohonan_id=p.pk)
    # no staff named: the PPK picks them when approving, and they must match the unit
    with pytest.raises(ValidationError):
        services.permohonan_setujui(actor=d.kasi[1].user, permohonan_id=p.pk)
    p = services.permohonan_setujui(actor=d.kasi[1].user, permohonan_id=p.pk,
                                    pegawai_ids=[d.jf_pertama[1].pk, d.pelaksana[1].pk],
                                    konfirmasi_melebihi=True)  # 2 chosen, 1 requested (default)
    assert set(Penugasan.objects.filter(permohonan=p).values_list("pegawai", flat=True)) == {
        d.jf_pertama[1].pk, d.pelaksana[1].pk}


# --------------------------------------------------------------------------- Plt / Plh


def test_plt_memutuskan_dan_definitif_yang_berhalangan_tidak(d):
    plt = d.kasi[0]  # Kepala Seksi 1 acts as Plt. Kepala Seksi 2
    angkat(plt, d.jabatan_kasi[1], jenis=JenisPemangku.PLT, mulai=KEMARIN, selesai=SELESAI)
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    assert list(selectors.menunggu_keputusan(plt.user)) == [p]
    assert not selectors.menunggu_keputusan(d.kasi[1].user).exists()
    with pytest.raises(PermissionDenied) as exc:
        services.permohonan_setujui(actor=d.kasi[1].user, permohonan_id=p.pk)
    assert "Plt." in str(exc.value)
    p = services.permohonan_setujui(actor=plt.user, permohonan_id=p.pk)
    langkah = LangkahPermohonan.objects.get(permohonan=p, keputusan="setujui")
    assert langkah.sebagai == JenisPemangku.PLT
    assert langkah.nama_pegawai == plt.nama_lengkap
    assert langkah.nama_jabatan == "Plt. Kepala Seksi 2"
    assert langkah.nama_pejabat_definitif == d.kasi[1].nama_lengkap
    audit = JejakAudit.objects.get(objek_id=str(p.pk), aksi="permohonan.setujui", diizinkan=True)
    assert audit.atas_nama == "Plt. Kepala Seksi 2" and audit.sebagai == "plt"
    refused = JejakAudit.objects.get(objek_id=str(p.pk), aksi="permohonan.setujui", diizinkan=False)
    assert refused.actor == d.kasi[1].user


def test_plh_mendahului_plt(d):
    plt, plh = d.kasi[0], d.kabid[1]
    angkat(plt, d.jabatan_kasi[1], jenis=JenisPemangku.PLT, mulai=KEMARIN, selesai=SELESAI)
    angkat(plh, d.jabatan_kasi[1], jenis=JenisPemangku.PLH, mulai=KEMARIN, selesai=SELESAI)
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    assert not selectors.menunggu_keputusan(plt.user).exists()
    assert list(selectors.menunggu_keputusan(plh.user)) == [p]
    with pytest.raises(PermissionDenied):
        services.permohonan_setujui(actor=plt.user, permohonan_id=p.pk)
    p = services.permohonan_setujui(actor=plh.user, permohonan_id=p.pk)
    assert LangkahPermohonan.objects.get(permohonan=p, keputusan="setujui").sebagai == JenisPemangku.PLH


def test_plt_yang_sudah_berakhir_tidak_berwenang(d):
    angkat(d.kasi[0], d.jabatan_kasi[1], jenis=JenisPemangku.PLT, mulai=KEMARIN - datetime.timedelta(days=30),
           selesai=KEMARIN)
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    with pytest.raises(PermissionDenied):
        services.permohonan_setujui(actor=d.kasi[0].user, permohonan_id=p.pk)
    p = services.permohonan_setujui(actor=d.kasi[1].user, permohonan_id=p.pk)
    assert p.status == StatusPermohonan.DISETUJUI


def test_jabatan_kosong_naik_ke_atasan(d):
    PemangkuJabatan.objects.filter(jabatan=d.jabatan_kasi[1]).update(selesai=KEMARIN)
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    assert p.jabatan_penentu == d.jabatan_kabid[1]
    with pytest.raises(PermissionDenied):
        services.permohonan_setujui(actor=d.kasi[1].user, permohonan_id=p.pk)
    assert services.permohonan_setujui(actor=d.kabid[1].user, permohonan_id=p.pk).status == "disetujui"


def test_pimpinan_unit_plt_dapat_mengajukan_dan_namanya_tercatat(d):
    plt = PegawaiFactory(instansi=d.instansi, nama="Plt Kabid")
    angkat(plt, d.jabatan_kabid[0], jenis=JenisPemangku.PLT, mulai=KEMARIN, selesai=SELESAI)
    with pytest.raises(PermissionDenied):
        ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.jf_muda[0]])
    p = ajukan(plt, "penunjukan_dalam_unit", pegawai_diminta=[d.jf_muda[0]])
    assert p.pemohon_sebagai == "plt" and p.jabatan_pemohon == d.jabatan_kabid[0]
    langkah = LangkahPermohonan.objects.get(permohonan=p)
    assert langkah.nama_pejabat_definitif == d.kabid[0].nama_lengkap and langkah.sebagai == "plt"


# --------------------------------------------------------------------------- teams and workload


def test_tim_baru_dengan_ketua_dari_unit_pemilik(d):
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.bidang[1],
               pegawai_diminta=[d.jf_muda[1], d.pelaksana[1]], nama_tim="Tim Renstra", ketua_tim=d.jf_pertama[0])
    assert not any("ketua tim diutamakan" in w for w in p.peringatan)
    assert any("Jenjang ketua tim lebih rendah" in w for w in p.peringatan)  # Ahli Pertama leads an Ahli Muda
    p = services.permohonan_setujui(actor=d.kabid[1].user, permohonan_id=p.pk)
    tim = TimKerja.objects.get(nama="Tim Renstra")
    assert tim.unit == d.bidang[0]
    assert dict(AnggotaTim.objects.filter(tim=tim).values_list("pegawai", "peran")) == {
        d.jf_pertama[0].pk: "ketua", d.jf_muda[1].pk: "anggota", d.pelaksana[1].pk: "anggota"}
    assert Penugasan.objects.filter(tim=tim, peran="ketua").get().pegawai == d.jf_pertama[0]
    assert list(selectors.tim_saya(d.jf_muda[1].user)) == [tim]
    assert selectors.beban_kerja(d.jf_muda[1])["tim"] == 1


def test_tim_peringatan_ketua_dari_luar_unit_pemilik(d):
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.bidang[1],
               pegawai_diminta=[d.jf_muda[1], d.pelaksana[1]], nama_tim="Tim X", ketua_tim=d.pelaksana[1])
    assert any("ketua tim diutamakan berasal dari unit pemilik kinerja" in w for w in p.peringatan)
    assert p.status == StatusPermohonan.MENUNGGU_KEPUTUSAN  # a warning, not a block


def test_ketua_tim_menurut_pengaturan_daerah():
    belu = bangun_pemda("belu", kode="belu")
    with pytest.raises(ValidationError) as exc:
        ajukan(belu.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[belu.jf_muda[0]], nama_tim="T",
               ketua_tim=belu.kasi[0])
    assert "ketua_tim" in exc.value.error_dict
    bungo = bangun_pemda("bungo", kode="bungo")  # Bungo: the Pengawas leads where the unit has two levels
    p = ajukan(bungo.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[bungo.jf_muda[0]], nama_tim="T",
               ketua_tim=bungo.kasi[0])
    assert p.status == StatusPermohonan.DISETUJUI
    assert AnggotaTim.objects.get(pegawai=bungo.kasi[0]).peran == "ketua"


def test_beban_kerja_diperingatkan_di_atas_batas(d):
    d.instansi.batas_beban_kerja = 1
    d.instansi.save(update_fields=["batas_beban_kerja"])
    p1 = ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.jf_muda[0]])
    assert p1.peringatan == []
    beban = selectors.beban_kerja(d.jf_muda[0])
    assert (beban["penugasan_individu"], beban["total"], beban["melebihi"]) == (1, 1, False)
    p2 = ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.jf_muda[0]], judul="Kedua")
    assert p2.status == StatusPermohonan.DISETUJUI
    assert any("Beban kerja" in w and "batas 1" in w for w in p2.peringatan)
    assert selectors.beban_kerja(d.jf_muda[0])["melebihi"] is True


# --------------------------------------------------------------------------- audit, access, receipt


def test_jejak_audit_dan_langkah_tidak_dapat_diubah_atau_dihapus(d):
    p = ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.jf_muda[0]])
    jejak = JejakAudit.objects.filter(objek_id=str(p.pk)).first()
    jejak.alasan = "diubah"
    with pytest.raises(PermissionDenied):
        jejak.save()
    with pytest.raises(PermissionDenied):
        jejak.delete()
    with pytest.raises(PermissionDenied):
        JejakAudit.objects.all().update(alasan="x")
    with pytest.raises(PermissionDenied):
        JejakAudit.objects.all().delete()
    with pytest.raises(PermissionDenied):
        LangkahPermohonan.objects.filter(permohonan=p).delete()
    assert not JejakAudit.objects.filter(alasan__in=["x", "diubah"]).exists()


def test_penolakan_tercatat_walau_transaksi_dibatalkan(d):
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    with pytest.raises(PermissionDenied):
        services.permohonan_tolak(actor=d.jf_muda[1].user, permohonan_id=p.pk, alasan="iseng", ip="10.1.2.3")
    baris = JejakAudit.objects.get(diizinkan=False)
    assert (baris.actor, baris.aksi, baris.ip, baris.status_dari) == (
        d.jf_muda[1].user, "permohonan.tolak", "10.1.2.3", "menunggu_keputusan")
    assert "bukan oleh Anda" in baris.alasan
    assert not LangkahPermohonan.objects.filter(permohonan=p, keputusan="tolak").exists()


def test_hak_guardian_berpindah_mengikuti_langkah():
    d = bangun_pemda("belu")
    p = ajukan(d.jf_pertama[0], "sukarela_lintas_unit", unit_tujuan=d.bidang[1])
    kabid1, kasi0 = d.kabid[1].user, d.kasi[0].user
    assert kabid1.has_perm("penugasan.putuskan_permohonan", p)
    assert not kasi0.has_perm("penugasan.putuskan_permohonan", p)
    assert kasi0.has_perm("penugasan.lihat_permohonan", p)  # tembusan: own PPK and Pimpinan Unit
    assert d.jf_pertama[0].user.has_perm("penugasan.lihat_permohonan", p)
    services.permohonan_setujui(actor=kabid1, permohonan_id=p.pk)
    for u in (kabid1, kasi0):  # guardian caches per user object: re-fetch
        u.refresh_from_db()
    from django.contrib.auth import get_user_model

    User = get_user_model()
    kabid1, kasi0 = User.objects.get(pk=kabid1.pk), User.objects.get(pk=kasi0.pk)
    assert not kabid1.has_perm("penugasan.putuskan_permohonan", p)
    assert kabid1.has_perm("penugasan.lihat_permohonan", p)
    assert kasi0.has_perm("penugasan.putuskan_permohonan", p)
    assert not selectors.permohonan_terlihat(d.jf_muda[1].user).filter(pk=p.pk).exists()
    assert selectors.permohonan_terlihat(kasi0).filter(pk=p.pk).exists()


def test_penerimaan_surat_penugasan(d):
    p = ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.jf_muda[0]])
    tugas = Penugasan.objects.get(permohonan=p)
    with pytest.raises(PermissionDenied):
        services.penugasan_terima(actor=d.kabid[0].user, penugasan_id=tugas.pk)
    tugas = services.penugasan_terima(actor=d.jf_muda[0].user, penugasan_id=tugas.pk)
    assert tugas.diterima_pada is not None
    with pytest.raises(KonflikError):
        services.penugasan_terima(actor=d.jf_muda[0].user, penugasan_id=tugas.pk)
    assert JejakAudit.objects.filter(aksi="penugasan.terima", diizinkan=False).count() == 2
    assert list(selectors.penugasan_saya(d.jf_muda[0].user)) == [tugas]


def test_peran_lain_seperti_bendahara(d):
    p = ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.pelaksana[0]], peran_penugasan="Bendahara")
    tugas = Penugasan.objects.get(permohonan=p)
    assert tugas.peran == "lainnya" and tugas.sebutan_peran == "Bendahara"


def test_penyelesaian_oleh_pemohon_mengurangi_beban(d):
    p = ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.jf_muda[0]])
    with pytest.raises(PermissionDenied):
        services.permohonan_selesaikan(actor=d.jf_muda[0].user, permohonan_id=p.pk)
    p = services.permohonan_selesaikan(actor=d.kabid[0].user, permohonan_id=p.pk)
    assert p.status == StatusPermohonan.SELESAI
    assert Penugasan.objects.get(permohonan=p).status == "selesai"
    assert selectors.beban_kerja(d.jf_muda[0])["total"] == 0
    with pytest.raises(KonflikError):
        services.permohonan_selesaikan(actor=d.kabid[0].user, permohonan_id=p.pk)


def test_tim_boleh_dilihat():
    a = bangun_pemda("belu", kode="belu")
    b = bangun_pemda("bungo", kode="bungo")
    ajukan(a.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[a.jf_muda[0]], nama_tim="Tim A",
           ketua_tim=a.jf_pertama[0])
    tim = TimKerja.objects.get(nama="Tim A")
    for boleh in (a.jf_muda[0], a.jf_pertama[0], a.kabid[0], a.kepala_dinas, a.kasi[1]):
        assert selectors.tim_boleh_dilihat(user=boleh.user, tim=tim), boleh
    for tidak in (b.kabid[0], b.jf_muda[0], a.jf_muda[1]):
        assert not selectors.tim_boleh_dilihat(user=tidak.user, tim=tim), tidak


def test_sebutan_peran_tim_tanpa_kata_tim_ganda():
    from penugasan.models import sebutan_peran_tim

    assert sebutan_peran_tim("Anggota Tim", "Tim Penyusunan Renstra") == "Anggota Tim Penyusunan Renstra"
    assert sebutan_peran_tim("Ketua Tim", "Penyusunan Renstra") == "Ketua Tim Penyusunan Renstra"


@pytest.mark.parametrize("preset,ditolak", [("bungo", True), ("belu", False), ("indragiri_hilir", False),
                                            ("kotabaru", False), ("pasuruan", False)])
def test_ketua_tim_dari_luar_unit_pemilik_ditolak_di_bungo_diperingatkan_di_tempat_lain(preset, ditolak):
    """001 Ps.9(3): in Bungo the ketua must come from the owning unit; elsewhere it is preferred
    (000 Ps.8(3), 10(3); 002 Ps.8(3); 003 Ps.22(3); Pasuruan silent: the same warning by default)."""
    d = bangun_pemda(preset)
    masukan = dict(unit_tujuan=d.bidang[1], pegawai_diminta=[d.jf_muda[1], d.jf_pertama[1]], nama_tim="Tim Y",
                   ketua_tim=d.jf_pertama[1])
    if ditolak:
        with pytest.raises(ValidationError) as exc:
            ajukan(d.kabid[0], "penunjukan_lintas_unit", **masukan)
        pesan = " ".join(exc.value.message_dict["ketua_tim"])
        assert "wajib berasal dari unit pemilik kinerja" in pesan and "001 Ps.9(3)" in pesan
        assert not PermohonanPenugasan.objects.filter(judul="Penyusunan Renstra").exists()
    else:
        p = ajukan(d.kabid[0], "penunjukan_lintas_unit", **masukan)
        assert any("ketua tim diutamakan berasal dari unit pemilik kinerja" in w for w in p.peringatan)


@pytest.mark.parametrize("preset,boleh", [("indragiri_hilir", False), ("kotabaru", True), ("belu", True),
                                          ("bungo", True), ("pasuruan", True)])
def test_sukarela_lintas_perangkat_daerah_menurut_daerah(preset, boleh):
    """Inhil: sukarela only inside one's own PD (002 Lamp C Sukarela); Kotabaru: across PDs
    allowed (003 Ps.23(4)); Belu, Pasuruan: via cross-unit (inference); Bungo silent: allowed."""
    from organisasi.tests.factories import bangun_pd_dua_level

    d = bangun_pemda(preset)
    lain = bangun_pd_dua_level(d.instansi, "Dinas Pendidikan")
    if boleh:
        p = ajukan(d.jf_pertama[0], "sukarela_lintas_unit", unit_tujuan=lain.bidang[0])
        assert p.status == StatusPermohonan.MENUNGGU_KEPUTUSAN
    else:
        with pytest.raises(ValidationError) as exc:
            ajukan(d.jf_pertama[0], "sukarela_lintas_unit", unit_tujuan=lain.bidang[0])
        pesan = " ".join(exc.value.message_dict["unit_tujuan"])
        assert "hanya dalam Perangkat Daerah sendiri" in pesan and "002 Lamp C Sukarela" in pesan
        # inside its own PD it is still allowed
        assert ajukan(d.jf_pertama[0], "sukarela_lintas_unit", unit_tujuan=d.bidang[1]).pk
