"""The audit trail: typed actions only, append-only rows, refused attempts recorded after the rollback."""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction

from inti.exceptions import KonflikError
from inti.jejak import dengan_jejak, jejak_catat, pesan_galat
from inti.models import AksiAudit, JejakAudit

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_aksi_bertipe_tulisan_bebas_ditolak():
    user = User.objects.create(username="andi")
    baris = jejak_catat(actor=user, objek=user, aksi=AksiAudit.SURAT_CABUT, diizinkan=True, ip="10.0.0.1")
    assert (baris.aksi, baris.objek_tipe, baris.objek_id, baris.nama_actor) == (
        "surat.cabut", "auth.User", str(user.pk), "andi")
    with pytest.raises(ValueError):
        jejak_catat(actor=user, objek=user, aksi="permohonan.entah", diizinkan=True)
    with pytest.raises(ValueError):
        dengan_jejak("bukan.aksi", model=User, kunci="user_id")


def test_baris_tidak_dapat_diubah_atau_dihapus():
    baris = jejak_catat(actor=None, objek=None, objek_tipe="a.B", aksi=AksiAudit.SURAT_TERBITKAN, diizinkan=True)
    baris.alasan = "diubah"
    for ubah in (baris.save, baris.delete, JejakAudit.objects.all().delete,
                 lambda: JejakAudit.objects.update(alasan="x")):
        with pytest.raises(PermissionDenied):
            ubah()
    assert JejakAudit.objects.get().alasan == ""


def test_penolakan_dicatat_setelah_rollback():
    user = User.objects.create(username="budi")

    @dengan_jejak(AksiAudit.SURAT_CABUT, model=User, kunci="user_id")
    def layanan(*, actor, ip=None, user_id: int):
        User.objects.filter(pk=user_id).update(first_name="terlanjur")
        raise KonflikError("Sudah dicabut.")

    with pytest.raises(KonflikError):
        layanan(actor=user, ip="10.1.2.3", user_id=user.pk)
    user.refresh_from_db()
    assert user.first_name == ""  # the attempt rolled back ...
    baris = JejakAudit.objects.get()  # ... and the refusal was recorded anyway
    assert (baris.aksi, baris.diizinkan, baris.alasan, baris.ip, baris.objek_id) == (
        AksiAudit.SURAT_CABUT, False, "Sudah dicabut.", "10.1.2.3", str(user.pk))


def test_penolakan_dicatat_walau_transaksi_luar_berjalan():
    user = User.objects.create(username="cici")

    @dengan_jejak(AksiAudit.PENUGASAN_TERIMA, model=User, kunci="user_id")
    def layanan(*, actor, ip=None, user_id: int):
        raise PermissionDenied("Bukan Anda.")

    with transaction.atomic(), pytest.raises(PermissionDenied):
        layanan(actor=user, user_id=user.pk)
    assert JejakAudit.objects.filter(diizinkan=False, alasan="Bukan Anda.").count() == 1


def test_pesan_galat():
    from django.core.exceptions import ValidationError

    assert pesan_galat(ValidationError({"alasan": ["Wajib diisi."]})) == "alasan: Wajib diisi."
    assert pesan_galat(KonflikError()) == KonflikError.default_message
    assert pesan_galat(User.DoesNotExist()) == "Data tidak ditemukan."
