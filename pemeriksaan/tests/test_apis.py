"""Evidence API: token auth, by kind and year, scope only, documented in the OpenAPI schema."""
from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from surat.models import Surat

from .helpers import dua_pemda

pytestmark = pytest.mark.django_db


def test_bukti_per_jenis_dan_tahun_dengan_token():
    w = dua_pemda()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=w.auditor).key}")
    url = reverse("api-pemeriksaan-bukti")
    surat_a = Surat.objects.filter(instansi=w.a.instansi)
    data = api.get(url).json()
    assert data["count"] == surat_a.count()
    assert {r["nomor"] for r in data["results"]} == set(surat_a.values_list("nomor", flat=True))
    assert all(r["instansi"] == w.a.instansi.nama and r["url_verifikasi"] for r in data["results"])
    jenis = surat_a.values_list("jenis", flat=True).first()
    tahun = surat_a.first().tahun
    data = api.get(url, {"jenis": jenis, "tahun": tahun}).json()
    assert data["count"] == surat_a.filter(jenis=jenis, tahun=tahun).count() > 0
    assert api.get(url, {"tahun": tahun + 5}).json()["count"] == 0
    # the other Instansi: nothing, even when asked for by id
    assert api.get(url, {"instansi": w.b.instansi.pk}).json()["count"] == 0
    assert api.get(url, {"jenis": "bukan"}).status_code == 400
    # not an auditor: refused
    lain = APIClient()
    lain.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=w.a.jf_muda[0].user).key}")
    assert lain.get(url).status_code == 403
    assert APIClient().get(url).status_code in (401, 403)


def test_skema_openapi_memuat_api_bukti_dan_sah():
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.validation import validate_schema

    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    operasi = schema["paths"]["/api/pemeriksaan/bukti/"]["get"]
    assert {p["name"] for p in operasi["parameters"]} >= {"jenis", "tahun"}
