"""Pages for ending work: the forms appear only for whoever may end the work, the buttons do
it, refusals are messages, an invisible object is 404 (as in the API). No inline script (CSP)."""
from __future__ import annotations

import re

import pytest
from django.urls import reverse

from penugasan.models import Penugasan, PermohonanPenugasan, StatusPenugasan, StatusPermohonan, StatusTim, TimKerja

from .helpers import ajukan, bangun_pemda

pytestmark = pytest.mark.django_db


@pytest.fixture
def d():
    return bangun_pemda("belu", kode="belu")


def _tim(d) -> TimKerja:
    p = ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.jf_muda[0]], nama_tim="Tim Renstra",
               ketua_tim=d.jf_pertama[0])
    return PermohonanPenugasan.objects.get(pk=p.pk).tim


def _tanpa_skrip_sebaris(html: str) -> None:
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script (CSP)"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler (CSP)"


def test_halaman_tim_menyelesaikan_tim(client, d):
    tim = _tim(d)
    client.force_login(d.jf_muda[0].user)  # a member sees the team but not the forms
    html = client.get(reverse("tim_detail", args=[tim.pk])).content.decode()
    assert 'data-testid="akhiri-tim"' not in html
    r = client.post(reverse("tim_selesaikan", args=[tim.pk]), {"alasan": ""}, follow=True)
    assert "Pimpinan Unit Organisasi" in r.content.decode()
    assert TimKerja.objects.get(pk=tim.pk).status == StatusTim.AKTIF

    client.force_login(d.kabid[0].user)
    html = client.get(reverse("tim_detail", args=[tim.pk])).content.decode()
    assert 'data-testid="akhiri-tim"' in html and "Bubarkan tim" in html
    assert 'data-testid="penanggung-jawab-tim"' not in html  # Belu does not use the role
    _tanpa_skrip_sebaris(html)
    r = client.post(reverse("tim_selesaikan", args=[tim.pk]), {"alasan": "Hasil diterima"}, follow=True)
    html = r.content.decode()
    assert "Tim dinyatakan selesai" in html and 'data-testid="tim-berakhir"' in html
    assert 'data-testid="akhiri-tim"' not in html
    assert TimKerja.objects.get(pk=tim.pk).status == StatusTim.SELESAI
    assert not Penugasan.objects.filter(tim=tim, status=StatusPenugasan.AKTIF).exists()
    # a second click: a warning, no second ending
    r = client.post(reverse("tim_bubarkan", args=[tim.pk]), {"alasan": "x"}, follow=True)
    assert "sudah selesai" in r.content.decode()


def test_bubarkan_tanpa_alasan_ditolak_dan_tim_lain_instansi_404(client, d):
    tim = _tim(d)
    client.force_login(d.kabid[0].user)
    r = client.post(reverse("tim_bubarkan", args=[tim.pk]), {"alasan": ""}, follow=True)
    assert "wajib disertai alasan" in r.content.decode()
    assert TimKerja.objects.get(pk=tim.pk).status == StatusTim.AKTIF
    lain = bangun_pemda("bungo", kode="bungo")
    client.force_login(lain.kabid[0].user)
    assert client.post(reverse("tim_bubarkan", args=[tim.pk]), {"alasan": "x"}).status_code == 404
    assert client.post(reverse("tim_bubarkan", args=[999999]), {"alasan": "x"}).status_code == 404


def test_penanggung_jawab_di_halaman_tim_inhil(client):
    inhil = bangun_pemda("indragiri_hilir", kode="inhil")
    tim = _tim(inhil)
    client.force_login(inhil.kabid[0].user)
    html = client.get(reverse("tim_detail", args=[tim.pk])).content.decode()
    assert 'data-testid="penanggung-jawab-tim"' in html
    r = client.post(reverse("tim_penanggung_jawab", args=[tim.pk]), {"pegawai": inhil.kasi[0].pk}, follow=True)
    assert "Penanggung jawab tim disimpan" in r.content.decode()
    assert TimKerja.objects.get(pk=tim.pk).penanggung_jawab_id == inhil.kasi[0].pk


def test_halaman_permohonan_mengakhiri_penugasan_dan_menutup_permohonan(client, d):
    p = ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.jf_muda[0], d.pelaksana[0]])
    tugas = list(Penugasan.objects.filter(permohonan=p).order_by("pk"))
    client.force_login(d.jf_muda[0].user)  # the assignee: no ending forms
    html = client.get(reverse("permohonan_detail", args=[p.pk])).content.decode()
    assert "akhiri-penugasan-" not in html and 'data-testid="selesaikan-permohonan"' not in html

    client.force_login(d.kabid[0].user)
    html = client.get(reverse("permohonan_detail", args=[p.pk])).content.decode()
    assert f'data-testid="akhiri-penugasan-{tugas[0].pk}"' in html
    assert 'data-testid="selesaikan-permohonan"' in html
    _tanpa_skrip_sebaris(html)
    r = client.post(reverse("penugasan_batalkan", args=[tugas[0].pk]), {"alasan": "Pegawai mutasi"}, follow=True)
    html = r.content.decode()
    assert "Penugasan dibatalkan" in html and "Dibatalkan" in html and "Pegawai mutasi" in html
    assert Penugasan.objects.get(pk=tugas[0].pk).status == StatusPenugasan.DIBATALKAN
    r = client.post(reverse("permohonan_selesaikan", args=[p.pk]), {"alasan": "Selesai"}, follow=True)
    assert "Permohonan dinyatakan selesai" in r.content.decode()
    assert PermohonanPenugasan.objects.get(pk=p.pk).status == StatusPermohonan.SELESAI
    assert Penugasan.objects.get(pk=tugas[1].pk).status == StatusPenugasan.SELESAI
    assert Penugasan.objects.get(pk=tugas[0].pk).status == StatusPenugasan.DIBATALKAN  # stays cancelled


def test_tanggal_di_masa_depan_ditolak_di_halaman(client, d):
    p = ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.jf_muda[0]])
    tugas = Penugasan.objects.get(permohonan=p)
    client.force_login(d.kabid[0].user)
    r = client.post(reverse("penugasan_selesaikan", args=[tugas.pk]), {"tanggal": "2099-01-01"}, follow=True)
    assert "setelah hari ini" in r.content.decode()
    assert Penugasan.objects.get(pk=tugas.pk).status == StatusPenugasan.AKTIF
