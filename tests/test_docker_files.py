"""The production deployment files: docker-compose.yml, Dockerfile, .env.example, health checks.

Docker cannot run on the CI machine, so the files are parsed and checked, and the parts that are
plain Python (static collection, the health-check script) are run for real.
"""
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

BASE_DIR = Path(__file__).resolve().parent.parent
APP_SERVICES = {"web", "worker", "beat"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


def command_text(service: dict) -> str:
    command = service["command"]
    return " ".join(command) if isinstance(command, list) else command


def test_compose_has_exactly_the_production_services(compose):
    assert set(compose["services"]) == {"web", "worker", "beat", "postgres", "redis"}
    assert compose["services"]["postgres"]["image"] == "postgres:15"
    assert compose["services"]["redis"]["image"] == "redis:7"


def test_every_service_has_a_healthcheck(compose):
    for name, service in compose["services"].items():
        test = service.get("healthcheck", {}).get("test")
        assert test and test[0] in {"CMD", "CMD-SHELL"} and len(test) > 1, name


def test_app_services_run_the_right_commands_with_production_settings(compose):
    services = compose["services"]
    assert re.search(r"gunicorn sistemkerja\.wsgi:application", command_text(services["web"]))
    assert "manage.py migrate --noinput" in command_text(services["web"])
    assert command_text(services["worker"]).startswith("celery -A sistemkerja worker")
    assert command_text(services["beat"]).startswith("celery -A sistemkerja beat")
    for name in APP_SERVICES:
        service = services[name]
        assert service["environment"]["DJANGO_SETTINGS_MODULE"] == "sistemkerja.settings.production", name
        assert service["env_file"] == ".env", name
        assert service["environment"]["DATABASE_URL"].startswith("postgres://"), name
        assert service["environment"]["REDIS_URL"] == "redis://redis:6379/0", name
        assert service.get("build") == ".", name


def test_app_services_wait_for_healthy_dependencies(compose):
    services = compose["services"]
    for name in APP_SERVICES:
        depends = services[name]["depends_on"]
        for dependency in ("postgres", "redis"):
            assert depends[dependency] == {"condition": "service_healthy"}, (name, dependency)
    for name in ("worker", "beat"):  # migrations run in web before it becomes healthy
        assert services[name]["depends_on"]["web"] == {"condition": "service_healthy"}


def test_healthcheck_scripts_referenced_by_compose_exist(compose):
    for name, service in compose["services"].items():
        test = " ".join(service["healthcheck"]["test"][1:])
        for script in re.findall(r"[\w/]+\.py", test):
            assert (BASE_DIR / script).is_file(), (name, script)


def test_env_example_has_placeholders_only_and_env_is_never_shipped():
    example = dict(
        line.split("=", 1)
        for line in (BASE_DIR / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )
    for key in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "POSTGRES_PASSWORD", "EMAIL_HOST_PASSWORD"):
        assert key in example
    for key in ("DJANGO_SECRET_KEY", "POSTGRES_PASSWORD", "EMAIL_HOST_PASSWORD"):
        assert example[key].startswith("replace-with-"), key
    assert ".env" in (BASE_DIR / ".gitignore").read_text().split()
    assert ".env" in (BASE_DIR / ".dockerignore").read_text().split()
    tracked = subprocess.run(["git", "ls-files", ".env"], cwd=BASE_DIR, capture_output=True, text=True)
    assert tracked.stdout.strip() == ""


def test_dockerfile_builds_a_non_root_gunicorn_image():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim", dockerfile, re.M)
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0"):
        assert package in dockerfile
    assert "pip install -r requirements.lock" in dockerfile  # the pinned versions CI tested
    assert "manage.py collectstatic --noinput" in dockerfile
    # production settings refuse a fixed placeholder key: the build makes a random one
    assert 'DJANGO_SECRET_KEY="$(python -c \'import secrets; print(secrets.token_urlsafe(64))\')"' in dockerfile
    users = re.findall(r"^USER (\S+)", dockerfile, re.M)
    assert users and users[-1] not in {"root", "0"}
    assert re.search(r'^CMD \["gunicorn", "sistemkerja\.wsgi:application"', dockerfile, re.M)


def production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    env.update(
        DJANGO_SETTINGS_MODULE="sistemkerja.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="localhost",
        DATABASE_URL="postgres://build@localhost:5432/build",
        REDIS_URL="redis://localhost:6379/0",
    )
    env.update(extra)
    return env


@pytest.mark.slow
def test_collectstatic_as_in_the_docker_build(tmp_path):
    """The Dockerfile's collectstatic step (manifest storage fails on a missing referenced file)."""
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=BASE_DIR, env=production_env(DJANGO_STATIC_ROOT=str(tmp_path / "static")),
        capture_output=True, text=True, timeout=900,  # compression of ~10 MB on a shared 2-core machine
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "static" / "staticfiles.json").is_file()
    assert (tmp_path / "static" / "admin").is_dir()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthcheck(mode: str, **env: str) -> int:
    return subprocess.run(
        [sys.executable, "docker/healthcheck.py", mode], cwd=BASE_DIR,
        env={**os.environ, **env}, capture_output=True, timeout=30,
    ).returncode


def test_web_healthcheck_against_a_real_gunicorn(tmp_path):
    port = free_port()
    assert healthcheck("web", PORT=str(port)) == 1  # nothing listens yet
    env = production_env(DJANGO_SETTINGS_MODULE="sistemkerja.settings.local",
                         DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", DJANGO_DEBUG="false")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "sistemkerja.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1"],
        cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        status = 1
        while time.monotonic() < deadline and status != 0:
            time.sleep(0.3)
            status = healthcheck("web", PORT=str(port), DJANGO_ALLOWED_HOSTS="localhost")
        assert status == 0
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_beat_healthcheck_follows_the_pidfile(tmp_path):
    pidfile = tmp_path / "celerybeat.pid"
    pidfile.write_text(str(os.getpid()))
    assert healthcheck("beat", CELERY_BEAT_PIDFILE=str(pidfile)) == 0
    sleeper = subprocess.Popen(["sleep", "0"])
    sleeper.wait()
    pidfile.write_text(str(sleeper.pid))
    assert healthcheck("beat", CELERY_BEAT_PIDFILE=str(pidfile)) == 1
    assert healthcheck("beat", CELERY_BEAT_PIDFILE=str(tmp_path / "missing.pid")) == 1
