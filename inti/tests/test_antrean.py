"""inti.antrean: a publish that fails is not retried, and the broker that just failed is not asked
again during the pause (one slow failure per pause, not one per letter or e-mail)."""
import time

import pytest

from inti import antrean
from sistemkerja.celery import app
from surat.tasks import render_surat_task


@pytest.fixture
def broker_menolak(settings):
    """A real Redis URL where nothing listens (connection refused), eager mode off."""
    lama = (app.conf.task_always_eager, app.conf.broker_url, app.conf.broker_transport_options)
    app._pool = None
    app.__dict__.pop("amqp", None)
    app.conf.update(task_always_eager=False, broker_url="redis://127.0.0.1:1/0",
                    broker_transport_options={"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "max_retries": 0})
    antrean.lupakan_kegagalan()
    yield
    antrean.lupakan_kegagalan()
    app._pool = None
    app.__dict__.pop("amqp", None)
    app.conf.update(task_always_eager=lama[0], broker_url=lama[1], broker_transport_options=lama[2])


def test_gagal_sekali_lalu_tidak_bertanya_lagi_selama_jeda(broker_menolak, settings, caplog):
    settings.ANTREAN_JEDA_GAGAL = 30
    assert antrean.antrekan(render_surat_task, 1) is False
    assert antrean.broker_sedang_gagal(render_surat_task)
    mulai = time.monotonic()
    assert [antrean.antrekan(render_surat_task, i) for i in range(20)] == [False] * 20
    assert time.monotonic() - mulai < 0.2  # nothing asked of the broker
    assert "Broker baru saja gagal" in caplog.text
    antrean.lupakan_kegagalan()  # the pause is over: the broker is asked (and refuses) again
    assert not antrean.broker_sedang_gagal(render_surat_task)
    assert antrean.antrekan(render_surat_task, 1) is False
    assert "Broker tidak tersedia" in caplog.text


def test_tanpa_jeda_setiap_terbitan_bertanya_lagi(broker_menolak, settings):
    settings.ANTREAN_JEDA_GAGAL = 0
    assert antrean.antrekan(render_surat_task, 1) is False
    assert not antrean.broker_sedang_gagal(render_surat_task)


def test_eager_galat_tugas_bukan_broker_yang_gagal(settings):
    """In eager mode (make run without Redis, the tests) the task runs in-process: its own error
    is not a broker failure and pauses nothing."""
    from celery import shared_task

    @shared_task(name="inti.tests.gagal_oserror")
    def gagal(_x):
        raise OSError("disk penuh")

    antrean.lupakan_kegagalan()
    assert app.conf.task_always_eager
    assert antrean.antrekan(gagal, 1) is False
    assert not antrean.broker_sedang_gagal(gagal)
