"""Every person a request involves belongs to the scope of its route (issue 9, critical bypass).

Tables: for all five presets, every route the preset has × every role a person plays in the
request (requested staff, ketua, staff chosen by a decider, staff in an availability answer,
revision) × a person outside the route's scope → 400 naming the person (name, NIP) and the
route that would be needed; nothing is created or decided.
"""
from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from organisasi.models import Preset
from organisasi.tests.factories import bangun_pd_dua_level
from organisasi import selectors as org
from penugasan import services
from penugasan.models import Penugasan, PermohonanPenugasan, StatusPermohonan, TimKerja

from .helpers import ajukan, bangun_pemda

pytestmark = pytest.mark.django_db

PRESET = [p for p in Preset.values if p != Preset.KUSTOM]


class Dunia:
    """Requesting region ``a`` (one Dinas + a second PD), another region ``b`` (the target of
    lintas instansi routes) and a third region ``c`` (nobody's business in these requests)."""

    def __init__(self, preset: str):
        self.preset = preset
        self.a = bangun_pemda(preset, kode=f"{preset[:6]}-a")
        self.pd2 = bangun_pd_dua_level(self.a.instansi, "Dinas Pendidikan")
        self.b = bangun_pemda("belu", kode="belu-b")
        self.c = bangun_pemda("bungo", kode="bungo-c")


def _galat(exc: pytest.ExceptionInfo, field: str) -> str:
    return " ".join(exc.value.message_dict[field])


def _menyebut(pesan: str, pegawai, rute_perlu: str) -> bool:
    return pegawai.nama_lengkap in pesan and pegawai.nip in pesan and rute_perlu in pesan


LINTAS_UNIT = "lintas Unit Organisasi"
LINTAS_INSTANSI = "lintas Instansi"

# (route, role, builder(dunia) -> (submitter, input, outsider), field, words of the route needed)
KASUS_BUAT = {
    ("penunjukan_dalam_unit", "pegawai_diminta", "unit lain"): (
        lambda w: (w.a.kabid[0], {"pegawai_diminta": [w.a.jf_pertama[1]]}, w.a.jf_pertama[1]),
        "pegawai_diminta", LINTAS_UNIT),
    ("penunjukan_dalam_unit", "pegawai_diminta", "PD lain"): (
        lambda w: (w.a.kabid[0], {"pegawai_diminta": [w.pd2.jf_muda[0]]}, w.pd2.jf_muda[0]),
        "pegawai_diminta", LINTAS_UNIT),
    ("penunjukan_dalam_unit", "ketua_tim", "unit lain"): (
        lambda w: (w.a.kabid[0], {"pegawai_diminta": [w.a.jf_muda[0]], "nama_tim": "Tim Renstra",
                                  "ketua_tim": w.a.jf_pertama[1]}, w.a.jf_pertama[1]),
        "ketua_tim", LINTAS_UNIT),
    ("penunjukan_dalam_unit", "ketua_tim", "instansi lain"): (
        lambda w: (w.a.kabid[0], {"pegawai_diminta": [w.a.jf_muda[0]], "nama_tim": "Tim Renstra",
                                  "ketua_tim": w.b.jf_muda[0]}, w.b.jf_muda[0]),
        "ketua_tim", LINTAS_INSTANSI),
    ("penunjukan_dalam_unit", "anggota", "instansi lain"): (
        lambda w: (w.a.kabid[0], {"pegawai_diminta": [w.a.jf_muda[0], w.b.jf_muda[0]], "nama_tim": "Tim Renstra",
                                  "ketua_tim": w.a.jf_muda[0]}, w.b.jf_muda[0]),
        "pegawai_diminta", LINTAS_INSTANSI),
    ("penunjukan_lintas_unit", "pegawai_diminta", "instansi lain"): (
        lambda w: (w.a.kabid[0], {"unit_tujuan": w.a.seksi[1], "pegawai_diminta": [w.b.jf_pertama[0]]},
                   w.b.jf_pertama[0]),
        "pegawai_diminta", LINTAS_INSTANSI),
    ("penunjukan_lintas_unit", "ketua_tim", "instansi lain"): (
        lambda w: (w.a.kabid[0], {"unit_tujuan": w.a.seksi[1], "pegawai_diminta": [w.a.jf_pertama[1]],
                                  "nama_tim": "Tim Renstra", "ketua_tim": w.b.jf_muda[0]}, w.b.jf_muda[0]),
        "ketua_tim", LINTAS_INSTANSI),
    ("penunjukan_lintas_instansi", "pegawai_diminta", "instansi sendiri"): (
        lambda w: (w.a.kabid[0], {"unit_tujuan": w.b.seksi[0], "pegawai_diminta": [w.a.jf_pertama[1]]},
                   w.a.jf_pertama[1]),
        "pegawai_diminta", LINTAS_UNIT),
    ("penunjukan_lintas_instansi", "ketua_tim", "instansi ketiga"): (
        lambda w: (w.a.kabid[0], {"unit_tujuan": w.b.seksi[0], "pegawai_diminta": [w.b.jf_pertama[0]],
                                  "nama_tim": "Tim Renstra", "ketua_tim": w.c.jf_muda[0]}, w.c.jf_muda[0]),
        "ketua_tim", LINTAS_INSTANSI),
    ("sukarela_dalam_unit", "ketua_tim", "unit lain"): (
        lambda w: (w.a.jf_pertama[0], {"nama_tim": "Tim Renstra", "ketua_tim": w.a.jf_muda[1]}, w.a.jf_muda[1]),
        "ketua_tim", LINTAS_UNIT),
    ("sukarela_lintas_unit", "ketua_tim", "instansi lain"): (
        lambda w: (w.a.jf_pertama[0], {"unit_tujuan": w.a.bidang[1], "nama_tim": "Tim Renstra",
                                       "ketua_tim": w.b.jf_muda[0]}, w.b.jf_muda[0]),
        "ketua_tim", LINTAS_INSTANSI),
}


