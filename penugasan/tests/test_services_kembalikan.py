"""Return for revision (permohonan_kembalikan), revision (permohonan_perbaiki) and resubmission
(permohonan_ajukan): allowed only at steps whose route allows it, by the deciding official,
with a reason; the route restarts after resubmission and the history is kept."""
from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from inti.exceptions import KonflikError
from inti.models import JejakAudit
from organisasi.presets import langkah_rute
from organisasi.models import UrutanSukarela
from organisasi import services_aturan
from penugasan import permissions, selectors, services
from penugasan.models import (
    Keputusan,
    LangkahPermohonan,
    Penugasan,
    PermohonanPenugasan,
    StatusPermohonan,
)

from .helpers import MULAI, ajukan, bangun_pemda

pytestmark = pytest.mark.django_db


def orang(d, nama: str):
    if nama == "kadis":
        return d.kepala_dinas
    return getattr(d, nama[:-1])[int(nama[-1])]


# route -> (submitter, extra input, deciders in order) for the Belu preset (target unit first)
RUTE = {
    "penunjukan_lintas_unit": ("kabid0", lambda d: {"unit_tujuan": d.seksi[1], "pegawai_diminta": [d.jf_pertama[1]]},
                               ["kasi1"]),
    "sukarela_lintas_unit": ("jf_pertama0", lambda d: {"unit_tujuan": d.bidang[1]}, ["kabid1", "kasi0"]),
    "sukarela_dalam_unit": ("jf_pertama0", lambda d: {}, ["kasi0"]),
}
# (route, step index) -> may the official return it there?
BOLEH = [
    ("penunjukan_lintas_unit", 0, True),
    ("sukarela_lintas_unit", 0, True),
    ("sukarela_lintas_unit", 1, True),
    ("sukarela_dalam_unit", 0, False),
]


def _snapshot(p):
    p = PermohonanPenugasan.objects.get(pk=p.pk)
    return (p.status, p.langkah_ke, p.jabatan_penentu_id, p.alasan_pengembalian,
            LangkahPermohonan.objects.filter(permohonan=p).count())


def _sampai_langkah(d, rute: str, langkah: int):
    pengaju, masukan, penentu = RUTE[rute]
    p = ajukan(orang(d, pengaju), rute, **masukan(d))
    for i in range(langkah):
        p = services.permohonan_setujui(actor=orang(d, penentu[i]).user, permohonan_id=p.pk, langkah=i)
    return p, orang(d, pengaju), orang(d, penentu[langkah])


def _ditolak(p, aksi: str) -> int:
    return JejakAudit.objects.filter(objek_id=str(p.pk), aksi=aksi, diizinkan=False).count()


def test_preset_menandai_langkah_yang_boleh_dikembalikan():
    for urutan in UrutanSukarela.values:
        data = langkah_rute(urutan_sukarela=urutan)
        for rute in ("penunjukan_lintas_unit", "penunjukan_lintas_perangkat_daerah", "penunjukan_lintas_instansi",
                     "sukarela_lintas_unit"):
            assert data[rute]["langkah"] and all(s["boleh_dikembalikan"] is True for s in data[rute]["langkah"])
        assert [s["boleh_dikembalikan"] for s in data["sukarela_dalam_unit"]["langkah"]] == [False]
        assert data["penunjukan_dalam_unit"]["langkah"] == []


@pytest.mark.parametrize("rute,langkah,boleh", BOLEH)
def test_kembalikan_hanya_pada_langkah_yang_diizinkan_rute(rute, langkah, boleh):
    from notifikasi.models import Notifikasi

    d = bangun_pemda("belu")
    p, pemohon, penentu = _sampai_langkah(d, rute, langkah)
    assert p.langkah_rute[langkah]["boleh_dikembalikan"] is boleh
    sebelum = _snapshot(p)
    if not boleh:
        with pytest.raises(KonflikError):
            services.permohonan_kembalikan(actor=penentu.user, permohonan_id=p.pk, alasan="Lengkapi target")
        assert _snapshot(p) == sebelum
        assert _ditolak(p, "permohonan.kembalikan") == 1
        assert permissions.punya_hak_putuskan(user=penentu.user, permohonan=p)
        return
    p = services.permohonan_kembalikan(actor=penentu.user, permohonan_id=p.pk, alasan="  Lengkapi target kinerja ",
                                       langkah=langkah)
    p.refresh_from_db()
    assert p.status == StatusPermohonan.DIKEMBALIKAN and p.jabatan_penentu is None
    assert p.alasan_pengembalian == "Lengkapi target kinerja"
    baris = LangkahPermohonan.objects.filter(permohonan=p).order_by("-urutan").first()
    assert (baris.keputusan, baris.pegawai, baris.alasan, baris.status_dari, baris.status_ke) == (
        Keputusan.KEMBALIKAN, penentu, "Lengkapi target kinerja", "menunggu_keputusan", "dikembalikan")
    assert baris.kode_langkah == p.langkah_rute[langkah]["kode"]
    jejak = JejakAudit.objects.get(objek_id=str(p.pk), aksi="permohonan.kembalikan", diizinkan=True)
    assert (jejak.actor, jejak.status_dari, jejak.status_ke) == (penentu.user, "menunggu_keputusan", "dikembalikan")
    # the decider loses the decision and the request leaves their inbox; the requester is told why
    assert not permissions.punya_hak_putuskan(user=penentu.user, permohonan=p)
    assert not selectors.menunggu_keputusan(penentu.user).filter(pk=p.pk).exists()
    n = Notifikasi.objects.get(penerima=pemohon.user, jenis="permohonan_kembalikan")
    assert "Lengkapi target kinerja" in n.pesan
    # a second click is a conflict, not a second return
    with pytest.raises(KonflikError):
        services.permohonan_kembalikan(actor=penentu.user, permohonan_id=p.pk, alasan="Lagi")


