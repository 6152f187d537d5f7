"""Who may revoke a letter: whoever exercises the signer's post today (holder, or Plt./Plh.
acting for it), not whoever clicked the button that issued it; a staff member who signed their
own request letter only while nobody has decided on it yet."""
import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied

from organisasi.models import JenisPemangku
from organisasi.tests.factories import PegawaiFactory, angkat
from penugasan import services as penugasan_services
from penugasan.tests.helpers import ajukan, bangun_pemda
from surat.models import JenisDokumen, StatusSurat, Surat
from surat.services import boleh_mencabut, surat_cabut
from surat.tests.helpers import org, terbitkan_surat_tugas

pytestmark = pytest.mark.django_db


def test_hak_mencabut_mengikuti_jabatan_penandatangan():
    ns = org()
    penerbit = ns.kabid[0].user  # clicked "issue", but the Kepala Dinas signs
    surat = terbitkan_surat_tugas(ns)
    surat.diterbitkan_oleh = penerbit
    Surat.objects.filter(pk=surat.pk).update(diterbitkan_oleh=penerbit)
    surat.refresh_from_db()
    assert surat.jabatan_penandatangan == ns.kadis
    assert not boleh_mencabut(actor=penerbit, surat=surat)
    with pytest.raises(PermissionDenied):
        surat_cabut(surat_id=surat.pk, actor=penerbit, alasan="Salah")
    # a Plt acting for the post may revoke while acting
    plt = PegawaiFactory(instansi=ns.instansi)
    angkat(plt, ns.kadis, jenis=JenisPemangku.PLT, mulai=datetime.date.today())
    assert boleh_mencabut(actor=plt.user, surat=surat)
    # a new definitive Kepala Dinas takes the right over; the former one loses it
    baru = PegawaiFactory(instansi=ns.instansi)
    angkat(baru, ns.kadis, mulai=datetime.date.today())
    lama = ns.kepala_dinas
    assert not boleh_mencabut(actor=lama.user, surat=surat)
    with pytest.raises(PermissionDenied):
        surat_cabut(surat_id=surat.pk, actor=lama.user, alasan="Salah")
    assert Surat.objects.get(pk=surat.pk).status != StatusSurat.DICABUT


def _surat_permohonan(p):
    ct = ContentType.objects.get_for_model(p)
    return Surat.objects.get(sumber_content_type=ct, sumber_object_id=p.pk, jenis=JenisDokumen.PERMOHONAN_PELIBATAN)


def test_jf_pengirim_surat_permohonan_tidak_dapat_mencabut_setelah_diputuskan():
    d = bangun_pemda("belu", kode="belu")
    jf = d.jf_pertama[0]
    p = ajukan(jf, "sukarela_lintas_unit", unit_tujuan=d.bidang[1])
    surat = _surat_permohonan(p)
    assert surat.penandatangan_pegawai == jf
    assert boleh_mencabut(actor=jf.user, surat=surat)  # nobody decided yet: the sender may withdraw it
    penugasan_services.permohonan_setujui(actor=d.kabid[1].user, permohonan_id=p.pk)
    surat.refresh_from_db()
    assert not boleh_mencabut(actor=jf.user, surat=surat)
    with pytest.raises(PermissionDenied):
        surat_cabut(surat_id=surat.pk, actor=jf.user, alasan="Berubah pikiran")
    assert Surat.objects.get(pk=surat.pk).status != StatusSurat.DICABUT
