"""Issue 13, security headers: a strict Content-Security-Policy (no inline script anywhere) and a
Permissions-Policy on every page; API docs from vendored static files, behind login in production.
The browser tests (tests/browser/conftest.py) fail on any CSP violation in a real Chromium."""
import importlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import clear_url_caches, reverse

pytestmark = pytest.mark.django_db


def _direktif(resp) -> dict[str, list[str]]:
    kebijakan = resp["Content-Security-Policy"]
    return {bagian.split()[0]: bagian.split()[1:] for bagian in kebijakan.split(";") if bagian.strip()}


@pytest.mark.parametrize("url", ["/masuk/", "/", "/kotak-masuk/", "/organisasi/bagan/", "/admin/login/",
                                 "/api/docs/"])
def test_setiap_halaman_membawa_csp_ketat_dan_permissions_policy(client, url):
    if url not in ("/masuk/", "/admin/login/"):
        client.force_login(get_user_model().objects.create_superuser("admin", password="x"))
    resp = client.get(url)
    assert resp.status_code == 200
    d = _direktif(resp)
    assert d["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval', no host
    assert d["default-src"] == ["'self'"] and d["object-src"] == ["'none'"]
    assert d["base-uri"] == ["'self'"] and d["form-action"] == ["'self'"]
    kebijakan = resp["Permissions-Policy"]
    for fitur in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert fitur in kebijakan


@pytest.mark.parametrize("url", ["/masuk/", "/", "/kotak-masuk/", "/penugasan/saya/", "/api/docs/"])
def test_halaman_tanpa_script_inline_dan_tanpa_cdn(client, url):
    if url != "/masuk/":
        client.force_login(get_user_model().objects.create_superuser("admin", password="x"))
    html = client.get(url).content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag, f"inline script on {url}: {tag}"
    assert not re.search(r"\son[a-z]+\s*=", html), f"event-handler attribute on {url}"
    assert "cdn.jsdelivr" not in html and "unpkg.com" not in html and "https://" not in html.split("<body")[0]


def test_swagger_ui_dari_static_sidecar(client):
    html = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "<style>" not in html
    skrip = client.get("/api/docs/", {"script": ""})
    assert skrip.status_code == 200 and "SwaggerUIBundle" in skrip.content.decode()


@pytest.fixture
def urlconf_produksi():
    """The root URLconf as built under production settings (API_DOCS_PERLU_MASUK=True)."""
    import sistemkerja.urls

    with override_settings(API_DOCS_PERLU_MASUK=True):
        clear_url_caches()
        importlib.reload(sistemkerja.urls)
        yield
    clear_url_caches()
    importlib.reload(sistemkerja.urls)


def test_dokumentasi_dan_skema_api_perlu_masuk_di_produksi(client, urlconf_produksi):
    resp = client.get("/api/docs/")
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("login"))
    assert client.get("/api/schema/").status_code == 401
    client.force_login(get_user_model().objects.create_user("budi", password="x"))
    assert client.get("/api/docs/").status_code == 200
    assert client.get("/api/schema/").status_code == 200


def test_pengaturan_produksi_meminta_masuk_untuk_dokumentasi_api():
    from pathlib import Path

    teks = (Path(__file__).resolve().parents[2] / "sistemkerja/settings/production.py").read_text()
    assert re.search(r"^API_DOCS_PERLU_MASUK = True$", teks, re.M)
