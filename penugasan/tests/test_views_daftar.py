"""Every list page paginates with a visible count and reaches every item (no silent cap):
my requests, my assignments, teams, notifications. Pages are made small (PER_HALAMAN) so that
several pages need few rows; the inbox test (test_views_halaman) uses the real 50."""
import pytest
from django.urls import reverse

from inti import halaman as halaman_mod
from django.db import transaction

from notifikasi.services import notifikasi_kirim
from penugasan import services
from penugasan.models import Rute
from penugasan.tests.helpers import ajukan, bangun_pemda

pytestmark = pytest.mark.django_db


@pytest.fixture
def d():
    return bangun_pemda("belu")


@pytest.fixture
def per_dua(monkeypatch):
    monkeypatch.setattr(halaman_mod, "PER_HALAMAN", 2)


def _permohonan(d, n, **kw):
    return [ajukan(d.kabid[0], Rute.PENUNJUKAN_LINTAS_UNIT, unit_tujuan=d.bidang[1],
                   pegawai_diminta=[d.jf_muda[1]], judul=f"Judul-{i}", **kw) for i in range(n)]


def test_permohonan_saya_berhalaman_dengan_jumlah(client, d, per_dua):
    _permohonan(d, 5)
    client.force_login(d.kabid[0].user)
    html = client.get(reverse("permohonan_saya")).content.decode()
    assert "Menampilkan 1–2 dari 5" in html and "Halaman 1 dari 3" in html
    html = client.get(reverse("permohonan_saya"), {"halaman": 3}).content.decode()
    assert "Menampilkan 5–5 dari 5" in html and "Judul-0" in html  # the oldest is reachable


def test_penugasan_saya_berhalaman_dengan_jumlah(client, d, per_dua):
    for p in _permohonan(d, 3):
        services.permohonan_setujui(actor=d.kabid[1].user, permohonan_id=p.pk)
    client.force_login(d.jf_muda[1].user)
    html = client.get(reverse("penugasan_saya")).content.decode()
    assert "Menampilkan 1–2 dari 3" in html and html.count('data-testid="penugasan"') == 2
    html = client.get(reverse("penugasan_saya"), {"halaman": 2}).content.decode()
    assert "Menampilkan 3–3 dari 3" in html and html.count('data-testid="penugasan"') == 1


def test_tim_saya_berhalaman_dengan_jumlah(client, d, per_dua):
    for i in range(3):
        p = ajukan(d.kabid[0], Rute.PENUNJUKAN_LINTAS_UNIT, unit_tujuan=d.bidang[1], pegawai_diminta=[d.jf_muda[1]],
                   judul=f"T{i}", nama_tim=f"Tim Kerja {i}", ketua_tim=d.jf_muda[0])
        services.permohonan_setujui(actor=d.kabid[1].user, permohonan_id=p.pk)
    client.force_login(d.jf_muda[1].user)
    html = client.get(reverse("tim_daftar")).content.decode()
    assert "Menampilkan 1–2 dari 3" in html and "Halaman 1 dari 2" in html
    html = client.get(reverse("tim_daftar"), {"halaman": 2}).content.decode()
    assert "Menampilkan 3–3 dari 3" in html and "Tim Kerja 2" in html  # ordered by start, then name


def test_notifikasi_berhalaman_dengan_jumlah_dan_saringan_terjaga(client, d):
    user = d.kabid[0].user
    for i in range(23):
        with transaction.atomic():
            notifikasi_kirim(penerima=[user], kunci=f"uji-{i}", jenis="permohonan", judul=f"Kabar {i}",
                             pesan="Ada kabar.", url="/")
    client.force_login(user)
    html = client.get(reverse("notifikasi_daftar"), {"belum": 1}).content.decode()
    assert "Menampilkan 1–20 dari 23" in html and "Halaman 1 dari 2" in html
    assert "belum=1&amp;halaman=2" in html or "halaman=2&amp;belum=1" in html
    html = client.get(reverse("notifikasi_daftar"), {"belum": 1, "halaman": 2}).content.decode()
    assert "Menampilkan 21–23 dari 23" in html and "Kabar 0" in html


def test_cari_pegawai_berhalaman_dengan_jumlah_tanpa_batas_diam(client, d, monkeypatch):
    from penugasan import views

    monkeypatch.setattr(views, "CARI_PER_HALAMAN", 2)
    client.force_login(d.kabid[0].user)
    params = {"cari_q": "Pegawai", "rute": Rute.PENUNJUKAN_DALAM_UNIT}
    html = client.get(reverse("cari_pegawai"), params, HTTP_HX_REQUEST="true").content.decode()
    assert html.count("<tr") - 1 == 2  # header row + one page
    jumlah = int(html.split("Menampilkan 1–2 dari ")[1].split("<")[0])
    assert jumlah > 2 and "Berikutnya" in html and "halaman=2" in html
    html = client.get(reverse("cari_pegawai"), {**params, "halaman": (jumlah + 1) // 2},
                      HTTP_HX_REQUEST="true").content.decode()
    assert f"dari {jumlah}" in html and "Berikutnya" not in html
