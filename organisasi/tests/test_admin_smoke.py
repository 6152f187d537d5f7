"""Every organisation admin page renders for a superuser and for a PD admin, and the list pages
use a fixed number of queries whatever the number of rows."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisasi import permissions
from organisasi.models import Kedudukan, Kompetensi, PemangkuJabatan
from organisasi.tests.factories import InstansiFactory, UserFactory, bangun_pd_dua_level, tempatkan

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    org = bangun_pd_dua_level(InstansiFactory())
    tempatkan(org.pelaksana[0], org.jabatan_kasi[0])
    org.pelaksana[0].kompetensi.add(Kompetensi.objects.create(nama="Analisis Data"))
    return org


def _objek(org):
    return {
        "instansi": org.instansi, "perangkatdaerah": org.pd, "unitorganisasi": org.seksi[0],
        "jabatan": org.jabatan_kasi[0], "pegawai": org.pelaksana[0],
        "pemangkujabatan": PemangkuJabatan.objects.filter(jabatan__unit__perangkat_daerah=org.pd).first(),
        "kedudukan": Kedudukan.objects.first(), "kompetensi": Kompetensi.objects.first(),
    }


def test_semua_halaman_admin_untuk_superuser(client, org):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    assert client.get(reverse("admin:index")).status_code == 200
    for model, obj in _objek(org).items():
        for url in (reverse(f"admin:organisasi_{model}_changelist"), reverse(f"admin:organisasi_{model}_add"),
                    reverse(f"admin:organisasi_{model}_change", args=[obj.pk]),
                    reverse(f"admin:organisasi_{model}_changelist") + "?q=a"):
            assert client.get(url).status_code == 200, url


def test_halaman_admin_untuk_admin_pd(client, org):
    user = UserFactory(username="admin_pd")
    permissions.beri_admin_pd(user, org.pd)
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 200
    for model, obj in _objek(org).items():
        if model == "instansi":
            continue
        assert client.get(reverse(f"admin:organisasi_{model}_changelist")).status_code == 200, model
        assert client.get(reverse(f"admin:organisasi_{model}_change", args=[obj.pk])).status_code == 200, model
    for model in ("unitorganisasi", "jabatan", "pegawai", "pemangkujabatan", "kedudukan"):
        assert client.get(reverse(f"admin:organisasi_{model}_add")).status_code == 200, model
    assert client.get(reverse("admin:organisasi_perangkatdaerah_add")).status_code == 403


@pytest.mark.parametrize("model", ["perangkatdaerah", "unitorganisasi", "jabatan", "pegawai", "pemangkujabatan",
                                   "kedudukan"])
def test_jumlah_query_daftar_tidak_tumbuh_dengan_jumlah_baris(client, org, model):
    user = UserFactory(username="admin_instansi")
    permissions.beri_admin_instansi(user, org.instansi)
    client.force_login(user)
    url = reverse(f"admin:organisasi_{model}_changelist")
    client.get(url)  # warm caches (content types, permissions)
    with CaptureQueriesContext(connection) as sedikit:
        assert client.get(url).status_code == 200
    lain = bangun_pd_dua_level(org.instansi, "Dinas Pendidikan")
    tempatkan(lain.pelaksana[0], lain.jabatan_kasi[0])
    tempatkan(lain.pelaksana[1], lain.jabatan_kasi[1])
    with CaptureQueriesContext(connection) as banyak:
        resp = client.get(url)
    assert resp.status_code == 200 and resp.context["cl"].result_count > 0
    assert len(banyak) == len(sedikit), [q["sql"][:120] for q in banyak.captured_queries]
