import pytest
from django.contrib import admin
from django.urls import reverse

from organisasi.tests.factories import UserFactory

from .helpers import bagi_dua, pemda, pk_berlaku

pytestmark = pytest.mark.django_db


def test_admin_kinerja_hanya_baca_dan_setiap_halaman_terbuka(client):
    d = pemda()
    pk, s, ind = pk_berlaku(d)
    bagi_dua(d, ind)
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "kinerja":
            continue
        nama = model._meta.model_name
        assert client.get(reverse(f"admin:kinerja_{nama}_changelist")).status_code == 200, nama
        assert client.get(reverse(f"admin:kinerja_{nama}_add")).status_code == 403, nama
        assert not model_admin.has_change_permission(None)
    assert client.get(reverse("admin:kinerja_perjanjiankinerja_change", args=[pk.pk])).status_code == 200