def test_langkah_lama_tanpa_kunci_tidak_boleh_dikembalikan():
    d = bangun_pemda("belu")
    # data copied before the key existed
    data = dict(d.instansi.langkah_rute)
    data["penunjukan_lintas_unit"] = {
        "pengaju": "pimpinan_unit_asal",
        "langkah": [{k: v for k, v in s.items() if k != "boleh_dikembalikan"}
                    for s in data["penunjukan_lintas_unit"]["langkah"]]}
    services_aturan.aturan_tetapkan(instansi=d.instansi, nilai={"langkah_rute": data},
                                    berlaku_mulai=datetime.date.today(), peraturan="Perbup Belu (data lama)")
    p, _, penentu = _sampai_langkah(d, "penunjukan_lintas_unit", 0)
    assert "boleh_dikembalikan" not in p.langkah_rute[0]
    sebelum = _snapshot(p)
    with pytest.raises(KonflikError):
        services.permohonan_kembalikan(actor=penentu.user, permohonan_id=p.pk, alasan="Lengkapi")
    assert _snapshot(p) == sebelum


@pytest.mark.parametrize("lain", ["kabid0", "kabid1", "kadis", "jf_pertama1", "kasi0"])
def test_kembalikan_oleh_bukan_penentu_403(lain):
    d = bangun_pemda("belu")
    p, _, _ = _sampai_langkah(d, "penunjukan_lintas_unit", 0)
    sebelum = _snapshot(p)
    with pytest.raises(PermissionDenied):
        services.permohonan_kembalikan(actor=orang(d, lain).user, permohonan_id=p.pk, alasan="Lengkapi")
    assert _snapshot(p) == sebelum
    jejak = JejakAudit.objects.get(objek_id=str(p.pk), aksi="permohonan.kembalikan", diizinkan=False)
    assert jejak.actor == orang(d, lain).user and jejak.alasan


@pytest.mark.parametrize("alasan", ["", "   "])
def test_kembalikan_tanpa_alasan_400(alasan):
    d = bangun_pemda("belu")
    p, _, penentu = _sampai_langkah(d, "penunjukan_lintas_unit", 0)
    sebelum = _snapshot(p)
    with pytest.raises(ValidationError) as exc:
        services.permohonan_kembalikan(actor=penentu.user, permohonan_id=p.pk, alasan=alasan)
    assert "alasan" in exc.value.message_dict
    assert _snapshot(p) == sebelum
    assert _ditolak(p, "permohonan.kembalikan") == 1


