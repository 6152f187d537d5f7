"""Each recorded step writes a typed audit action (no f-string actions)."""
from penugasan.models import Keputusan
from penugasan.services._umum import AKSI_KEPUTUSAN


def test_setiap_keputusan_punya_aksi_audit():
    assert set(AKSI_KEPUTUSAN) == set(Keputusan)
    assert all(aksi.value == f"permohonan.{keputusan.value}" for keputusan, aksi in AKSI_KEPUTUSAN.items())
