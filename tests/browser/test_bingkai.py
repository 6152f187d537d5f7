"""Browser: login, page frame and org chart on desktop and phone width (factory data)."""
import pytest

from organisasi.tests.factories import bangun_pd_dua_level

pytestmark = pytest.mark.browser
SANDI = "rahasia-uji"  # organisasi.tests.factories.UserFactory


@pytest.fixture
def org(transactional_db, live_server):
    return bangun_pd_dua_level()


def test_masuk_beranda_dan_bagan_di_desktop_dan_ponsel(org, sesi):
    s = sesi()
    page = s.page
    page.goto("/")
    assert "/masuk/" in page.url  # guests go to the login page
    s.foto("masuk", ponsel=True)
    page.get_by_label("Nama pengguna").fill(org.kepala_dinas.user.username)
    page.get_by_label("Kata sandi").fill("salah-sekali")
    page.get_by_role("button", name="Masuk").click()
    assert page.locator(".errorlist").is_visible()

    s.masuk(org.kepala_dinas.user.username, SANDI)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Selamat datang")
    s.foto("beranda", ponsel=True)

    page.get_by_role("link", name="Bagan Organisasi").click()
    assert page.locator("[data-testid=bagan] details").count() == 5
    assert page.get_by_text("Seksi 2").first.is_visible()
    s.foto("bagan", ponsel=True)

    # phone width: the navigation folds behind a keyboard-usable menu button
    page.set_viewport_size({"width": 390, "height": 844})
    tombol = page.get_by_role("button", name="Menu")
    assert tombol.is_visible()
    assert not page.get_by_role("link", name="Bagan Organisasi").is_visible()
    tombol.focus()
    page.keyboard.press("Enter")
    assert page.get_by_role("link", name="Bagan Organisasi").is_visible()
    s.foto("menu-ponsel")


def test_tautan_lewati_ke_konten_dengan_keyboard(org, sesi):
    s = sesi()
    s.masuk(org.jf_muda[0].user.username, SANDI)
    page = s.page
    page.keyboard.press("Tab")
    lewati = page.get_by_role("link", name="Langsung ke konten utama")
    assert lewati.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#konten"


def test_menolak_dengan_keyboard_saja(transactional_db, live_server, sesi):
    from penugasan.models import PermohonanPenugasan, StatusPermohonan
    from penugasan.tests.helpers import ajukan, bangun_pemda

    d = bangun_pemda("belu")
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.bidang[1], pegawai_diminta=[d.jf_muda[1]])
    s = sesi()
    s.masuk(d.kabid[1].user.username, SANDI)
    page = s.page
    page.goto(f"/penugasan/permohonan/{p.pk}/")
    page.get_by_label("Alasan penolakan (wajib)").focus()
    page.keyboard.type("Pegawai sedang cuti besar")
    page.keyboard.press("Tab")
    fokus = page.evaluate("document.activeElement.textContent.trim()")
    assert fokus == "Tolak"
    page.keyboard.press("Enter")
    page.wait_for_url("**/kotak-masuk/")
    p = PermohonanPenugasan.objects.get(pk=p.pk)
    assert p.status == StatusPermohonan.DITOLAK and p.alasan_penolakan == "Pegawai sedang cuti besar"
