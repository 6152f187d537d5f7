"""Issue 13, security: a bad or missing API credential is answered 401 with WWW-Authenticate
(not 403), whichever scheme the client tried."""
import base64

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

JALUR = ["api-penugasan-saya", "api-permohonan-menunggu"]


@pytest.mark.parametrize("nama", JALUR)
def test_token_salah_401_dengan_www_authenticate(nama):
    c = APIClient()
    c.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    r = c.get(reverse(nama))
    assert r.status_code == 401
    assert r["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("nama", JALUR)
def test_basic_auth_salah_401_dengan_www_authenticate(nama):
    get_user_model().objects.create_user("budi", password="benar-sekali-123")
    c = APIClient()
    kredensial = base64.b64encode(b"budi:salah").decode()
    c.credentials(HTTP_AUTHORIZATION=f"Basic {kredensial}")
    r = c.get(reverse(nama))
    assert r.status_code == 401 and "WWW-Authenticate" in r


def test_tanpa_kredensial_401():
    r = APIClient().get(reverse("api-penugasan-saya"))
    assert r.status_code == 401 and r["WWW-Authenticate"] == "Token"


def test_token_benar_dan_sesi_tetap_berlaku(client):
    user = get_user_model().objects.create_user("sari", password="benar-sekali-123")
    c = APIClient()
    c.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    assert c.get(reverse("api-penugasan-saya")).status_code == 200
    client.force_login(user)
    assert client.get(reverse("api-penugasan-saya")).status_code == 200
