"""Organisasi writes change who may decide: each one writes an audit row with its actor, in the
same transaction (a refused write leaves none)."""
from __future__ import annotations

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from inti.models import AksiAudit, JejakAudit
from organisasi import importer, permissions, services, services_aturan
from organisasi.models import JenisPemangku, PemangkuJabatan, Preset
from organisasi.tests.factories import InstansiFactory, PegawaiFactory, UserFactory, bangun_pd_dua_level
from organisasi.tests.test_admin_forms import data_dari_halaman
from organisasi.tests.test_importer import bagan_dasar

pytestmark = pytest.mark.django_db
D = datetime.date


def _jejak(aksi, objek) -> JejakAudit:
    """The latest row of this action on this object."""
    return JejakAudit.objects.filter(aksi=aksi, objek_tipe=objek._meta.label, objek_id=str(objek.pk)).latest("id")


def test_pemangku_plt_akhiri_dan_kedudukan_diaudit_dengan_pelakunya():
    org = bangun_pd_dua_level(InstansiFactory.dengan_preset(Preset.KOTABARU))
    admin = UserFactory()
    kasi = org.jabatan_kasi[0]
    pengganti = PegawaiFactory(instansi=org.instansi)
    definitif = services.pemangku_tetapkan(jabatan=kasi, pegawai=pengganti, mulai=D(2025, 1, 1), actor=admin)
    baris = _jejak(AksiAudit.PEMANGKU_TETAPKAN, definitif)
    assert baris.actor == admin and baris.diizinkan and baris.status_ke == JenisPemangku.DEFINITIF
    plt = services.pemangku_tetapkan(jabatan=kasi, pegawai=org.pelaksana[0], jenis=JenisPemangku.PLT,
                                     mulai=D(2025, 2, 1), actor=admin)
    assert _jejak(AksiAudit.PEMANGKU_TUNJUK_PLT_PLH, plt).actor == admin
    services.pemangku_akhiri(pemangku=plt, selesai=D(2025, 3, 1), actor=admin)
    assert "2025-03-01" in _jejak(AksiAudit.PEMANGKU_AKHIRI, plt).alasan
    kedudukan = services.kedudukan_tetapkan(pegawai=org.jf_muda[0], jabatan_ppk=org.jabatan_kabid[0],
                                            mulai=D(2024, 1, 1), actor=admin)
    assert _jejak(AksiAudit.KEDUDUKAN_TETAPKAN, kedudukan).actor == admin
    services.kedudukan_akhiri(kedudukan=kedudukan, selesai=D(2024, 12, 31), actor=admin)
    assert _jejak(AksiAudit.KEDUDUKAN_AKHIRI, kedudukan).actor == admin
    # a refused write leaves no audit row: the row is written in the write's own transaction
    sebelum = JejakAudit.objects.count()
    with pytest.raises(ValidationError):
        services.pemangku_tetapkan(jabatan=kasi, pegawai=org.pelaksana[1], jenis=JenisPemangku.PLT,
                                   mulai=D(2025, 2, 15), actor=admin)
    assert JejakAudit.objects.count() == sebelum


def test_preset_dan_rute_yang_diubah_di_admin_diaudit(client):
    instansi = InstansiFactory.dengan_preset(Preset.BELU)
    user = UserFactory(username="admin_instansi")
    permissions.beri_admin_instansi(user, instansi)
    client.force_login(user)
    assert client.post(reverse("admin:organisasi_instansi_changelist"), {
        "action": "terapkan_preset_kotabaru", "_selected_action": [instansi.pk]}).status_code == 302
    baris = _jejak(AksiAudit.INSTANSI_TERAPKAN_PRESET, instansi)
    assert (baris.actor, baris.status_dari, baris.status_ke) == (user, Preset.BELU, Preset.KOTABARU)
    # editing a route by hand is a route edit, by this admin
    url = reverse("admin:organisasi_instansi_change", args=[instansi.pk])
    data = data_dari_halaman(client.get(url))
    rute = json.loads(data["langkah_rute"])
    rute.pop(next(iter(rute)))
    data["langkah_rute"] = json.dumps(rute)
    assert client.post(url, data).status_code == 302
    baris = _jejak(AksiAudit.INSTANSI_UBAH_RUTE, instansi)
    assert baris.actor == user and "langkah_rute" in baris.alasan
    # another setting: a settings edit
    data = data_dari_halaman(client.get(url))
    data["batas_beban_kerja"] = "9"
    assert client.post(url, data).status_code == 302
    assert _jejak(AksiAudit.INSTANSI_UBAH_PENGATURAN, instansi).actor == user


