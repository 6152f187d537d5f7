"""Parallel relays and parallel sends on a real PostgreSQL: row locks keep delivery single.

Runs in this process (tasks eager as in the test settings, locmem mail backend) with real parallel database connections
from threads; needs DATABASE_URL pointing to PostgreSQL.
"""
import threading

import pytest
from django.core import mail
from django.db import connection, connections, transaction
from django.utils import timezone

from notifikasi import services
from notifikasi.models import Outbox, OutboxStatus
from organisasi.tests.factories import UserFactory

from .celery_nyata import antrean_uji, celery_nyata, port_bebas, tunggu

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def buat_pending(n: int) -> list[int]:
    """Outbox rows left pending and due: the after-commit publish met an unreachable broker."""
    users = [UserFactory(email=f"u{i}@contoh.go.id") for i in range(n)]
    with celery_nyata(f"redis://127.0.0.1:{port_bebas()}/0", antrean_uji()):
        with transaction.atomic():
            services.notifikasi_kirim(penerima=users, jenis="uji", judul="Uji", pesan="", kunci="paralel")
    assert not Outbox.objects.exclude(status=OutboxStatus.PENDING).exists()
    assert not Outbox.objects.filter(next_attempt_at__gt=timezone.now()).exists()
    return list(Outbox.objects.order_by("pk").values_list("pk", flat=True))


class Pemegang(threading.Thread):
    """Holds a lock on some outbox rows in its own connection until told to finish."""

    def __init__(self, ids, *, tandai_terkirim=False):
        super().__init__(daemon=True)
        self.ids, self.tandai_terkirim = ids, tandai_terkirim
        self.terkunci, self.selesai = threading.Event(), threading.Event()
        self.pid = None
        self.error = None

    def run(self):
        try:
            with transaction.atomic():
                with connection.cursor() as cur:
                    cur.execute("SELECT pg_backend_pid()")
                    self.pid = cur.fetchone()[0]
                list(Outbox.objects.select_for_update().filter(pk__in=self.ids))
                self.terkunci.set()
                self.selesai.wait(30)
                if self.tandai_terkirim:
                    Outbox.objects.filter(pk__in=self.ids).update(status=OutboxStatus.SENT, sent_at=timezone.now())
        except Exception as exc:  # surfaced in the main thread
            self.error = exc
            self.terkunci.set()
        finally:
            connections.close_all()


def ada_yang_menunggu_kunci(pid_pemegang: int) -> bool:
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND %s = ANY(pg_blocking_pids(pid))", [pid_pemegang])
        return cur.fetchone()[0] > 0


def test_relay_skips_rows_locked_by_another_relay(requires_postgres):
    ids = buat_pending(3)

    # given another relay holds the first two rows
    pemegang = Pemegang(ids[:2])
    pemegang.start()
    assert pemegang.terkunci.wait(10) and pemegang.error is None
    try:
        # when this relay runs, it takes only the free row, without waiting
        assert services.outbox_relay() == 1
    finally:
        pemegang.selesai.set()
        pemegang.join(10)
    status = dict(Outbox.objects.values_list("pk", "status"))
    assert status == {ids[0]: "pending", ids[1]: "pending", ids[2]: "sent"}
    assert [m.to for m in mail.outbox] == [[Outbox.objects.get(pk=ids[2]).recipient]]


def test_send_waits_for_a_concurrent_send_and_then_sends_nothing(requires_postgres):
    (pk,) = buat_pending(1)

    # given another worker is sending this row (holds its lock) and will mark it sent
    pemegang = Pemegang([pk], tandai_terkirim=True)
    pemegang.start()
    assert pemegang.terkunci.wait(10) and pemegang.error is None

    hasil = {}

    def kirim():
        try:
            hasil["outbox"] = services.outbox_kirim(outbox_id=pk)
        finally:
            connections.close_all()

    pengirim = threading.Thread(target=kirim, daemon=True)
    pengirim.start()
    try:
        # the second send really waits on the row lock ...
        tunggu(lambda: ada_yang_menunggu_kunci(pemegang.pid), batas_detik=10, pesan="pengirim kedua menunggu kunci")
    finally:
        pemegang.selesai.set()
        pemegang.join(10)
    pengirim.join(15)

    # ... and, once the first commits "sent", sends nothing
    assert hasil["outbox"].status == OutboxStatus.SENT
    assert mail.outbox == []
    assert Outbox.objects.get(pk=pk).attempts == 0
