"""Ending work (penugasan.services.pengakhiran): the states StatusPenugasan.DIBATALKAN,
StatusTim.SELESAI/DIBUBARKAN are reachable through services with the right actor, end date,
reason, row lock, typed audit rows; the penanggung jawab only where the Instansi uses it."""
from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from inti import waktu
from inti.exceptions import KonflikError
from inti.models import AksiAudit, JejakAudit
from notifikasi.models import Notifikasi
from penugasan import selectors, services
from penugasan.models import Penugasan, StatusPenugasan, StatusPermohonan, StatusTim, TimKerja

from .helpers import ajukan, bangun_pemda

pytestmark = pytest.mark.django_db
KEMARIN = waktu.hari_ini() - datetime.timedelta(days=1)


@pytest.fixture
def d():
    return bangun_pemda("belu")


def _tugas(d, pegawai=None) -> Penugasan:
    p = ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[pegawai or d.jf_muda[0]])
    return Penugasan.objects.get(permohonan=p)


def _tim(d) -> TimKerja:
    p = ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.jf_muda[0]], nama_tim="Tim Renstra",
               ketua_tim=d.jf_pertama[0])
    p.refresh_from_db()
    return p.tim


# --------------------------------------------------------------------------- penugasan


def test_penugasan_selesaikan_oleh_pimpinan_unit_dengan_tanggal_dan_catatan(d):
    tugas = _tugas(d)
    assert selectors.beban_kerja(d.jf_muda[0])["total"] == 1
    tugas = services.penugasan_selesaikan(actor=d.kabid[0].user, penugasan_id=tugas.pk, tanggal=KEMARIN,
                                          alasan="Hasil diterima")
    tugas.refresh_from_db()
    assert tugas.status == StatusPenugasan.SELESAI
    assert tugas.tanggal_berakhir == KEMARIN and tugas.alasan_pengakhiran == "Hasil diterima"
    assert selectors.beban_kerja(d.jf_muda[0])["total"] == 0
    jejak = JejakAudit.objects.get(aksi=AksiAudit.PENUGASAN_SELESAI, objek_id=str(tugas.pk), diizinkan=True)
    assert jejak.status_dari == "aktif" and jejak.status_ke == "selesai" and "Kepala Bidang 1" in jejak.atas_nama


def test_pimpinan_di_atas_unit_boleh_mengakhiri(d):
    tugas = _tugas(d)
    services.penugasan_selesaikan(actor=d.kepala_dinas.user, penugasan_id=tugas.pk)
    assert Penugasan.objects.get(pk=tugas.pk).status == StatusPenugasan.SELESAI


@pytest.mark.parametrize("siapa", ["jf_muda", "kabid_lain", "kasi"])
def test_penugasan_selesaikan_ditolak_bagi_selain_pimpinan_403(d, siapa):
    tugas = _tugas(d)
    user = {"jf_muda": d.jf_muda[0].user, "kabid_lain": d.kabid[1].user, "kasi": d.kasi[0].user}[siapa]
    with pytest.raises(PermissionDenied, match="Pimpinan Unit Organisasi"):
        services.penugasan_selesaikan(actor=user, penugasan_id=tugas.pk)
    assert Penugasan.objects.get(pk=tugas.pk).status == StatusPenugasan.AKTIF
    assert JejakAudit.objects.filter(aksi=AksiAudit.PENUGASAN_SELESAI, diizinkan=False).count() == 1


def test_penugasan_selesai_dua_kali_konflik(d):
    tugas = _tugas(d)
    services.penugasan_selesaikan(actor=d.kabid[0].user, penugasan_id=tugas.pk)
    with pytest.raises(KonflikError, match="sudah selesai"):
        services.penugasan_selesaikan(actor=d.kabid[0].user, penugasan_id=tugas.pk)
    with pytest.raises(KonflikError):
        services.penugasan_batalkan(actor=d.kabid[0].user, penugasan_id=tugas.pk, alasan="x")


