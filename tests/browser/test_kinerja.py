"""Browser journey of Kinerja I on the demo region: the Kepala Dinas sets next year's PK and
divides a target → the Kabid (Pimpinan Unit) chooses a team strategy and asks, with one button,
for a JF of another Bidang → after approval the ketua fills the role matrix → the members
accept → the Kepala Dinas issues the Keputusan with the matrix, whose PDF shows each member's
indikator and target (pdftotext).

Demo accounts (organisasi/demo.py): ``kadis`` = Kepala Dinas Kominfo, ``pimpinan`` = Kabid
Aplikasi Informatika, ``ppk`` = Kabid Persandian dan Statistik, ``jf`` = JF under ``ppk``,
``pelaksana`` = Pelaksana under ``pimpinan`` (ketua)."""
import re
import subprocess

import pytest

from inti.waktu import hari_ini
from organisasi import selectors as org
from penugasan.models import PermohonanPenugasan, StatusPermohonan

pytestmark = pytest.mark.browser

INDIKATOR = "Jumlah layanan terintegrasi uji peramban"


def _pdf_teks(isi: bytes) -> str:
    teks = subprocess.run(["pdftotext", "-raw", "-", "-"], input=isi, capture_output=True, check=True).stdout.decode()
    return " ".join(teks.split())


