"""Helpers for tests that run a REAL Celery worker against a REAL Redis (tests/integration/test_celery_*.py).

* ``celery_nyata(broker_url, queue)``: switch this test process's Celery app from eager mode to
  publishing on ``broker_url`` (queue of its own), and back afterwards.
* ``WorkerCelery``: ``celery -A sistemkerja worker`` as a subprocess on the same PostgreSQL *test*
  database as the test, with the file-based e-mail backend writing into a temporary directory.
* ``RedisSendiri``: a private ``redis-server`` on a free port that the test may stop and restart.
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tunggu(kondisi, *, batas_detik: float = 30, jeda: float = 0.2, pesan: str = "") -> None:
    """Poll ``kondisi()`` until true; fail the test after ``batas_detik``."""
    akhir = time.monotonic() + batas_detik
    while time.monotonic() < akhir:
        if kondisi():
            return
        time.sleep(jeda)
    if kondisi():
        return
    raise AssertionError(f"tidak terpenuhi dalam {batas_detik} detik: {pesan}")


def antrean_uji() -> str:
    return f"notifikasi-uji-{uuid.uuid4().hex[:10]}"


def _lupakan_koneksi(app) -> None:
    """Forget the app's broker pool/producers/queues so a new broker_url and queue take effect.

    (kombu keeps one pool per broker URL in a global registry; they stay open for reuse.)
    """
    app._pool = None
    app.__dict__.pop("amqp", None)


@contextlib.contextmanager
def celery_nyata(broker_url: str, queue: str):
    """Make this process publish real messages to ``broker_url`` / ``queue`` (not eager)."""
    from sistemkerja.celery import app

    kunci = ("task_always_eager", "broker_url", "task_default_queue")
    semula = {k: app.conf[k] for k in kunci}
    _lupakan_koneksi(app)
    app.conf.update(task_always_eager=False, broker_url=broker_url, task_default_queue=queue)
    try:
        yield app
    finally:
        _lupakan_koneksi(app)
        app.conf.update(semula)


class WorkerCelery:
    """A real ``celery worker`` subprocess (prefork pool) for one test."""

    def __init__(self, *, broker_url: str, queue: str, db_name: str, email_dir: Path, log_file: Path,
                 concurrency: int = 2):
        self.broker_url, self.queue, self.db_name = broker_url, queue, db_name
        self.email_dir, self.log_file, self.concurrency = email_dir, log_file, concurrency
        self.proc: subprocess.Popen | None = None

    def start(self) -> "WorkerCelery":
        env = dict(os.environ)
        env.update({
            "DJANGO_SETTINGS_MODULE": "tests.integration.celery_worker_settings",
            "CELERY_BROKER_URL": self.broker_url,
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
            "WORKER_DB_NAME": self.db_name,
            "EMAIL_FILE_PATH": str(self.email_dir),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
        })
        self.email_dir.mkdir(parents=True, exist_ok=True)
        self._out = open(self.log_file.with_suffix(".out"), "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "sistemkerja", "worker", "--pool=prefork",
             f"--concurrency={self.concurrency}", "-Q", self.queue, "-n", f"{self.queue}@%h",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO",
             f"--logfile={self.log_file}"],
            cwd=ROOT, env=env, stdout=self._out, stderr=subprocess.STDOUT, start_new_session=True,
        )
        tunggu(lambda: "ready." in self.log() or self.proc.poll() is not None, batas_detik=60,
               pesan="worker Celery siap")
        if self.proc.poll() is not None:
            raise AssertionError(f"worker Celery berhenti saat mulai:\n{self.log()}")
        return self

    def log(self) -> str:
        teks = ""
        for path in (self.log_file, self.log_file.with_suffix(".out")):
            with contextlib.suppress(FileNotFoundError):
                teks += path.read_text(errors="replace")
        return teks

    def jumlah_tugas_selesai(self, nama_tugas: str) -> int:
        return len(re.findall(rf"Task {re.escape(nama_tugas)}\[[0-9a-f-]+\] succeeded", self.log()))

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # warm shutdown of the worker and its pool
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        if getattr(self, "_out", None) is not None:
            self._out.close()
            self._out = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class RedisSendiri:
    """A private redis-server on a free port, which the test can stop and start again."""

    def __init__(self, workdir: Path):
        self.port = port_bebas()
        self.workdir = workdir
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def ping(self) -> bool:
        import redis

        try:
            client = redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=0.5, socket_timeout=0.5)
            ok = client.ping()
            client.close()
            return bool(ok)
        except Exception:
            return False

    def start(self) -> "RedisSendiri":
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        tunggu(self.ping, batas_detik=15, pesan=f"redis-server pada port {self.port}")
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self.proc = None
        tunggu(lambda: not self.ping(), batas_detik=10, pesan="redis-server berhenti")


def jumlah_email(email_dir: Path, kunci: str) -> int:
    """How many e-mails with this outbox key the file-based backend wrote."""
    if not email_dir.exists():
        return 0
    penanda = f"X-Sistemkerja-Kunci: {kunci}\n"
    return sum(p.read_text(errors="replace").replace("\r\n", "\n").count(penanda)
               for p in email_dir.iterdir() if p.is_file())
