"""Project-level helpers for integration tests.

Fixtures (usable from any test in the project: the root ``conftest.py`` re-exports them)
----------------------------------------------------------------------------------------
``requires_postgres``
    Skips the test (with the reason printed by ``pytest -rs``) unless the default database is
    PostgreSQL, i.e. ``DATABASE_URL`` points to PostgreSQL. Use it for tests that need real
    parallel connections (``select_for_update`` races, advisory locks)::

        @pytest.mark.integration
        @pytest.mark.django_db(transaction=True)
        def test_dua_persetujuan_bersamaan(requires_postgres): ...

``requires_redis``
    Skips unless ``REDIS_URL`` is set and the server answers PING within one second. Returns the
    URL, so a test can start a real Celery worker against it::

        @pytest.mark.integration
        def test_worker_mengirim_notifikasi(requires_redis): ...

Both also exist as ready-made skip markers for a whole module or class::

    from tests.conftest import skip_unless_postgres, skip_unless_redis
    pytestmark = [pytest.mark.integration, skip_unless_postgres]

Browser tests
-------------
Tests marked ``browser`` (``tests/browser/``) drive Debian's Chromium at ``/usr/bin/chromium``
(override with ``CHROMIUM_PATH``). When it is absent they are skipped with a plain message, both
per test and once in the summary at the end of the run (``make test`` prints it too).

``pytest.ini`` collects ``organisasi penugasan kinerja surat notifikasi tests``; CI (``.ci/run``)
sets ``DATABASE_URL`` (PostgreSQL 15) and ``REDIS_URL``, so integration tests run there; it also
sets ``SISTEMKERJA_REQUIRE_INTEGRATION=1``, which turns these two skips into failures, so a broken
CI service can never pass as "skipped".
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
REQUIRE_INTEGRATION = os.environ.get("SISTEMKERJA_REQUIRE_INTEGRATION") == "1"


def _skip_or_fail(reason: str) -> None:
    if REQUIRE_INTEGRATION:
        pytest.fail(f"SISTEMKERJA_REQUIRE_INTEGRATION=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def database_is_postgres() -> bool:
    """True when Django's default database (from DATABASE_URL) is PostgreSQL."""
    from django.conf import settings

    return "postgresql" in settings.DATABASES["default"]["ENGINE"]


@functools.lru_cache(maxsize=1)
def redis_unavailable_reason() -> str:
    """Empty string when REDIS_URL is set and answers PING; otherwise why not."""
    url = os.environ.get("REDIS_URL", "")
    if not url:
        return "needs Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379/0); .ci/run does"
    try:
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
        client.close()
    except Exception as exc:  # any failure means "not usable here"
        return f"needs Redis: REDIS_URL={url} does not answer PING ({exc.__class__.__name__}: {exc})"
    return ""


POSTGRES_REASON = (
    "needs PostgreSQL: set DATABASE_URL=postgres://user@host:port/db "
    "(SQLite cannot run parallel connections); .ci/run does"
)


def _postgres_from_environment() -> bool:
    url = os.environ.get("DATABASE_URL", "")
    return url.split(":", 1)[0] in {"postgres", "postgresql", "pgsql", "postgis"}


skip_unless_postgres = pytest.mark.skipif(not _postgres_from_environment(), reason=POSTGRES_REASON)
_REDIS_REASON_AT_IMPORT = redis_unavailable_reason()
skip_unless_redis = pytest.mark.skipif(bool(_REDIS_REASON_AT_IMPORT), reason=_REDIS_REASON_AT_IMPORT or "Redis available")


@pytest.fixture
def requires_postgres() -> None:
    if not database_is_postgres():
        _skip_or_fail(POSTGRES_REASON)


@pytest.fixture
def requires_redis() -> str:
    reason = redis_unavailable_reason()
    if reason:
        _skip_or_fail(reason)
    return os.environ["REDIS_URL"]


def chromium_available() -> bool:
    return Path(CHROMIUM_PATH).is_file() and os.access(CHROMIUM_PATH, os.X_OK)


BROWSER_SKIP_REASON = (
    f"browser tests skipped: Chromium not found at {CHROMIUM_PATH} "
    "(install Debian's package: apt-get install chromium)"
)


def pytest_collection_modifyitems(config, items):
    """Skip every test marked ``browser`` when Debian's Chromium is missing (never download one)."""
    if chromium_available():
        return
    skip = pytest.mark.skip(reason=BROWSER_SKIP_REASON)
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    for item in browser_items:
        item.add_marker(skip)
    config._sistemkerja_browser_skipped = len(browser_items)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = getattr(config, "_sistemkerja_browser_skipped", 0)
    if skipped:
        terminalreporter.write_sep("!", f"{skipped} {BROWSER_SKIP_REASON}", yellow=True)
