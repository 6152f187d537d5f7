"""One error mapping: the status of each domain exception, the HTML pages and the API answers agree."""
from __future__ import annotations

import json

import pytest
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.test import RequestFactory
from django_fsm import TransitionNotAllowed

from inti.api import exception_handler
from inti.exceptions import KonflikError
from inti.galat import GalatMiddleware, halaman_404, halaman_500, status_galat

KASUS = [
    (ValidationError("x"), 400),
    (PermissionDenied("x"), 403),
    (ObjectDoesNotExist(), 404),
    (Http404(), 404),
    (KonflikError("x"), 409),
    (TransitionNotAllowed("x"), 409),
    (RuntimeError("bug"), None),
]


@pytest.mark.parametrize("exc, kode", KASUS)
def test_status_sama_di_api_dan_halaman(exc, kode):
    assert status_galat(exc) == kode
    jawaban = exception_handler(exc, {})
    if kode is None:
        assert jawaban is None  # a bug stays a 500
    else:
        assert jawaban.status_code == kode


@pytest.mark.django_db
def test_middleware_konflik_jadi_halaman_409():
    request = RequestFactory().post("/x/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    mw = GalatMiddleware(lambda r: None)
    jawaban = mw.process_exception(request, KonflikError("Permohonan sudah diputuskan pejabat lain."))
    assert jawaban.status_code == 409
    assert "Permohonan sudah diputuskan pejabat lain." in jawaban.content.decode()
    assert mw.process_exception(request, ValidationError("Isi tidak lengkap.")).status_code == 400
    assert mw.process_exception(request, PermissionDenied()) is None  # Django's handler403
    assert mw.process_exception(request, RuntimeError()) is None


@pytest.mark.django_db
def test_halaman_404_dan_500(client):
    r = client.get("/halaman-yang-tidak-ada/")
    assert r.status_code == 404 and 'data-testid="halaman-404"' in r.content.decode()
    request = RequestFactory().get("/")
    assert halaman_500(request).status_code == 500
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert halaman_404(request, Http404("x")).status_code == 404


@pytest.mark.django_db
def test_jalur_api_tak_dikenal_dijawab_json_404_bukan_html(client, django_user_model):
    r = client.get("/api/penugasan/tidak-ada/")
    assert r.status_code == 404 and r["Content-Type"].startswith("application/json")
    assert r.json() == {"detail": "Tidak ditemukan."}
    client.force_login(django_user_model.objects.create_user("u", password="x"))
    r = client.post("/api/tidak-ada-sama-sekali/", {})
    assert r.status_code == 404 and r.json() == {"detail": "Tidak ditemukan."}
    # pages outside /api/ keep the HTML page
    assert "text/html" in client.get("/tidak-ada/")["Content-Type"]


def test_galat_500_di_api_json_tanpa_rincian():
    r = halaman_500(RequestFactory().get("/api/penugasan/permohonan/"))
    assert r.status_code == 500 and json.loads(r.content) == {"detail": "Terjadi kesalahan pada server."}
