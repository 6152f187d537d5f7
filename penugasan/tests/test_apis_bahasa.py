"""API error bodies are in Bahasa Indonesia, DRF's own messages included (its shipped "id"
catalogue lacks many; ``locale/id`` completes it), whatever language the client asks for."""
import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from penugasan.tests.helpers import MULAI, SELESAI, bangun_pemda

pytestmark = pytest.mark.django_db


@pytest.fixture
def klien_pimpinan():
    d = bangun_pemda("belu")
    c = APIClient(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    c.force_login(d.kabid[0].user)
    return c


def test_pesan_drf_untuk_tipe_salah_berbahasa_indonesia(klien_pimpinan):
    r = klien_pimpinan.post(reverse("api-permohonan-ajukan"), {
        "rute": "penunjukan_lintas_unit", "judul": "Renstra", "maksud_tujuan": "x", "hasil_diharapkan": "y",
        "mulai": MULAI.isoformat(), "selesai": SELESAI.isoformat(), "pegawai_diminta": ["abc"],
        "unit_tujuan": "bukan-angka"}, format="json")
    assert r.status_code == 400
    teks = str(r.json())
    assert "Incorrect type" not in teks and "Expected pk value" not in teks
    assert "Tipe salah" in teks


def test_404_api_berbahasa_indonesia(klien_pimpinan):
    r = klien_pimpinan.get(reverse("api-permohonan-detail", args=[999999]))
    assert r.status_code == 404 and r.json() == {"detail": "Permohonan tidak ditemukan."}
    r = klien_pimpinan.post(reverse("api-permohonan-setujui", args=[999999]), {"langkah": "x"}, format="json")
    assert r.status_code == 404 and "tidak ditemukan" in r.json()["detail"]


def test_metode_tidak_diizinkan_berbahasa_indonesia(klien_pimpinan):
    r = klien_pimpinan.delete(reverse("api-permohonan-detail", args=[1]))
    assert r.status_code == 405 and r.json()["detail"] == 'Metode "DELETE" tidak diizinkan.'
