"""The render task after commit: a broker that is down never fails the issuing transaction;
the periodic task re-queues letters left without a PDF."""
import datetime

import pytest
from django.utils import timezone
from kombu import pools

from sistemkerja.celery import app
from surat.models import StatusSurat, Surat
from surat.tasks import render_surat_task, render_surat_tertunda_task
from surat.tests.helpers import org, terbitkan_surat_tugas

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_mati():
    """A real, unreachable Redis broker (nothing listens on port 1), with eager mode off."""
    lama = (app.conf.task_always_eager, app.conf.broker_url)
    _lepas_pool()
    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    app.conf.broker_connection_retry_on_startup = False
    app.conf.broker_transport_options = {"socket_connect_timeout": 0.5, "max_retries": 0}
    yield
    app.conf.task_always_eager, app.conf.broker_url = lama
    _lepas_pool()


def _lepas_pool():
    """Forget cached connections/producers so the next use binds to the current broker URL."""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


def test_broker_mati_tidak_menggagalkan_penerbitan(django_capture_on_commit_callbacks, broker_mati, caplog):
    ns = org()
    with django_capture_on_commit_callbacks(execute=True):
        surat = terbitkan_surat_tugas(ns)
    assert "Gagal mengantrekan pembuatan PDF surat" in caplog.text  # the broker really refused
    surat.refresh_from_db()
    assert surat.pk and surat.status == StatusSurat.MENUNGGU_RENDER and not surat.berkas


def test_tugas_tertunda_merender_surat_tanpa_pdf(django_capture_on_commit_callbacks):
    ns = org()
    surat = terbitkan_surat_tugas(ns)  # after-commit render not run: stays without PDF
    Surat.objects.filter(pk=surat.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=10))
    assert render_surat_tertunda_task.delay().get() == 1
    surat.refresh_from_db()
    assert surat.status == StatusSurat.TERBIT and surat.sha256
    # nothing left; the render task is idempotent
    assert render_surat_tertunda_task.delay().get() == 0
    assert render_surat_task.delay(surat.pk).get() == "sudah"
    assert render_surat_task.delay(999999).get() == "tidak-ada"


@pytest.fixture
def antrean_memori():
    """A real in-memory kombu broker, eager mode off and no worker: what ``delay`` sends stays
    in the queue, so a test can count the messages."""
    lama = (app.conf.task_always_eager, app.conf.broker_url)
    _lepas_pool()
    pools.reset()  # kombu's global producer pools may hold one closed by another test
    app.conf.task_always_eager = False
    app.conf.broker_url = "memory://"

    def jumlah() -> int:
        with app.connection_for_write() as conn:
            return conn.default_channel.queue_declare(queue="celery", passive=False).message_count

    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge("celery")
    yield jumlah
    app.conf.task_always_eager, app.conf.broker_url = lama
    _lepas_pool()
    pools.reset()  # leave no closed producer pool behind for later tests on the same broker URL


def test_penyapu_tidak_mengantrekan_surat_yang_sama_dua_kali(antrean_memori):
    ns = org()
    surat = terbitkan_surat_tugas(ns)  # after-commit render not run: never queued
    Surat.objects.filter(pk=surat.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=10))
    # when: the beat sweep runs every 5 minutes while the queued render has not run yet
    assert render_surat_tertunda_task(menit=5, sewa_menit=15) == 1
    assert render_surat_tertunda_task(menit=5, sewa_menit=15) == 0
    assert render_surat_tertunda_task(menit=5, sewa_menit=15) == 0
    # then: one message in the queue, the letter marked as queued
    assert antrean_memori() == 1
    surat.refresh_from_db()
    assert surat.render_diantrekan_pada is not None and not surat.berkas
    # after the lease (worker died), the sweep queues it once more
    Surat.objects.filter(pk=surat.pk).update(render_diantrekan_pada=timezone.now() - datetime.timedelta(minutes=16))
    assert render_surat_tertunda_task(menit=5, sewa_menit=15) == 1
    assert antrean_memori() == 2


def test_render_tanpa_retry_yang_tidak_dipakai():
    """The task declares no Celery retries (it never calls ``retry``): the sweep's lease is the retry."""
    assert render_surat_task.max_retries == 0
