"""The integration-test helpers of tests/conftest.py skip or run for the right reasons."""
import uuid

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
