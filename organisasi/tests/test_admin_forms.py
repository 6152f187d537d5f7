"""Admin saves that touch rules go through the services: bad input becomes a clear form error
and changes nothing; good input is written by the service (with its side effects)."""
import datetime

import pytest
from django.urls import reverse

from organisasi import permissions
from organisasi.models import (
    Instansi,
    JenisPemangku,
    Kedudukan,
    PemangkuJabatan,
    Preset,
    UnitOrganisasi,
)
from organisasi.presets import PRESETS
from organisasi.tests.factories import InstansiFactory, PegawaiFactory, UserFactory, bangun_pd_dua_level

pytestmark = pytest.mark.django_db
D = datetime.date


def data_dari_halaman(resp) -> dict:
    """The POST data a browser would send back for an admin change/add page as rendered."""
    data = {}

    def isi(form):
        for name, field in form.fields.items():
            nilai = form[name].value()
            key = form.add_prefix(name)
            if nilai is None:
                continue
            if isinstance(nilai, (list, tuple)):
                data[key] = [str(v.pk if hasattr(v, "pk") else v) for v in nilai]
            elif isinstance(nilai, bool):
                if nilai:
                    data[key] = "on"
            elif isinstance(nilai, datetime.date):
                data[key] = nilai.isoformat()
            else:
                data[key] = str(nilai)

    isi(resp.context["adminform"].form)
    for inline in resp.context["inline_admin_formsets"]:
        fs = inline.formset
        isi(fs.management_form)
        for f in fs.forms:
            isi(f)
    return data


@pytest.fixture
def org():
    return bangun_pd_dua_level(InstansiFactory.dengan_preset(Preset.KOTABARU))


@pytest.fixture
def admin_client(client, org):
    user = UserFactory(username="admin_dinkes")
    permissions.beri_admin_pd(user, org.pd)
    client.force_login(user)
    return client


def test_plt_bertumpuk_ditolak_sebagai_kesalahan_form(admin_client, org):
    kasi = org.jabatan_kasi[0]
    url = reverse("admin:organisasi_pemangkujabatan_add")
    data = {"jabatan": kasi.pk, "pegawai": org.pelaksana[0].pk, "jenis": JenisPemangku.PLT, "mulai": "2025-01-01",
            "nomor_sk": "800/1/2025"}
    assert admin_client.post(url, data).status_code == 302
    plt = PemangkuJabatan.objects.get(jabatan=kasi, jenis=JenisPemangku.PLT)
    assert plt.pegawai == org.pelaksana[0] and plt.nomor_sk == "800/1/2025"

    data["pegawai"] = org.pelaksana[1].pk
    resp = admin_client.post(url, data)
    assert resp.status_code == 200
    form = resp.context["adminform"].form
    assert "Sudah ada Pelaksana Tugas (Plt.) Kepala Seksi 1 pada rentang itu." in form.errors["mulai"]
    assert PemangkuJabatan.objects.filter(jabatan=kasi, jenis=JenisPemangku.PLT).count() == 1


def test_pemangku_definitif_baru_lewat_admin_menutup_yang_lama(admin_client, org):
    kasi = org.jabatan_kasi[0]
    pengganti = PegawaiFactory(instansi=org.instansi)
    from organisasi.tests.factories import JabatanFactory, angkat
    angkat(pengganti, JabatanFactory(unit=org.seksi[0], nama="Pelaksana", jenis="pelaksana"))
    resp = admin_client.post(reverse("admin:organisasi_pemangkujabatan_add"), {
        "jabatan": kasi.pk, "pegawai": pengganti.pk, "jenis": JenisPemangku.DEFINITIF, "mulai": "2025-01-01"})
    assert resp.status_code == 302
    lama = PemangkuJabatan.objects.get(jabatan=kasi, pegawai=org.kasi[0])
    assert lama.selesai == D(2024, 12, 31)


def test_selesai_sebelum_mulai_ditolak(admin_client, org):
    resp = admin_client.post(reverse("admin:organisasi_pemangkujabatan_add"), {
        "jabatan": org.jabatan_kasi[0].pk, "pegawai": org.pelaksana[0].pk, "jenis": JenisPemangku.PLH,
        "mulai": "2025-02-01", "selesai": "2025-01-01"})
    assert resp.status_code == 200
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in resp.context["adminform"].form.errors["selesai"]
    assert not PemangkuJabatan.objects.filter(jenis=JenisPemangku.PLH).exists()


