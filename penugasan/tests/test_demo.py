"""The demo loader builds requests in every state through the services, idempotently."""
import pytest

from organisasi import demo as org_demo
from penugasan import demo, selectors
from penugasan.models import PermohonanPenugasan

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_demo_penugasan_semua_status_dan_idempoten(demo_termuat):
    # demo_termuat: the session's first run; loading again returns the konteks and adds nothing
    n = PermohonanPenugasan.objects.count()
    konteks = demo.muat(org_demo.muat())
    assert PermohonanPenugasan.objects.count() == n
    p = konteks["permohonan"]
    assert set(p) == {"draf", "menunggu", "disetujui", "tim", "ditolak", "dikembalikan", "dibatalkan", "selesai",
                      "sukarela", "lintas_instansi"}
    assert {x.status for x in p.values()} == demo.STATUS_DEMO
    users = konteks["users"]
    assert selectors.menunggu_keputusan(users["ppk"]).filter(pk=p["menunggu"].pk).exists()
    assert selectors.menunggu_keputusan(users["pyb2"]).filter(pk=p["lintas_instansi"].pk).exists()
    assert selectors.penugasan_saya(users["pelaksana"]).exists()
    assert selectors.tim_saya(users["jf"]).exists()
