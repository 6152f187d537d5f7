"""The workflow really issues letters (surat.services) and notifications (notifikasi.services)."""
from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from penugasan import services
from penugasan.models import Penugasan, TimKerja

from .helpers import ajukan, bangun_pemda

pytestmark = pytest.mark.django_db

def _surat(objek):
    """Letters whose source is the object (for a request: also its decided steps)."""
    from surat.models import Surat

    from penugasan.models import LangkahPermohonan, PermohonanPenugasan

    sumber = [objek]
    if isinstance(objek, PermohonanPenugasan):
        sumber += list(LangkahPermohonan.objects.filter(permohonan=objek))
    jenis = []
    for o in sumber:
        ct = ContentType.objects.get_for_model(o)
        jenis += Surat.objects.filter(sumber_content_type=ct, sumber_object_id=o.pk).values_list("jenis", flat=True)
    return sorted(jenis)


def test_notifikasi_ke_penentu_pemohon_dan_penerima_tugas():
    from notifikasi.models import Notifikasi

    d = bangun_pemda("belu")
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    assert Notifikasi.objects.filter(penerima=d.kasi[1].user, jenis="permohonan_menunggu").count() == 1
    services.permohonan_setujui(actor=d.kasi[1].user, permohonan_id=p.pk)
    assert Notifikasi.objects.filter(penerima=d.kabid[0].user, jenis="permohonan_setujui").count() == 1
    assert Notifikasi.objects.filter(penerima=d.jf_pertama[1].user, jenis="penugasan_baru").count() == 1


def test_surat_diterbitkan_pada_titik_yang_diatur():
    d = bangun_pemda("belu")
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.bidang[1],
               pegawai_diminta=[d.jf_muda[1], d.pelaksana[1]], nama_tim="Tim Renstra", ketua_tim=d.jf_pertama[0])
    assert _surat(p) == ["permohonan_pelibatan"]
    services.permohonan_setujui(actor=d.kabid[1].user, permohonan_id=p.pk)
    assert _surat(p) == ["jawaban", "permohonan_pelibatan"]
    tim = TimKerja.objects.get(nama="Tim Renstra")
    assert _surat(tim) == ["keputusan_tim"]
    for tugas in Penugasan.objects.filter(permohonan=p):
        assert _surat(tugas) == [d.instansi.jenis_surat_penugasan]
    q = ajukan(d.jf_pertama[0], "sukarela_dalam_unit")
    services.permohonan_tolak(actor=d.kasi[0].user, permohonan_id=q.pk, alasan="Belum ada kegiatan")
    assert _surat(q) == ["jawaban"]  # a refusal is always written, with its reason


def test_pyb_pemohon_tahu_hasil_dan_tak_seorang_pun_diberi_tahu_keputusannya_sendiri():
    """Cross-agency: the requesting PyB forwarded the request and learns the outcome; the official
    who decides a step is not notified of their own decision."""
    from notifikasi.models import Notifikasi

    a = bangun_pemda("belu", kode="belu")
    b = bangun_pemda("bungo", kode="bungo")
    p = ajukan(a.kabid[0], "penunjukan_lintas_instansi", unit_tujuan=b.seksi[0], kriteria="Perencana",
               tembusan_pegawai=[a.bupati])
    services.permohonan_setujui(actor=a.bupati.user, permohonan_id=p.pk)
    # the Bupati is in the tembusan but decided this step: not told of their own decision
    assert not Notifikasi.objects.filter(penerima=a.bupati.user, jenis="permohonan_setujui").exists()
    services.permohonan_setujui(actor=b.bupati.user, permohonan_id=p.pk)
    services.permohonan_jawab_ketersediaan(actor=b.kasi[0].user, permohonan_id=p.pk,
                                           pegawai_ids=[b.jf_pertama[0].pk])
    p = services.permohonan_setujui(actor=b.bupati.user, permohonan_id=p.pk)
    assert p.status == "disetujui"
    from penugasan.models import LangkahPermohonan

    urutan = LangkahPermohonan.objects.filter(permohonan=p).order_by("urutan").last().urutan
    penerima = set(Notifikasi.objects.filter(jenis="permohonan_setujui",
                                             kunci__startswith=f"permohonan:{p.pk}:langkah:{urutan}:setujui")
                   .values_list("penerima", flat=True))
    assert a.bupati.user.pk in penerima and a.kabid[0].user.pk in penerima  # requesting PyB and requester
    assert b.bupati.user.pk not in penerima  # the deciding PyB
