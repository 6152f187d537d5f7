"""The integration-test helpers of tests/conftest.py skip or run for the right reasons."""
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests import conftest as helpers


@pytest.mark.integration
@pytest.mark.django_db
def test_requires_postgres_runs_on_a_real_postgresql(requires_postgres):
    from django.db import connection

    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('server_version_num')::int")
        assert cursor.fetchone()[0] >= 150000


@pytest.mark.integration
def test_requires_redis_returns_a_url_that_answers(requires_redis):
    import redis

    client = redis.Redis.from_url(requires_redis)
    key = f"sistemkerja-test:{uuid.uuid4()}"
    client.set(key, "ada", ex=30)
    try:
        assert client.get(key) == b"ada"
    finally:
        client.delete(key)
        client.close()


def test_unreachable_redis_gives_a_reason_naming_the_url(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")
    helpers.redis_unavailable_reason.cache_clear()
    try:
        reason = helpers.redis_unavailable_reason()
    finally:
        helpers.redis_unavailable_reason.cache_clear()
    assert "redis://127.0.0.1:1/0" in reason and "PING" in reason


def test_missing_redis_url_gives_a_reason(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    helpers.redis_unavailable_reason.cache_clear()
    try:
        assert "set REDIS_URL" in helpers.redis_unavailable_reason()
    finally:
        helpers.redis_unavailable_reason.cache_clear()



@pytest.mark.slow
def test_required_integration_turns_the_skip_into_a_failure():
    """CI sets SISTEMKERJA_REQUIRE_INTEGRATION=1: a missing service fails instead of skipping."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env["SISTEMKERJA_REQUIRE_INTEGRATION"] = "1"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q",
         "tests/test_integration_helpers.py::test_requires_redis_returns_a_url_that_answers"],
        cwd=Path(__file__).resolve().parent.parent, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1, result.stdout
    assert "SISTEMKERJA_REQUIRE_INTEGRATION=1 but needs Redis" in result.stdout