def test_pk_kaskade_strategi_matriks_dan_keputusan_tim(demo, sesi):
    tahun = hari_ini().year + 1
    jf = demo["pegawai"]["jf"]
    pelaksana = demo["pegawai"]["pelaksana"]
    unit_ppk = demo["unit"]["ppk"]

    # given: the Kepala Dinas drafts next year's PK, adds a sasaran and an indikator, and sets it
    k = sesi("kadis")
    page = k.page
    page.get_by_role("navigation").get_by_role("link", name="Kinerja", exact=True).click()
    page.get_by_role("link", name="Perjanjian Kinerja", exact=True).click()
    page.get_by_label("Tahun").fill(str(tahun))
    page.get_by_role("button", name="Buat draf").click()
    page.wait_for_url(re.compile(r"/kinerja/pk/\d+/$"))
    pk_url = page.url
    page.get_by_label("Sasaran", exact=True).fill("Meningkatnya layanan publik elektronik")
    page.get_by_role("button", name="Simpan sasaran").click()
    page.get_by_text("Tambah indikator").click()
    page.get_by_label("Indikator", exact=True).fill(INDIKATOR)
    page.get_by_label("Satuan").fill("layanan")
    page.get_by_label("Target tahunan").fill("12")
    page.get_by_role("button", name="Simpan indikator").click()
    assert page.get_by_text("Indikator ditambahkan.").is_visible()
    k.foto("pk-draf", ponsel=True)
    page.get_by_role("button", name="Tetapkan Perjanjian Kinerja").click()
    assert page.get_by_text("Perjanjian Kinerja ditetapkan.").is_visible()

    # and divides the indikator's target: all of it to the Kabid Aplikasi Informatika
    page.get_by_role("link", name="Pohon kaskade dan pembagian target").click()
    page.get_by_role("link", name="Bagi target").click()
    page.get_by_label("Kepala Bidang Aplikasi Informatika").fill("12")
    k.foto("bagi-target", ponsel=True)
    page.get_by_role("button", name="Simpan pembagian").click()
    assert page.locator("[data-testid=simpul-target]").count() == 1
    assert page.locator("[data-testid=porsi]").first.inner_text() == "12 layanan"
    k.foto("pohon-kaskade", ponsel=True)

    # when: the Kabid sets a team strategy needing a JF of another Bidang and opens the request
    p = sesi("pimpinan")
    page = p.page
    page.goto(pk_url.replace(p.base_url, "") + "kaskade/")
    page.get_by_role("link", name="Strategi dan rencana").click()
    page.get_by_label("Tim Kerja").check()
    page.get_by_label("Perlu ketua tim").check()
    page.get_by_label("Kebutuhan pegawai dari luar unit").select_option(label="Pegawai dari unit lain")
    page.get_by_label("Jumlah pegawai dibutuhkan").fill("1")
    page.get_by_label("Kompetensi dibutuhkan").fill("Pengembangan aplikasi; integrasi data")
    page.get_by_role("button", name="Simpan strategi").click()
    assert page.get_by_text("Strategi target disimpan.").is_visible()
    assert f"{INDIKATOR}: 12 layanan" in page.locator("[data-testid=pratinjau-permohonan]").inner_text()
    form = page.get_by_test_id("form-permohonan-strategi")
    form.get_by_label("Unit tujuan (asal pegawai)").select_option(label=unit_ppk.nama)
    form.get_by_label("Pegawai yang diminta (opsional)").select_option(value=str(jf.pk))
    form.get_by_label("Nama tim").fill("Tim Integrasi Uji Peramban")
    form.get_by_label("Ketua tim").select_option(value=str(pelaksana.pk))
    p.foto("strategi-dan-permohonan", ponsel=True)
    page.get_by_role("button", name="Ajukan permohonan penunjukan").click()
    page.wait_for_url(re.compile(r"/penugasan/permohonan/\d+/$"))
    permohonan = PermohonanPenugasan.objects.get(judul__contains=INDIKATOR)
    assert permohonan.status == StatusPermohonan.MENUNGGU_KEPUTUSAN

    # and each deciding official approves from the inbox
    while permohonan.status == StatusPermohonan.MENUNGGU_KEPUTUSAN:
        pejabat = org.pejabat_berwenang(jabatan=permohonan.jabatan_penentu)
        o = sesi(pejabat.pegawai.user.username)
        o.page.get_by_role("navigation").get_by_role("link", name=re.compile(r"^Kotak Masuk")).click()
        o.page.locator("[data-testid=item-kotak-masuk]", has_text=INDIKATOR).get_by_role(
            "link", name=re.compile(re.escape(INDIKATOR))).click()
        o.page.get_by_role("button", name="Setujui").click()
        o.page.wait_for_url(re.compile(r"/kotak-masuk/$"))
        permohonan.refresh_from_db()
    assert permohonan.status == StatusPermohonan.DISETUJUI and permohonan.tim is not None
    tim = permohonan.tim

    # then: the ketua fills the role matrix from "Kinerja saya"
    ketua = sesi("pelaksana")
    page = ketua.page
    page.get_by_role("navigation").get_by_role("link", name="Kinerja", exact=True).click()
    page.locator("[data-testid=matriks-saya]").get_by_role("link", name=tim.nama).click()
    for nama, peran, indikator, target in ((pelaksana.nama_lengkap, "Ketua tim", "Layanan terintegrasi", "12"),
                                           (jf.nama_lengkap, "Analis integrasi", "Spesifikasi antarmuka", "6")):
        baris = page.locator("[data-testid=form-matriks] fieldset", has_text=nama)
        baris.get_by_label("Peran", exact=True).fill(peran)
        baris.get_by_label("Hasil yang diharapkan").fill(f"Hasil {peran.lower()}")
        baris.get_by_label("Indikator", exact=True).fill(indikator)
        baris.get_by_label("Target", exact=True).fill(target)
        baris.get_by_label("Satuan").fill("layanan")
    ketua.foto("isi-matriks", ponsel=True)
    page.get_by_role("button", name="Simpan matriks").click()
    assert page.get_by_text("Matriks peran dan hasil disimpan").is_visible()
    # the ketua is a member too: accepts their own row
    page.get_by_label("Komentar").fill("Siap memimpin")
    page.get_by_role("button", name="Terima").click()

    # and the JF of the other Bidang accepts theirs, with a comment
    a = sesi("jf")
    page = a.page
    page.get_by_role("navigation").get_by_role("link", name="Kinerja", exact=True).click()
    page.locator("[data-testid=matriks-saya]").get_by_role("link", name=tim.nama).click()
    page.get_by_label("Komentar").fill("Sesuai kompetensi saya")
    page.get_by_role("button", name="Terima").click()
    assert page.get_by_text("Baris matriks Anda diterima.").is_visible()
    assert page.locator("[data-testid=matriks-lengkap]").is_visible()
    a.foto("matriks-diterima", ponsel=True)

    # finally: the Kepala Dinas issues the Keputusan with the matrix; its PDF shows indikator and target
    page = k.page
    page.goto(f"/kinerja/tim/{tim.pk}/")
    page.get_by_role("button", name="Terbitkan Keputusan dengan matriks peran").click()
    assert page.get_by_text("diterbitkan dengan matriks peran dan hasil").is_visible()
    k.foto("keputusan-baru")
    with page.expect_download() as info:
        page.locator("[data-testid=unduh-keputusan]").click()
    with open(info.value.path(), "rb") as f:
        pdf = f.read()
    teks = _pdf_teks(pdf)
    assert "Spesifikasi antarmuka" in teks and "6 layanan" in teks
    assert "Layanan terintegrasi" in teks and "12 layanan" in teks
