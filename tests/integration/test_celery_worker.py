"""A real Celery worker on a real Redis delivers the notification e-mails, exactly once.

Needs PostgreSQL (the worker process shares the test database) and Redis (REDIS_URL).
The test process publishes to a queue of its own on that Redis; the worker writes mails as
files (file-based backend) that the test reads.
"""
import pytest
from django.db import connection, transaction
from django.utils import timezone

from notifikasi import services
from notifikasi.models import Notifikasi, Outbox, OutboxStatus
from notifikasi.tasks import kirim_email_task
from organisasi.tests.factories import UserFactory

from .celery_nyata import WorkerCelery, antrean_uji, celery_nyata, jumlah_email, port_bebas, tunggu

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(requires_postgres, requires_redis, tmp_path):
    queue = antrean_uji()
    with celery_nyata(requires_redis, queue) as app:
        w = WorkerCelery(broker_url=requires_redis, queue=queue, db_name=connection.settings_dict["NAME"],
                         email_dir=tmp_path / "mail", log_file=tmp_path / "worker.log")
        with w:
            w.app = app
            yield w
        # leave nothing behind on the shared Redis
        with app.connection_for_write() as conn:
            conn.default_channel.client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")


def kirim(penerima, kunci):
    with transaction.atomic():
        return services.notifikasi_kirim(penerima=penerima, jenis="uji", judul=f"Uji {kunci}",
                                         pesan="Isi pesan uji.", url="/uji/", kunci=kunci)


def test_worker_delivers_after_commit_and_duplicates_send_one_mail(worker):
    # given two users with e-mail addresses
    a = UserFactory(email="a@contoh.go.id")
    b = UserFactory(email="b@contoh.go.id")

    # when the event is committed, the after-commit publish reaches the real worker
    assert kirim([a, b], "uji:1") == 2
    tunggu(lambda: Outbox.objects.filter(status=OutboxStatus.SENT).count() == 2, batas_detik=30,
           pesan=f"dua outbox terkirim\n{worker.log()}")
    assert jumlah_email(worker.email_dir, f"uji:1:{a.pk}") == 1
    assert jumlah_email(worker.email_dir, f"uji:1:{b.pk}") == 1
    teks = "".join(p.read_text() for p in worker.email_dir.iterdir())
    assert "To: a@contoh.go.id" in teks and "Subject: Uji uji:1" in teks
    assert Notifikasi.objects.filter(kunci__startswith="uji:1:", dibaca_pada__isnull=True).count() == 2
    assert worker.jumlah_tugas_selesai("notifikasi.kirim_email") == 2

    # the same event again creates nothing and sends nothing
    assert kirim([a, b], "uji:1") == 0

    # when a row is pending because publishing failed (broker unreachable at commit) ...
    mati = f"redis://127.0.0.1:{port_bebas()}/0"
    with celery_nyata(mati, worker.queue):
        assert kirim([a], "uji:2") == 1
    row = Outbox.objects.get(kunci=f"uji:2:{a.pk}")
    assert row.status == OutboxStatus.PENDING
    assert row.next_attempt_at <= timezone.now()

    # ... and then it is handed to the worker three times (twice directly, once by the relay),
    # possibly concurrently (two pool processes)
    with celery_nyata(worker.broker_url, worker.queue):
        # the relay first: a direct delivery could send the row before the relay looks at it
        assert services.outbox_relay() == 1
        kirim_email_task.delay(row.pk)
        kirim_email_task.delay(row.pk)
        tunggu(lambda: worker.jumlah_tugas_selesai("notifikasi.kirim_email") == 5, batas_detik=30,
               pesan=f"lima tugas kirim_email selesai\n{worker.log()}")

    # then exactly one mail went out for it, and the row says sent once
    row.refresh_from_db()
    assert row.status == OutboxStatus.SENT
    assert row.attempts == 1
    assert jumlah_email(worker.email_dir, f"uji:2:{a.pk}") == 1
    assert jumlah_email(worker.email_dir, f"uji:1:{a.pk}") == 1
