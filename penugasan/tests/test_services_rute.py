"""Every route × step × actor, as tables, for the Belu and Bungo presets (routes as data)."""
from __future__ import annotations

import copy
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from inti.exceptions import KonflikError
from inti.models import JejakAudit
from organisasi import services_aturan
from organisasi.tests.factories import InstansiFactory
from penugasan import services
from penugasan.services.rute import RUTE_BAWAAN
from penugasan.models import (
    LangkahPermohonan,
    Penugasan,
    PermohonanPenugasan,
    StatusPermohonan,
)

from .helpers import ajukan, bangun_pemda

pytestmark = pytest.mark.django_db

AKTOR = ["kadis", "kabid0", "kabid1", "kasi0", "kasi1", "jf_pertama0", "jf_muda1", "pelaksana1", "bupati"]


def orang(d, nama: str):
    if nama == "kadis":
        return d.kepala_dinas
    if nama == "bupati":
        return d.bupati
    return getattr(d, nama[:-1])[int(nama[-1])]


# route -> (submitter, extra input, assignee, deciders per preset)
LIMA = ("belu", "bungo", "indragiri_hilir", "kotabaru", "pasuruan")
RUTE = {
    "penunjukan_dalam_unit": ("kabid0", lambda d: {"pegawai_diminta": [d.jf_muda[0]]}, "jf_muda0",
                              {p: [] for p in LIMA}),
    "penunjukan_lintas_unit": ("kabid0", lambda d: {"unit_tujuan": d.seksi[1], "pegawai_diminta": [d.jf_pertama[1]]},
                               "jf_pertama1", {p: ["kasi1"] for p in LIMA}),
    "sukarela_dalam_unit": ("jf_pertama0", lambda d: {}, "jf_pertama0", {p: ["kasi0"] for p in LIMA}),
    # Belu, Inhil: target unit first, then own PPK; Bungo, Kotabaru, Pasuruan: own PPK first, then the target.
    "sukarela_lintas_unit": ("jf_pertama0", lambda d: {"unit_tujuan": d.bidang[1]}, "jf_pertama0",
                             {"belu": ["kabid1", "kasi0"], "indragiri_hilir": ["kabid1", "kasi0"],
                              "bungo": ["kasi0", "kabid1"], "kotabaru": ["kasi0", "kabid1"],
                              "pasuruan": ["kasi0", "kabid1"]}),
}
KASUS = [(preset, rute) for preset in LIMA for rute in RUTE]


def _snapshot(p: PermohonanPenugasan):
    p = PermohonanPenugasan.objects.get(pk=p.pk)
    return (p.status, p.langkah_ke, p.jabatan_penentu_id, LangkahPermohonan.objects.filter(permohonan=p).count())


@pytest.mark.parametrize("preset,rute", KASUS)
def test_rute_disetujui_setiap_langkah_hanya_oleh_pejabatnya(preset, rute):
    d = bangun_pemda(preset)
    pengaju, masukan, penerima, penentu = RUTE[rute]
    penentu = penentu[preset]
    # given: the request is submitted by the right person
    p = ajukan(orang(d, pengaju), rute, **masukan(d))
    assert [s["peran"] for s in p.langkah_rute] == [s["peran"] for s in d.instansi.langkah_rute[rute]["langkah"]]
    sebelumnya = None
    for i, nama in enumerate(penentu):
        assert p.status == StatusPermohonan.MENUNGGU_KEPUTUSAN and p.langkah_ke == i
        # when: anyone else tries to decide this step, then: 403 (or 409 for the previous decider), nothing changes
        for lain in AKTOR:
            if lain == nama:
                continue
            sebelum = _snapshot(p)
            harapan = KonflikError if lain == sebelumnya else PermissionDenied
            with pytest.raises(harapan):
                services.permohonan_setujui(actor=orang(d, lain).user, permohonan_id=p.pk)
            assert _snapshot(p) == sebelum
        ditolak = JejakAudit.objects.filter(objek_id=str(p.pk), diizinkan=False, aksi="permohonan.setujui").count()
        assert ditolak >= len(AKTOR) - 1
        # the right official decides
        p = services.permohonan_setujui(actor=orang(d, nama).user, permohonan_id=p.pk, langkah=i)
        langkah = LangkahPermohonan.objects.get(permohonan=p, urutan=i + 1)
        assert langkah.pegawai == orang(d, nama) and langkah.keputusan == "setujui"
        # repeating the same step is a conflict, not a second decision
        with pytest.raises(KonflikError):
            services.permohonan_setujui(actor=orang(d, nama).user, permohonan_id=p.pk, langkah=i)
        sebelumnya = nama
    assert p.status == StatusPermohonan.DISETUJUI
    tugas = Penugasan.objects.get(permohonan=p)
    assert tugas.pegawai == orang(d, penerima)
    assert LangkahPermohonan.objects.filter(permohonan=p).count() == len(penentu) + 1
    # final: nobody may decide any more
    for lain in AKTOR:
        with pytest.raises(KonflikError):
            services.permohonan_setujui(actor=orang(d, lain).user, permohonan_id=p.pk)