def test_perbaiki_dan_ajukan_ulang_memulai_rute_dari_awal():
    from notifikasi.models import Notifikasi

    d = bangun_pemda("belu")
    p, pemohon, _ = _sampai_langkah(d, "sukarela_lintas_unit", 1)  # kabid1 approved, kasi0 now decides
    with pytest.raises(KonflikError):  # not returned: cannot be edited
        services.permohonan_perbaiki(actor=pemohon.user, permohonan_id=p.pk, judul="Baru")
    services.permohonan_kembalikan(actor=d.kasi[0].user, permohonan_id=p.pk, alasan="Perjelas target")

    # only the requester may revise; bad input is refused field by field and changes nothing
    sebelum = _snapshot(p)
    with pytest.raises(PermissionDenied):
        services.permohonan_perbaiki(actor=d.kasi[0].user, permohonan_id=p.pk, judul="Baru")
    with pytest.raises(ValidationError) as exc:
        services.permohonan_perbaiki(actor=pemohon.user, permohonan_id=p.pk, judul=" ",
                                     selesai=MULAI - datetime.timedelta(days=1))
    assert set(exc.value.message_dict) == {"judul", "selesai"}
    with pytest.raises(ValidationError) as exc:
        services.permohonan_perbaiki(actor=pemohon.user, permohonan_id=p.pk, unit_tujuan=d.bidang[0])
    assert "unit_tujuan" in exc.value.message_dict
    with pytest.raises(ValidationError):  # nothing changed
        services.permohonan_perbaiki(actor=pemohon.user, permohonan_id=p.pk, judul=p.judul)
    with pytest.raises(PermissionDenied):  # cannot resubmit someone else's request
        services.permohonan_ajukan(actor=d.kasi[0].user, permohonan_id=p.pk)
    assert _snapshot(p) == sebelum
    assert _ditolak(p, "permohonan.perbaiki") == 5  # 409, 403 and three 400
    assert PermohonanPenugasan.objects.get(pk=p.pk).judul == "Penyusunan Renstra"

    p = services.permohonan_perbaiki(actor=pemohon.user, permohonan_id=p.pk, judul="Renstra (perbaikan)",
                                     hasil_diharapkan="Dokumen Renstra final dengan indikator")
    p.refresh_from_db()
    assert p.status == StatusPermohonan.DIKEMBALIKAN and p.judul == "Renstra (perbaikan)"
    assert JejakAudit.objects.filter(objek_id=str(p.pk), aksi="permohonan.perbaiki", diizinkan=True).count() == 1

    p = services.permohonan_ajukan(actor=pemohon.user, permohonan_id=p.pk)
    p.refresh_from_db()
    # the route restarts at its first decision step (target unit first in Belu)
    assert (p.status, p.langkah_ke) == (StatusPermohonan.MENUNGGU_KEPUTUSAN, 0)
    assert selectors.menunggu_keputusan(d.kabid[1].user).filter(pk=p.pk).exists()
    assert Notifikasi.objects.filter(penerima=d.kabid[1].user, jenis="permohonan_menunggu").count() == 2
    with pytest.raises(KonflikError):  # a stale click on the old step index 1
        services.permohonan_setujui(actor=d.kasi[0].user, permohonan_id=p.pk, langkah=1)
    services.permohonan_setujui(actor=d.kabid[1].user, permohonan_id=p.pk, langkah=0)
    p = services.permohonan_setujui(actor=d.kasi[0].user, permohonan_id=p.pk, langkah=1)
    assert p.status == StatusPermohonan.DISETUJUI
    assert Penugasan.objects.filter(permohonan=p, pegawai=pemohon).count() == 1
    # the whole history is kept
    assert list(p.riwayat.values_list("keputusan", flat=True)) == [
        "ajukan", "setujui", "kembalikan", "perbaiki", "ajukan", "setujui", "setujui"]


def test_penunjukan_dikembalikan_dipilih_ulang_dan_bisa_dibatalkan():
    d = bangun_pemda("bungo")
    p, pemohon, penentu = _sampai_langkah(d, "penunjukan_lintas_unit", 0)
    services.permohonan_kembalikan(actor=penentu.user, permohonan_id=p.pk, alasan="Sebutkan kriteria")
    # content validated like creation: the requested staff must sit in the target unit
    with pytest.raises(ValidationError) as exc:
        services.permohonan_perbaiki(actor=pemohon.user, permohonan_id=p.pk, pegawai_diminta=[d.jf_pertama[0]])
    assert "pegawai_diminta" in exc.value.message_dict
    services.permohonan_perbaiki(actor=pemohon.user, permohonan_id=p.pk, pegawai_diminta=[d.pelaksana[1]],
                                 kriteria="Pelaksana keuangan")
    p = services.permohonan_ajukan(actor=pemohon.user, permohonan_id=p.pk)
    assert selectors.menunggu_keputusan(penentu.user).filter(pk=p.pk).exists()
    p = services.permohonan_setujui(actor=penentu.user, permohonan_id=p.pk)
    assert p.status == StatusPermohonan.DISETUJUI
    assert list(p.pegawai_ditugaskan.all()) == [d.pelaksana[1]]
    # a returned request can also be withdrawn
    q, pemohon, penentu = _sampai_langkah(d, "penunjukan_lintas_unit", 0)
    services.permohonan_kembalikan(actor=penentu.user, permohonan_id=q.pk, alasan="Tidak jelas")
    q = services.permohonan_batalkan(actor=pemohon.user, permohonan_id=q.pk, alasan="Tidak jadi")
    assert q.status == StatusPermohonan.DIBATALKAN
