"""The demo region (``manage.py muat_demo``): idempotent, deterministic, consistent with the
rules of its presets, and every demo account can log in."""
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from organisasi import demo, permissions, selectors, services
from organisasi.demo import DEMO_PASSWORD, peran_demo
from organisasi.models import (
    Instansi,
    Jabatan,
    JenisJabatan,
    JenisPemangku,
    JenisPerangkatDaerah,
    Jenjang,
    Kedudukan,
    Kompetensi,
    Pegawai,
    PemangkuJabatan,
    PerangkatDaerah,
    Preset,
    UnitOrganisasi,
)
from organisasi.nip import parse_nip

pytestmark = pytest.mark.django_db
User = get_user_model()

MODELS = (Instansi, PerangkatDaerah, UnitOrganisasi, Jabatan, Pegawai, PemangkuJabatan, Kedudukan, Kompetensi, User)


def _hitung():
    return {m.__name__: m.objects.count() for m in MODELS}


def _jalankan():
    out = io.StringIO()
    call_command("muat_demo", stdout=out)
    return out.getvalue()


@pytest.mark.slow
def test_muat_demo_dua_kali_tanpa_duplikat_lengkap_dan_akun_bisa_masuk(client, demo_termuat):
    # demo_termuat is the session's first run (shared with the browser tests); this is the second
    jumlah = _hitung()
    assert jumlah["Pegawai"] >= 300
    nip = sorted(Pegawai.objects.values_list("nip", "nama"))
    keluaran = _jalankan()
    assert _hitung() == jumlah
    konteks = demo.muat()  # and a third, through the loader: changes nothing, returns the konteks
    assert _hitung() == jumlah
    assert sorted(Pegawai.objects.values_list("nip", "nama")) == nip  # deterministic

    _periksa_konteks_dan_peran(konteks)
    _periksa_wilayah(konteks)

    assert "http://127.0.0.1:8000" in keluaran and DEMO_PASSWORD in keluaran
    for username, _peran, _k in peran_demo():
        assert username in keluaran
        assert _masuk(client, username), username
        client.logout()
    # the table names the person behind each role
    kadis = User.objects.get(username="kadis").pegawai
    assert kadis.nama_lengkap in keluaran

    # staff accounts open the admin; person accounts without an admin role do not
    _masuk(client, "admin.pd")
    assert client.get(reverse("admin:organisasi_pegawai_changelist")).status_code == 200
    _masuk(client, "jf")
    assert client.get(reverse("admin:organisasi_pegawai_changelist")).status_code == 302


def _masuk(client, username: str) -> bool:
    """Log in through the login form (django-axes needs the request; Client.login() has none)."""
    resp = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    return resp.status_code == 302


def _periksa_konteks_dan_peran(konteks):
    assert {"instansi", "instansi2", "users", "pegawai", "jabatan", "pd", "unit", "password"} <= set(konteks)
    i1, i2 = konteks["instansi"], konteks["instansi2"]
    assert (i1.preset, i2.preset) == (Preset.KOTABARU, Preset.PASURUAN)
    assert i1.aturan_kedudukan["aturan"] and not i2.aturan_kedudukan["aturan"]
    peg, users = konteks["pegawai"], konteks["users"]
    for role in ("admin.pd", "admin.instansi", "bupati", "kadis", "pimpinan", "ppk", "jf", "pelaksana", "auditor",
                 "pyb2", "pimpinan2"):
        assert users[role].pegawai == peg[role], role
    assert users["admin"].is_superuser and users["auditor"].is_staff and not users["auditor"].is_superuser
    assert not any(u.is_superuser for name, u in users.items() if name != "admin")

    # PyB of each Instansi is its Kepala Daerah; Sekda configured
    assert selectors.pyb_instansi(instansi=i1).pegawai == peg["bupati"]
    assert selectors.pyb_instansi(instansi=i2).pegawai == peg["pyb2"]
    assert i1.jabatan_pyb.jenis == JenisJabatan.KEPALA_DAERAH and i1.jabatan_sekda.jenis == JenisJabatan.JPT_PRATAMA
    assert selectors.jabatan_definitif_pegawai(pegawai=peg["sekda"]) == i1.jabatan_sekda

    # jf sits under ppk; pelaksana under pimpinan; ppk and pimpinan head different units of one PD
    assert selectors.ppk_pegawai(pegawai=peg["jf"]).pegawai == peg["ppk"]
    assert selectors.pimpinan_unit_pegawai(pegawai=peg["pelaksana"]).pegawai == peg["pimpinan"]
    unit_pimpinan = selectors.unit_pegawai(pegawai=peg["pimpinan"])
    unit_ppk = selectors.unit_pegawai(pegawai=peg["ppk"])
    assert unit_pimpinan != unit_ppk and unit_pimpinan.perangkat_daerah == unit_ppk.perangkat_daerah
    assert konteks["unit"]["pimpinan"] == unit_pimpinan and konteks["unit"]["ppk"] == unit_ppk
    kadis_jabatan = selectors.jabatan_definitif_pegawai(pegawai=peg["kadis"])
    assert kadis_jabatan.kepala_unit and kadis_jabatan.unit.parent_id is None
    assert kadis_jabatan.unit.perangkat_daerah == unit_ppk.perangkat_daerah
    assert selectors.ppk_pegawai(pegawai=peg["pimpinan2"]).pegawai.instansi == i2
    assert selectors.ppk_pegawai(pegawai=peg["jf2"]).pegawai == peg["pimpinan2"]

    # admin roles
    assert list(permissions.pd_yang_dikelola(users["admin.pd"])) == [unit_ppk.perangkat_daerah]
    assert set(permissions.pd_yang_dikelola(users["admin.instansi"])) == set(i1.perangkat_daerah.all())
    assert not permissions.lihat_semua(users["auditor"]) and not permissions.pd_yang_dikelola(users["auditor"]).exists()
    assert list(permissions.instansi_diaudit(users["auditor"])) == [i1]