@pytest.mark.parametrize("preset,rute", [k for k in KASUS if RUTE[k[1]][3][k[0]]])
def test_rute_ditolak_pada_setiap_langkah(preset, rute):
    pengaju, masukan, _, penentu = RUTE[rute]
    penentu = penentu[preset]
    for tolak_di in range(len(penentu)):
        d = bangun_pemda(preset)
        p = ajukan(orang(d, pengaju), rute, **masukan(d))
        for i in range(tolak_di):
            p = services.permohonan_setujui(actor=orang(d, penentu[i]).user, permohonan_id=p.pk)
        penolak = orang(d, penentu[tolak_di]).user
        with pytest.raises(ValidationError) as exc:
            services.permohonan_tolak(actor=penolak, permohonan_id=p.pk, alasan="  ")
        assert "alasan" in exc.value.error_dict
        assert PermohonanPenugasan.objects.get(pk=p.pk).status == StatusPermohonan.MENUNGGU_KEPUTUSAN
        p = services.permohonan_tolak(actor=penolak, permohonan_id=p.pk, alasan="Beban kerja seksi penuh")
        assert p.status == StatusPermohonan.DITOLAK and p.alasan_penolakan == "Beban kerja seksi penuh"
        assert not Penugasan.objects.filter(permohonan=p).exists()
        for aksi in (services.permohonan_setujui, ):
            with pytest.raises(KonflikError):
                aksi(actor=penolak, permohonan_id=p.pk)
        with pytest.raises(KonflikError):
            services.permohonan_batalkan(actor=orang(d, pengaju).user, permohonan_id=p.pk)


@pytest.mark.parametrize("preset,rute", KASUS)
def test_hanya_pengaju_yang_berhak_mengajukan(preset, rute):
    d = bangun_pemda(preset)
    pengaju, masukan, _, _ = RUTE[rute]
    salah = "jf_pertama0" if pengaju == "kabid0" else "kabid0"
    with pytest.raises(PermissionDenied):
        ajukan(orang(d, salah), rute, **masukan(d))
    assert not PermohonanPenugasan.objects.exists()
    assert JejakAudit.objects.filter(aksi="permohonan.buat", diizinkan=False).count() == 1