def test_penerapan_impor_diaudit_dalam_transaksinya():
    instansi = InstansiFactory()
    admin = UserFactory(is_superuser=True)
    importer.impor_terapkan(instansi=instansi, actor=admin, baris=bagan_dasar())
    baris = _jejak(AksiAudit.IMPOR_BAGAN_TERAPKAN, instansi)
    assert baris.actor == admin and "7 baris" in baris.alasan
    # the apply and its audit row are one transaction
    with pytest.raises(RuntimeError), transaction.atomic():
        importer.impor_terapkan(instansi=instansi, actor=admin, baris=bagan_dasar())
        raise RuntimeError
    assert JejakAudit.objects.filter(aksi=AksiAudit.IMPOR_BAGAN_TERAPKAN).count() == 1
    assert PemangkuJabatan.objects.filter(jabatan__instansi=instansi).exists()


def test_setiap_versi_aturan_diaudit_dengan_pelakunya():
    """A rule-set version (DOMAIN §9) is appended only by ``services_aturan.aturan_tetapkan``:
    each one writes an audit row with its actor in the same transaction, a refused one none."""
    instansi = InstansiFactory.dengan_preset(Preset.KOTABARU)
    admin = UserFactory()
    versi = services_aturan.aturan_tetapkan(instansi=instansi, nilai={"lintas_instansi_aktif": False},
                                            berlaku_mulai=D(2030, 1, 1), peraturan="Perbup 1/2030", actor=admin)
    baris = _jejak(AksiAudit.INSTANSI_UBAH_PENGATURAN, instansi)
    assert baris.actor == admin and "lintas_instansi_aktif" in baris.alasan and versi.sebutan in baris.alasan
    sebelum = JejakAudit.objects.count()
    with pytest.raises(ValidationError):  # before the latest version: refused, nothing recorded
        services_aturan.aturan_tetapkan(instansi=instansi, nilai={"lintas_instansi_aktif": True},
                                        berlaku_mulai=D(2029, 1, 1), peraturan="Perbup 2/2029", actor=admin)
    assert JejakAudit.objects.count() == sebelum


def test_koreksi_masa_jabatan_di_admin_diaudit_dengan_admin_itu(client):
    org = bangun_pd_dua_level(InstansiFactory.dengan_preset(Preset.KOTABARU))
    admin = UserFactory(username="admin_pd_jejak")
    permissions.beri_admin_pd(admin, org.pd)
    client.force_login(admin)
    pemangku = PemangkuJabatan.objects.get(jabatan=org.jabatan_kasi[0], pegawai=org.kasi[0])
    url = reverse("admin:organisasi_pemangkujabatan_change", args=[pemangku.pk])
    data = data_dari_halaman(client.get(url))
    data["selesai"] = "2031-12-31"
    assert client.post(url, data).status_code == 302
    baris = _jejak(AksiAudit.PEMANGKU_AKHIRI, pemangku)
    assert baris.actor == admin and "2031-12-31" in baris.alasan
    # the admin's dry run (the form's check) left no row of its own
    assert JejakAudit.objects.filter(aksi=AksiAudit.PEMANGKU_AKHIRI, objek_id=str(pemangku.pk)).count() == 1