def _periksa_wilayah(konteks):
    i1, i2 = konteks["instansi"], konteks["instansi2"]
    assert Pegawai.objects.filter(instansi=i1).count() >= 300
    assert PerangkatDaerah.objects.filter(instansi=i2).count() >= 2
    assert Pegawai.objects.filter(instansi=i2).count() >= 20
    jenis_pd = set(PerangkatDaerah.objects.filter(instansi=i1).values_list("jenis", flat=True))
    assert {JenisPerangkatDaerah.SEKRETARIAT_DAERAH, JenisPerangkatDaerah.INSPEKTORAT,
            JenisPerangkatDaerah.SEKRETARIAT_DPRD, JenisPerangkatDaerah.BADAN, JenisPerangkatDaerah.DINAS,
            JenisPerangkatDaerah.SATPOL_PP, JenisPerangkatDaerah.RSUD, JenisPerangkatDaerah.KECAMATAN,
            JenisPerangkatDaerah.KELURAHAN, JenisPerangkatDaerah.PUSKESMAS,
            JenisPerangkatDaerah.SATUAN_PENDIDIKAN, JenisPerangkatDaerah.SKB} <= jenis_pd
    assert all(PerangkatDaerah.objects.filter(instansi=i1).values_list("label_model", "alamat", "kode_pos",
                                                                       "telepon", "email"))
    # every kind of position and every jenjang in use
    assert set(Jabatan.objects.filter(instansi=i1).values_list("jenis", flat=True)) == set(JenisJabatan.values)
    assert set(Jabatan.objects.filter(instansi=i1).exclude(jenjang="").values_list("jenjang", flat=True)) == set(
        Jenjang.values)
    assert Pegawai.objects.filter(instansi=i1, jenis_asn="pppk").exists()
    # valid NIPs, competences
    for nip in Pegawai.objects.values_list("nip", flat=True):
        parse_nip(nip)
    assert Pegawai.objects.filter(instansi=i1, kompetensi__isnull=True).count() == 0

    # every JF/Pelaksana of region 1 is placed, and every placement satisfies the Kotabaru rule
    staf = PemangkuJabatan.objects.filter(jabatan__instansi=i1, jenis=JenisPemangku.DEFINITIF,
                                          jabatan__jenis__in=[JenisJabatan.FUNGSIONAL, JenisJabatan.PELAKSANA])
    tanpa = staf.exclude(pegawai__in=Kedudukan.objects.values("pegawai"))
    assert not tanpa.exists(), list(tanpa[:5])
    for k in Kedudukan.objects.filter(pegawai__instansi=i1).select_related("jabatan_ppk__unit"):
        jabatan = selectors.jabatan_definitif_pegawai(pegawai=k.pegawai, tanggal=k.mulai)
        services.kedudukan_validasi(instansi=i1, jabatan_pegawai=jabatan, jabatan_ppk=k.jabatan_ppk)

    # a JF leads a school (Satuan Pendidikan) and is PPK of its teachers
    sekolah = PerangkatDaerah.objects.get(instansi=i1, jenis=JenisPerangkatDaerah.SATUAN_PENDIDIKAN)
    kepsek = Jabatan.objects.get(unit__perangkat_daerah=sekolah, kepala_unit=True)
    assert kepsek.jenis == JenisJabatan.FUNGSIONAL
    guru = Kedudukan.objects.filter(jabatan_ppk=kepsek).first().pegawai
    assert selectors.ppk_pegawai(pegawai=guru).jabatan == kepsek

    # Belu-like pattern in the Kecamatan: the Camat appraises, the Sekretaris Kecamatan assigns
    kec = PerangkatDaerah.objects.get(instansi=i1, jenis=JenisPerangkatDaerah.KECAMATAN)
    akar = UnitOrganisasi.objects.get(perangkat_daerah=kec, parent=None)
    assert akar.jabatan_pimpinan is not None and akar.jabatan_pimpinan != selectors.jabatan_kepala(unit=akar)
    staf_kec = Kedudukan.objects.filter(jabatan_ppk=selectors.jabatan_kepala(unit=akar)).first().pegawai
    assert selectors.ppk_pegawai(pegawai=staf_kec).jabatan == selectors.jabatan_kepala(unit=akar)
    assert selectors.pimpinan_unit_pegawai(pegawai=staf_kec).jabatan == akar.jabatan_pimpinan

    # acting officials and a vacancy that escalates
    jenis_pemangku = set(PemangkuJabatan.objects.filter(jabatan__instansi=i1).values_list("jenis", flat=True))
    assert {JenisPemangku.PLT, JenisPemangku.PLH} <= jenis_pemangku
    kosong = [j for j in Jabatan.objects.filter(instansi=i1, kepala_unit=True)
              if selectors.pejabat_pada(jabatan=j) is None]
    assert kosong
    dieskalasi = [selectors.pejabat_berwenang(jabatan=j) for j in kosong]
    assert any(p is not None and p.eskalasi_dari is not None for p in dieskalasi)