@pytest.mark.parametrize("preset,rute", [k for k in KASUS if RUTE[k[1]][3][k[0]]])
def test_pembatalan_oleh_pemohon_sebelum_keputusan_akhir(preset, rute):
    d = bangun_pemda(preset)
    pengaju, masukan, _, penentu = RUTE[rute]
    p = ajukan(orang(d, pengaju), rute, **masukan(d))
    with pytest.raises(PermissionDenied):
        services.permohonan_batalkan(actor=orang(d, penentu[preset][0]).user, permohonan_id=p.pk)
    p = services.permohonan_batalkan(actor=orang(d, pengaju).user, permohonan_id=p.pk, alasan="Tidak jadi")
    assert p.status == StatusPermohonan.DIBATALKAN
    with pytest.raises(KonflikError):
        services.permohonan_setujui(actor=orang(d, penentu[preset][0]).user, permohonan_id=p.pk)
    with pytest.raises(KonflikError):
        services.permohonan_batalkan(actor=orang(d, pengaju).user, permohonan_id=p.pk)
    # the decider lost the decide permission
    assert not orang(d, penentu[preset][0]).user.has_perm("penugasan.putuskan_permohonan", p)


def test_lintas_instansi_penuh_antara_dua_instansi():
    a = bangun_pemda("belu", kode="belu")
    b = bangun_pemda("bungo", kode="bungo")
    p = ajukan(a.kabid[0], "penunjukan_lintas_instansi", unit_tujuan=b.seksi[0],
               kriteria="Perencana keahlian", kriteria_jenis_jabatan="fungsional")
    assert p.instansi_tujuan == b.instansi
    urutan = [
        ("setujui", a.bupati, [b.bupati, a.kabid[0], b.kasi[0]]),
        ("setujui", b.bupati, [a.bupati, b.kasi[0], b.kepala_dinas]),
        ("jawab", b.kasi[0], [b.bupati, a.bupati, b.kabid[0]]),
        ("setujui", b.bupati, [a.bupati, b.kasi[0]]),
    ]
    for i, (aksi, penentu, bukan) in enumerate(urutan):
        for lain in bukan:
            with pytest.raises((PermissionDenied, KonflikError)):
                services.permohonan_setujui(actor=lain.user, permohonan_id=p.pk)
            assert PermohonanPenugasan.objects.get(pk=p.pk).langkah_ke == i
        if aksi == "jawab":
            with pytest.raises(KonflikError):  # this step answers availability, it does not "approve"
                services.permohonan_setujui(actor=penentu.user, permohonan_id=p.pk)
            with pytest.raises(ValidationError):  # staff of another unit/instansi are not available here
                services.permohonan_jawab_ketersediaan(actor=penentu.user, permohonan_id=p.pk,
                                                        pegawai_ids=[a.jf_pertama[0].pk])
            with pytest.raises(ValidationError):  # a Pelaksana does not match the "fungsional" criterion
                services.permohonan_jawab_ketersediaan(actor=penentu.user, permohonan_id=p.pk,
                                                        pegawai_ids=[b.pelaksana[0].pk])
            p = services.permohonan_jawab_ketersediaan(actor=penentu.user, permohonan_id=p.pk,
                                                       pegawai_ids=[b.jf_pertama[0].pk], langkah=i)
        else:
            p = services.permohonan_setujui(actor=penentu.user, permohonan_id=p.pk, langkah=i)
    assert p.status == StatusPermohonan.DISETUJUI
    tugas = Penugasan.objects.get(permohonan=p)
    assert tugas.pegawai == b.jf_pertama[0] and tugas.instansi == a.instansi and tugas.unit == a.bidang[0]
    langkah = list(LangkahPermohonan.objects.filter(permohonan=p).order_by("urutan"))
    assert [x.keputusan for x in langkah] == ["ajukan", "setujui", "setujui", "jawab_ketersediaan", "setujui"]
    assert [x.pegawai for x in langkah] == [a.kabid[0], a.bupati, b.bupati, b.kasi[0], b.bupati]
    assert langkah[3].data["pegawai"][0]["nip"] == b.jf_pertama[0].nip