def test_tanggal_berakhir_tidak_boleh_di_masa_depan(d):
    tugas = _tugas(d)
    with pytest.raises(ValidationError) as e:
        services.penugasan_selesaikan(actor=d.kabid[0].user, penugasan_id=tugas.pk,
                                      tanggal=waktu.hari_ini() + datetime.timedelta(days=1))
    assert "tanggal" in e.value.error_dict


def test_penugasan_batalkan_wajib_alasan_dan_memberi_tahu_pegawai(d):
    tugas = _tugas(d)
    with pytest.raises(ValidationError) as e:
        services.penugasan_batalkan(actor=d.kabid[0].user, penugasan_id=tugas.pk, alasan="  ")
    assert "alasan" in e.value.error_dict
    tugas = services.penugasan_batalkan(actor=d.kabid[0].user, penugasan_id=tugas.pk, alasan="Kegiatan ditunda")
    tugas.refresh_from_db()
    assert tugas.status == StatusPenugasan.DIBATALKAN and tugas.get_status_display() == "Dibatalkan"
    assert tugas.tanggal_berakhir == waktu.hari_ini() and tugas.alasan_pengakhiran == "Kegiatan ditunda"
    assert JejakAudit.objects.filter(aksi=AksiAudit.PENUGASAN_BATALKAN, diizinkan=True).count() == 1
    n = Notifikasi.objects.get(penerima=d.jf_muda[0].user, jenis="penugasan_batalkan")
    assert "Kegiatan ditunda" in n.pesan
    assert selectors.beban_kerja(d.jf_muda[0])["total"] == 0


def test_status_hanya_lewat_transisi(d):
    tugas = _tugas(d)
    with pytest.raises(AttributeError):
        tugas.status = StatusPenugasan.SELESAI


# --------------------------------------------------------------------------- tim


def test_tim_selesaikan_mengakhiri_penugasan_anggota(d):
    tim = _tim(d)
    aktif = Penugasan.objects.filter(tim=tim, status=StatusPenugasan.AKTIF)
    assert aktif.count() == 2
    tim = services.tim_selesaikan(actor=d.kabid[0].user, tim_id=tim.pk, tanggal=KEMARIN, alasan="Hasil diterima")
    tim.refresh_from_db()
    assert tim.status == StatusTim.SELESAI and tim.tanggal_berakhir == KEMARIN
    assert set(Penugasan.objects.filter(tim=tim).values_list("status", "tanggal_berakhir")) == {
        (StatusPenugasan.SELESAI, KEMARIN)}
    assert JejakAudit.objects.filter(aksi=AksiAudit.TIM_SELESAI, diizinkan=True).count() == 1
    assert JejakAudit.objects.filter(aksi=AksiAudit.PENUGASAN_SELESAI, diizinkan=True).count() == 2
    assert Notifikasi.objects.filter(jenis="tim_selesai").count() == 2
    assert selectors.beban_kerja(d.jf_muda[0])["total"] == 0
    with pytest.raises(KonflikError, match="sudah selesai"):
        services.tim_bubarkan(actor=d.kabid[0].user, tim_id=tim.pk, alasan="x")


def test_tim_bubarkan_wajib_alasan_dan_oleh_pimpinan(d):
    tim = _tim(d)
    with pytest.raises(ValidationError):
        services.tim_bubarkan(actor=d.kabid[0].user, tim_id=tim.pk, alasan="")
    with pytest.raises(PermissionDenied):
        services.tim_bubarkan(actor=d.jf_pertama[0].user, tim_id=tim.pk, alasan="Bubar")
    services.tim_bubarkan(actor=d.kabid[0].user, tim_id=tim.pk, alasan="Program dihentikan")
    tim.refresh_from_db()
    assert tim.status == StatusTim.DIBUBARKAN and tim.alasan_pengakhiran == "Program dihentikan"
    assert not Penugasan.objects.filter(tim=tim, status=StatusPenugasan.AKTIF).exists()
    assert JejakAudit.objects.filter(aksi=AksiAudit.TIM_BUBARKAN, diizinkan=False).count() == 2
    # a dissolved team can no longer be joined (the form offers active teams only)
    assert not TimKerja.objects.filter(pk=tim.pk, status=StatusTim.AKTIF).exists()


