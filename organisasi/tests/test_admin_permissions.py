"""PD-scoped admin: a PD's HR admin sees and edits only that PD's rows, an Instansi admin all
rows of that Instansi, an auditor reads everything, a staff user without grants nothing."""
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from organisasi import permissions
from organisasi.models import (
    Jabatan,
    JenisJabatan,
    Kedudukan,
    Pegawai,
    PemangkuJabatan,
    PerangkatDaerah,
    UnitOrganisasi,
)
from organisasi.tests.factories import InstansiFactory, UserFactory, bangun_pd_dua_level, tempatkan

pytestmark = pytest.mark.django_db

MODEL = ["perangkatdaerah", "unitorganisasi", "jabatan", "pegawai", "pemangkujabatan", "kedudukan"]


@pytest.fixture
def dunia():
    class W:
        pass

    w = W()
    w.instansi = InstansiFactory()
    w.a = bangun_pd_dua_level(w.instansi, "Dinas Kesehatan")
    w.b = bangun_pd_dua_level(w.instansi, "Dinas Pendidikan")
    w.lain = bangun_pd_dua_level(InstansiFactory(), "Dinas Kominfo")
    for org in (w.a, w.b, w.lain):
        tempatkan(org.pelaksana[0], org.jabatan_kasi[0])
    w.admin_pd = UserFactory(username="admin_pd_a")
    permissions.beri_admin_pd(w.admin_pd, w.a.pd)
    w.admin_instansi = UserFactory(username="admin_instansi")
    permissions.beri_admin_instansi(w.admin_instansi, w.instansi)
    w.auditor = UserFactory(username="auditor")
    permissions.beri_auditor(w.auditor, w.instansi)
    w.super = UserFactory(username="root", is_superuser=True, is_staff=True)
    return w


def _objek_pd(pd):
    """The rows of one PD per admin model (computed independently of permissions.py)."""
    return {
        "perangkatdaerah": set(PerangkatDaerah.objects.filter(pk=pd.pk).values_list("pk", flat=True)),
        "unitorganisasi": set(UnitOrganisasi.objects.filter(perangkat_daerah=pd).values_list("pk", flat=True)),
        "jabatan": set(Jabatan.objects.filter(unit__perangkat_daerah=pd).values_list("pk", flat=True)),
        "pegawai": set(Pegawai.objects.filter(riwayat_jabatan__jabatan__unit__perangkat_daerah=pd)
                       .values_list("pk", flat=True)),
        "pemangkujabatan": set(PemangkuJabatan.objects.filter(jabatan__unit__perangkat_daerah=pd)
                               .values_list("pk", flat=True)),
        "kedudukan": set(Kedudukan.objects.filter(jabatan_ppk__unit__perangkat_daerah=pd)
                         .values_list("pk", flat=True)),
    }


def _daftar(client, model):
    resp = client.get(reverse(f"admin:organisasi_{model}_changelist") + "?all=")
    assert resp.status_code == 200, (model, resp.status_code)
    return {obj.pk for obj in resp.context["cl"].result_list}


def test_beri_admin_memberi_akses_admin(dunia):
    u = dunia.admin_pd
    u.refresh_from_db()
    assert u.is_staff and u.groups.filter(name=permissions.GRUP_ADMIN_KEPEGAWAIAN).exists()
    assert u.has_perm("organisasi.change_unitorganisasi")
    assert permissions.boleh_kelola_pd(u, dunia.a.pd) and not permissions.boleh_kelola_pd(u, dunia.b.pd)
    assert list(permissions.pd_yang_dikelola(u)) == [dunia.a.pd]
    assert set(permissions.pd_yang_dikelola(dunia.admin_instansi)) == {dunia.a.pd, dunia.b.pd}
    assert permissions.boleh_kelola_instansi(dunia.admin_instansi, dunia.instansi)
    assert not permissions.boleh_kelola_instansi(u, dunia.instansi)


@pytest.mark.parametrize("model", MODEL)
def test_admin_pd_hanya_melihat_baris_pd_nya(client, dunia, model):
    client.force_login(dunia.admin_pd)
    terlihat = _daftar(client, model)
    milik_a = _objek_pd(dunia.a.pd)[model]
    assert milik_a and terlihat == milik_a
    assert not terlihat & _objek_pd(dunia.b.pd)[model]


@pytest.mark.parametrize("model", MODEL)
def test_admin_instansi_melihat_semua_pd_instansinya_saja(client, dunia, model):
    client.force_login(dunia.admin_instansi)
    terlihat = _daftar(client, model)
    assert terlihat == _objek_pd(dunia.a.pd)[model] | _objek_pd(dunia.b.pd)[model]
    assert not terlihat & _objek_pd(dunia.lain.pd)[model]


@pytest.mark.parametrize("model", MODEL)
def test_superuser_melihat_semua_auditor_hanya_instansi_lingkupnya(client, dunia, model):
    instansi = _objek_pd(dunia.a.pd)[model] | _objek_pd(dunia.b.pd)[model]
    lain = _objek_pd(dunia.lain.pd)[model]
    client.force_login(dunia.super)
    assert _daftar(client, model) >= instansi | lain
    client.force_login(dunia.auditor)
    terlihat = _daftar(client, model)
    assert terlihat >= instansi and not terlihat & lain
    # the other Instansi's object page is refused too
    resp = client.get(reverse(f"admin:organisasi_{model}_change", args=[_contoh(dunia.lain, model).pk]))
    assert resp.status_code in (403, 404)


def test_auditor_tanpa_lingkup_tidak_melihat_apa_pun(client, dunia):
    permissions.LingkupAuditor.objects.filter(user=dunia.auditor).delete()
    client.force_login(dunia.auditor)
    assert _daftar(client, "perangkatdaerah") == set()