def _rute_ada(preset: str, rute: str) -> bool:
    from organisasi.presets import PRESETS

    return rute != "penunjukan_lintas_instansi" or PRESETS[preset]["lintas_instansi_aktif"]


@pytest.mark.parametrize("preset,kasus", [(p, k) for p in PRESET for k in KASUS_BUAT if _rute_ada(p, k[0])],
                         ids=lambda v: "-".join(v) if isinstance(v, tuple) else v)
def test_pembuatan_menolak_orang_di_luar_lingkup_rute(preset, kasus):
    w = Dunia(preset)
    rute = kasus[0]
    bangun, field, perlu = KASUS_BUAT[kasus]
    pengaju, masukan, orang_luar = bangun(w)
    with pytest.raises(ValidationError) as exc:
        ajukan(pengaju, rute, kriteria="Perencana", **masukan)
    pesan = _galat(exc, field)
    assert _menyebut(pesan, orang_luar, perlu), pesan
    assert not PermohonanPenugasan.objects.exists() and not TimKerja.objects.exists()
    assert not Penugasan.objects.exists()


@pytest.mark.parametrize("preset", PRESET)
def test_bypass_dalam_unit_ketua_dari_instansi_lain_tidak_menghasilkan_surat(preset):
    """The reported bypass: an in-unit request (no decision step) whose ketua sits in another
    agency used to be approved at once, with a letter on the other agency's letterhead."""
    from surat.models import Surat

    w = Dunia(preset)
    with pytest.raises(ValidationError):
        ajukan(w.a.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[w.a.jf_muda[0]], nama_tim="Tim Renstra",
               ketua_tim=w.b.jf_muda[0])
    assert not Surat.objects.exists()
    # inside the scope the same request is approved at once
    p = ajukan(w.a.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[w.a.jf_muda[0]], nama_tim="Tim Renstra",
               ketua_tim=w.a.pelaksana[0])
    assert p.status == StatusPermohonan.DISETUJUI
    assert {s.instansi_id for s in Surat.objects.all()} == {w.a.instansi.pk}


def _penentu(p: PermohonanPenugasan):
    pejabat = org.pejabat_berwenang(jabatan=p.jabatan_penentu)
    return pejabat.pegawai.user


def _jalankan_sampai_pilih(p: PermohonanPenugasan) -> PermohonanPenugasan:
    """Approve the steps before the one where staff are chosen (availability answer or the PPK
    where the staff sit)."""
    for _ in range(10):
        step = p.langkah_sekarang
        assert step is not None, "route ended before staff were chosen"
        if step["aksi"] == "jawab_ketersediaan" or step["peran"] == "ppk_tujuan":
            return p
        p = services.permohonan_setujui(actor=_penentu(p), permohonan_id=p.pk)
    raise AssertionError("too many steps")


