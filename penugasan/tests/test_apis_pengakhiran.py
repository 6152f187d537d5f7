"""API of ending work: one endpoint per action, 200/400/403/404/409 with Indonesian messages."""
from __future__ import annotations

import datetime

import pytest
from rest_framework.test import APIClient

from inti import waktu
from inti.models import AksiAudit, JejakAudit
from penugasan.models import Penugasan, PermohonanPenugasan, StatusPenugasan, StatusTim, TimKerja

from .helpers import ajukan, bangun_pemda

pytestmark = pytest.mark.django_db


def klien(pegawai) -> APIClient:
    c = APIClient()
    c.force_login(pegawai.user)
    return c


@pytest.fixture
def d():
    return bangun_pemda("belu", kode="belu")


def _tugas(d) -> Penugasan:
    p = ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.jf_muda[0]])
    return Penugasan.objects.get(permohonan=p)


def _tim(d) -> TimKerja:
    p = ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.jf_muda[0]], nama_tim="Tim Renstra",
               ketua_tim=d.jf_pertama[0])
    return PermohonanPenugasan.objects.get(pk=p.pk).tim


def test_penugasan_selesaikan_lalu_409(d):
    tugas = _tugas(d)
    kemarin = waktu.hari_ini() - datetime.timedelta(days=1)
    r = klien(d.kabid[0]).post(f"/api/penugasan/penugasan/{tugas.pk}/selesaikan/",
                               {"tanggal": kemarin.isoformat(), "alasan": "Hasil diterima"}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "selesai" and r.json()["tanggal_berakhir"] == kemarin.isoformat()
    assert r.json()["alasan_pengakhiran"] == "Hasil diterima"
    r = klien(d.kabid[0]).post(f"/api/penugasan/penugasan/{tugas.pk}/batalkan/", {"alasan": "x"}, format="json")
    assert r.status_code == 409 and "sudah selesai" in r.json()["detail"]


def test_penugasan_batalkan_400_403_404(d):
    tugas = _tugas(d)
    url = f"/api/penugasan/penugasan/{tugas.pk}/batalkan/"
    r = klien(d.kabid[0]).post(url, {"alasan": " "}, format="json")
    assert r.status_code == 400 and "wajib disertai alasan" in r.json()["alasan"][0]
    besok = waktu.hari_ini() + datetime.timedelta(days=1)
    r = klien(d.kabid[0]).post(url, {"alasan": "Ditunda", "tanggal": besok.isoformat()}, format="json")
    assert r.status_code == 400 and "setelah hari ini" in r.json()["tanggal"][0]
    # the assignee sees the assignment but may not end it: 403 naming who may
    r = klien(d.jf_muda[0]).post(url, {"alasan": "Ditunda"}, format="json")
    assert r.status_code == 403 and "Pimpinan Unit Organisasi" in r.json()["detail"]
    # an official of another Instansi neither sees nor may end it: 404 like a missing id
    lain = bangun_pemda("bungo", kode="bungo")
    r = klien(lain.kabid[0]).post(url, {"alasan": "Ditunda"}, format="json")
    assert r.status_code == 404 and r.json()["detail"] == "Penugasan tidak ditemukan."
    hilang = klien(d.kabid[0]).post("/api/penugasan/penugasan/999999/batalkan/", {"alasan": "x"}, format="json")
    assert (hilang.status_code, hilang.json()) == (404, r.json())
    assert JejakAudit.objects.filter(aksi=AksiAudit.PENUGASAN_BATALKAN, diizinkan=False).count() >= 4
    r = klien(d.kabid[0]).post(url, {"alasan": "Ditunda"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == StatusPenugasan.DIBATALKAN


def test_tim_selesaikan_dan_bubarkan(d):
    tim = _tim(d)
    r = klien(d.kabid[0]).post(f"/api/penugasan/tim/{tim.pk}/bubarkan/", {"alasan": ""}, format="json")
    assert r.status_code == 400
    r = klien(d.jf_pertama[0]).post(f"/api/penugasan/tim/{tim.pk}/selesaikan/", {}, format="json")
    assert r.status_code == 403
    r = klien(d.kepala_dinas).post(f"/api/penugasan/tim/{tim.pk}/selesaikan/", {}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == StatusTim.SELESAI and r.json()["tanggal_berakhir"] == waktu.hari_ini().isoformat()
    assert not Penugasan.objects.filter(tim=tim, status=StatusPenugasan.AKTIF).exists()
    r = klien(d.kabid[0]).post(f"/api/penugasan/tim/{tim.pk}/bubarkan/", {"alasan": "Bubar"}, format="json")
    assert r.status_code == 409 and "sudah selesai" in r.json()["detail"]


def test_tim_penanggung_jawab_menurut_instansi():
    belu = bangun_pemda("belu", kode="belu")
    tim = _tim(belu)
    r = klien(belu.kabid[0]).post(f"/api/penugasan/tim/{tim.pk}/penanggung-jawab/", {"pegawai": belu.kasi[0].pk},
                                  format="json")
    assert r.status_code == 400 and "tidak digunakan" in r.json()["pegawai"][0]
    inhil = bangun_pemda("indragiri_hilir", kode="inhil")
    tim = _tim(inhil)
    r = klien(inhil.kabid[0]).post(f"/api/penugasan/tim/{tim.pk}/penanggung-jawab/",
                                   {"pegawai": inhil.kasi[0].pk}, format="json")
    assert r.status_code == 200 and r.json()["penanggung_jawab"]["id"] == inhil.kasi[0].pk
    r = klien(inhil.kabid[0]).post(f"/api/penugasan/tim/{tim.pk}/penanggung-jawab/", {"pegawai": "x"},
                                   format="json")
    assert r.status_code == 400


def test_permohonan_selesaikan_api(d):
    p = ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.jf_muda[0]])
    r = klien(d.jf_muda[0]).post(f"/api/penugasan/permohonan/{p.pk}/selesaikan/", {}, format="json")
    assert r.status_code == 403
    r = klien(d.kabid[0]).post(f"/api/penugasan/permohonan/{p.pk}/selesaikan/", {"catatan": "Selesai"},
                               format="json")
    assert r.status_code == 200 and r.json()["status"] == "selesai"
    r = klien(d.kabid[0]).post(f"/api/penugasan/permohonan/{p.pk}/selesaikan/", {}, format="json")
    assert r.status_code == 409
