"""Read-only organisation API: unit tree of a PD and staff search, each only for users of the
same Instansi, its administrators and auditors."""
import datetime

import pytest
from django.urls import reverse

from organisasi import permissions
from organisasi.models import JenisPemangku, Kompetensi
from organisasi.tests.factories import InstansiFactory, PegawaiFactory, UserFactory, angkat, bangun_pd_dua_level

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return bangun_pd_dua_level(InstansiFactory())


def test_pohon_unit_dengan_pejabat(client, org):
    client.force_login(org.jf_muda[0].user)
    plt = PegawaiFactory(instansi=org.instansi)
    angkat(plt, org.jabatan_kasi[0], jenis=JenisPemangku.PLT, mulai=datetime.date(2025, 1, 1))
    url = reverse("api-organisasi-unit-pohon", args=[org.pd.pk])
    resp = client.get(url, {"tanggal": "2025-02-01"})
    assert resp.status_code == 200
    data = resp.json()
    assert data["perangkat_daerah"] == org.pd.nama and data["tanggal"] == "2025-02-01"
    [akar] = data["unit"]
    assert akar["id"] == org.root.pk and akar["level"] == 1
    assert akar["kepala"]["nip"] == org.kepala_dinas.nip
    bidang = {b["id"]: b for b in akar["anak"]}
    seksi = bidang[org.bidang[0].pk]["anak"][0]
    assert seksi["id"] == org.seksi[0].pk and seksi["level"] == 3
    assert seksi["kepala"]["nama"] == plt.nama_lengkap and seksi["kepala"]["sebagai"] == "plt"
    assert seksi["ppk"]["jabatan"] == "Plt. Kepala Seksi 1"
    assert seksi["jumlah_staf"] == 3  # definitive holders: Kasi, JF Ahli Pertama, Pelaksana
    # before the Plt: the definitive Kasi
    seksi = client.get(url, {"tanggal": "2024-06-01"}).json()["unit"][0]["anak"]
    assert {b["id"]: b for b in seksi}[org.bidang[0].pk]["anak"][0]["kepala"]["nip"] == org.kasi[0].nip


def test_pohon_unit_instansi_lain_ditolak(client, org):
    lain = bangun_pd_dua_level(InstansiFactory())
    client.force_login(lain.jf_muda[0].user)
    resp = client.get(reverse("api-organisasi-unit-pohon", args=[org.pd.pk]))
    assert resp.status_code == 403 and "tidak berwenang" in resp.json()["detail"]
    assert client.get(reverse("api-organisasi-unit-pohon", args=[999999])).status_code == 404
    assert client.get(reverse("api-organisasi-unit-pohon", args=[lain.pd.pk]),
                      {"tanggal": "kemarin"}).status_code == 400
    auditor = UserFactory(username="auditor")
    permissions.beri_auditor(auditor, org.instansi)
    client.force_login(auditor)
    assert client.get(reverse("api-organisasi-unit-pohon", args=[org.pd.pk])).status_code == 200
    assert client.get(reverse("api-organisasi-unit-pohon", args=[lain.pd.pk])).status_code == 403


def test_cari_pegawai(client, org):
    analisis = Kompetensi.objects.create(nama="Analisis Data")
    org.jf_pertama[1].kompetensi.add(analisis)
    client.force_login(org.kabid[0].user)
    url = reverse("api-organisasi-pegawai-cari")
    data = client.get(url).json()
    # JF and Pelaksana of the own Instansi: 3 per Bidang
    assert data["count"] == 6
    assert {r["nip"] for r in data["results"]} == {p.nip for p in org.jf_muda + org.jf_pertama + org.pelaksana}
    hasil = client.get(url, {"kompetensi": analisis.pk}).json()["results"]
    assert [(r["nip"], r["kompetensi"]) for r in hasil] == [(org.jf_pertama[1].nip, ["Analisis Data"])]
    hasil = client.get(url, {"q": org.pelaksana[0].nip[:14]}).json()["results"]
    assert org.pelaksana[0].nip in {r["nip"] for r in hasil}
    hasil = client.get(url, {"unit": org.bidang[1].pk}).json()["results"]
    assert {r["nip"] for r in hasil} == {org.jf_muda[1].nip, org.jf_pertama[1].nip, org.pelaksana[1].nip}
    assert hasil[0]["jabatan"] and hasil[0]["unit"]


def test_cari_pegawai_instansi_lain_ditolak(client, org):
    lain = bangun_pd_dua_level(InstansiFactory())
    client.force_login(org.kabid[0].user)
    resp = client.get(reverse("api-organisasi-pegawai-cari"), {"instansi": lain.instansi.pk})
    assert resp.status_code == 403
    tanpa_pegawai = UserFactory(username="tamu")
    client.force_login(tanpa_pegawai)
    resp = client.get(reverse("api-organisasi-pegawai-cari"))
    assert resp.status_code == 400 and "instansi" in resp.json()
    client.logout()
    assert client.get(reverse("api-organisasi-pegawai-cari")).status_code in (401, 403)
