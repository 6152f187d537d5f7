"""Defects found in issue 9, each pinned by a test: jenjang criteria, choosing more staff than
requested, resubmitting a returned request unchanged, submitting a refused request, revising
route or units."""
from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from penugasan import services
from penugasan.models import PermohonanPenugasan, StatusPermohonan
from inti.exceptions import KonflikError

from .helpers import ajukan, bangun_pemda

pytestmark = pytest.mark.django_db


@pytest.fixture
def d():
    return bangun_pemda("belu", kode="belu")


def klien(pegawai) -> APIClient:
    c = APIClient()
    c.force_login(pegawai.user)
    return c


# ---------------------------------------------------------------- kriteria_jenjang


@pytest.mark.parametrize("jenis,jenjang", [("", "ahli_super"), ("fungsional", "ahli_setengah"),
                                           ("pelaksana", "ahli_muda"), ("", "x" * 30)])
def test_kriteria_jenjang_diperiksa_seperti_jenis_jabatan(d, jenis, jenjang):
    with pytest.raises(ValidationError) as exc:
        ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], kriteria="Perencana",
               kriteria_jenis_jabatan=jenis, kriteria_jenjang=jenjang)
    assert "kriteria_jenjang" in exc.value.message_dict
    assert not PermohonanPenugasan.objects.exists()


def test_kriteria_jenjang_yang_dikenal_diterima_dan_diperiksa_saat_perbaikan(d):
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], kriteria="Perencana",
               kriteria_jenis_jabatan="fungsional", kriteria_jenjang="ahli_pertama")
    services.permohonan_kembalikan(actor=d.kasi[1].user, permohonan_id=p.pk, alasan="Jenjang?")
    with pytest.raises(ValidationError) as exc:
        services.permohonan_perbaiki(actor=d.kabid[0].user, permohonan_id=p.pk, kriteria_jenjang="ahli_super")
    assert "kriteria_jenjang" in exc.value.message_dict


def test_kriteria_jenjang_lewat_api_400(d):
    r = klien(d.kabid[0]).post(reverse("api-permohonan-ajukan"), {
        "rute": "penunjukan_lintas_unit", "unit_tujuan": d.seksi[1].pk, "kriteria": "Perencana",
        "kriteria_jenjang": "ahli_super", "judul": "R", "maksud_tujuan": "M", "kompetensi_uraian": "K",
        "hasil_diharapkan": "H", "mulai": "2030-01-01", "selesai": "2030-02-01"}, format="json")
    assert r.status_code == 400 and "kriteria_jenjang" in r.json()


# ---------------------------------------------------------------- more staff than requested


def test_memilih_lebih_banyak_pegawai_perlu_konfirmasi(d):
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], kriteria="Perencana",
               jumlah_dibutuhkan=1)
    dua = [d.jf_pertama[1].pk, d.pelaksana[1].pk]
    with pytest.raises(ValidationError) as exc:
        services.permohonan_setujui(actor=d.kasi[1].user, permohonan_id=p.pk, pegawai_ids=dua)
    pesan = " ".join(exc.value.message_dict["pegawai"])
    assert "2" in pesan and "1" in pesan and "konfirmasi" in pesan.lower()
    assert PermohonanPenugasan.objects.get(pk=p.pk).status == StatusPermohonan.MENUNGGU_KEPUTUSAN
    p = services.permohonan_setujui(actor=d.kasi[1].user, permohonan_id=p.pk, pegawai_ids=dua,
                                    konfirmasi_melebihi=True)
    assert p.status == StatusPermohonan.DISETUJUI and p.pegawai_ditugaskan.count() == 2
    assert any("melebihi" in w for w in p.peringatan)
    assert "melebihi" in p.riwayat.order_by("-urutan").first().catatan


def test_memilih_lebih_banyak_lewat_api_memberi_peringatan(d):
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], kriteria="Perencana",
               jumlah_dibutuhkan=1)
    c = klien(d.kasi[1])
    url = reverse("api-permohonan-setujui", args=[p.pk])
    r = c.post(url, {"langkah": p.langkah_ke, "pegawai": [d.jf_pertama[1].pk, d.pelaksana[1].pk]}, format="json")
    assert r.status_code == 400 and "pegawai" in r.json()
    r = c.post(url, {"langkah": p.langkah_ke, "pegawai": [d.jf_pertama[1].pk, d.pelaksana[1].pk],
                    "konfirmasi_melebihi": True},
               format="json")
    assert r.status_code == 200, r.json()
    assert any("melebihi" in w for w in r.json()["peringatan"])


