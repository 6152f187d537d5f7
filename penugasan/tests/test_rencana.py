"""One decision plan (penugasan.rencana): the service carries out exactly what the plan says,
and the unnumbered draft preview shows the same plan."""
from __future__ import annotations

import pytest

from penugasan import services
from penugasan.models import AnggotaTim, Keputusan, Penugasan
from penugasan.rencana import pegawai_calon, rencana_keputusan
from surat.models import JenisDokumen
from surat.selectors import surat_draf_untuk_permohonan

from .helpers import ajukan, bangun_pemda

pytestmark = pytest.mark.django_db


def _ringkas(rencana):
    return (rencana.selesai, rencana.surat_jawaban, rencana.surat_permohonan_diteruskan,
            rencana.penyelesaian is not None)


def test_rencana_per_keputusan():
    d = bangun_pemda("belu")
    # cross-unit in Belu: one step, the PPK of the target unit approves
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    assert _ringkas(rencana_keputusan(permohonan=p, keputusan=Keputusan.SETUJUI)) == (True, True, False, True)
    assert _ringkas(rencana_keputusan(permohonan=p, keputusan=Keputusan.TOLAK)) == (False, True, False, False)
    assert _ringkas(rencana_keputusan(permohonan=p, keputusan=Keputusan.KEMBALIKAN)) == (False, False, False, False)
    # voluntary within the unit: completion issues no answer letter, only the assignment
    q = ajukan(d.jf_pertama[0], "sukarela_dalam_unit")
    assert _ringkas(rencana_keputusan(permohonan=q, keputusan=Keputusan.SETUJUI)) == (True, False, False, True)


def test_layanan_dan_draf_menjalankan_rencana_yang_sama():
    d = bangun_pemda("belu")
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.bidang[1],
               pegawai_diminta=[d.jf_muda[1], d.pelaksana[1]], nama_tim="Tim Renstra", ketua_tim=d.jf_pertama[0])
    penentu = d.kabid[1].user
    # given: the plan of approving now, as the preview sees it
    rencana = rencana_keputusan(permohonan=p, keputusan=Keputusan.SETUJUI, pegawai=pegawai_calon(p))
    selesai = rencana.penyelesaian
    assert selesai.tim_baru and selesai.tim.nama == "Tim Renstra"
    draf = surat_draf_untuk_permohonan(permohonan=p, user=penentu)
    tugas_draf = [x for x in draf if x.jenis not in (JenisDokumen.JAWABAN, JenisDokumen.KEPUTUSAN_TIM)]
    assert len(tugas_draf) == len(selesai.penugasan)
    assert [x.jenis for x in draf].count(JenisDokumen.KEPUTUSAN_TIM) == 1
    assert [x.jenis for x in draf].count(JenisDokumen.JAWABAN) == int(rencana.surat_jawaban)

    # when: the official approves
    services.permohonan_setujui(actor=penentu, permohonan_id=p.pk)

    # then: exactly the planned rows exist
    dibuat = Penugasan.objects.filter(permohonan=p).order_by("pk")
    assert [(t.pegawai_id, t.peran, t.tim.nama, t.unit_id) for t in dibuat] == [
        (r.pegawai.pk, r.peran, r.tim.nama, r.unit.pk) for r in selesai.penugasan]
    assert sorted(AnggotaTim.objects.filter(tim__nama="Tim Renstra").values_list("pegawai_id", "peran")) == sorted(
        (a.pegawai.pk, a.peran) for a in selesai.keanggotaan)