def test_lintas_instansi_tidak_tersedia_dijawab_dengan_alasan():
    a = bangun_pemda("belu", kode="belu")
    b = bangun_pemda("bungo", kode="bungo")
    p = ajukan(a.kabid[0], "penunjukan_lintas_instansi", unit_tujuan=b.seksi[0], kriteria="Perencana")
    p = services.permohonan_setujui(actor=a.bupati.user, permohonan_id=p.pk)
    p = services.permohonan_setujui(actor=b.bupati.user, permohonan_id=p.pk)
    p = services.permohonan_tolak(actor=b.kasi[0].user, permohonan_id=p.pk, alasan="Tidak ada pegawai tersedia")
    assert p.status == StatusPermohonan.DITOLAK


def test_lintas_instansi_nonaktif_dan_sukarela_lintas_instansi_ditolak_dengan_pesan_jelas():
    a = bangun_pemda("indragiri_hilir", kode="inhil")  # lintas instansi off in this preset
    b = bangun_pemda("bungo", kode="bungo")
    with pytest.raises(ValidationError) as exc:
        ajukan(a.kabid[0], "penunjukan_lintas_instansi", unit_tujuan=b.seksi[0], kriteria="Perencana")
    assert "tidak diaktifkan" in str(exc.value.error_dict["rute"])
    with pytest.raises(ValidationError) as exc:
        ajukan(b.jf_pertama[0], "sukarela_lintas_unit", unit_tujuan=a.bidang[0])
    assert "tidak lintas instansi" in str(exc.value.error_dict["unit_tujuan"])
    assert not PermohonanPenugasan.objects.exists()


def test_lintas_perangkat_daerah_mengikuti_pengaturan_instansi():
    from organisasi.tests.factories import bangun_pd_dua_level

    # Indragiri Hilir: "lintas Perangkat Daerah" is its own scope, decided through the PyB first
    d = bangun_pemda("indragiri_hilir", kode="inhil")
    dikbud = bangun_pd_dua_level(d.instansi, "Dinas Pendidikan")
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=dikbud.seksi[0], kriteria="Perencana")
    assert p.lintas_perangkat_daerah is True
    assert [s["peran"] for s in p.langkah_rute] == ["pyb_asal", "ppk_tujuan"]
    with pytest.raises(PermissionDenied):
        services.permohonan_setujui(actor=dikbud.kasi[0].user, permohonan_id=p.pk)
    p = services.permohonan_setujui(actor=d.bupati.user, permohonan_id=p.pk)
    p = services.permohonan_jawab_ketersediaan(actor=dikbud.kasi[0].user, permohonan_id=p.pk,
                                               pegawai_ids=[dikbud.jf_pertama[0].pk])
    assert p.status == StatusPermohonan.DISETUJUI
    # Belu: the setting is off, so across PDs it is the ordinary cross-unit route
    b = bangun_pemda("belu", kode="belu")
    lain = bangun_pd_dua_level(b.instansi, "Dinas Pendidikan")
    q = ajukan(b.kabid[0], "penunjukan_lintas_unit", unit_tujuan=lain.seksi[0], kriteria="Perencana")
    assert [s["peran"] for s in q.langkah_rute] == ["ppk_tujuan"]


def test_rute_diubah_admin_berlaku_untuk_permohonan_baru_saja():
    d = bangun_pemda("belu")
    lama = ajukan(d.jf_pertama[0], "sukarela_lintas_unit", unit_tujuan=d.bidang[1])
    rute = copy.deepcopy(d.instansi.langkah_rute)  # the in-memory value is the module-level preset itself
    rute["sukarela_lintas_unit"]["langkah"] = list(reversed(rute["sukarela_lintas_unit"]["langkah"]))
    # a change is a new dated version (DOMAIN §9), in force from today
    services_aturan.aturan_tetapkan(instansi=d.instansi, nilai={"langkah_rute": rute},
                                    berlaku_mulai=datetime.date.today(), peraturan="Peraturan Bupati Belu 1/2026")
    baru = ajukan(d.jf_pertama[0], "sukarela_lintas_unit", unit_tujuan=d.bidang[1], judul="Baru")
    assert [s["peran"] for s in lama.langkah_rute] == ["pimpinan_unit_tujuan", "ppk_asal"]
    assert [s["peran"] for s in baru.langkah_rute] == ["ppk_asal", "pimpinan_unit_tujuan"]
    assert PermohonanPenugasan.objects.get(pk=lama.pk).jabatan_penentu == d.jabatan_kabid[1]
    assert PermohonanPenugasan.objects.get(pk=baru.pk).jabatan_penentu == d.jabatan_kasi[0]


