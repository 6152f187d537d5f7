"""The admin shows assignments and the audit trail read-only."""
import pytest
from django.urls import reverse

from inti.models import JejakAudit
from organisasi.tests.factories import UserFactory

from .helpers import ajukan, bangun_pemda

pytestmark = pytest.mark.django_db


def test_admin_hanya_baca(client):
    d = bangun_pemda("belu")
    p = ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.jf_muda[0]])
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    jejak = JejakAudit.objects.filter(objek_id=str(p.pk)).first()
    assert client.get(reverse("admin:inti_jejakaudit_changelist")).status_code == 200
    assert client.get(reverse("admin:penugasan_permohonanpenugasan_change", args=[p.pk])).status_code == 200
    assert client.get(reverse("admin:inti_jejakaudit_add")).status_code == 403
    r = client.post(reverse("admin:inti_jejakaudit_delete", args=[jejak.pk]), {"post": "yes"})
    assert r.status_code == 403
    r = client.post(reverse("admin:inti_jejakaudit_change", args=[jejak.pk]), {"alasan": "ubah"})
    assert r.status_code == 403
    assert JejakAudit.objects.filter(pk=jejak.pk, alasan="ubah").count() == 0
    assert client.post(reverse("admin:penugasan_permohonanpenugasan_delete", args=[p.pk]),
                       {"post": "yes"}).status_code == 403
