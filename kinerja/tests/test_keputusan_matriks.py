"""After the role split: the signer supersedes the team's Keputusan by one whose attachment
carries each member's indikator and target (read back with pdftotext); refused while the matrix
is incomplete (409) and for anyone but the signer (403)."""
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from inti.exceptions import KonflikError
from kinerja import services
from organisasi.models import Preset
from penugasan.models import AnggotaTim, PeranTim
from surat.models import StatusSurat, Surat
from surat.tests.helpers import pdf_teks_rapat

from .helpers import bagi_dua, pemda, pk_berlaku, tim_dari_strategi

pytestmark = pytest.mark.django_db


def test_keputusan_baru_memuat_indikator_dan_target_setelah_matriks_diterima(client, django_capture_on_commit_callbacks):
    d = pemda(Preset.BELU)
    _pk, _s, ind = pk_berlaku(d)
    target = bagi_dua(d, ind)[0]
    with django_capture_on_commit_callbacks(execute=True):
        _p, tim = tim_dari_strategi(d, target)
    lama = services.keputusan_tim_berlaku(tim)
    assert lama is not None
    anggota = AnggotaTim.objects.get(tim=tim, peran=PeranTim.ANGGOTA)
    ketua = AnggotaTim.objects.get(tim=tim, peran=PeranTim.KETUA)
    rows = services.matriks_isi(actor=d.jf_muda[0].user, tim_id=tim.pk, baris=[
        {"anggota_id": ketua.pk, "peran": "Ketua", "hasil": "Dokumen RKPD", "indikator": "RKPD ditetapkan tepat waktu",
         "target_nilai": "1", "satuan": "dokumen"},
        {"anggota_id": anggota.pk, "peran": "Analis", "hasil": "Analisis data", "indikator": "Bab analisis selesai",
         "target_nilai": "4", "satuan": "bab"}])
    with pytest.raises(KonflikError):  # nobody accepted yet
        services.keputusan_tim_perbarui(actor=d.kepala_dinas.user, tim_id=tim.pk)
    for b in rows:
        services.matriks_terima(actor=b.anggota.pegawai.user, baris_id=b.pk)
    with pytest.raises(PermissionDenied):
        services.keputusan_tim_perbarui(actor=d.jf_muda[0].user, tim_id=tim.pk)
    client.force_login(d.kepala_dinas.user)
    assert 'data-testid="tombol-perbarui-keputusan"' in client.get(reverse("kinerja_tim", args=[tim.pk])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("kinerja_keputusan_perbarui", args=[tim.pk]))
    assert r.status_code == 302
    lama.refresh_from_db()
    baru = services.keputusan_tim_berlaku(tim)
    assert lama.status == StatusSurat.DICABUT and baru.nomor in lama.alasan_pencabutan
    baru = Surat.objects.get(pk=baru.pk)
    teks = pdf_teks_rapat(baru.berkas.read())
    assert "Bab analisis selesai" in teks and "4 bab" in teks and "RKPD ditetapkan tepat waktu" in teks
    # once more: the new one is in force and the roles are unchanged, still allowed (re-issue), the JF still 403
    client.force_login(d.jf_pertama[1].user)
    assert client.post(reverse("kinerja_keputusan_perbarui", args=[tim.pk])).status_code == 403
