"""Browser journeys on the demo region (organisasi.demo): requests, decisions, letters.

Demo accounts (organisasi/demo.py): ``pimpinan`` = Kepala Bidang Aplikasi Informatika,
``ppk`` = Kepala Bidang Persandian dan Statistik (another unit of the same Dinas), ``jf`` =
JF Pranata Komputer Ahli Muda placed under ``ppk``, ``pimpinan2`` = an official of another
Instansi.
"""
import datetime
import re

import pytest

from penugasan.models import PermohonanPenugasan, StatusPermohonan

pytestmark = pytest.mark.browser

MULAI = datetime.date.today() + datetime.timedelta(days=7)
SELESAI = MULAI + datetime.timedelta(days=60)


def _isi_konten(page, judul: str):
    page.get_by_label("Judul pekerjaan").fill(judul)
    page.get_by_label("Maksud dan tujuan").fill("Membangun dasbor data layanan publik")
    page.get_by_label("Kompetensi yang dibutuhkan").fill("Pengembangan aplikasi, analisis data")
    page.get_by_label("Ekspektasi/target kinerja").fill("Dasbor terbit dan dipakai tiga Perangkat Daerah")
    page.get_by_label("Mulai").fill(MULAI.isoformat())
    page.get_by_label("Selesai").fill(SELESAI.isoformat())


def _unduh_pdf(s, locator) -> bytes:
    with s.page.expect_download() as info:
        locator.click()
    path = info.value.path()
    with open(path, "rb") as f:
        return f.read()


def _permohonan(judul: str) -> PermohonanPenugasan:
    return PermohonanPenugasan.objects.get(judul=judul)


def test_pimpinan_meminta_jf_unit_lain_ppk_menyetujui_jf_menerima_dan_mengunduh(demo, sesi):
    jf = demo["pegawai"]["jf"]
    unit_ppk = demo["unit"]["ppk"]
    judul = "Dasbor Data Layanan"

    # given: the Pimpinan Unit fills the guided form and finds the JF through the HTMX search
    s = sesi("pimpinan")
    page = s.page
    page.get_by_role("navigation").get_by_role("link", name="Permohonan", exact=True).click()
    page.get_by_role("link", name="Permohonan penunjukan baru").click()
    page.get_by_label("Lintas unit organisasi (instansi yang sama)").check()
    page.get_by_label("Unit tempat pegawai yang diminta").select_option(
        label=f"{unit_ppk.nama} — {unit_ppk.perangkat_daerah.nama}")
    _isi_konten(page, judul)
    page.get_by_label("Nama atau NIP").fill(jf.nama)
    page.locator("[data-testid=hasil-cari-pegawai]").wait_for()
    s.foto("cari-pegawai", ponsel=True)
    page.get_by_label(jf.nama_lengkap, exact=True).check()
    page.get_by_role("button", name="Ajukan permohonan").click()
    page.wait_for_url(re.compile(r"/penugasan/permohonan/\d+/$"))
    assert page.get_by_text("Permohonan diajukan.").is_visible()
    s.foto("permohonan-diajukan")
    assert _permohonan(judul).status == StatusPermohonan.MENUNGGU_KEPUTUSAN

    # when: the PPK where the JF sits approves from the inbox
    ppk = sesi("ppk")
    page = ppk.page
    assert page.locator("[data-testid=bagian-menunggu]").get_by_text(judul).is_visible()
    ppk.foto("beranda-ppk", ponsel=True)
    page.get_by_role("navigation").get_by_role("link", name=re.compile(r"^Kotak Masuk")).click()
    item = page.locator("[data-testid=item-kotak-masuk]", has_text=judul)
    item.get_by_text("Pratinjau").click()
    item.locator("[data-testid=pratinjau]").wait_for()
    ppk.foto("kotak-masuk", ponsel=True)
    item.get_by_role("link", name=judul).click()
    page.get_by_role("button", name="Setujui").click()
    page.wait_for_url(re.compile(r"/kotak-masuk/$"))
    assert page.get_by_text("Permohonan disetujui.").is_visible()
    assert _permohonan(judul).status == StatusPermohonan.DISETUJUI

    # then: the JF acknowledges receipt and downloads the Surat Tugas
    j = sesi("jf")
    page = j.page
    page.get_by_role("navigation").get_by_role("link", name="Penugasan Saya", exact=True).click()
    kartu = page.locator("[data-testid=penugasan]", has_text=judul)
    j.foto("penugasan-saya", ponsel=True)
    kartu.get_by_role("button", name="Konfirmasi penerimaan").click()
    assert page.get_by_text("Penerimaan penugasan telah dikonfirmasi.").is_visible()
    kartu = page.locator("[data-testid=penugasan]", has_text=judul)
    unduh = kartu.locator("[data-testid=unduh-surat]").first
    assert re.search(r"Surat (Tugas|Perintah)", unduh.inner_text())
    pdf = _unduh_pdf(j, unduh)
    assert pdf.startswith(b"%PDF")
    j.foto("setelah-unduh")


