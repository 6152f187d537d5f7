"""Import bounds (issue 13): a file too large or with too many rows is refused with a clear
message before it fills memory; a NUL byte or an overlong cell is a row error, never a 500 or a
job stuck in the dry run; the page lists the first errors, the CSV holds them all."""
import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organisasi import importer, sintetis
from organisasi.models import ImporBagan, StatusImpor
from organisasi.tests.factories import InstansiFactory, UserFactory
from organisasi.tests.test_importer import bagan_dasar

pytestmark = pytest.mark.django_db
URL_UNGGAH = "admin:organisasi_imporbagan_unggah"


@pytest.fixture
def superuser(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def _unggah(client, instansi, data: bytes, nama="bagan.csv"):
    return client.post(reverse(URL_UNGGAH), {"instansi": instansi.pk,
                                             "berkas": SimpleUploadedFile(nama, data, content_type="text/csv")})


def _teks(rows) -> bytes:
    return sintetis.csv_teks(rows).encode()


def test_berkas_terlalu_besar_ditolak_sebelum_dibaca(client, superuser, settings):
    settings.IMPOR_BAGAN_MAKS_MB = 1
    r = _unggah(client, InstansiFactory(), _teks(bagan_dasar()) + b"#" * (1024 * 1024 + 1))
    html = r.content.decode()
    assert r.status_code == 200 and "Berkas lebih besar dari batas 1 MB" in html
    assert not ImporBagan.objects.exists()


def test_terlalu_banyak_baris_satu_kesalahan_jelas(client, superuser, settings):
    rows = bagan_dasar()
    settings.IMPOR_BAGAN_MAKS_BARIS = len(rows) - 1
    _unggah(client, InstansiFactory(), _teks(rows))
    impor = ImporBagan.objects.get()
    assert impor.status == StatusImpor.GAGAL_VALIDASI
    assert [k["pesan"] for k in impor.kesalahan] == [
        f"Berkas memuat lebih dari {len(rows) - 1} baris data (batas impor). Pecah berkas, misalnya per "
        "Perangkat Daerah, lalu impor satu per satu."]


def test_byte_nul_dan_sel_raksasa_jadi_kesalahan_baris(client, superuser):
    rows = bagan_dasar()
    rows[1]["nama"] = "Budi\x00Santoso"
    rows[2]["kompetensi"] = "x" * 131_072
    r = _unggah(client, InstansiFactory(), _teks(rows))
    assert r.status_code == 302
    impor = ImporBagan.objects.get()
    assert impor.status == StatusImpor.GAGAL_VALIDASI  # not stuck in "diperiksa"
    pesan = {(k["baris"], k["kolom"]): k["pesan"] for k in impor.kesalahan}
    assert "karakter NUL" in pesan[(3, "nama")]
    assert pesan[(4, "kompetensi")] == "Isi sel 131072 karakter, melebihi batas 1000 karakter."


def test_halaman_memuat_kesalahan_pertama_dan_csv_memuat_semuanya(client, superuser, settings):
    settings.IMPOR_BAGAN_MAKS_GALAT_TAMPIL = 2
    rows = bagan_dasar()
    for r in rows[1:5]:
        r["nip"] = "=HYPERLINK(\"http://x\")"
    _unggah(client, InstansiFactory(), _teks(rows))
    impor = ImporBagan.objects.get()
    assert len(impor.kesalahan) == 2 and impor.ringkasan["jumlah_kesalahan"] >= 4
    html = client.get(reverse("admin:organisasi_imporbagan_hasil", args=[impor.pk])).content.decode()
    assert f"{impor.ringkasan['jumlah_kesalahan']} kesalahan" in html
    assert 'data-testid="kesalahan-terpotong"' in html and "Ditampilkan 2 kesalahan pertama" in html
    r = client.get(reverse("admin:organisasi_imporbagan_kesalahan", args=[impor.pk]))
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    isi = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert isi[0] == ["baris", "kolom", "alasan"] and len(isi) - 1 == impor.ringkasan["jumlah_kesalahan"]
    assert not any(sel.startswith("=") for baris in isi for sel in baris)  # never a formula


def test_jenis_berkas_salah_pesan_pada_field(client, superuser):
    r = _unggah(client, InstansiFactory(), b"a,b", nama="bagan.pdf")
    assert r.status_code == 200 and "gunakan .csv atau .xlsx" in r.content.decode()


def test_daftar_kesalahan_hanya_untuk_pengunggah(client, superuser):
    rows = bagan_dasar()
    rows[1]["nip"] = "123"
    _unggah(client, InstansiFactory(), _teks(rows))
    impor = ImporBagan.objects.get()
    lain = UserFactory(is_staff=True)
    with pytest.raises(Exception) as info:
        importer.impor_bagan_kesalahan_csv(actor=lain, impor_id=impor.pk)
    assert "Hanya pengunggah" in str(info.value)
