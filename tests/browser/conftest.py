"""Playwright harness: Debian's Chromium against the Django live server on the test database.

Never downloads a browser: when /usr/bin/chromium (or $CHROMIUM_PATH) is absent every test here
is skipped with a plain message. Screenshots go to ``test-artifacts/`` (gitignored).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import BROWSER_SKIP_REASON, CHROMIUM_PATH, chromium_available

# live_server runs in a thread while Playwright's sync API drives the browser from the test
# thread; Django's async-safety guard would otherwise refuse ORM calls made from here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

# When Chromium is absent, tests/conftest.py marks every ``browser`` test skipped (plain message,
# repeated in the summary); the ``browser`` fixture below skips too, for unmarked callers.

ARTEFAK = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PONSEL = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser():
    if not chromium_available():
        pytest.skip(BROWSER_SKIP_REASON)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def demo(transactional_db, live_server, demo_dump) -> dict:
    """The demo region in the test database: accounts by username, their pegawai and units."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from organisasi import selectors as org_selectors

    call_command("loaddata", str(demo_dump), verbosity=0)
    users = {u.username: u for u in get_user_model().objects.select_related("pegawai")}
    pegawai = {n: u.pegawai for n, u in users.items() if getattr(u, "pegawai", None) is not None}
    return {
        "users": users,
        "pegawai": pegawai,
        "unit": {n: org_selectors.unit_pegawai(pegawai=p) for n, p in pegawai.items()},
        "password": _kata_sandi_demo(),
    }


def _kata_sandi_demo() -> str:
    from organisasi.demo import DEMO_PASSWORD

    return DEMO_PASSWORD


class Sesi:
    """One logged-in browser context for a demo user, with screenshot helpers."""

    def __init__(self, browser, base_url: str, nama_uji: str, viewport: dict):
        self.context = browser.new_context(viewport=viewport, locale="id-ID", base_url=base_url)
        self.context.set_default_timeout(15_000)
        # Content-Security-Policy (issue 13): every violation on any page of the test fails it.
        # Chromium reports them on the console ("Refused to ...") and as securitypolicyviolation
        # events (the init script runs outside the page's CSP).
        self.pelanggaran_csp: list[str] = []
        self.tanpa_csp: list[str] = []
        self.context.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => console.error("
            "'CSP-VIOLATION ' + e.violatedDirective + ' ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber));")
        self.page = self.context.new_page()
        self.page.on("console", self._konsol)
        self.page.on("response", self._respons)
        self.base_url = base_url
        self.nama_uji = re.sub(r"[^A-Za-z0-9_.-]+", "_", nama_uji)
        self._n = 0

    def _konsol(self, pesan) -> None:
        teks = pesan.text
        if "CSP-VIOLATION" in teks or "Refused to" in teks or "Content Security Policy" in teks:
            self.pelanggaran_csp.append(f"{self.page.url}: {teks}")

    def _respons(self, respons) -> None:
        if respons.request.resource_type == "document" and respons.status < 300 \
                and "content-security-policy" not in respons.headers:
            self.tanpa_csp.append(respons.url)

    def masuk(self, username: str, password: str | None = None):
        page = self.page
        page.goto("/masuk/")
        page.get_by_label("Nama pengguna").fill(username)
        page.get_by_label("Kata sandi").fill(password or _kata_sandi_demo())
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_url(re.compile(r".*/$"))
        return page

    def keluar(self):
        self.context.clear_cookies()

    def foto(self, label: str, *, ponsel: bool = False) -> Path:
        """Full-page screenshot; with ponsel=True also at phone width (then restored)."""
        ARTEFAK.mkdir(exist_ok=True)
        self._n += 1
        path = ARTEFAK / f"{self.nama_uji}-{self._n:02d}-{label}.png"
        self.page.screenshot(path=str(path), full_page=True)
        if ponsel:
            ukuran = self.page.viewport_size
            self.page.set_viewport_size(PONSEL)
            self.page.screenshot(path=str(path.with_name(path.stem + "-ponsel.png")), full_page=True)
            self.page.set_viewport_size(ukuran)
        return path

    def tutup(self):
        self.context.close()


@pytest.fixture
def sesi(browser, live_server, request):
    """Factory: ``sesi("ppk")`` returns a logged-in Sesi for that demo user (desktop size)."""
    dibuka: list[Sesi] = []

    def buat(username: str | None = None, *, viewport: dict = DESKTOP) -> Sesi:
        s = Sesi(browser, live_server.url, request.node.name, viewport)
        dibuka.append(s)
        if username:
            s.masuk(username)
        return s

    yield buat
    for s in dibuka:
        s.tutup()
    pelanggaran = [p for s in dibuka for p in s.pelanggaran_csp]
    tanpa_csp = [u for s in dibuka for u in s.tanpa_csp]
    assert not pelanggaran, "Content-Security-Policy violations:\n" + "\n".join(pelanggaran)
    assert not tanpa_csp, "pages without a Content-Security-Policy header:\n" + "\n".join(tanpa_csp)
