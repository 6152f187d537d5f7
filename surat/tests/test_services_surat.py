"""surat_terbitkan / surat_render / surat_cabut: validation, snapshots, immutability, revocation."""
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from inti.exceptions import KonflikError
from inti.models import JejakAudit
from organisasi.models import JenisPemangku
from organisasi.selectors import pejabat_pada
from organisasi.tests.factories import PegawaiFactory, UserFactory, angkat
from surat.models import SeriNomor, StatusSurat, Surat, SuratBekuError
from surat.services import surat_cabut, surat_render, surat_terbitkan
from surat.tests.helpers import TANGGAL, konteks_surat_tugas, org, pdf_teks_rapat, terbitkan_surat_tugas

pytestmark = pytest.mark.django_db


def test_terbit_lalu_dirender_sekali_setelah_commit(django_capture_on_commit_callbacks):
    ns = org()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        surat = terbitkan_surat_tugas(ns)
    # before commit: row and number exist, no PDF yet
    assert surat.status == StatusSurat.MENUNGGU_RENDER and not surat.berkas
    assert len(callbacks) == 1
    callbacks[0]()
    surat.refresh_from_db()
    assert surat.status == StatusSurat.TERBIT
    data = surat.berkas.read()
    assert hashlib.sha256(data).hexdigest() == surat.sha256
    assert data.startswith(b"%PDF")
    # idempotent: a second delivery of the task changes nothing
    sha, nama = surat.sha256, surat.berkas.name
    surat_render(surat_id=surat.pk)
    surat.refresh_from_db()
    assert (surat.sha256, surat.berkas.name) == (sha, nama)


@pytest.mark.parametrize("ubah,field", [
    ({"perihal": "  "}, "perihal"),
    ({"jenis": "memo"}, "jenis"),
    ({"tembusan": ["Arsip", ""]}, "tembusan"),
    ({"penandatangan": None}, "penandatangan"),
])
def test_masukan_salah_ditolak_tanpa_mengubah_apa_pun(ubah, field):
    ns = org()
    kwargs = dict(jenis="surat_tugas", instansi=ns.instansi, perangkat_daerah=ns.pd, perihal="Tugas",
                  konteks=konteks_surat_tugas(ns.jf_muda[0]), penandatangan=ns.pejabat_kadis, tembusan=[],
                  actor=ns.actor, tanggal=TANGGAL)
    kwargs.update(ubah)
    with pytest.raises(ValidationError) as exc:
        surat_terbitkan(**kwargs)
    assert field in exc.value.message_dict
    assert Surat.objects.count() == 0
    assert not SeriNomor.objects.filter(nomor_terakhir__gt=0).exists()


def test_pd_dari_instansi_lain_ditolak():
    ns = org()
    lain = org()
    with pytest.raises(ValidationError) as exc:
        surat_terbitkan(jenis="surat_tugas", instansi=ns.instansi, perangkat_daerah=lain.pd, perihal="Tugas",
                        konteks={}, penandatangan=ns.pejabat_kadis, tembusan=[], actor=ns.actor)
    assert "perangkat_daerah" in exc.value.message_dict


def test_snapshot_tidak_berubah_saat_organisasi_berubah(django_capture_on_commit_callbacks):
    ns = org()
    with django_capture_on_commit_callbacks(execute=True):
        surat = terbitkan_surat_tugas(ns)
    surat.refresh_from_db()
    teks_awal = pdf_teks_rapat(surat.berkas.read())
    # the organisation changes afterwards
    ns.pd.nama = "Dinas Kesehatan dan KB"
    ns.pd.save()
    ns.kepala_dinas.nama = "Nama Baru Sekali"
    ns.kepala_dinas.save()
    surat = Surat.objects.get(pk=surat.pk)
    assert surat.konteks["kop"]["nama_pd"] == "Dinas Kesehatan"
    assert surat.penandatangan_nama != "Nama Baru Sekali"
    from surat.pdf import surat_render_pdf
    teks_ulang = pdf_teks_rapat(surat_render_pdf(surat))
    assert "DINAS KESEHATAN DAN KB" not in teks_ulang and "DINAS KESEHATAN" in teks_ulang
    assert "Nama Baru Sekali" not in teks_ulang
    assert teks_ulang.split("Keaslian")[0] == teks_awal.split("Keaslian")[0]


