"""Page frame, login/logout, error pages, home page (beranda)."""
import pytest
from django.urls import reverse

from notifikasi.services import notifikasi_kirim
from organisasi.tests.factories import UserFactory, bangun_pd_dua_level

pytestmark = pytest.mark.django_db


def test_halaman_masuk_berlabel_dan_tamu_dialihkan_ke_masuk(client):
    resp = client.get(reverse("beranda"))
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("login"))
    html = client.get(reverse("login")).content.decode()
    assert '<label for="id_username">' in html and '<label for="id_password">' in html
    assert 'href="#konten"' in html  # skip link
    assert "cdn" not in html.lower()


def test_masuk_salah_menampilkan_pesan_dan_masuk_benar_ke_beranda(client):
    UserFactory(username="budi")
    resp = client.post(reverse("login"), {"username": "budi", "password": "salah"})
    assert resp.status_code == 200
    assert "errorlist" in resp.content.decode()
    resp = client.post(reverse("login"), {"username": "budi", "password": "rahasia-uji"})
    assert resp.status_code == 302 and resp["Location"] == reverse("beranda")
    resp = client.get(reverse("beranda"))
    assert resp.status_code == 200
    assert "Akun Anda belum terhubung dengan data pegawai" in resp.content.decode()


def test_keluar_dengan_post(client):
    user = UserFactory()
    client.force_login(user)
    resp = client.post(reverse("logout"))
    assert resp.status_code == 302
    assert client.get(reverse("beranda")).status_code == 302


def test_halaman_404_ramah(client):
    client.force_login(UserFactory())
    resp = client.get("/tidak-ada-halaman-ini/")
    assert resp.status_code == 404
    html = resp.content.decode()
    assert "Halaman tidak ditemukan" in html and "Traceback" not in html


def test_beranda_menampilkan_jabatan_dan_notifikasi_belum_dibaca_dengan_lencana(client):
    org = bangun_pd_dua_level()
    jf = org.jf_muda[0]
    notifikasi_kirim(penerima=[jf.user], jenis="uji", judul="Permohonan baru menunggu", pesan="",
                     kunci="uji-1")
    client.force_login(jf.user)
    html = client.get(reverse("beranda")).content.decode()
    assert "Perencana Ahli Muda" in html
    assert 'data-testid="bagian-notifikasi"' in html and "Permohonan baru menunggu" in html
    assert 'data-testid="lencana-notifikasi">1' in html
    # a user with nothing pending sees the empty state, not empty sections
    client.force_login(org.pelaksana[0].user)
    html = client.get(reverse("beranda")).content.decode()
    assert 'data-testid="bagian-notifikasi"' not in html and 'data-testid="beranda-kosong"' in html


def test_daftar_notifikasi_buka_menandai_dibaca_dan_hanya_milik_sendiri(client):
    from notifikasi.models import Notifikasi

    budi, ani = UserFactory(username="budi"), UserFactory(username="ani")
    notifikasi_kirim(penerima=[budi], jenis="uji", judul="Untuk Budi", pesan="Isi", url="/penugasan/saya/",
                     kunci="n-1")
    notifikasi_kirim(penerima=[ani], jenis="uji", judul="Untuk Ani", pesan="", kunci="n-2")
    client.force_login(budi)
    html = client.get(reverse("notifikasi_daftar")).content.decode()
    assert "Untuk Budi" in html and "Untuk Ani" not in html
    n = Notifikasi.objects.get(penerima=budi)
    resp = client.post(reverse("notifikasi_tandai_dibaca"), {"id": n.pk, "lanjut": n.url})
    assert resp.status_code == 302 and resp["Location"] == "/penugasan/saya/"
    n.refresh_from_db()
    assert n.dibaca_pada is not None
    # someone else's notification is "not found"; an off-site "lanjut" is ignored
    lain = Notifikasi.objects.get(penerima=ani)
    assert client.post(reverse("notifikasi_tandai_dibaca"), {"id": lain.pk}).status_code == 404
    resp = client.post(reverse("notifikasi_tandai_dibaca"), {"semua": "1", "lanjut": "https://contoh.invalid/"})
    assert resp["Location"] == reverse("notifikasi_daftar")
    assert 'data-testid="lencana-notifikasi"' not in client.get(reverse("notifikasi_daftar")).content.decode()


def test_formulir_tanpa_token_csrf_mendapat_halaman_ramah():
    from django.test import Client

    resp = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "x", "password": "y"})
    assert resp.status_code == 403
    assert "Sesi formulir berakhir" in resp.content.decode()
