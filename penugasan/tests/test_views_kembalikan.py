"""Return for revision through the HTML pages (Django test client): the decider's form, the
requester's revision form and resubmission."""
from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from inti.models import JejakAudit
from penugasan.models import PermohonanPenugasan, StatusPermohonan

from .helpers import ajukan, bangun_pemda

pytestmark = pytest.mark.django_db


def klien(pegawai) -> Client:
    c = Client()
    c.force_login(pegawai.user)
    return c


def test_kembalikan_perbaiki_ajukan_ulang_lewat_halaman():
    d = bangun_pemda("belu")
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    penentu, pemohon = klien(d.kasi[1]), klien(d.kabid[0])
    detail = reverse("permohonan_detail", args=[p.pk])

    # the decider sees the action, its button waits for a reason (like refuse)
    html = penentu.get(detail).content.decode()
    assert 'data-testid="tombol-kembalikan"' in html and 'data-wajib-isi="alasan-kembali"' in html
    assert 'data-testid="perbaiki"' not in html
    # no reason: 400 with the error on the form, nothing changes
    r = penentu.post(reverse("permohonan_kembalikan", args=[p.pk]), {"alasan": "  ", "langkah": 0})
    assert r.status_code == 400 and "Alasan wajib diisi." in r.content.decode()
    assert PermohonanPenugasan.objects.get(pk=p.pk).status == StatusPermohonan.MENUNGGU_KEPUTUSAN
    r = penentu.post(reverse("permohonan_kembalikan", args=[p.pk]), {"alasan": "Lengkapi target kinerja", "langkah": 0})
    assert r.status_code == 302
    assert PermohonanPenugasan.objects.get(pk=p.pk).status == StatusPermohonan.DIKEMBALIKAN
    assert 'data-testid="tombol-kembalikan"' not in penentu.get(detail).content.decode()

    # the requester sees the reason and the revision form; no one else may revise
    html = pemohon.get(detail).content.decode()
    assert 'data-testid="alasan-pengembalian"' in html and "Lengkapi target kinerja" in html
    assert 'data-testid="perbaiki"' in html and 'data-testid="tombol-ajukan-ulang"' in html
    isi = {"judul": "Renstra (perbaikan)", "maksud_tujuan": p.maksud_tujuan, "kompetensi_uraian": p.kompetensi_uraian,
           "hasil_diharapkan": "Dokumen Renstra dengan indikator", "uraian_tugas": p.uraian_tugas,
           "mulai": p.mulai.isoformat(), "selesai": p.selesai.isoformat(), "sifat": p.sifat, "kriteria": ""}
    assert penentu.post(reverse("permohonan_perbaiki", args=[p.pk]), isi).status_code == 403
    r = pemohon.post(reverse("permohonan_perbaiki", args=[p.pk]), {**isi, "selesai": "2000-01-01"})
    assert r.status_code == 400
    r = pemohon.post(reverse("permohonan_perbaiki", args=[p.pk]), isi)
    assert r.status_code == 302
    p.refresh_from_db()
    assert (p.judul, p.hasil_diharapkan) == ("Renstra (perbaikan)", "Dokumen Renstra dengan indikator")

    r = pemohon.post(reverse("permohonan_ajukan_ulang", args=[p.pk]))
    assert r.status_code == 302
    p.refresh_from_db()
    assert (p.status, p.langkah_ke) == (StatusPermohonan.MENUNGGU_KEPUTUSAN, 0)
    assert 'data-testid="tombol-kembalikan"' in penentu.get(detail).content.decode()
    assert JejakAudit.objects.filter(objek_id=str(p.pk), aksi="permohonan.perbaiki", diizinkan=False).count() == 1


def test_tanpa_tombol_kembalikan_bila_rute_tidak_mengizinkan():
    d = bangun_pemda("belu")
    p = ajukan(d.jf_pertama[0], "sukarela_dalam_unit")
    c = klien(d.kasi[0])
    html = c.get(reverse("permohonan_detail", args=[p.pk])).content.decode()
    assert 'data-testid="keputusan"' in html and 'data-testid="tombol-kembalikan"' not in html
    r = c.post(reverse("permohonan_kembalikan", args=[p.pk]), {"alasan": "Lengkapi", "langkah": 0})
    assert r.status_code == 302  # refused as a conflict: back to the page with a message
    assert PermohonanPenugasan.objects.get(pk=p.pk).status == StatusPermohonan.MENUNGGU_KEPUTUSAN