def test_plt_dan_an_pada_jabatan_penandatangan():
    ns = org()
    plt = PegawaiFactory(instansi=ns.instansi, nama="Plt Orang")
    angkat(plt, ns.kadis, jenis=JenisPemangku.PLT, mulai=TANGGAL)
    pejabat = pejabat_pada(jabatan=ns.kadis, tanggal=TANGGAL)
    surat = surat_terbitkan(jenis="surat_tugas", instansi=ns.instansi, perangkat_daerah=ns.pd, perihal="Tugas",
                            konteks={}, penandatangan=pejabat, tembusan=[], actor=ns.actor, tanggal=TANGGAL)
    assert surat.penandatangan_jabatan == "Plt. Kepala Dinas Kesehatan"
    assert surat.penandatangan_nama == "Plt Orang"
    assert surat.pihak.filter(pk=plt.pk).exists()
    an = surat_terbitkan(jenis="surat_tugas", instansi=ns.instansi, perangkat_daerah=ns.pd, perihal="Tugas",
                         konteks={}, penandatangan=pejabat, tembusan=[], actor=ns.actor, tanggal=TANGGAL,
                         atas_nama="Bupati Contoh")
    assert an.penandatangan_jabatan == "a.n. Bupati Contoh,\nPlt. Kepala Dinas Kesehatan"


def test_surat_terbit_tidak_dapat_diubah():
    ns = org()
    surat = terbitkan_surat_tugas(ns)
    surat.perihal = "Diubah diam-diam"
    with pytest.raises(SuratBekuError):
        surat.save()
    with pytest.raises(SuratBekuError):
        surat.save(update_fields=["perihal"])
    assert Surat.objects.get(pk=surat.pk).perihal == "Surat Tugas Penyusunan Renstra"


def test_cabut_butuh_alasan_dan_wewenang_dan_tidak_dua_kali(django_capture_on_commit_callbacks):
    ns = org()
    with django_capture_on_commit_callbacks(execute=True):
        surat = terbitkan_surat_tugas(ns)
    with pytest.raises(ValidationError):
        surat_cabut(surat_id=surat.pk, actor=ns.actor, alasan="   ")
    orang_lain = UserFactory()
    with pytest.raises(PermissionDenied):
        surat_cabut(surat_id=surat.pk, actor=orang_lain, alasan="iseng")
    assert Surat.objects.get(pk=surat.pk).status == StatusSurat.TERBIT
    # the refused attempt is in the audit trail, the issue too
    jejak = JejakAudit.objects.filter(objek_tipe="surat.Surat", objek_id=str(surat.pk))
    assert jejak.filter(aksi="surat.cabut", diizinkan=False, actor=orang_lain).exists()
    assert jejak.filter(aksi="surat.terbitkan", diizinkan=True, actor=ns.actor).exists()
    sha = Surat.objects.get(pk=surat.pk).sha256
    dicabut = surat_cabut(surat_id=surat.pk, actor=ns.actor, alasan="Salah orang")
    assert dicabut.status == StatusSurat.DICABUT and dicabut.alasan_pencabutan == "Salah orang"
    assert dicabut.dicabut_oleh == ns.actor and dicabut.dicabut_pada is not None
    assert dicabut.sha256 == sha
    assert jejak.filter(aksi="surat.cabut", diizinkan=True, alasan="Salah orang").exists()
    with pytest.raises(KonflikError):
        surat_cabut(surat_id=surat.pk, actor=ns.actor, alasan="lagi")
    # the revoked number is never reused
    berikut = terbitkan_surat_tugas(ns)
    assert berikut.nomor_urut == surat.nomor_urut + 1


def test_admin_surat_hanya_baca(client):
    ns = org()
    surat = terbitkan_surat_tugas(ns)
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = f"/admin/surat/surat/{surat.pk}/change/"
    r = client.get(url)
    assert r.status_code == 200 and surat.nomor in r.content.decode()
    r = client.post(url, {"perihal": "Diubah lewat admin"})
    assert r.status_code == 403
    assert client.post(f"/admin/surat/surat/{surat.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Surat.objects.get(pk=surat.pk).perihal == "Surat Tugas Penyusunan Renstra"


def test_cabut_mencatat_status_semula_yang_sebenarnya():
    """A letter revoked before its PDF was made was 'menunggu_render', not 'terbit'."""
    ns = org()
    surat = terbitkan_surat_tugas(ns)  # after-commit render not run
    assert surat.status == StatusSurat.MENUNGGU_RENDER
    surat_cabut(surat_id=surat.pk, actor=ns.actor, alasan="Salah alamat")
    jejak = JejakAudit.objects.get(objek_tipe="surat.Surat", objek_id=str(surat.pk), aksi="surat.cabut",
                                   diizinkan=True)
    assert (jejak.status_dari, jejak.status_ke) == (StatusSurat.MENUNGGU_RENDER, StatusSurat.DICABUT)