# --------------------------------------------------------------------------- penanggung jawab


def test_penanggung_jawab_hanya_bila_instansi_memakai_peran_itu():
    belu = bangun_pemda("belu", kode="belu")
    assert not belu.instansi.penanggung_jawab_tim_aktif
    tim = _tim(belu)
    with pytest.raises(ValidationError, match="tidak digunakan"):
        services.tim_penanggung_jawab_tetapkan(actor=belu.kabid[0].user, tim_id=tim.pk, pegawai_id=belu.kasi[0].pk)
    assert TimKerja.objects.get(pk=tim.pk).penanggung_jawab_id is None


def test_penanggung_jawab_ditetapkan_di_inhil():
    inhil = bangun_pemda("indragiri_hilir", kode="inhil")
    lain = bangun_pemda("belu", kode="belu")
    assert inhil.instansi.penanggung_jawab_tim_aktif
    tim = _tim(inhil)
    with pytest.raises(PermissionDenied):
        services.tim_penanggung_jawab_tetapkan(actor=inhil.jf_muda[0].user, tim_id=tim.pk,
                                               pegawai_id=inhil.kasi[0].pk)
    with pytest.raises(ValidationError, match="harus pegawai"):
        services.tim_penanggung_jawab_tetapkan(actor=inhil.kabid[0].user, tim_id=tim.pk, pegawai_id=lain.kasi[0].pk)
    tim = services.tim_penanggung_jawab_tetapkan(actor=inhil.kabid[0].user, tim_id=tim.pk,
                                                 pegawai_id=inhil.kasi[0].pk)
    assert TimKerja.objects.get(pk=tim.pk).penanggung_jawab_id == inhil.kasi[0].pk
    jejak = JejakAudit.objects.get(aksi=AksiAudit.TIM_PENANGGUNG_JAWAB, diizinkan=True)
    assert jejak.alasan == inhil.kasi[0].nama_lengkap
    services.tim_penanggung_jawab_tetapkan(actor=inhil.kabid[0].user, tim_id=tim.pk, pegawai_id=None)
    assert TimKerja.objects.get(pk=tim.pk).penanggung_jawab_id is None


# --------------------------------------------------------------------------- permohonan


def test_permohonan_selesaikan_oleh_pimpinan_unit_pemilik_sukarela(d):
    """A volunteer cannot declare their own work finished; the Pimpinan Unit owning it can."""
    p = ajukan(d.jf_pertama[0], "sukarela_dalam_unit")
    p = services.permohonan_setujui(actor=d.kasi[0].user, permohonan_id=p.pk, langkah=p.langkah_ke)
    assert p.status == StatusPermohonan.DISETUJUI
    with pytest.raises(PermissionDenied, match="pemohon penunjukan"):
        services.permohonan_selesaikan(actor=d.jf_pertama[0].user, permohonan_id=p.pk)
    p = services.permohonan_selesaikan(actor=d.kasi[0].user, permohonan_id=p.pk, catatan="Hasil diterima",
                                       tanggal=KEMARIN)
    assert p.status == StatusPermohonan.SELESAI
    tugas = Penugasan.objects.get(permohonan=p)
    assert tugas.status == StatusPenugasan.SELESAI and tugas.tanggal_berakhir == KEMARIN
    langkah = p.riwayat.order_by("-urutan").first()
    assert langkah.kode_langkah == "penyelesaian" and langkah.peran == "pimpinan_unit"
    assert "Kepala Seksi 1" in langkah.nama_jabatan
