"""One workload rule (``selectors.beban_melebihi``) answered alike by every entry point."""
from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from penugasan import selectors, services

from .helpers import ajukan, bangun_pemda

pytestmark = pytest.mark.django_db


def test_aturan_beban_kerja_satu_untuk_semua_pintu(client):
    # given: a limit of 1 and a JF who already has one active assignment (exactly at the limit)
    d = bangun_pemda("belu")
    d.instansi.batas_beban_kerja = 1
    d.instansi.save(update_fields=["batas_beban_kerja"])
    jf = d.jf_muda[0]
    ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[jf])
    # at the limit: not over it now, over it with one more
    [status] = selectors.beban_kerja_status([jf]).values()
    assert (status.jumlah, status.batas, status.melebihi) == (1, 1, False)
    assert selectors.beban_kerja_status([jf], tambahan=1)[jf.pk].melebihi is True
    api = APIClient()
    api.force_authenticate(d.kabid[0].user)
    assert api.get(reverse("api-pegawai-beban-kerja", args=[jf.pk])).json()["melebihi"] is False
    # the chooser and the submission warning ask "with one more": both say so
    assert services.beban_kerja_peringatan(pegawai=[jf])
    client.force_login(d.kabid[0].user)
    html = client.get(reverse("cari_pegawai"), {"cari_q": jf.nip[:14]}, HTTP_HX_REQUEST="true").content.decode()
    assert jf.nip in html and "beban tinggi" in html
    # below the limit: nobody warns
    d.instansi.batas_beban_kerja = 2
    d.instansi.save(update_fields=["batas_beban_kerja"])
    assert not services.beban_kerja_peringatan(pegawai=[jf])
    html = client.get(reverse("cari_pegawai"), {"cari_q": jf.nip[:14]}, HTTP_HX_REQUEST="true").content.decode()
    assert jf.nip in html and "beban tinggi" not in html