def test_kedudukan_melanggar_aturan_jenjang_menjadi_kesalahan_form(admin_client, org):
    url = reverse("admin:organisasi_kedudukan_add")
    resp = admin_client.post(url, {"pegawai": org.jf_muda[0].pk, "jabatan_ppk": org.jabatan_kasi[0].pk,
                                   "mulai": "2024-03-01"})
    assert resp.status_code == 200
    pesan = " ".join(resp.context["adminform"].form.errors["jabatan_ppk"])
    assert "Ahli Muda berkedudukan di bawah Jabatan Administrator" in pesan and "Pasal 18 ayat (3) huruf b" in pesan
    assert not Kedudukan.objects.exists()
    resp = admin_client.post(url, {"pegawai": org.jf_muda[0].pk, "jabatan_ppk": org.jabatan_kabid[0].pk,
                                   "jabatan_pimpinan": org.jabatan_kasi[0].pk, "mulai": "2024-03-01"})
    assert resp.status_code == 302
    k = Kedudukan.objects.get(pegawai=org.jf_muda[0])
    assert (k.jabatan_ppk, k.jabatan_pimpinan) == (org.jabatan_kabid[0], org.jabatan_kasi[0])


def test_inline_pemangku_di_halaman_jabatan_lewat_layanan(admin_client, org):
    kasi = org.jabatan_kasi[0]
    url = reverse("admin:organisasi_jabatan_change", args=[kasi.pk])
    data = data_dari_halaman(admin_client.get(url))
    baru = "pemangku-2-0-"
    data.update({f"{baru}pegawai": org.pelaksana[0].pk, f"{baru}jenis": JenisPemangku.PLH,
                 f"{baru}mulai": "2025-05-01", f"{baru}selesai": "2025-05-10"})
    resp = admin_client.post(url, data)
    assert resp.status_code == 302, resp.context and [resp.context["adminform"].form.errors,
                                                      [f.errors for f in resp.context["inline_admin_formsets"]]]
    assert PemangkuJabatan.objects.filter(jabatan=kasi, jenis=JenisPemangku.PLH, pegawai=org.pelaksana[0]).exists()
    # the same Plh again overlaps: error on the inline row, nothing written
    data.update({f"{baru}pegawai": org.pelaksana[1].pk, f"{baru}mulai": "2025-05-05", f"{baru}selesai": ""})
    resp = admin_client.post(url, data)
    assert resp.status_code == 200
    inline_errors = [e for ifs in resp.context["inline_admin_formsets"] for e in ifs.formset.errors]
    assert any("Sudah ada Pelaksana Harian (Plh.)" in " ".join(e.get("mulai", [])) for e in inline_errors)
    assert PemangkuJabatan.objects.filter(jabatan=kasi, jenis=JenisPemangku.PLH).count() == 1


def test_induk_unit_yang_berputar_ditolak(admin_client, org):
    bidang = org.bidang[0]
    url = reverse("admin:organisasi_unitorganisasi_change", args=[bidang.pk])
    resp = admin_client.get(url)
    form = resp.context["adminform"].form
    # the parent chooser offers only units of the same Perangkat Daerah, never itself
    assert set(form.fields["parent"].queryset) == set(UnitOrganisasi.objects.filter(
        perangkat_daerah=org.pd).exclude(pk=bidang.pk))
    data = data_dari_halaman(resp)
    data["parent"] = org.seksi[0].pk
    resp = admin_client.post(url, data)
    assert resp.status_code == 200
    assert "susunan unit akan berputar" in " ".join(resp.context["adminform"].form.errors["parent"])
    bidang.refresh_from_db()
    assert bidang.parent_id == org.root.pk


def test_daftar_unit_berurutan_pohon_dengan_indentasi(admin_client, org):
    resp = admin_client.get(reverse("admin:organisasi_unitorganisasi_changelist"))
    hasil = list(resp.context["cl"].result_list)
    assert hasil[0] == org.root
    posisi = {u.pk: i for i, u in enumerate(hasil)}
    for unit in hasil:
        if unit.parent_id:
            assert posisi[unit.parent_id] < posisi[unit.pk]
    # every Seksi comes right after its Bidang (depth-first)
    for bidang, seksi in zip(org.bidang, org.seksi):
        assert posisi[seksi.pk] == posisi[bidang.pk] + 1
    assert f"— — {org.seksi[0].nama}" in resp.content.decode()


