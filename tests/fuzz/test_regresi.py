"""Regressions found by Schemathesis (tests/fuzz/test_schemathesis.py)."""
from __future__ import annotations

import pytest
from django.urls import reverse

from organisasi.tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db


def test_matriks_tim_tak_dikenal_404_bukan_500(client):
    """GET /api/kinerja/tim/<id>/matriks/ of an unknown or unseen team: 404 (was a TypeError, 500)."""
    pegawai = PegawaiFactory()
    client.force_login(pegawai.user)
    resp = client.get(reverse("api-kinerja-matriks-tim", args=[0]))
    assert resp.status_code == 404
    assert resp.json()["detail"]


def test_skema_daftar_berhalaman_dan_galat_umum_terdokumentasi(client):
    """Lists answered a page (count, next, results) but were documented as a bare array; the common
    error answers (400/401/403/404/409) were undocumented."""
    skema = client.get("/api/schema/?format=json").json()
    for path in ("/api/notifikasi/", "/api/organisasi/pegawai/", "/api/kinerja/pk/"):
        ref = skema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        assert {"count", "results"} <= set(skema["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"]), path
    for operasi in skema["paths"].values():
        for metode, op in operasi.items():
            if metode in {"get", "post", "put", "patch", "delete"}:
                assert {"400", "401", "403", "404", "409"} <= set(op["responses"]), op.get("operationId")
