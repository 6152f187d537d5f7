"""/api/notifikasi/: each user sees and marks only their own notifications."""
import pytest
from django.db import transaction
from django.urls import reverse
from rest_framework.test import APIClient

from notifikasi import services
from notifikasi.models import Notifikasi
from organisasi.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def kirim(user, kunci, judul="Judul"):
    with transaction.atomic():
        services.notifikasi_kirim(penerima=[user], jenis="uji", judul=judul, pesan="Isi", url="/x/", kunci=kunci)


@pytest.fixture
def dua_pengguna():
    a, b = UserFactory(), UserFactory()
    for i in range(3):
        kirim(a, f"e{i}", judul=f"A{i}")
    kirim(b, "e0", judul="B0")
    return a, b


def klien(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


def test_anonymous_is_refused():
    resp = APIClient().get(reverse("notifikasi-api:list"))
    assert resp.status_code in (401, 403)


def test_list_shows_only_mine_newest_first(dua_pengguna, django_assert_max_num_queries):
    a, _ = dua_pengguna
    c = klien(a)
    with django_assert_max_num_queries(3):
        resp = c.get(reverse("notifikasi-api:list"))
    assert resp.status_code == 200
    assert resp.json()["count"] == 3
    assert [n["judul"] for n in resp.json()["results"]] == ["A2", "A1", "A0"]
    assert all(n["dibaca"] is False for n in resp.json()["results"])


def test_unread_count_and_mark_one(dua_pengguna):
    a, b = dua_pengguna
    c = klien(a)
    assert c.get(reverse("notifikasi-api:belum-dibaca")).json() == {"belum_dibaca": 3}

    target = Notifikasi.objects.get(penerima=a, judul="A1")
    resp = c.post(reverse("notifikasi-api:tandai-dibaca", args=[target.pk]))
    assert resp.status_code == 200
    assert resp.json() == {"ditandai": 1, "belum_dibaca": 2}
    unread = c.get(reverse("notifikasi-api:list") + "?belum_dibaca=1").json()
    assert [n["judul"] for n in unread["results"]] == ["A2", "A0"]
    assert klien(b).get(reverse("notifikasi-api:belum-dibaca")).json() == {"belum_dibaca": 1}


def test_cannot_mark_someone_elses_notification(dua_pengguna):
    a, b = dua_pengguna
    milik_b = Notifikasi.objects.get(penerima=b)
    resp = klien(a).post(reverse("notifikasi-api:tandai-dibaca", args=[milik_b.pk]))
    assert resp.status_code == 404
    assert resp.json()["detail"]
    milik_b.refresh_from_db()
    assert milik_b.dibaca_pada is None


def test_mark_all(dua_pengguna):
    a, b = dua_pengguna
    resp = klien(a).post(reverse("notifikasi-api:tandai-semua-dibaca"))
    assert resp.status_code == 200
    assert resp.json()["ditandai"] == 3
    assert klien(a).get(reverse("notifikasi-api:belum-dibaca")).json() == {"belum_dibaca": 0}
    assert klien(b).get(reverse("notifikasi-api:belum-dibaca")).json() == {"belum_dibaca": 1}