def test_preset_lewat_aksi_admin_dan_lewat_form(client):
    instansi = InstansiFactory.dengan_preset(Preset.BELU)
    user = UserFactory(username="admin_instansi")
    permissions.beri_admin_instansi(user, instansi)
    client.force_login(user)
    resp = client.post(reverse("admin:organisasi_instansi_changelist"), {
        "action": "terapkan_preset_kotabaru", "_selected_action": [instansi.pk]})
    assert resp.status_code == 302
    instansi.refresh_from_db()
    assert instansi.preset == Preset.KOTABARU
    assert instansi.jenis_surat_penugasan == PRESETS[Preset.KOTABARU]["jenis_surat_penugasan"]

    url = reverse("admin:organisasi_instansi_change", args=[instansi.pk])
    data = data_dari_halaman(client.get(url))
    data["terapkan_preset"] = Preset.PASURUAN
    resp = client.post(url, data)
    assert resp.status_code == 302, resp.context and resp.context["adminform"].form.errors
    instansi.refresh_from_db()
    assert instansi.preset == Preset.PASURUAN
    for field, nilai in PRESETS[Preset.PASURUAN].items():
        assert getattr(instansi, field) == nilai, field

    # without a preset choice, an adjusted setting is kept as entered
    data = data_dari_halaman(client.get(url))
    data["batas_beban_kerja"] = "9"
    data["ketua_tim_jenis_jabatan"] = ["fungsional"]
    assert client.post(url, data).status_code == 302
    instansi.refresh_from_db()
    assert instansi.batas_beban_kerja == 9 and instansi.ketua_tim_jenis_jabatan == ["fungsional"]
    assert instansi.preset == Preset.PASURUAN


def test_aksi_preset_tidak_berlaku_untuk_instansi_lain(client):
    milik, lain = InstansiFactory.dengan_preset(Preset.BELU), InstansiFactory.dengan_preset(Preset.BELU)
    user = UserFactory(username="admin_instansi")
    permissions.beri_admin_instansi(user, milik)
    client.force_login(user)
    client.post(reverse("admin:organisasi_instansi_changelist"), {
        "action": "terapkan_preset_bungo", "_selected_action": [milik.pk, lain.pk]})
    assert Instansi.objects.get(pk=milik.pk).preset == Preset.BUNGO
    assert Instansi.objects.get(pk=lain.pk).preset == Preset.BELU


def test_nip_salah_di_form_pegawai(admin_client, org):
    url = reverse("admin:organisasi_pegawai_change", args=[org.pelaksana[0].pk])
    data = data_dari_halaman(admin_client.get(url))
    data["nip"] = "198005122005013001"
    resp = admin_client.post(url, data)
    assert resp.status_code == 200
    assert "jenis kelamin" in " ".join(resp.context["adminform"].form.errors["nip"])


