"""Browser: a forgotten password, from the login page to logging in with the new one (the e-mail
read from Django's test outbox), on a phone-sized screen; screenshots in test-artifacts/."""
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from tests.browser.conftest import PONSEL

pytestmark = pytest.mark.browser


@pytest.fixture
def pengguna(transactional_db, live_server, settings):
    settings.SITE_URL = live_server.url
    return get_user_model().objects.create_user("siti", email="siti@contoh.go.id", password="sandi-lama-123",
                                                first_name="Siti")


def test_lupa_kata_sandi_sampai_masuk_dengan_yang_baru(pengguna, sesi):
    s = sesi(viewport=PONSEL)
    page = s.page
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill("siti")
    page.get_by_label("Kata sandi").fill("salah")
    page.get_by_role("button", name="Masuk").click()
    assert "Nama pengguna dan kata sandi tidak cocok" in page.get_by_role("alert").inner_text()
    page.get_by_role("link", name="Lupa kata sandi?").click()
    s.foto("lupa-kata-sandi")
    page.get_by_label("Alamat e-mail").fill("siti@contoh.go.id")
    page.get_by_role("button", name="Kirim tautan").click()
    page.get_by_test_id("tautan-terkirim").wait_for()
    s.foto("tautan-terkirim")

    assert len(mail.outbox) == 1
    tautan = re.search(r"(http://\S+/atur-ulang-kata-sandi/\S+/)", mail.outbox[0].body).group(1)
    page.goto(tautan)
    page.get_by_label("Kata sandi baru", exact=True).fill("Kinerja-Baru-2026")
    page.get_by_label("Ulangi kata sandi baru").fill("Kinerja-Baru-2026")
    s.foto("kata-sandi-baru")
    page.get_by_role("button", name="Simpan kata sandi").click()
    page.get_by_test_id("kata-sandi-tersimpan").wait_for()
    page.get_by_role("link", name="Masuk").last.click()
    s.masuk("siti", "Kinerja-Baru-2026")
    assert page.locator("form[action='/keluar/']").count() == 1  # logged in: the logout form is there
    s.foto("masuk-dengan-kata-sandi-baru")
