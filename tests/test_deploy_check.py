"""Production settings pass Django's deployment checklist and refuse an incomplete environment."""
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
PASSTHROUGH = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")


def production_env(**overrides: str) -> dict[str, str]:
    env = {key: os.environ[key] for key in PASSTHROUGH if key in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="sistemkerja.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="sistemkerja.example.go.id",
        # `check --deploy` does not connect: the servers need not exist.
        DATABASE_URL="postgres://sistemkerja:contoh@127.0.0.1:5432/sistemkerja",
        REDIS_URL="redis://127.0.0.1:6379/0",
        SITE_URL="https://sistemkerja.example.go.id",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_is_clean_with_the_required_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output and "ERRORS" not in output, output
    assert "System check identified no issues" in output


def test_production_settings_values():
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL, s.DATABASES['default']['ENGINE'],"
        " s.CSRF_TRUSTED_ORIGINS[0], s.SECURE_SSL_REDIRECT)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=BASE_DIR, env=production_env(), capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False", "False", "redis://127.0.0.1:6379/0", "django.db.backends.postgresql",
        "https://sistemkerja.example.go.id", "True",
    ]


@pytest.mark.parametrize(
    "overrides, expected",
    [
        ({"DJANGO_SECRET_KEY": None}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_ALLOWED_HOSTS": None}, "DJANGO_ALLOWED_HOSTS"),
        ({"DATABASE_URL": None}, "DATABASE_URL"),
        ({"DATABASE_URL": "sqlite:////tmp/sistemkerja.sqlite3"}, "DATABASE_URL must point to PostgreSQL"),
        ({"REDIS_URL": None}, "REDIS_URL"),
    ],
)
def test_production_refuses_an_incomplete_environment(overrides, expected):
    if (BASE_DIR / ".env").exists():
        pytest.skip("a local .env file would supply the variable this test removes")
    result = manage("check", env=production_env(**overrides))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and expected in result.stderr, result.stderr


@pytest.mark.parametrize("kunci", [
    "pendek",
    "a" * 64,  # long but fewer than 5 distinct characters
    "django-insecure-q8Zr4vN1mX0bT6wLc2Hj9sKfY3pUe7GdA5oRi-Vn_Ms4tWz",
    "replace-with-50-or-more-random-characters",  # .env.example
    "local-development-only-not-secret",
    "build-only-collectstatic-placeholder-key-not-used-at-run-time-0123456789",  # Dockerfile
])
def test_production_refuses_a_weak_or_default_secret_key(kunci):
    """Issue 13: production does not start with a weak or placeholder key (Django only warns)."""
    result = manage("check", env=production_env(DJANGO_SECRET_KEY=kunci))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "DJANGO_SECRET_KEY is weak" in result.stderr
