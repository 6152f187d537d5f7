"""Browser journey of Kinerja II (issue 11): an anggota reports to the ketua → the ketua reports
to the Pimpinan Unit, notes the member for their PPK and raises a kendala with two options → the
PU picks one → the ketua hands in results → Level 2 returns them once → after rework Level 1
accepts → the assignment shows finished and the member's PPK (in another unit) sees the note.
Screenshots in test-artifacts/. Data built through the services (Belu preset test region)."""
from __future__ import annotations

import re

import pytest

from kinerja.models import Kendala, PenyerahanHasil
from kinerja.tests.helpers import bagi_dua, pemda, pk_berlaku, tim_dari_strategi
from organisasi import selectors as org
from penugasan.models import AnggotaTim, PeranTim, StatusTim

pytestmark = pytest.mark.browser

SANDI = "rahasia-uji"  # organisasi.tests.factories.UserFactory


def test_perjalanan_kinerja_dua(transactional_db, live_server, sesi):
    d = pemda()
    pk, s, ind = pk_berlaku(d)
    t0, _ = bagi_dua(d, ind)
    p, tim = tim_dari_strategi(d, t0)
    ketua = AnggotaTim.objects.get(tim=tim, peran=PeranTim.KETUA).pegawai
    anggota = AnggotaTim.objects.get(tim=tim, peran=PeranTim.ANGGOTA).pegawai
    ppk = org.ppk_pegawai(pegawai=anggota).pegawai
    assert ppk.pk not in (d.kabid[0].pk, d.kepala_dinas.pk)  # the member's PPK sits in another unit

    # anggota → ketua
    a = sesi()
    a.masuk(anggota.user.username, SANDI)
    page = a.page
    page.goto("/kinerja/pelaksanaan/")
    page.get_by_role("link", name="Lapor kepada ketua").click()
    page.get_by_label("Ringkasan kemajuan").fill("Analisis kebutuhan selesai")
    page.get_by_test_id("kirim-laporan").click()
    page.wait_for_url(re.compile(r".*/kinerja/pelaksanaan/laporan/\d+/$"))
    assert page.get_by_test_id("penerima").inner_text() == ketua.nama_lengkap
    a.foto("laporan-anggota")

    # ketua: team report to the PU, a note on the member, a kendala with two options
    k = sesi()
    k.masuk(ketua.user.username, SANDI)
    page = k.page
    page.goto("/kinerja/pelaksanaan/")
    page.get_by_test_id("laporan-masuk").get_by_role("link").first.click()
    page.get_by_test_id("terima-laporan").click()
    assert page.get_by_test_id("status-laporan").inner_text() == "Diterima"
    page.goto("/kinerja/pelaksanaan/")
    page.get_by_role("link", name="Laporan tim").click()
    page.get_by_label("Ringkasan kemajuan").fill("Progres 60%")
    page.get_by_test_id("kirim-laporan").click()
    assert page.get_by_test_id("penerima").inner_text() == d.jabatan_kabid[0].nama
    page.goto("/kinerja/pelaksanaan/")
    page.get_by_role("link", name="Catatan tentang anggota").click()
    page.get_by_label("Id pegawai anggota yang dicatat").fill(str(anggota.pk))
    page.get_by_label("Ringkasan kemajuan").fill("Teliti dan tepat waktu")
    page.get_by_test_id("kirim-laporan").click()
    page.wait_for_url(re.compile(r".*/laporan/\d+/$"))
    page.goto("/kinerja/pelaksanaan/")
    page.get_by_role("link", name="Ajukan kendala").click()
    page.get_by_label("Uraian kendala").fill("Data BPS terlambat")
    page.get_by_label("Alternatif 1").fill("Minta data sementara")
    page.get_by_label("Alternatif 2").fill("Geser jadwal dua minggu")
    page.get_by_test_id("ajukan-kendala").click()
    assert page.get_by_test_id("status-kendala").inner_text() == "Diajukan"
    k.foto("kendala-diajukan")

    # the PU picks the first option
    pu = sesi()
    pu.masuk(d.kabid[0].user.username, SANDI)
    page = pu.page
    page.goto("/kinerja/pelaksanaan/")
    page.get_by_test_id("kendala-menunggu").get_by_role("link").click()
    page.get_by_test_id("pilih-opsi-1").check()
    page.get_by_test_id("putuskan-kendala").click()
    assert page.get_by_test_id("status-kendala").inner_text() == "Diputuskan"
    assert Kendala.objects.get().opsi_dipilih.urutan == 1
    pu.foto("kendala-diputuskan")

    # the ketua hands in results; Level 2 returns them once
    page = k.page
    page.goto("/kinerja/pelaksanaan/")
    page.get_by_test_id("serahkan-hasil").first.click()
    page.get_by_label("Uraian hasil").fill("Dokumen RKPD")
    page.get_by_label("Realisasi (dalam satuan indikator)").fill("55")
    page.get_by_test_id("kirim-hasil").click()
    page.wait_for_url(re.compile(r".*/hasil/\d+/$"))
    page = pu.page
    page.goto("/kinerja/pelaksanaan/")
    page.get_by_test_id("hasil-menunggu").get_by_role("link").click()
    page.get_by_label("Alasan pengembalian (wajib)").fill("Lampirkan data pendukung")
    page.get_by_test_id("kembalikan-hasil").click()
    assert page.get_by_test_id("status-hasil").inner_text() == "Dikembalikan untuk diperbaiki"
    pu.foto("hasil-dikembalikan")
    h = PenyerahanHasil.objects.get()
    page = k.page
    page.goto(f"/kinerja/pelaksanaan/hasil/{h.pk}/")
    page.get_by_label("Uraian hasil").fill("Dokumen RKPD dengan data pendukung")
    page.get_by_test_id("serahkan-ulang").click()
    page = pu.page
    page.goto(f"/kinerja/pelaksanaan/hasil/{h.pk}/")
    page.get_by_test_id("teruskan-hasil").click()

    # Level 1 accepts: the work is finished
    l1 = sesi()
    l1.masuk(d.kepala_dinas.user.username, SANDI)
    page = l1.page
    page.goto("/kinerja/pelaksanaan/")
    page.get_by_test_id("hasil-menunggu").get_by_role("link").click()
    page.get_by_test_id("terima-hasil").click()
    assert page.get_by_test_id("status-hasil").inner_text() == "Diterima"
    l1.foto("hasil-diterima")
    tim.refresh_from_db()
    assert tim.status == StatusTim.DIBUBARKAN

    # the anggota's assignment shows finished; their PPK (another unit) sees the ketua's note
    page = a.page
    page.goto("/penugasan/saya/")
    assert "Selesai" in page.get_by_test_id("penugasan").first.inner_text()
    a.foto("penugasan-selesai")
    p = sesi()
    p.masuk(ppk.user.username, SANDI)
    page = p.page
    page.goto("/kinerja/pelaksanaan/catatan-bawahan/")
    catatan = page.get_by_test_id("bawahan")
    assert anggota.nama_lengkap in catatan.inner_text() and "Teliti dan tepat waktu" in catatan.inner_text()
    p.foto("catatan-bawahan-ppk", ponsel=True)