def test_admin_pd_menambah_pegawai_lalu_mengangkatnya(admin_client, org):
    from organisasi.models import Pegawai
    from organisasi.tests.factories import JabatanFactory

    url = reverse("admin:organisasi_pegawai_add")
    form = admin_client.get(url).context["adminform"].form
    assert list(form.fields["instansi"].queryset) == [org.instansi]  # only the own Instansi
    lain = InstansiFactory()
    data = {"instansi": lain.pk, "nip": "199001012015031002", "nama": "Pegawai Baru", "jenis_asn": "pns",
            "aktif": "on"}
    for prefix in ("riwayat_jabatan", "riwayat_jabatan-2", "kedudukan", "kedudukan-2"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    resp = admin_client.post(url, data)
    assert resp.status_code == 200 and "instansi" in resp.context["adminform"].form.errors
    data["instansi"] = org.instansi.pk
    resp = admin_client.post(url, data)
    assert resp.status_code == 302, resp.context and resp.context["adminform"].form.errors
    baru = Pegawai.objects.get(nip="199001012015031002")
    # not yet in a position: still visible to the PD admin, who may appoint them
    change = reverse("admin:organisasi_pegawai_change", args=[baru.pk])
    resp = admin_client.get(change)
    assert resp.status_code == 200
    jabatan = JabatanFactory(unit=org.seksi[0], nama="Pengolah Data", jenis="pelaksana")
    data = data_dari_halaman(resp)
    data.update({"riwayat_jabatan-2-0-jabatan": jabatan.pk, "riwayat_jabatan-2-0-jenis": JenisPemangku.DEFINITIF,
                 "riwayat_jabatan-2-0-mulai": "2025-01-01"})
    resp = admin_client.post(change, data)
    assert resp.status_code == 302, resp.context and [f.formset.errors for f in resp.context["inline_admin_formsets"]]
    assert PemangkuJabatan.objects.filter(pegawai=baru, jabatan=jabatan).exists()


def test_ubah_tanggal_selesai_pemangku_lewat_layanan_dengan_cek_tumpang_tindih(admin_client, org):
    """Editing a holder's end date in the admin goes through ``pemangku_akhiri``: reopening the
    term of a Kasi whose successor already holds the seat is refused (it was saved directly)."""
    kasi = org.jabatan_kasi[0]
    pengganti = PegawaiFactory(instansi=org.instansi)
    from organisasi import services

    services.pemangku_tetapkan(jabatan=kasi, pegawai=pengganti, mulai=D(2025, 1, 1))
    lama = PemangkuJabatan.objects.get(jabatan=kasi, pegawai=org.kasi[0])
    assert lama.selesai == D(2024, 12, 31)
    url = reverse("admin:organisasi_pemangkujabatan_change", args=[lama.pk])
    data = data_dari_halaman(admin_client.get(url))
    data["selesai"] = ""  # "still in office": two definitive Kasi at once
    resp = admin_client.post(url, data)
    assert resp.status_code == 200
    assert "pada rentang itu" in " ".join(resp.context["adminform"].form.errors["selesai"])
    lama.refresh_from_db()
    assert lama.selesai == D(2024, 12, 31)
    # a correction that keeps the terms apart is saved, with the decree number
    data["selesai"], data["nomor_sk"] = "2024-12-30", "821/7/2024"
    assert admin_client.post(url, data).status_code == 302
    lama.refresh_from_db()
    assert (lama.selesai, lama.nomor_sk) == (D(2024, 12, 30), "821/7/2024")


def test_ubah_tanggal_selesai_kedudukan_lewat_layanan(admin_client, org):
    from organisasi import services

    jf = org.jf_muda[0]
    kabid = org.jabatan_kabid[0]
    kedudukan = services.kedudukan_tetapkan(pegawai=jf, jabatan_ppk=kabid, mulai=D(2024, 1, 1))
    baru = services.kedudukan_tetapkan(pegawai=jf, jabatan_ppk=kabid, mulai=D(2024, 6, 1))
    kedudukan.refresh_from_db()
    assert kedudukan.selesai == D(2024, 5, 31)
    url = reverse("admin:organisasi_kedudukan_change", args=[kedudukan.pk])
    data = data_dari_halaman(admin_client.get(url))
    data["selesai"] = ""
    resp = admin_client.post(url, data)
    assert resp.status_code == 200 and "pada rentang itu" in " ".join(resp.context["adminform"].form.errors["selesai"])
    assert Kedudukan.objects.filter(pegawai=baru.pegawai, selesai__isnull=True).count() == 1


def test_jabatan_fungsional_lewat_admin_kategori_dari_jenjang(admin_client, org):
    """The JF rules live in ``services.jabatan_validasi``: the admin gets the category filled from
    the jenjang, and a category that contradicts the jenjang is a form error naming both."""
    from organisasi.models import Jabatan, JenisJabatan, Jenjang, KategoriJF

    url = reverse("admin:organisasi_jabatan_add")
    data = {"unit": org.seksi[0].pk, "kode": "JF-BARU", "nama": "Analis Baru", "jenis": JenisJabatan.FUNGSIONAL,
            "nama_jf": "Analis", "jenjang": Jenjang.AHLI_MUDA, "kategori_jf": KategoriJF.KETERAMPILAN}
    data.update(data_dari_halaman(admin_client.get(url)) | {k: v for k, v in data.items()})
    resp = admin_client.post(url, data)
    assert resp.status_code == 200
    assert "termasuk kategori" in " ".join(resp.context["adminform"].form.errors["kategori_jf"])
    assert not Jabatan.objects.filter(kode="JF-BARU").exists()
    data["kategori_jf"] = ""
    resp = admin_client.post(url, data)
    assert resp.status_code == 302, resp.context and resp.context["adminform"].form.errors
    jabatan = Jabatan.objects.get(kode="JF-BARU")
    assert (jabatan.kategori_jf, jabatan.instansi_id) == (KategoriJF.KEAHLIAN, org.instansi.pk)


def test_layanan_jabatan_dan_unit_menjaga_aturan_tanpa_admin(org):
    """Every entry point shares the rules: the services refuse a second head of a unit, a jenjang on
    a structural post, a duplicate unit code and an official from another PD."""
    from django.core.exceptions import ValidationError

    from organisasi import services
    from organisasi.models import Jabatan, JenisJabatan, Jenjang

    kepala_kedua = Jabatan(unit=org.seksi[0], kode="KS-2", nama="Kepala Seksi Kedua",
                           jenis=JenisJabatan.PENGAWAS, kepala_unit=True, jenjang=Jenjang.AHLI_MUDA)
    with pytest.raises(ValidationError) as e:
        services.jabatan_simpan(jabatan=kepala_kedua)
    assert {"kepala_unit", "jenjang"} <= set(e.value.message_dict)
    assert kepala_kedua.pk is None
    lain = bangun_pd_dua_level(org.instansi, nama="Dinas Lain")
    seksi = org.seksi[1]
    seksi.kode, seksi.jabatan_pimpinan = org.seksi[0].kode, lain.jabatan_kabid[0]
    with pytest.raises(ValidationError) as e:
        services.unit_simpan(unit=seksi)
    assert {"kode", "jabatan_pimpinan"} <= set(e.value.message_dict)
