"""``muat_demo`` end to end: every demo letter rendered (with QR), one revoked; idempotent."""
import pytest
from django.core.management import call_command

from surat.models import StatusSurat, Surat
from surat.tests.helpers import pdf_teks_rapat

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_muat_demo_menerbitkan_surat_berpdf_dan_idempoten(demo_termuat, django_capture_on_commit_callbacks):
    # demo_termuat: the session's first muat_demo (rows and the PDFs it rendered)
    semua = list(Surat.objects.all())
    assert len(semua) >= 2
    assert all(s.berkas and s.sha256 for s in semua), "setiap surat demo harus sudah ber-PDF"
    assert all(s.status in (StatusSurat.TERBIT, StatusSurat.DICABUT) for s in semua)
    dicabut = Surat.objects.get(status=StatusSurat.DICABUT)
    assert "/verifikasi/" in pdf_teks_rapat(dicabut.berkas.read())
    jumlah = len(semua)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("muat_demo", stdout=open("/dev/null", "w"))
    assert Surat.objects.count() == jumlah