def test_memilih_lebih_banyak_lewat_halaman_menampilkan_konfirmasi(d):
    from django.test import Client

    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], kriteria="Perencana",
               jumlah_dibutuhkan=1)
    c = Client()
    c.force_login(d.kasi[1].user)
    html = c.get(reverse("permohonan_detail", args=[p.pk])).content.decode()
    assert 'name="konfirmasi_melebihi"' in html
    data = {"langkah": p.langkah_ke, "pegawai_ids": [d.jf_pertama[1].pk, d.pelaksana[1].pk], "catatan": ""}
    r = c.post(reverse("permohonan_setujui", args=[p.pk]), data)
    assert r.status_code == 400 and "konfirmasi" in r.content.decode().lower()
    assert PermohonanPenugasan.objects.get(pk=p.pk).status == StatusPermohonan.MENUNGGU_KEPUTUSAN
    r = c.post(reverse("permohonan_setujui", args=[p.pk]), {**data, "konfirmasi_melebihi": "on"})
    assert r.status_code == 302
    assert PermohonanPenugasan.objects.get(pk=p.pk).status == StatusPermohonan.DISETUJUI


# ---------------------------------------------------------------- resubmission and refusal


def test_permohonan_dikembalikan_tidak_dapat_diajukan_ulang_tanpa_perbaikan(d):
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    services.permohonan_kembalikan(actor=d.kasi[1].user, permohonan_id=p.pk, alasan="Lengkapi target")
    with pytest.raises(KonflikError) as exc:
        services.permohonan_ajukan(actor=d.kabid[0].user, permohonan_id=p.pk)
    assert "belum diperbaiki" in exc.value.message and "Lengkapi target" in exc.value.message
    services.permohonan_perbaiki(actor=d.kabid[0].user, permohonan_id=p.pk, hasil_diharapkan="Renstra final + IKU")
    p = services.permohonan_ajukan(actor=d.kabid[0].user, permohonan_id=p.pk)
    assert p.status == StatusPermohonan.MENUNGGU_KEPUTUSAN
    # returned a second time: the first revision does not count for the second return
    services.permohonan_kembalikan(actor=d.kasi[1].user, permohonan_id=p.pk, alasan="Masih kurang")
    with pytest.raises(KonflikError):
        services.permohonan_ajukan(actor=d.kabid[0].user, permohonan_id=p.pk)


def test_ajukan_permohonan_ditolak_menyebut_penolakan(d):
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    services.permohonan_tolak(actor=d.kasi[1].user, permohonan_id=p.pk, alasan="Beban kerja penuh")
    with pytest.raises(KonflikError) as exc:
        services.permohonan_ajukan(actor=d.kabid[0].user, permohonan_id=p.pk)
    assert "ditolak" in exc.value.message and "Beban kerja penuh" in exc.value.message
    r = klien(d.kabid[0]).post(reverse("api-permohonan-ajukan-draf", args=[p.pk]))
    assert r.status_code == 409 and "ditolak" in r.json()["detail"]


# ---------------------------------------------------------------- revision of route / units


@pytest.mark.parametrize("field", ["rute", "unit_tujuan", "unit_asal", "instansi_tujuan"])
def test_perbaiki_rute_atau_unit_ditolak_dengan_pesan(d, field):
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    services.permohonan_kembalikan(actor=d.kasi[1].user, permohonan_id=p.pk, alasan="Lengkapi")
    nilai = {"rute": "penunjukan_dalam_unit", "unit_tujuan": d.seksi[0].pk, "unit_asal": d.bidang[1].pk,
             "instansi_tujuan": d.instansi.pk}[field]
    r = klien(d.kabid[0]).post(reverse("api-permohonan-perbaiki", args=[p.pk]),
                               {field: nilai, "judul": "Baru"}, format="json")
    assert r.status_code == 400
    assert "rute dan unit tidak dapat diubah" in str(r.json()).lower()
    assert PermohonanPenugasan.objects.get(pk=p.pk).judul != "Baru"
    with pytest.raises(ValidationError) as exc:
        services.permohonan_perbaiki(actor=d.kabid[0].user, permohonan_id=p.pk, **{field: nilai})
    assert "rute dan unit tidak dapat diubah" in str(exc.value).lower()