def test_jf_mengajukan_diri_ke_unit_lain_dan_disetujui_berurutan(demo, sesi):
    unit_tujuan = demo["unit"]["pimpinan"]
    judul = "Ikut Pengembangan Aplikasi Perizinan"

    s = sesi("jf")
    page = s.page
    page.goto("/penugasan/permohonan/sukarela/")
    page.get_by_label("Unit yang dituju").select_option(
        label=f"{unit_tujuan.nama} — {unit_tujuan.perangkat_daerah.nama}")
    page.get_by_label("Judul pekerjaan").fill(judul)
    page.get_by_label("Pekerjaan yang ingin Anda ikuti").fill("Pengembangan aplikasi perizinan daring")
    page.get_by_label("Motivasi").fill("Berpengalaman membangun aplikasi layanan")
    page.get_by_label("Kompetensi yang Anda miliki").fill("Pemrograman web")
    page.get_by_label("Ekspektasi/target kinerja").fill("Modul perizinan selesai")
    page.get_by_label("Mulai").fill(MULAI.isoformat())
    page.get_by_label("Selesai").fill(SELESAI.isoformat())
    s.foto("form-sukarela", ponsel=True)
    page.get_by_role("button", name="Kirim pengajuan").click()
    page.wait_for_url(re.compile(r"/penugasan/permohonan/\d+/$"))
    p = _permohonan(judul)
    assert p.status == StatusPermohonan.MENUNGGU_KEPUTUSAN

    # the steps follow the region's configured order (target unit and own PPK)
    pemutus = {"pimpinan_unit_tujuan": "pimpinan", "ppk_asal": "ppk"}
    urutan = [pemutus[langkah["peran"]] for langkah in p.langkah_rute]
    assert sorted(urutan) == ["pimpinan", "ppk"]
    for username in urutan:
        o = sesi(username)
        o.page.get_by_role("navigation").get_by_role("link", name=re.compile(r"^Kotak Masuk")).click()
        o.page.locator("[data-testid=item-kotak-masuk]", has_text=judul).get_by_role("link", name=judul).click()
        o.foto(f"keputusan-{username}")
        o.page.get_by_role("button", name="Setujui").click()
        o.page.wait_for_url(re.compile(r"/kotak-masuk/$"))
    assert _permohonan(judul).status == StatusPermohonan.DISETUJUI

    # the JF follows the status and finds the letter
    page.goto("/penugasan/permohonan/")
    assert page.locator("[data-testid=daftar-permohonan] li", has_text=judul).get_by_text("Disetujui").is_visible()
    page.get_by_role("navigation").get_by_role("link", name="Penugasan Saya", exact=True).click()
    kartu = page.locator("[data-testid=penugasan]", has_text=judul)
    kartu.locator("[data-testid=unduh-surat]").first.wait_for()
    s.foto("surat-terbit", ponsel=True)


def test_tolak_wajib_alasan_dan_pejabat_lain_mendapat_404(demo, sesi):
    jf = demo["pegawai"]["jf"]
    unit_ppk = demo["unit"]["ppk"]
    judul = "Survei Kepuasan Layanan"
    from penugasan import services

    services.permohonan_buat(
        actor=demo["users"]["pimpinan"], rute="penunjukan_lintas_unit", unit_tujuan=unit_ppk, judul=judul,
        maksud_tujuan="Survei kepuasan", kompetensi_uraian="Statistik", hasil_diharapkan="Laporan survei",
        mulai=MULAI, selesai=SELESAI, pegawai_diminta=[jf])
    p = _permohonan(judul)

    o = sesi("ppk")
    page = o.page
    page.goto(f"/penugasan/permohonan/{p.pk}/")
    tolak = page.get_by_role("button", name="Tolak")
    assert tolak.is_disabled()
    page.get_by_label("Alasan penolakan (wajib)").fill("   ")
    assert tolak.is_disabled()  # blanks are not a reason
    o.foto("tolak-tanpa-alasan", ponsel=True)
    # the server refuses an empty reason too (the button is bypassed)
    resp = page.request.post(f"/penugasan/permohonan/{p.pk}/tolak/", form={
        "alasan": "", "csrfmiddlewaretoken": page.locator("input[name=csrfmiddlewaretoken]").first.input_value()})
    assert resp.status == 400 and "Alasan wajib diisi." in resp.text()
    assert _permohonan(judul).status == StatusPermohonan.MENUNGGU_KEPUTUSAN
    page.get_by_label("Alasan penolakan (wajib)").fill("Pegawai sedang menyelesaikan audit TI")
    assert tolak.is_enabled()
    tolak.click()
    page.wait_for_url(re.compile(r"/kotak-masuk/$"))
    assert _permohonan(judul).status == StatusPermohonan.DITOLAK

    # an official of another unit (Sekretariat Daerah) and one of another agency cannot open it:
    # a friendly 404 page (the same answer as for a missing id: no enumeration), not a traceback
    sekda = sesi("sekda")
    resp = sekda.page.goto(f"/penugasan/permohonan/{p.pk}/")
    assert resp.status == 404 and sekda.page.get_by_role("heading", name="Halaman tidak ditemukan").is_visible()
    lain = sesi("pimpinan2")
    resp = lain.page.goto(f"/penugasan/permohonan/{p.pk}/")
    assert resp.status == 404
    assert lain.page.get_by_role("heading", name="Halaman tidak ditemukan").is_visible()
    assert "Traceback" not in lain.page.content()
    lain.foto("404", ponsel=True)

    # the requester sees why it was refused
    s = sesi("pimpinan")
    s.page.goto(f"/penugasan/permohonan/{p.pk}/")
    assert s.page.locator("[data-testid=alasan-penolakan]").inner_text().endswith("Pegawai sedang menyelesaikan audit TI")
