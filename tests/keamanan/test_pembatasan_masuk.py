"""Issue 13, security: login throttling (django-axes) on /masuk/ and /admin/login/. After
AXES_FAILURE_LIMIT wrong passwords for one username from one IP, every further attempt of that
pair is refused with a page in Bahasa Indonesia, even with the right password, until an admin
removes the lock; each attempt leaves an audit row."""
import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db

BENAR = "kata-sandi-benar-123"


@pytest.fixture
def budi():
    return get_user_model().objects.create_user("budi", password=BENAR, is_staff=True, is_superuser=True)


def _coba(client, url, password, ip="10.0.0.7", username="budi"):
    return client.post(url, {"username": username, "password": password, "next": "/"}, REMOTE_ADDR=ip)


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_empat_puluh_kata_sandi_salah_tidak_semua_diterima(client, budi, url_name):
    url = reverse(url_name)
    status = [_coba(client, url, f"salah-{i}").status_code for i in range(40)]
    batas = settings.AXES_FAILURE_LIMIT
    assert status[:batas - 1] == [200] * (batas - 1)  # the form's own "wrong password" answer
    assert status[batas - 1:] == [429] * (40 - batas + 1)
    # the audit: one attempt row for user+IP with every failure counted, one log row per failure
    attempt = AccessAttempt.objects.get(username="budi", ip_address="10.0.0.7")
    assert attempt.failures_since_start >= batas
    assert AccessFailureLog.objects.filter(username="budi").count() >= batas


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_kata_sandi_benar_setelah_terkunci_ditolak_dengan_pesan(client, budi, url_name):
    url = reverse(url_name)
    for i in range(settings.AXES_FAILURE_LIMIT):
        _coba(client, url, f"salah-{i}")
    resp = _coba(client, url, BENAR)
    assert resp.status_code == 429
    html = resp.content.decode()
    assert 'data-testid="halaman-terkunci"' in html and "Akun dikunci sementara" in html
    assert "juga dengan kata sandi yang benar" in html
    assert SESSION_KEY not in client.session


def test_kunci_per_pengguna_dan_ip(client, budi):
    url = reverse("login")
    for i in range(settings.AXES_FAILURE_LIMIT):
        _coba(client, url, f"salah-{i}")
    assert _coba(client, url, BENAR).status_code == 429
    # the same account from another address, and another account from the same address, still log in
    assert _coba(client, url, BENAR, ip="10.0.0.8").status_code == 302
    client.logout()
    get_user_model().objects.create_user("sari", password=BENAR)
    assert _coba(client, url, BENAR, username="sari").status_code == 302


def test_admin_membuka_kunci(client, budi):
    url = reverse("login")
    for i in range(settings.AXES_FAILURE_LIMIT):
        _coba(client, url, f"salah-{i}")
    assert _coba(client, url, BENAR).status_code == 429
    # given an administrator in the axes admin ("Access attempts")
    admin = get_user_model().objects.create_superuser("admin", password="admin-kuat-456")
    from django.test import Client

    admin_client = Client()
    admin_client.force_login(admin)
    attempt = AccessAttempt.objects.get(username="budi")
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert admin_client.get(changelist).status_code == 200
    # when they delete the lock
    resp = admin_client.post(changelist, {"action": "delete_selected", "_selected_action": [attempt.pk],
                                          "post": "yes"})
    assert resp.status_code == 302 and not AccessAttempt.objects.exists()
    # then the right password works again and the success is logged
    assert _coba(client, url, BENAR).status_code == 302
    assert client.session[SESSION_KEY] == str(budi.pk)
    assert AccessLog.objects.filter(username="budi").exists()