# (route, how) -> builder(dunia) -> (submitter, input, outsider, insider, words of the route needed)
KASUS_PILIH = {
    ("penunjukan_lintas_unit", "unit lain dalam instansi"): lambda w: (
        w.a.kabid[0], {"unit_tujuan": w.a.seksi[1]}, w.a.jf_pertama[0], w.a.jf_pertama[1], "dalam Unit"),
    ("penunjukan_lintas_unit", "instansi lain"): lambda w: (
        w.a.kabid[0], {"unit_tujuan": w.a.seksi[1]}, w.b.jf_pertama[0], w.a.jf_pertama[1], LINTAS_INSTANSI),
    ("penunjukan_lintas_unit", "PD lain, ketersediaan"): lambda w: (
        w.a.kabid[0], {"unit_tujuan": w.pd2.seksi[0]}, w.a.jf_pertama[1], w.pd2.jf_pertama[0], LINTAS_UNIT),
    ("penunjukan_lintas_instansi", "instansi sendiri, ketersediaan"): lambda w: (
        w.a.kabid[0], {"unit_tujuan": w.b.seksi[0]}, w.a.jf_pertama[1], w.b.jf_pertama[0], LINTAS_UNIT),
    ("penunjukan_lintas_instansi", "instansi ketiga, ketersediaan"): lambda w: (
        w.a.kabid[0], {"unit_tujuan": w.b.seksi[0]}, w.c.jf_pertama[0], w.b.jf_pertama[0], LINTAS_INSTANSI),
}


@pytest.mark.parametrize("preset,kasus", [(p, k) for p in PRESET for k in KASUS_PILIH if _rute_ada(p, k[0])],
                         ids=lambda v: "-".join(v) if isinstance(v, tuple) else v)
def test_pegawai_yang_dipilih_penentu_harus_dalam_lingkup(preset, kasus):
    w = Dunia(preset)
    rute = kasus[0]
    pengaju, masukan, orang_luar, orang_dalam, perlu = KASUS_PILIH[kasus](w)
    p = _jalankan_sampai_pilih(ajukan(pengaju, rute, kriteria="Perencana", **masukan))
    step = p.langkah_sekarang
    putuskan = (services.permohonan_jawab_ketersediaan if step["aksi"] == "jawab_ketersediaan"
                else services.permohonan_setujui)
    penentu = _penentu(p)
    sebelum = (p.langkah_ke, p.status)
    with pytest.raises(ValidationError) as exc:
        putuskan(actor=penentu, permohonan_id=p.pk, pegawai_ids=[orang_dalam.pk, orang_luar.pk])
    pesan = _galat(exc, "pegawai")
    assert orang_luar.nama_lengkap in pesan and orang_luar.nip in pesan, pesan
    assert perlu in pesan, pesan
    q = PermohonanPenugasan.objects.get(pk=p.pk)
    assert (q.langkah_ke, q.status) == sebelum and not q.pegawai_ditugaskan.exists()
    # inside the scope the same step goes through
    putuskan(actor=penentu, permohonan_id=p.pk, pegawai_ids=[orang_dalam.pk])


@pytest.mark.parametrize("preset", PRESET)
def test_perbaikan_menolak_ketua_di_luar_lingkup(preset):
    w = Dunia(preset)
    p = ajukan(w.a.kabid[0], "penunjukan_lintas_unit", unit_tujuan=w.a.seksi[1], pegawai_diminta=[w.a.jf_pertama[1]])
    p = services.permohonan_kembalikan(actor=_penentu(p), permohonan_id=p.pk, alasan="Bentuk tim")
    with pytest.raises(ValidationError) as exc:
        services.permohonan_perbaiki(actor=w.a.kabid[0].user, permohonan_id=p.pk, nama_tim="Tim Renstra",
                                     ketua_tim=w.c.jf_muda[0])
    assert _menyebut(_galat(exc, "ketua_tim"), w.c.jf_muda[0], LINTAS_INSTANSI)
    assert PermohonanPenugasan.objects.get(pk=p.pk).ketua_tim is None
