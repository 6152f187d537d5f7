"""A request is decided under the rule-set version in force when it was submitted (DOMAIN §9):
a later version changes neither its route nor its letter, and its history names the version."""
from __future__ import annotations

import copy
import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from organisasi import selectors_aturan, services_aturan
from penugasan import services
from penugasan.models import LangkahPermohonan, Penugasan, StatusPermohonan
from surat.models import JenisDokumen, Surat

from .helpers import ajukan, bangun_pemda

pytestmark = pytest.mark.django_db


def _jenis_surat_tugas(permohonan) -> set[str]:
    """Kinds of the assignment letters (their source is each Penugasan of the request)."""
    ct = ContentType.objects.get_for_model(Penugasan)
    ids = Penugasan.objects.filter(permohonan=permohonan).values_list("pk", flat=True)
    return set(Surat.objects.filter(sumber_content_type=ct, sumber_object_id__in=list(ids)).values_list("jenis", flat=True))


def test_permohonan_diputuskan_menurut_versi_saat_diajukan(client):
    d = bangun_pemda("belu")
    v1 = selectors_aturan.aturan_pada(instansi=d.instansi)
    lama = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    assert lama.aturan == v1 and lama.aturan_tujuan == v1

    # the region enacts new rules from today: PyB approval first, and a Surat Perintah
    rute = copy.deepcopy(v1.langkah_rute)
    rute["penunjukan_lintas_unit"]["langkah"].insert(0, {
        "kode": "persetujuan_pyb", "peran": "pyb_asal", "aksi": "setujui", "judul": "Persetujuan PyB",
        "boleh_dikembalikan": True})
    v2 = services_aturan.aturan_tetapkan(
        instansi=d.instansi, nilai={"langkah_rute": rute, "jenis_surat_penugasan": "surat_perintah"},
        berlaku_mulai=datetime.date.today(), peraturan="Peraturan Bupati Belu Nomor 3 Tahun 2026")
    baru = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]],
                  judul="Baru")
    assert baru.aturan == v2 and [s["peran"] for s in baru.langkah_rute] == ["pyb_asal", "ppk_tujuan"]

    # the old request: one step, decided by the PPK dituju, letter as version 1 says (Surat Tugas)
    lama = services.permohonan_setujui(actor=d.kasi[1].user, permohonan_id=lama.pk)
    assert lama.status == StatusPermohonan.DISETUJUI
    assert _jenis_surat_tugas(lama) == {JenisDokumen.SURAT_TUGAS}
    # the new request: PyB first, then the PPK dituju; its letter is a Surat Perintah
    services.permohonan_setujui(actor=d.bupati.user, permohonan_id=baru.pk)
    baru = services.permohonan_setujui(actor=d.kasi[1].user, permohonan_id=baru.pk)
    assert baru.status == StatusPermohonan.DISETUJUI
    assert _jenis_surat_tugas(baru) == {JenisDokumen.SURAT_PERINTAH}

    # the history names the version; the page shows it
    pengajuan = LangkahPermohonan.objects.get(permohonan=lama, kode_langkah="pengajuan")
    assert "versi 1" in pengajuan.catatan and v1.peraturan in pengajuan.catatan
    assert pengajuan.data["aturan_versi"] == 1
    client.force_login(d.kabid[0].user)
    teks = client.get(f"/penugasan/permohonan/{lama.pk}/").content.decode()
    assert "versi 1" in teks and "Peraturan Bupati Belu Nomor 47 Tahun 2024" in teks
