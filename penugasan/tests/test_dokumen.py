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
