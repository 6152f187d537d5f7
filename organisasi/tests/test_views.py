"""Org chart page /organisasi/bagan/ and the selector behind it."""
import datetime

import pytest
from django.urls import reverse

from organisasi import selectors
from organisasi.models import JenisJabatan, JenisPemangku, JenisUnit
from organisasi.tests.factories import (
    JabatanFactory,
    PegawaiFactory,
    PerangkatDaerahFactory,
    UnitFactory,
    angkat,
    bangun_pd_dua_level,
    pejabat_baru,
)

pytestmark = pytest.mark.django_db


def _tambah_bidang(org, n):
    """n more Bidang (each with a Seksi, a head per unit and two JF) under the PD root."""
    for i in range(n):
        bidang = UnitFactory(perangkat_daerah=org.pd, parent=org.root, nama=f"Bidang Tambahan {i}")
        pejabat_baru(JabatanFactory(unit=bidang, jenis=JenisJabatan.ADMINISTRATOR, kepala_unit=True,
                                    nama=f"Kepala Bidang Tambahan {i}"))
        seksi = UnitFactory(perangkat_daerah=org.pd, parent=bidang, jenis=JenisUnit.SEKSI, nama=f"Seksi T{i}")
        pejabat_baru(JabatanFactory(unit=seksi, jenis=JenisJabatan.PENGAWAS, kepala_unit=True))
        jf = JabatanFactory(unit=seksi, jenis=JenisJabatan.FUNGSIONAL, nama_jf="Analis", kategori_jf="keahlian",
                            jenjang="ahli_pertama")
        pejabat_baru(jf)
        pejabat_baru(jf)


def test_bagan_pd_menampilkan_kepala_plt_lowong_ppk_dan_jumlah_staf(client):
    org = bangun_pd_dua_level()
    # Seksi 1's head is acting (Plt) from today; Bidang 2's head position is vacant
    plt = PegawaiFactory(instansi=org.instansi, nama="Sari Plt")
    angkat(plt, org.jabatan_kasi[0], jenis=JenisPemangku.PLT, mulai=datetime.date.today())
    kosong = UnitFactory(perangkat_daerah=org.pd, parent=org.root, nama="Bidang Lowong")
    JabatanFactory(unit=kosong, jenis=JenisJabatan.ADMINISTRATOR, kepala_unit=True, nama="Kepala Bidang Lowong")
    pejabat_baru(JabatanFactory(unit=kosong, jenis=JenisJabatan.PELAKSANA, nama="Pengadministrasi"))

    client.force_login(org.kepala_dinas.user)
    resp = client.get(reverse("organisasi_bagan"))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "<details" in html and "Bidang 1" in html and "Seksi 2" in html
    assert "Sari Plt" in html and "Plt." in html
    assert "kepala lowong" in html
    assert "Perencana" not in html or "JF Ahli Muda: 1" in html
    # the vacant Bidang's PPK escalates to the Kepala Dinas
    akar = selectors.bagan_perangkat_daerah(perangkat_daerah_id=org.pd.pk)
    lowong = next(s for s in akar[0].anak if s.unit.nama == "Bidang Lowong")
    assert lowong.kepala is None and lowong.jabatan_kepala is not None
    assert lowong.ppk.pegawai == org.kepala_dinas and lowong.ppk.eskalasi_dari == lowong.jabatan_kepala
    assert lowong.staf == {(JenisJabatan.PELAKSANA, ""): 1}
    seksi1 = next(s for s in akar[0].anak if s.unit == org.bidang[0]).anak[0]
    assert seksi1.kepala.pegawai == plt and seksi1.kepala.sebagai == JenisPemangku.PLT


