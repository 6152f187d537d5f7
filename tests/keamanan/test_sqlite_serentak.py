"""Issue 13, faults: on a file-based SQLite database (the ``make run`` default) two decisions on
one request at the same moment give one success and one clean conflict (409 / the "already
decided" message), never a raw 500 "database is locked"; a lock outlasting the busy timeout is a
409 too. Real threads, real SQLite file (tests/keamanan/sqlite_serentak.py, in a subprocess
because the suite's own SQLite database lives in memory)."""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a subprocess that migrates a file database and renders letters (~40 s)

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def hasil():
    folder = "/dev/shm" if os.path.isdir("/dev/shm") else None  # no fsync cost for the migration
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        db = Path(tmp) / "serentak.sqlite3"
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "DJANGO_SETTINGS_MODULE": "tests.keamanan.settings_sqlite_berkas",
               "DJANGO_MEDIA_ROOT": str(Path(tmp) / "media")}
        proses = subprocess.run([sys.executable, str(BASE_DIR / "tests/keamanan/sqlite_serentak.py"), str(db)],
                                cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300)
    assert proses.returncode == 0, proses.stderr[-4000:]
    return json.loads(proses.stdout.strip().splitlines()[-1])


def test_dua_keputusan_serentak_satu_berhasil_satu_409(hasil):
    r = hasil["tunggu"]
    assert sorted(r["api"]) == [200, 409], r
    assert sorted(r["html"]) == ["302", "302 konflik"], r  # the second official is told
    assert r["status"] == ["disetujui", "disetujui"]


def test_kunci_melewati_batas_tunggu_409_bukan_500(hasil):
    r = hasil["habis"]
    assert r["api"] == [409, 409], r
    assert r["html"] == ["302 konflik", "302 konflik"], r
    assert r["status"] == ["menunggu_keputusan", "menunggu_keputusan"]
