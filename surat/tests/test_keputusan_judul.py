"""The title of a Keputusan tentang Tim Kerja says each part once: no "TIM KERJA TIM …" when the
team's name starts with "Tim", no "KABUPATEN ALFA KABUPATEN ALFA" when the scope already names
the region. Read back from the issued PDF (pdftotext)."""
import datetime

import pytest

from organisasi.tests.factories import bangun_pd_dua_level
from penugasan.models import AnggotaTim, PeranTim, TimKerja
from penugasan.tests.helpers import bangun_pemda
from surat.konteks import tentang_tim_kerja
from surat.services import keputusan_tim_terbitkan, rancangan_keputusan_tim
from surat.tests.helpers import pdf_teks_rapat

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("nama_tim,lingkup,daerah,harapan", [
    ("Tim Penyusunan Renstra", "Dinas Kesehatan", "Kabupaten Alfa",
     "Tim Kerja Penyusunan Renstra di Lingkungan Dinas Kesehatan Kabupaten Alfa"),
    ("Tim Kerja Satu Data", "Dinas Kesehatan", "Kabupaten Alfa",
     "Tim Kerja Satu Data di Lingkungan Dinas Kesehatan Kabupaten Alfa"),
    ("TIM Satu Data", "Pemerintah Kabupaten Alfa", "Kabupaten Alfa",
     "Tim Kerja Satu Data di Lingkungan Pemerintah Kabupaten Alfa"),
    ("Penyusunan Renstra", "Dinas Kesehatan Kabupaten Alfa", "Kabupaten Alfa",
     "Tim Kerja Penyusunan Renstra di Lingkungan Dinas Kesehatan Kabupaten Alfa"),
    ("Timbangan Gizi", "Puskesmas", "Kota Beta", "Tim Kerja Timbangan Gizi di Lingkungan Puskesmas Kota Beta"),
])
def test_tentang_tim_kerja_tanpa_pengulangan(nama_tim, lingkup, daerah, harapan):
    assert tentang_tim_kerja(nama_tim=nama_tim, lingkup=lingkup, daerah=daerah) == harapan


def _tim(d, nama: str, anggota_lain):
    mulai = datetime.date.today()
    tim = TimKerja.objects.create(instansi=d.instansi, unit=d.bidang[0], nama=nama, mulai=mulai,
                                  selesai=mulai + datetime.timedelta(days=30))
    AnggotaTim.objects.create(tim=tim, pegawai=d.jf_muda[0], peran=PeranTim.KETUA)
    AnggotaTim.objects.create(tim=tim, pegawai=anggota_lain, peran=PeranTim.ANGGOTA)
    return tim


@pytest.mark.parametrize("lintas_pd", [False, True])
def test_judul_keputusan_pada_pdf_tanpa_pengulangan(lintas_pd, django_capture_on_commit_callbacks):
    d = bangun_pemda("pasuruan", kode="alfa")
    d.instansi.nama, d.instansi.nama_daerah = "Pemerintah Kabupaten Alfa", "Kabupaten Alfa"
    d.instansi.save(update_fields=["nama", "nama_daerah"])
    lain = bangun_pd_dua_level(d.instansi, "Dinas Pendidikan").jf_pertama[0] if lintas_pd else d.pelaksana[0]
    tim = _tim(d, "Tim Penyusunan Renstra", lain)
    with django_capture_on_commit_callbacks(execute=True):
        surat = keputusan_tim_terbitkan(tim=tim, actor=d.kepala_dinas.user)
    surat.refresh_from_db()
    teks = pdf_teks_rapat(surat.berkas.read()).upper()
    assert "TIM KERJA PENYUSUNAN RENSTRA DI LINGKUNGAN" in teks
    assert "TIM KERJA TIM" not in teks
    assert "KABUPATEN ALFA KABUPATEN ALFA" not in teks
    assert "TIM KERJA TIM" not in surat.perihal.upper()


@pytest.mark.parametrize("preset,tercetak", [("indragiri_hilir", True), ("belu", False)])
def test_penanggung_jawab_tercetak_hanya_bila_daerah_memakai_peran_itu(preset, tercetak):
    """Instansi.penanggung_jawab_tim_aktif takes effect: the Keputusan lists the penanggung jawab
    (and sends it a copy) only where the region uses that role (Inhil, 002 Lamp C.3.d.2)."""
    d = bangun_pemda(preset, kode=preset[:5])
    tim = _tim(d, "Tim Satu Data", d.pelaksana[0])
    TimKerja.objects.filter(pk=tim.pk).update(penanggung_jawab=d.kasi[0])
    tim = TimKerja.objects.get(pk=tim.pk)
    r = rancangan_keputusan_tim(tim=tim)
    peran = [b["peran"] for b in r.konteks["lampiran"][0]["baris"]]
    assert ("Penanggung Jawab" in peran) is tercetak
    assert (d.kasi[0] in r.pihak) is tercetak
