"""Publishing a task from the request path (after commit): never slow when the broker is down or frozen.

Every caller keeps its own durable record of what must run (a letter without its PDF, an outbox
row, an export or an import job) and its own sweep or relay that publishes it again later; so a
publish may simply fail. ``antrekan``:

* publishes once, without Celery's publish retries (``retry=False``); the broker's socket
  timeouts (``CELERY_BROKER_TRANSPORT_OPTIONS``) bound the wait on a refused or frozen Redis;
* after a broker error, answers "not published" at once for ``ANTREAN_JEDA_GAGAL`` seconds
  without contacting that broker again: one slow failure per process and pause, not one per
  letter or e-mail of a decision (a frozen Redis cost 41 s for one approval before).
"""
from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# what a broker that is down, refusing or frozen raises while publishing
GALAT_BROKER = (KombuOperationalError, RedisError, OSError, TimeoutError)

_kunci = threading.Lock()
_gagal_sampai: dict[str, float] = {}  # broker URL → monotonic time until which it is not asked again


def _broker(task) -> str:
    return str(task.app.conf.broker_url or "")


def broker_sedang_gagal(task) -> bool:
    """Whether the broker failed recently (within ``ANTREAN_JEDA_GAGAL`` seconds)."""
    with _kunci:
        return time.monotonic() < _gagal_sampai.get(_broker(task), 0.0)


def antrekan(task, *args) -> bool:
    """Publish ``task(*args)``; False, logged, when the broker failed now or recently (the
    caller's sweep or relay publishes it later). Never raises a broker error."""
    broker = _broker(task)
    if broker_sedang_gagal(task):
        logger.warning("Broker baru saja gagal; %s%s tidak diantrekan sekarang (disapu kemudian)", task.name, args)
        return False
    try:
        task.apply_async(args=list(args), retry=False)
    except GALAT_BROKER as exc:
        if task.app.conf.task_always_eager:  # the task itself failed in-process: no broker to pause
            logger.warning("%s%s gagal dijalankan langsung (eager): %s", task.name, args, exc)
            return False
        with _kunci:
            _gagal_sampai[broker] = time.monotonic() + float(getattr(settings, "ANTREAN_JEDA_GAGAL", 30))
        logger.warning("Broker tidak tersedia; %s%s tidak diantrekan (disapu kemudian): %s", task.name, args, exc)
        return False
    return True


def lupakan_kegagalan() -> None:
    """Ask every broker again at the next publish (tests that change the broker)."""
    with _kunci:
        _gagal_sampai.clear()
