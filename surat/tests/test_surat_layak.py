"""Letters an official would sign (issue 14): each letter kind issued through the real workflow,
rendered by WeasyPrint and read back with pdftotext/pypdf — Dasar cites legal bases of the
issuing agency's own regulation, numbered as one list, never the Menimbang clauses."""
import re

import pytest
from django.contrib.contenttypes.models import ContentType

from organisasi.presets import PERATURAN
from penugasan.models import Penugasan
from penugasan.tests.helpers import ajukan, bangun_pemda
from surat.models import StatusSurat, Surat
from surat.tests.helpers import pdf_teks_rapat

pytestmark = pytest.mark.django_db


def _surat_untuk(obj, jenis=None):
    qs = Surat.objects.filter(sumber_content_type=ContentType.objects.get_for_model(obj), sumber_object_id=obj.pk)
    return qs.filter(jenis=jenis) if jenis else qs


def _pdf(surat: Surat) -> bytes:
    surat.refresh_from_db()
    assert surat.status == StatusSurat.TERBIT and surat.sha256, "PDF harus sudah dibuat setelah commit"
    with surat.berkas.open("rb") as f:
        return f.read()


def _bagian(teks: str, awal: str, akhir: str) -> str:
    baris = teks.splitlines()[1]  # the raw reading order: one line, whitespace collapsed
    return baris[baris.index(awal) + len(awal):baris.index(akhir)]


@pytest.mark.parametrize("preset", ["belu", "bungo", "indragiri_hilir", "kotabaru", "pasuruan"])
def test_dasar_menyebut_peraturan_instansi_sendiri_dengan_pasal_bernomor_urut(preset,
                                                                             django_capture_on_commit_callbacks):
    d = bangun_pemda(preset)
    with django_capture_on_commit_callbacks(execute=True):
        p = ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.jf_muda[0]])
    surat = _surat_untuk(Penugasan.objects.get(permohonan=p)).get()
    dasar = _bagian(pdf_teks_rapat(_pdf(surat)), "Dasar :", "MEMERINTAHKAN")
    meta = PERATURAN[preset]
    assert f"{meta['pasal_surat_penugasan']} {meta['peraturan']}" in " ".join(dasar.split()), dasar
    assert "Bahwa" not in dasar and "bahwa" not in dasar
    assert "Undang-Undang Nomor 20 Tahun 2023" in dasar and "Nomor 7 Tahun 2022" in dasar
    for lain, data in PERATURAN.items():  # never another region's regulation
        if lain != preset:
            assert data["peraturan"] not in dasar
    # one enumeration a., b., c., … in order, the same in a Surat Tugas and a Surat Perintah
    huruf = re.findall(r"(?:^|[;.] )([a-z])\. ", dasar.strip())
    assert huruf == [chr(ord("a") + i) for i in range(len(surat.konteks["dasar"]))], (huruf, dasar)
    assert all(b.endswith(";") for b in surat.konteks["dasar"][:-1]) and surat.konteks["dasar"][-1].endswith(".")
