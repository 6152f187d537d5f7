"""Browser journey: the Pimpinan Unit dissolves a team of the demo region from its page (the
button stays disabled until a reason is written; no inline script, strict CSP), its members'
assignments end, and a member sees the team ended without the forms."""
import re

import pytest

from penugasan.models import Penugasan, StatusPenugasan, StatusTim, TimKerja

pytestmark = pytest.mark.browser


def test_pimpinan_membubarkan_tim_dengan_alasan(demo, sesi):
    tim = TimKerja.objects.get(nama="Tim Pengembangan Aplikasi SPBE")
    s = sesi("pimpinan")
    page = s.page
    page.goto(f"/penugasan/tim/{tim.pk}/")
    bagian = page.locator("[data-testid=akhiri-tim]")
    tombol = bagian.get_by_role("button", name="Bubarkan tim")
    assert tombol.is_disabled()  # data-wajib-isi: no reason, no dissolving
    bagian.get_by_label("Alasan pembubaran (wajib)").fill("Program dialihkan ke tahun anggaran berikutnya")
    assert tombol.is_enabled()
    s.foto("akhiri-tim", ponsel=True)
    tombol.click()
    page.wait_for_url(re.compile(rf"/penugasan/tim/{tim.pk}/$"))
    assert page.get_by_text("Tim dibubarkan; penugasan anggotanya berakhir.").is_visible()
    assert page.locator("[data-testid=tim-berakhir]").is_visible()
    assert page.locator("[data-testid=akhiri-tim]").count() == 0
    assert TimKerja.objects.get(pk=tim.pk).status == StatusTim.DIBUBARKAN
    assert not Penugasan.objects.filter(tim=tim, status=StatusPenugasan.AKTIF).exists()