def test_bagan_default_subtree_unit_sendiri_dengan_tautan_seluruh_pd(client):
    org = bangun_pd_dua_level()
    client.force_login(org.kabid[0].user)
    html = client.get(reverse("organisasi_bagan")).content.decode()
    assert "Bidang 1" in html and "Seksi 1" in html
    assert "Bidang 2" not in html
    assert 'data-testid="tautan-seluruh-pd"' in html
    html = client.get(reverse("organisasi_bagan"), {"pd": org.pd.pk, "seluruh": "1"}).content.decode()
    assert "Bidang 2" in html and "Seksi 2" in html


def test_bagan_pd_instansi_lain_tidak_dapat_dibuka(client):
    org = bangun_pd_dua_level()
    lain = PerangkatDaerahFactory()  # another Instansi
    client.force_login(org.jf_muda[0].user)
    assert client.get(reverse("organisasi_bagan"), {"pd": lain.pk}).status_code == 404


@pytest.mark.parametrize("tambahan", [0, 6])
def test_jumlah_query_bagan_tidak_tumbuh_dengan_pohon(client, django_assert_num_queries, tambahan):
    org = bangun_pd_dua_level()
    _tambah_bidang(org, tambahan)
    client.force_login(org.kepala_dinas.user)
    url, params = reverse("organisasi_bagan"), {"pd": org.pd.pk, "seluruh": "1"}
    client.get(url, params)  # warm process-wide caches (ContentType) so the pin is independent of test order
    # session + user + pegawai + unit of viewer + PD list + 5 for the chart + badges (unread 1,
    # inbox 3: positions, vacant posts escalated to the viewer, count)
    with django_assert_num_queries(13):
        resp = client.get(reverse("organisasi_bagan"), {"pd": org.pd.pk, "seluruh": "1"})
    assert resp.status_code == 200
    assert resp.content.decode().count("<details") == 5 + 2 * tambahan


def test_bagan_dan_api_memakai_satu_selektor_visibilitas(client):
    """The org-chart page, the org-chart API and penugasan's workload API ask one selector
    (``selectors_akses``): a pegawai of one Instansi who audits another reads that other
    Instansi's chart and workloads everywhere (the page had its own rule: own Instansi only, 404;
    the workload API had its own inline rule); an account without any right reads nothing."""
    from organisasi import permissions, selectors_akses
    from organisasi.tests.factories import UserFactory

    org = bangun_pd_dua_level()
    lain = bangun_pd_dua_level(nama="Dinas Lain")  # another Instansi
    pembaca = org.jf_muda[0].user
    permissions.beri_auditor(pembaca, lain.instansi)
    client.force_login(pembaca)
    assert client.get(reverse("organisasi_bagan"), {"pd": lain.pd.pk}).status_code == 200
    assert client.get(reverse("api-organisasi-unit-pohon", args=[lain.pd.pk])).status_code == 200
    assert client.get(reverse("api-pegawai-beban-kerja", args=[lain.kasi[0].pk])).status_code == 200
    assert set(selectors_akses.pd_bagan_terlihat(pembaca)) == {org.pd, lain.pd}

    # an admin of one PD without a staff record: the same answer on the three entry points
    admin_pd = UserFactory()
    permissions.beri_admin_pd(admin_pd, lain.pd)
    client.force_login(admin_pd)
    assert client.get(reverse("organisasi_bagan"), {"pd": lain.pd.pk}).status_code == 200
    assert client.get(reverse("api-pegawai-beban-kerja", args=[lain.kasi[0].pk])).status_code == 200
    assert client.get(reverse("api-pegawai-beban-kerja", args=[org.kasi[0].pk])).status_code == 404

    tanpa_hak = UserFactory()
    client.force_login(tanpa_hak)
    resp = client.get(reverse("organisasi_bagan"))
    assert resp.status_code == 200 and org.pd.nama not in resp.content.decode()
    assert client.get(reverse("organisasi_bagan"), {"pd": org.pd.pk}).status_code == 404
    assert client.get(reverse("api-pegawai-beban-kerja", args=[org.kasi[0].pk])).status_code == 404
    assert not selectors_akses.pegawai_terlihat(tanpa_hak).exists()