def _contoh(org, model):
    return {
        "perangkatdaerah": org.pd, "unitorganisasi": org.seksi[0], "jabatan": org.jabatan_kasi[0],
        "pegawai": org.kasi[0], "pemangkujabatan": PemangkuJabatan.objects.filter(jabatan=org.jabatan_kasi[0]).first(),
        "kedudukan": Kedudukan.objects.get(pegawai=org.pelaksana[0]),
    }[model]


@pytest.mark.parametrize("model", MODEL)
def test_admin_pd_ditolak_pada_objek_pd_lain(client, dunia, model):
    client.force_login(dunia.admin_pd)
    lain = _contoh(dunia.b, model)
    for view in ("change", "delete", "history"):
        if view == "delete" and model in ("perangkatdaerah", "pegawai"):
            continue  # no delete permission at all for these
        resp = client.get(reverse(f"admin:organisasi_{model}_{view}", args=[lain.pk]))
        assert resp.status_code in (403, 404), (view, resp.status_code)
    # a POST to another PD's object changes nothing
    resp = client.post(reverse(f"admin:organisasi_{model}_change", args=[lain.pk]), {"nama": "Diretas"})
    assert resp.status_code == 403
    # its own object opens for editing
    sendiri = _contoh(dunia.a, model)
    resp = client.get(reverse(f"admin:organisasi_{model}_change", args=[sendiri.pk]))
    assert resp.status_code == 200 and resp.context["has_change_permission"]


def test_admin_pd_tidak_bisa_memilih_unit_pd_lain(client, dunia):
    client.force_login(dunia.admin_pd)
    url = reverse("admin:organisasi_jabatan_add")
    form = client.get(url).context["adminform"].form
    assert set(form.fields["unit"].queryset) == set(UnitOrganisasi.objects.filter(perangkat_daerah=dunia.a.pd))
    data = {"unit": dunia.b.seksi[0].pk, "kode": "J-X", "nama": "Penyusup", "jenis": JenisJabatan.PELAKSANA,
            "pemangku-TOTAL_FORMS": 0, "pemangku-INITIAL_FORMS": 0, "pemangku-2-TOTAL_FORMS": 0,
            "pemangku-2-INITIAL_FORMS": 0}
    resp = client.post(url, data)
    assert resp.status_code == 200
    assert "unit" in resp.context["adminform"].form.errors
    assert not Jabatan.objects.filter(kode="J-X").exists()
    # the same post with its own unit is accepted
    data["unit"] = dunia.a.seksi[0].pk
    resp = client.post(url, data)
    assert resp.status_code == 302, resp.context and resp.context["adminform"].form.errors
    jabatan = Jabatan.objects.get(kode="J-X")
    assert jabatan.instansi == dunia.instansi and jabatan.unit == dunia.a.seksi[0]


def test_autocomplete_hanya_menawarkan_unit_pd_sendiri(client, dunia):
    client.force_login(dunia.admin_pd)
    resp = client.get(reverse("admin:autocomplete"), {
        "app_label": "organisasi", "model_name": "jabatan", "field_name": "unit", "term": "Seksi"})
    assert resp.status_code == 200
    ids = {int(r["id"]) for r in resp.json()["results"]}
    assert ids == {u.pk for u in dunia.a.seksi}


def test_admin_pd_tidak_melihat_instansi(client, dunia):
    client.force_login(dunia.admin_pd)
    assert client.get(reverse("admin:organisasi_instansi_changelist")).status_code == 403
    assert client.get(reverse("admin:organisasi_instansi_change", args=[dunia.instansi.pk])).status_code == 403
    client.force_login(dunia.admin_instansi)
    assert client.get(reverse("admin:organisasi_instansi_change", args=[dunia.instansi.pk])).status_code == 200
    assert client.get(reverse("admin:organisasi_instansi_change",
                              args=[dunia.lain.instansi.pk])).status_code == 403


def test_auditor_hanya_membaca(client, dunia):
    client.force_login(dunia.auditor)
    unit = dunia.a.seksi[0]
    url = reverse("admin:organisasi_unitorganisasi_change", args=[unit.pk])
    resp = client.get(url)
    assert resp.status_code == 200 and not resp.context["has_change_permission"]
    assert client.post(url, {"nama": "Diubah"}).status_code == 403
    unit.refresh_from_db()
    assert unit.nama != "Diubah"
    assert client.get(reverse("admin:organisasi_unitorganisasi_add")).status_code == 403


def test_staf_tanpa_hak_objek_tidak_melihat_apa_pun(client, dunia):
    user = UserFactory(username="staf_kosong", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="organisasi",
                                                         codename__startswith="view_"))
    client.force_login(user)
    for model in MODEL:
        assert _daftar(client, model) == set()


def test_cabut_admin_pd(dunia):
    permissions.cabut_admin_pd(dunia.admin_pd, dunia.a.pd)
    assert not permissions.pd_yang_dikelola(dunia.admin_pd).exists()


def test_pilihan_akun_pegawai_tanpa_admin_dan_akun_orang_lain(client, dunia):
    client.force_login(dunia.admin_pd)
    pegawai = dunia.a.pelaksana[0]
    bebas = UserFactory(username="akun_bebas")
    form = client.get(reverse("admin:organisasi_pegawai_change", args=[pegawai.pk])).context["adminform"].form
    pilihan = set(form.fields["user"].queryset)
    assert pegawai.user in pilihan and bebas in pilihan
    assert dunia.super not in pilihan and dunia.a.kasi[0].user not in pilihan
