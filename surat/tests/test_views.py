"""Public verification page and protected download."""
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organisasi.tests.factories import UserFactory
from surat.services import surat_cabut
from surat.tests.helpers import org, terbitkan_surat_tugas

pytestmark = pytest.mark.django_db


@pytest.fixture
def terbit(django_capture_on_commit_callbacks):
    ns = org()
    with django_capture_on_commit_callbacks(execute=True):
        surat = terbitkan_surat_tugas(ns)
    surat.refresh_from_db()
    ns.surat = surat
    ns.pdf = surat.berkas.read()
    return ns


def test_halaman_verifikasi_publik_menampilkan_data_surat(client, terbit):
    s = terbit.surat
    r = client.get(f"/verifikasi/{s.uuid}/")
    assert r.status_code == 200
    html = r.content.decode()
    for bagian in [s.nomor, "23 November 2026", s.perihal, s.penandatangan_nama, "Kepala Dinas Kesehatan",
                   "SAH", 'type="file"']:
        assert bagian in html, bagian
    assert "DICABUT" not in html


def test_unggah_pdf_asli_diterima_dan_yang_diubah_ditolak(client, terbit):
    url = reverse("surat_verifikasi", args=[terbit.surat.uuid])
    r = client.post(url, {"berkas": SimpleUploadedFile("surat.pdf", terbit.pdf, "application/pdf")})
    assert "Dokumen asli" in r.content.decode()
    tengah = len(terbit.pdf) // 2
    diubah = terbit.pdf[:tengah] + bytes([terbit.pdf[tengah] ^ 0x01]) + terbit.pdf[tengah + 1:]  # one bit flipped
    assert diubah != terbit.pdf
    r = client.post(url, {"berkas": SimpleUploadedFile("surat.pdf", diubah, "application/pdf")})
    html = r.content.decode()
    assert "Dokumen TIDAK sesuai" in html and "Dokumen asli" not in html
    r = client.post(url, {"berkas": SimpleUploadedFile("surat.pdf", terbit.pdf + b"\n", "application/pdf")})
    assert "Dokumen TIDAK sesuai" in r.content.decode()


def test_surat_dicabut_tampil_dengan_alasan(client, terbit):
    surat_cabut(surat_id=terbit.surat.pk, actor=terbit.actor, alasan="Pegawai dimutasi ke instansi lain")
    r = client.get(reverse("surat_verifikasi", args=[terbit.surat.uuid]))
    html = r.content.decode()
    assert "DICABUT" in html and "Pegawai dimutasi ke instansi lain" in html
    assert "SAH — surat" not in html


def test_uuid_tidak_dikenal_404(client):
    assert client.get("/verifikasi/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_unduh_hanya_untuk_yang_berhak(client, terbit):
    url = reverse("surat_unduh", args=[terbit.surat.pk])
    # anonymous → login
    r = client.get(url)
    assert r.status_code == 302 and "/masuk/" in r["Location"]
    # unrelated user → 404, exactly like a letter that does not exist (no enumeration)
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.get(reverse("surat_unduh", args=[999999])).status_code == 404
    # the assigned pegawai → the stored file, byte for byte
    client.force_login(terbit.jf_muda[0].user)
    r = client.get(url)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert b"".join(r.streaming_content) == terbit.pdf
    # the signer and an auditor
    client.force_login(terbit.kepala_dinas.user)
    assert client.get(url).status_code == 200
    auditor = UserFactory()
    auditor.user_permissions.add(Permission.objects.get(codename="lihat_semua_surat"))
    client.force_login(auditor)
    assert client.get(url).status_code == 200


def test_unduh_sebelum_pdf_jadi_409(client, django_capture_on_commit_callbacks):
    ns = org()
    surat = terbitkan_surat_tugas(ns)  # on_commit not executed: no PDF yet
    client.force_login(ns.jf_muda[0].user)
    assert client.get(reverse("surat_unduh", args=[surat.pk])).status_code == 409


def test_cabut_lewat_halaman(client, terbit):
    url = reverse("surat_cabut", args=[terbit.surat.pk])
    assert client.get(url).status_code in (302, 405)  # anonymous → login; GET never revokes
    client.force_login(UserFactory())
    assert client.post(url, {"alasan": "iseng"}).status_code == 404  # cannot see it: as if missing
    assert client.post(reverse("surat_cabut", args=[999999]), {"alasan": "iseng"}).status_code == 404
    client.force_login(terbit.actor)
    assert client.post(url, {"alasan": "  "}).status_code == 400
    r = client.post(url, {"alasan": "Pegawai pindah tugas"})
    assert r.status_code == 302 and r["Location"] == reverse("surat_verifikasi", args=[terbit.surat.uuid])
    assert "Pegawai pindah tugas" in client.get(r["Location"]).content.decode()
    assert client.post(url, {"alasan": "lagi"}).status_code == 409
