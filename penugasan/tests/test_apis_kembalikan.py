"""REST API of return for revision / revision / resubmission: 400, 403, 404, 409 and the happy path."""
from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from inti.models import JejakAudit

from .helpers import ajukan, bangun_pemda

pytestmark = pytest.mark.django_db


def klien(pegawai) -> APIClient:
    c = APIClient()
    c.force_login(pegawai.user)
    return c


@pytest.fixture
def d():
    return bangun_pemda("belu", kode="belu")


def test_kembalikan_perbaiki_ajukan_ulang_lewat_api(d):
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    pemohon, penentu = klien(d.kabid[0]), klien(d.kasi[1])
    url = reverse("api-permohonan-kembalikan", args=[p.pk])
    # no reason: 400 with the field
    r = penentu.post(url, {"alasan": " ", "langkah": 0}, format="json")
    assert r.status_code == 400 and "alasan" in r.json()
    # not the decider: 403 (the requester sees the request)
    r = pemohon.post(url, {"alasan": "Lengkapi", "langkah": 0}, format="json")
    assert r.status_code == 403
    # cannot revise while it is awaiting a decision: 409
    r = pemohon.post(reverse("api-permohonan-perbaiki", args=[p.pk]), {"judul": "Baru"}, format="json")
    assert r.status_code == 409
    r = penentu.post(url, {"alasan": "Lengkapi target kinerja", "langkah": 0}, format="json")
    assert r.status_code == 200, r.json()
    assert (r.json()["status"], r.json()["alasan_pengembalian"]) == ("dikembalikan", "Lengkapi target kinerja")
    assert [x["keputusan"] for x in r.json()["riwayat"]] == ["ajukan", "kembalikan"]
    # a second click: 409
    r = penentu.post(url, {"alasan": "Lagi", "langkah": 0}, format="json")
    assert r.status_code == 409 and "detail" in r.json()

    perbaiki = reverse("api-permohonan-perbaiki", args=[p.pk])
    r = penentu.post(perbaiki, {"judul": "Baru"}, format="json")
    assert r.status_code == 403
    r = pemohon.post(perbaiki, {"judul": "", "selesai": "2000-01-01"}, format="json")
    assert r.status_code == 400 and {"judul", "selesai"} <= set(r.json())
    r = pemohon.post(perbaiki, {"hasil_diharapkan": "Dokumen Renstra dengan indikator terukur"}, format="json")
    assert r.status_code == 200 and r.json()["hasil_diharapkan"] == "Dokumen Renstra dengan indikator terukur"
    r = pemohon.post(reverse("api-permohonan-ajukan-draf", args=[p.pk]), {}, format="json")
    assert r.status_code == 200 and (r.json()["status"], r.json()["langkah_ke"]) == ("menunggu_keputusan", 0)
    r = penentu.post(reverse("api-permohonan-setujui", args=[p.pk]), {"langkah": 0}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "disetujui"
    assert [x["keputusan"] for x in r.json()["riwayat"]] == ["ajukan", "kembalikan", "perbaiki", "ajukan", "setujui"]
    ditolak = set(JejakAudit.objects.filter(objek_id=str(p.pk), diizinkan=False).values_list("aksi", flat=True))
    assert ditolak == {"permohonan.kembalikan", "permohonan.perbaiki"}


def test_kembalikan_dilarang_rute_409_dan_orang_luar_404(d):
    p = ajukan(d.jf_pertama[0], "sukarela_dalam_unit")
    r = klien(d.kasi[0]).post(reverse("api-permohonan-kembalikan", args=[p.pk]), {"alasan": "Lengkapi", "langkah": 0},
                              format="json")
    assert r.status_code == 409
    lain = bangun_pemda("bungo", kode="bungo")
    r = klien(lain.kasi[0]).post(reverse("api-permohonan-kembalikan", args=[p.pk]), {"alasan": "x", "langkah": 0},
                                 format="json")
    assert r.status_code == 404
    r = klien(lain.kasi[0]).post(reverse("api-permohonan-perbaiki", args=[p.pk]), {"judul": "x"}, format="json")
    assert r.status_code == 404
    assert JejakAudit.objects.filter(objek_id=str(p.pk), diizinkan=False, aksi="permohonan.kembalikan").count() == 2


def test_ip_audit_dari_header_proxy_terpercaya_bukan_dari_klien(settings):
    """An API refusal records the address our proxy saw, not the X-Forwarded-For the client wrote."""
    settings.SISTEMKERJA_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.SISTEMKERJA_NUM_PROXIES = 1
    d = bangun_pemda("belu")
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    r = klien(d.jf_muda[1]).post(reverse("api-permohonan-tolak", args=[p.pk]), {"alasan": "iseng"}, format="json",
                                 HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.2")
    assert r.status_code in (403, 404)
    baris = JejakAudit.objects.filter(objek_id=str(p.pk), diizinkan=False).latest("id")
    assert baris.ip == "203.0.113.9"
