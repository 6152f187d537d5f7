"""With Redis down, notifying still succeeds (rows stay pending); after Redis returns, the relay
and a real worker deliver every e-mail exactly once.

Uses a private redis-server on a free port (stopped and restarted by the test) and the
PostgreSQL test database shared with the worker process.
"""
import os
import shutil

import pytest
from django.db import connection, transaction
from django.utils import timezone

from inti import antrean

from notifikasi import selectors, services
from notifikasi.models import Notifikasi, Outbox, OutboxStatus
from organisasi.tests.factories import UserFactory

from .celery_nyata import REDIS_SERVER, RedisSendiri, WorkerCelery, antrean_uji, celery_nyata, jumlah_email, tunggu

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_sendiri(requires_postgres, tmp_path):
    if not (os.path.exists(REDIS_SERVER) or shutil.which("redis-server")):
        pytest.skip("needs redis-server (apt-get install redis-server); the test starts and stops its own")
    server = RedisSendiri(tmp_path / "redis").start()
    yield server
    server.stop()


def kirim(penerima, kunci):
    with transaction.atomic():
        return services.notifikasi_kirim(penerima=penerima, jenis="uji", judul=f"Uji {kunci}",
                                         pesan="Isi pesan uji.", url="/uji/", kunci=kunci)


def test_redis_down_requests_succeed_and_relay_delivers_once_after_restart(redis_sendiri, tmp_path):
    queue = antrean_uji()
    a = UserFactory(email="a@contoh.go.id")
    b = UserFactory(email="b@contoh.go.id")
    c = UserFactory(email="c@contoh.go.id")

    with celery_nyata(redis_sendiri.url, queue):
        # given the broker is up and then goes down
        redis_sendiri.stop()

        # when events are committed while Redis is down, the calls succeed ...
        assert kirim([a, b], "mati:1") == 2
        assert kirim([c], "mati:2") == 1
        # ... the in-app notifications are there, the e-mails wait in the outbox, due for the relay
        assert selectors.jumlah_belum_dibaca(a) == 1
        assert Notifikasi.objects.count() == 3
        rows = list(Outbox.objects.order_by("pk"))
        assert [r.status for r in rows] == [OutboxStatus.PENDING] * 3
        assert all(r.attempts == 0 and r.next_attempt_at <= timezone.now() for r in rows)
        # the relay cannot publish either, and leaves the rows pending (and due again)
        assert services.outbox_relay() == 0
        assert Outbox.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=timezone.now()).count() == 3

        # when Redis is back and a real worker runs
        redis_sendiri.start()
        antrean.lupakan_kegagalan()  # the broker is back: this process's pause after the failure is over
        mail_dir = tmp_path / "mail"
        with WorkerCelery(broker_url=redis_sendiri.url, queue=queue, db_name=connection.settings_dict["NAME"],
                          email_dir=mail_dir, log_file=tmp_path / "worker.log") as worker:
            assert services.outbox_relay() == 3
            tunggu(lambda: Outbox.objects.filter(status=OutboxStatus.SENT).count() == 3, batas_detik=30,
                   pesan=f"tiga outbox terkirim\n{worker.log()}")
            # a second relay pass finds nothing to do, even after the lease has expired
            assert services.outbox_relay(sekarang=timezone.now() + services.SEWA_RELAY * 2) == 0

    # then every e-mail went out exactly once
    for user, kunci in ((a, "mati:1"), (b, "mati:1"), (c, "mati:2")):
        assert jumlah_email(mail_dir, f"{kunci}:{user.pk}") == 1, kunci
    assert sum(1 for r in Outbox.objects.all() if r.attempts == 1 and r.sent_at) == 3


def test_redis_down_http_decision_succeeds_and_mails_follow_once(redis_sendiri, tmp_path, client):
    """A real HTTP request that notifies (approving a request through the penugasan API)."""
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("api-permohonan-setujui", args=[1])
    except NoReverseMatch:
        pytest.skip("penugasan API (api-permohonan-setujui) is not available yet")
    from penugasan.models import StatusPermohonan
    from penugasan.tests.helpers import ajukan, bangun_pemda

    queue = antrean_uji()
    d = bangun_pemda("belu")
    orang = [d.kabid[0], d.kasi[1], d.jf_pertama[1], d.kepala_dinas, d.kasi[0]]
    for i, pegawai in enumerate(orang):
        pegawai.user.email = f"orang{i}@contoh.go.id"
        pegawai.user.save(update_fields=["email"])

    with celery_nyata(redis_sendiri.url, queue):
        redis_sendiri.stop()
        # given Redis is down, a request is submitted (service) and approved over HTTP
        p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
        client.force_login(d.kasi[1].user)
        resp = client.post(reverse("api-permohonan-setujui", args=[p.pk]), data={"langkah": 0},
                           content_type="application/json")

        # then the request succeeds, the decision is stored, the e-mails wait in the outbox
        assert resp.status_code == 200, resp.content
        p.refresh_from_db()
        assert p.status == StatusPermohonan.DISETUJUI
        assert Notifikasi.objects.filter(penerima=d.kasi[1].user).exists()  # "menunggu keputusan Anda"
        assert Notifikasi.objects.filter(penerima=d.jf_pertama[1].user).exists()  # the assignee
        kunci = sorted(Outbox.objects.values_list("kunci", flat=True))
        assert kunci, "the decision notified someone with an e-mail address"
        assert set(Outbox.objects.values_list("status", flat=True)) == {OutboxStatus.PENDING}

        # when Redis is back, the relay and a real worker deliver everything, once
        redis_sendiri.start()
        antrean.lupakan_kegagalan()  # the broker is back: this process's pause after the failure is over
        mail_dir = tmp_path / "mail"
        with WorkerCelery(broker_url=redis_sendiri.url, queue=queue, db_name=connection.settings_dict["NAME"],
                          email_dir=mail_dir, log_file=tmp_path / "worker.log") as worker:
            assert services.outbox_relay() == len(kunci)
            tunggu(lambda: not Outbox.objects.exclude(status=OutboxStatus.SENT).exists(), batas_detik=30,
                   pesan=f"semua outbox terkirim\n{worker.log()}")
            assert services.outbox_relay(sekarang=timezone.now() + services.SEWA_RELAY * 2) == 0

    assert {k: jumlah_email(mail_dir, k) for k in kunci} == dict.fromkeys(kunci, 1)
