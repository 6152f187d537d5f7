"""A deciding post that falls vacant after its step was reached does not strand the request: the
official the decision escalates to (the post above, as organisasi resolves it) sees it in the
inbox, opens it and decides; the history records the escalation. While a Plt. acts, the
definitive holder who opens the request is told who acts for the post (not a bare 404)."""
from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from organisasi.models import JenisJabatan, JenisPemangku
from organisasi.tests.factories import JabatanFactory, PegawaiFactory, angkat
from penugasan import selectors, services
from penugasan.models import StatusPermohonan

from .helpers import ajukan, bangun_pemda

pytestmark = pytest.mark.django_db


def _kosongkan(d, pegawai):
    """The pegawai moves to another post from today: their old post is vacant, no Plt./Plh."""
    lain = JabatanFactory(unit=d.bidang[0], nama="Analis Kebijakan Ahli Muda", jenis=JenisJabatan.FUNGSIONAL,
                          nama_jf="Analis Kebijakan", kategori_jf="keahlian", jenjang="ahli_muda")
    angkat(pegawai, lain, mulai=datetime.date.today())


def test_penentu_kosong_setelah_langkah_dicapai_dieskalasi_ke_atasan():
    d = bangun_pemda("belu", kode="belu")
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], kriteria="Perencana")
    jabatan_kasi = p.jabatan_penentu
    assert jabatan_kasi.nama == "Kepala Seksi 2"
    _kosongkan(d, d.kasi[1])
    # the official above (Kepala Bidang 2) sees it waiting for them, in the inbox and the API
    atasan = d.kabid[1]
    assert selectors.menunggu_keputusan(atasan.user).filter(pk=p.pk).exists()
    c = APIClient()
    c.force_login(atasan.user)
    assert [x["id"] for x in c.get(reverse("api-permohonan-menunggu")).json()["results"]] == [p.pk]
    assert c.get(reverse("api-permohonan-detail", args=[p.pk])).status_code == 200
    html = Client()
    html.force_login(atasan.user)
    assert html.get(reverse("permohonan_detail", args=[p.pk])).status_code == 200
    assert str(p.pk) in html.get(reverse("kotak_masuk")).content.decode()
    # the former holder no longer sees it as theirs
    assert not selectors.menunggu_keputusan(d.kasi[1].user).filter(pk=p.pk).exists()
    # the official above decides; the history says for which vacant post
    r = c.post(reverse("api-permohonan-setujui", args=[p.pk]), {"langkah": p.langkah_ke, "pegawai": [d.jf_pertama[1].pk]},
               format="json")
    assert r.status_code == 200, r.json()
    assert r.json()["status"] == StatusPermohonan.DISETUJUI
    langkah = p.riwayat.order_by("-urutan").first()
    assert langkah.pegawai == atasan and langkah.jabatan.nama == "Kepala Bidang 2"
    assert langkah.data["eskalasi_dari"]["jabatan"] == "Kepala Seksi 2"
    assert "Kepala Seksi 2" in langkah.catatan and "kosong" in langkah.catatan
    # nobody else gained anything: another Kepala Bidang cannot decide such a request
    q = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], kriteria="Perencana")
    assert not selectors.menunggu_keputusan(d.kabid[0].user).filter(pk=q.pk).exists()
    assert selectors.menunggu_keputusan(atasan.user).filter(pk=q.pk).exists()


def test_definitif_membuka_permohonan_saat_plt_menjabat_diberi_tahu_siapa_plt():
    d = bangun_pemda("belu", kode="belu")
    plt = PegawaiFactory(instansi=d.instansi, nama="Plt Seksi Dua")
    angkat(plt, d.jabatan_kasi[1], jenis=JenisPemangku.PLT, mulai=datetime.date.today())
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], kriteria="Perencana")
    assert selectors.menunggu_keputusan(plt.user).filter(pk=p.pk).exists()
    definitif = d.kasi[1]
    c = APIClient()
    c.force_login(definitif.user)
    for r in (c.get(reverse("api-permohonan-detail", args=[p.pk])),
              c.post(reverse("api-permohonan-setujui", args=[p.pk]), {"langkah": p.langkah_ke}, format="json")):
        assert r.status_code == 403, r.content
        pesan = r.json()["detail"]
        assert "Plt." in pesan and plt.nama_lengkap in pesan and "Kepala Seksi 2" in pesan
    html = Client()
    html.force_login(definitif.user)
    r = html.get(reverse("permohonan_detail", args=[p.pk]))
    assert r.status_code == 403 and plt.nama_lengkap in r.content.decode()
    assert PermohonanPenugasanStatus(p) == StatusPermohonan.MENUNGGU_KEPUTUSAN
    # someone unrelated still gets a plain 404
    asing = APIClient()
    asing.force_login(d.jf_muda[0].user)
    assert asing.get(reverse("api-permohonan-detail", args=[p.pk])).status_code == 404


def PermohonanPenugasanStatus(p):
    from penugasan.models import PermohonanPenugasan

    return PermohonanPenugasan.objects.get(pk=p.pk).status
