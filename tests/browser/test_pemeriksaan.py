"""Browser journey of an auditor (demo account ``auditor``, scoped to the first demo region):
filter the letter register, download it as XLSX, start a large export and download it once its
progress bar completes."""
from __future__ import annotations

import io
import re

import pytest
from kombu.exceptions import OperationalError
from openpyxl import load_workbook

from pemeriksaan import services
from pemeriksaan.models import Ekspor, StatusEkspor
from pemeriksaan.tasks import ekspor_jalankan_task
from surat.models import Surat

pytestmark = pytest.mark.browser


def test_auditor_menyaring_register_mengunduh_xlsx_dan_ekspor_besar(demo, sesi, settings, monkeypatch):
    instansi = demo["users"]["auditor"].lingkup_auditor.get().instansi
    surat = Surat.objects.filter(instansi=instansi)
    jenis = surat.values_list("jenis", flat=True).first()
    assert jenis, "the demo issues letters"
    label_jenis = surat.filter(jenis=jenis).first().get_jenis_display()

    # given: the auditor opens the letter register from the menu
    s = sesi("auditor")
    page = s.page
    page.get_by_role("navigation").get_by_role("link", name="Pemeriksaan").click()
    page.get_by_role("link", name="Register surat").first.click()
    # when: filtering by kind
    page.get_by_label("Jenis surat").select_option(label=label_jenis)
    page.get_by_role("button", name="Saring").click()
    page.wait_for_url(re.compile(r".*jenis=.*"))
    jumlah = surat.filter(jenis=jenis).count()
    assert page.get_by_test_id("jumlah-baris").inner_text() == str(jumlah)
    s.foto("register-surat", ponsel=True)
    # then: the XLSX holds exactly the filtered letters
    with page.expect_download() as info:
        page.get_by_role("button", name="Unduh XLSX").click()
    with open(info.value.path(), "rb") as f:
        wb = load_workbook(io.BytesIO(f.read()), read_only=True)
    baris = list(wb.worksheets[0].iter_rows(values_only=True))[1:]
    assert sorted(r[0] for r in baris) == sorted(surat.filter(jenis=jenis).values_list("nomor", flat=True))

    # given: every export is "large" and the broker is down at request time
    settings.PEMERIKSAAN_AMBANG_EKSPOR_LATAR = 0

    def broker_mati(*args, **kwargs):
        raise OperationalError("Connection refused")

    monkeypatch.setattr(ekspor_jalankan_task, "apply_async", broker_mati)
    page.get_by_role("button", name="Unduh CSV").click()
    page.wait_for_url(re.compile(r".*/pemeriksaan/ekspor/$"))
    ekspor = Ekspor.objects.filter(diminta_oleh=demo["users"]["auditor"], latar=True).get()
    baris_ekspor = page.get_by_test_id(f"ekspor-{ekspor.pk}")
    assert baris_ekspor.locator("progress").is_visible()
    s.foto("ekspor-menunggu")
    # when: the broker is back and the beat relay queues the job
    monkeypatch.undo()
    settings.PEMERIKSAAN_AMBANG_EKSPOR_LATAR = 0
    assert services.ekspor_relay(sekarang=ekspor.dijadwalkan_pada + services.SEWA_RELAY) == 1
    # then: the polling row turns into a download link
    tautan = page.get_by_test_id("unduh-ekspor")
    tautan.wait_for(timeout=15_000)
    s.foto("ekspor-selesai")
    with page.expect_download() as info:
        tautan.click()
    with open(info.value.path(), "rb") as f:
        data = f.read().decode("utf-8-sig")
    assert data.splitlines()[0].startswith("Nomor,Tanggal,Jenis")
    assert len(data.splitlines()) - 1 == jumlah
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.SELESAI
