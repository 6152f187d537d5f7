"""Browser: the Content-Security-Policy holds in Chromium. The ``sesi`` fixture fails any test
whose pages report a violation; here: that an injected inline script is refused and reported (so
the check is live), and that the API docs and the admin run without any violation."""

import pytest

from organisasi.tests.factories import bangun_pd_dua_level

pytestmark = pytest.mark.browser
SANDI = "rahasia-uji"  # organisasi.tests.factories.UserFactory


@pytest.fixture
def org(transactional_db, live_server):
    return bangun_pd_dua_level()


def test_script_inline_ditolak_dan_dilaporkan(org, sesi):
    s = sesi()
    page = s.page
    page.goto("/masuk/")
    # markup an attacker might get into a page: an inline script and an event-handler attribute
    page.evaluate("""() => {
        const s = document.createElement('script'); s.textContent = 'window.disuntik = 1;';
        document.body.appendChild(s);
        const d = document.createElement('div'); d.innerHTML = '<img src="/static/css/sistemkerja.css" onerror="window.disuntik2 = 1">';
        document.body.appendChild(d);
    }""")
    page.wait_for_timeout(500)
    assert page.evaluate("window.disuntik") is None and page.evaluate("window.disuntik2") is None
    assert any("script-src" in p for p in s.pelanggaran_csp), s.pelanggaran_csp
    s.pelanggaran_csp.clear()  # expected here; any other violation still fails the test


def test_dokumentasi_api_tanpa_pelanggaran_dan_tanpa_cdn(org, sesi, live_server):
    s = sesi()
    s.masuk(org.kepala_dinas.user.username, SANDI)
    luar = []
    s.page.on("request", lambda r: None if r.url.startswith(live_server.url) or r.url.startswith("data:")
              else luar.append(r.url))
    s.page.goto("/api/docs/")
    s.page.locator(".swagger-ui .info .title").wait_for()
    s.page.locator(".opblock").first.wait_for()
    assert not luar, luar


def test_admin_tanpa_pelanggaran(transactional_db, live_server, sesi):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("admin", password="admin-kuat-456")
    s = sesi()
    page = s.page
    page.goto("/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "admin-kuat-456")
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/admin/")
    for url in ("/admin/organisasi/pegawai/", "/admin/organisasi/pegawai/add/", "/admin/axes/accessattempt/"):
        page.goto(url)
        page.wait_for_load_state("load")