def _keadaan(d, status):
    if status == "draf":
        return ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1],
                      pegawai_diminta=[d.jf_pertama[1]], ajukan=False)
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    if status == "disetujui":
        return services.permohonan_setujui(actor=d.kasi[1].user, permohonan_id=p.pk)
    if status == "ditolak":
        return services.permohonan_tolak(actor=d.kasi[1].user, permohonan_id=p.pk, alasan="Tidak tersedia")
    if status == "dibatalkan":
        return services.permohonan_batalkan(actor=d.kabid[0].user, permohonan_id=p.pk)
    if status == "selesai":
        services.permohonan_setujui(actor=d.kasi[1].user, permohonan_id=p.pk)
        return services.permohonan_selesaikan(actor=d.kabid[0].user, permohonan_id=p.pk)
    return p


AKSI = {
    "setujui": lambda d, p: services.permohonan_setujui(actor=d.kasi[1].user, permohonan_id=p.pk),
    "tolak": lambda d, p: services.permohonan_tolak(actor=d.kasi[1].user, permohonan_id=p.pk, alasan="x"),
    "jawab": lambda d, p: services.permohonan_jawab_ketersediaan(actor=d.kasi[1].user, permohonan_id=p.pk,
                                                               pegawai_ids=[d.jf_pertama[1].pk]),
    "batalkan": lambda d, p: services.permohonan_batalkan(actor=d.kabid[0].user, permohonan_id=p.pk),
    "ajukan": lambda d, p: services.permohonan_ajukan(actor=d.kabid[0].user, permohonan_id=p.pk),
}
# (state, action) -> status afterwards, or the exception; every pair is listed
TABEL_STATUS = {
    ("draf", "setujui"): KonflikError, ("draf", "tolak"): KonflikError, ("draf", "jawab"): KonflikError,
    ("draf", "batalkan"): "dibatalkan", ("draf", "ajukan"): "menunggu_keputusan",
    ("menunggu_keputusan", "setujui"): "disetujui", ("menunggu_keputusan", "tolak"): "ditolak",
    ("menunggu_keputusan", "jawab"): KonflikError, ("menunggu_keputusan", "batalkan"): "dibatalkan",
    ("menunggu_keputusan", "ajukan"): KonflikError,
    **{(s, a): KonflikError for s in ("disetujui", "ditolak", "dibatalkan", "selesai")
       for a in ("setujui", "tolak", "jawab", "batalkan", "ajukan")},
}


@pytest.mark.parametrize("status,aksi", sorted(TABEL_STATUS))
def test_tabel_status_aksi(status, aksi):
    d = bangun_pemda("bungo")
    p = _keadaan(d, status)
    assert p.status == status
    harapan = TABEL_STATUS[(status, aksi)]
    if isinstance(harapan, str):
        assert AKSI[aksi](d, p).status == harapan
    else:
        with pytest.raises(harapan):
            AKSI[aksi](d, p)
        assert PermohonanPenugasan.objects.get(pk=p.pk).status == status


def test_rute_instansi_tanpa_langkah_rute_memakai_bawaan_kode():
    """No setting picks the default route any more (urutan_sukarela_lintas_unit is gone): an
    Instansi without its own langkah_rute walks RUTE_BAWAAN, the target unit first."""
    instansi = InstansiFactory(langkah_rute={})
    rute = services.rute_untuk(instansi=instansi, rute="sukarela_lintas_unit")
    assert rute == RUTE_BAWAAN["sukarela_lintas_unit"]
    assert rute["langkah"][0]["peran"] == "pimpinan_unit_tujuan"
