"""Lists at any size: the inbox paginates (50 a page, a visible count, links that keep the
filters), searches units instead of listing them, decodes each route once per page, keeps a
constant number of queries, and bulk approval never reaches past one page."""
import re

import pytest
from django.urls import reverse

from penugasan import selectors, views
from penugasan.models import PermohonanPenugasan, Rute, StatusPermohonan
from penugasan.tests.helpers import ajukan, bangun_pemda

pytestmark = pytest.mark.django_db

BERANDA_QUERY = 21  # session, user, pegawai, positions, each home section (bounded), the frame;
# +2: the vacant posts escalated to the user, read once for the inbox section and once for the badge
# +6: my own PPK and Pimpinan Unit (placement, position, the position above, who holds it; Kinerja I)


@pytest.fixture
def d():
    return bangun_pemda("belu")


def _banyak(d, n, **kw):
    return [ajukan(d.kabid[0], Rute.PENUNJUKAN_LINTAS_UNIT, unit_tujuan=d.bidang[1],
                   pegawai_diminta=[d.jf_muda[1]], judul=f"Permohonan {i}", **kw) for i in range(n)]


def _item(html: str) -> int:
    return html.count('data-testid="item-kotak-masuk"')


def test_kotak_masuk_50_per_halaman_dengan_jumlah_dan_tautan_yang_menjaga_saringan(client, d):
    _banyak(d, 60)
    client.force_login(d.kabid[1].user)
    html = client.get(reverse("kotak_masuk"), {"rute": Rute.PENUNJUKAN_LINTAS_UNIT}).content.decode()
    assert _item(html) == 50
    assert "Menampilkan 1–50 dari 60" in html and "Halaman 1 dari 2" in html
    berikut = re.search(r'href="([^"]*halaman=2[^"]*)"', html).group(1).replace("&amp;", "&")
    assert "rute=penunjukan_lintas_unit" in berikut
    html2 = client.get(reverse("kotak_masuk") + berikut).content.decode()
    assert _item(html2) == 10 and "Menampilkan 51–60 dari 60" in html2
    assert 'data-testid="lencana-kotak-masuk">60' in html  # the badge counts all, not the page


@pytest.mark.parametrize("jumlah", [10, 60])
def test_jumlah_query_kotak_masuk_sama_untuk_10_dan_60(client, d, django_assert_num_queries, jumlah):
    _banyak(d, jumlah)
    client.force_login(d.kabid[1].user)
    client.get(reverse("kotak_masuk"))  # warm the session/caches outside the measure
    # session, user, positions, vacant posts escalated to the user, COUNT, the page, acting
    # positions, frame (notifications, ...)
    with django_assert_num_queries(9):
        resp = client.get(reverse("kotak_masuk"))
    assert _item(resp.content.decode()) == min(jumlah, 50)


def test_saringan_unit_adalah_pencarian_bukan_daftar_seluruh_unit(client, d):
    _banyak(d, 2)
    client.force_login(d.kabid[1].user)
    html = client.get(reverse("kotak_masuk")).content.decode()
    assert 'name="unit"' in html and 'type="search"' in html
    assert "Semua unit" not in html and d.seksi[0].nama not in html.split('name="unit"')[1].split("</form>")[0]
    html = client.get(reverse("kotak_masuk"), {"unit": d.bidang[1].nama[-8:].upper()}).content.decode()
    assert _item(html) == 2
    html = client.get(reverse("kotak_masuk"), {"unit": "tidak ada unit begini"}).content.decode()
    assert _item(html) == 0


def test_rute_diurai_sekali_per_halaman(d):
    _banyak(d, 3)
    items = list(selectors.kotak_masuk(d.kabid[1].user))
    assert all("langkah_rute" in p.get_deferred_fields() for p in items)  # the ORM does not decode it per row
    selectors.langkah_per_halaman(items)
    assert len({id(p.langkah_rute) for p in items}) == 1  # one decoded copy for the same route
    assert all(p.langkah_sekarang["aksi"] for p in items)


def test_setujui_massal_dibatasi_satu_halaman_dan_menyebut_yang_disetujui(client, d, monkeypatch):
    ps = _banyak(d, 3)
    client.force_login(d.kabid[1].user)
    monkeypatch.setattr(views, "MAKS_MASSAL", 2)
    resp = client.post(reverse("kotak_masuk_setujui_massal"), {"permohonan": [f"{p.pk}:0" for p in ps], "konfirmasi": "1"},
                       follow=True)
    assert "paling banyak 2 permohonan" in resp.content.decode()
    assert not PermohonanPenugasan.objects.filter(status=StatusPermohonan.DISETUJUI).exists()
    resp = client.post(reverse("kotak_masuk_setujui_massal"), {"permohonan": [f"{ps[0].pk}:0", f"{ps[1].pk}:0"], "konfirmasi": "1"},
                       follow=True)
    html = resp.content.decode()
    assert "2 permohonan disetujui" in html and "Permohonan 0" in html and "Permohonan 1" in html


def test_batas_setujui_massal_sama_dengan_satu_halaman():
    assert views.MAKS_MASSAL == 50


def test_permohonan_saya_union_dua_pencarian_berindeks_bukan_or(d):
    """pemohon = me OR dibuat_oleh = me scanned the whole table; the two lookups are joined by UNION."""
    sql = str(selectors.permohonan_saya(d.kabid[0].user).query).upper()
    assert " UNION " in sql and '"PEMOHON_ID" IN' in sql and '"DIBUAT_OLEH_ID" =' in sql
    assert " OR " not in sql


@pytest.mark.parametrize("jumlah", [2, 12])
def test_jumlah_query_beranda_tetap_dengan_riwayat(client, d, django_assert_num_queries, jumlah):
    _banyak(d, jumlah)
    client.force_login(d.kabid[0].user)
    client.get(reverse("beranda"))
    with django_assert_num_queries(BERANDA_QUERY):  # the same for 2 and 12 requests of one's own
        html = client.get(reverse("beranda")).content.decode()
    assert "Permohonan 0" in html or f"Permohonan {jumlah - 1}" in html


def test_beranda_dan_permohonan_saya_hanya_milik_sendiri(client, d):
    sendiri = _banyak(d, 1)[0]
    client.force_login(d.kabid[0].user)
    assert sendiri.judul in client.get(reverse("beranda")).content.decode()
    assert [p.pk for p in selectors.permohonan_saya(d.kabid[0].user)] == [sendiri.pk]
    assert not selectors.permohonan_saya(d.kabid[1].user).exists()
