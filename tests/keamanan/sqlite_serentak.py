"""Run by tests/keamanan/test_sqlite_serentak.py in a subprocess: two decisions on one request at
the same moment on a FILE-based SQLite database (the ``make run`` default; the test suite's own
database is in memory, where this cannot happen).

Usage: DATABASE_URL=sqlite:////tmp/x.sqlite3 python tests/keamanan/sqlite_serentak.py PATH
A raw sqlite3 connection holds the write lock while both decisions (API and HTML, same official)
start: first 1.5 s (within the busy timeout: "tunggu"), then 3 s with the timeout lowered to 1 s
("habis"). Prints one JSON line {"tunggu": {"api": [status, status], "html": [...], "status":
[...]}, "habis": {...}}."""
from __future__ import annotations

import json
import os
import sqlite3
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.keamanan.settings_sqlite_berkas")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402


def serentak(path: str, tahan: float, permintaan: list) -> list:
    """Both requests start while another connection holds the write lock for ``tahan`` s."""
    kunci = sqlite3.connect(path, isolation_level=None)
    kunci.execute("BEGIN IMMEDIATE")
    hasil: list = [None] * len(permintaan)
    siap = threading.Barrier(len(permintaan) + 1)

    def jalan(i, fn):
        try:
            siap.wait()
            hasil[i] = fn()
        except Exception as exc:  # a raw exception is a 500 for the user
            hasil[i] = f"{type(exc).__name__}: {exc}"
        finally:
            connection.close()

    threads = [threading.Thread(target=jalan, args=(i, fn)) for i, fn in enumerate(permintaan)]
    for t in threads:
        t.start()
    siap.wait()
    time.sleep(tahan)
    kunci.execute("ROLLBACK")
    kunci.close()
    for t in threads:
        t.join(timeout=120)
    return hasil


def main() -> None:
    path = sys.argv[1]
    setup_test_environment()
    call_command("migrate", verbosity=0, interactive=False)
    from penugasan.tests.helpers import ajukan, bangun_pemda

    d = bangun_pemda("belu")
    user = d.kasi[1].user

    def klien() -> Client:
        c = Client(raise_request_exception=False)
        c.force_login(user)
        return c

    def permohonan():
        return ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1],
                      pegawai_diminta=[d.jf_pertama[1]])

    def api(pk):
        c = klien()
        return lambda: c.post(reverse("api-permohonan-setujui", args=[pk]), {"langkah": 0},
                              content_type="application/json").status_code

    def html(pk):
        c = klien()

        def kirim():
            r = c.post(reverse("permohonan_setujui", args=[pk]), {"langkah": 0}, follow=True)  # the step seen
            teks = r.content.decode()
            sudah = "sudah diputuskan oleh pejabat lain" in teks or "sedang diubah oleh pengguna lain" in teks
            return f"{r.redirect_chain[-1][1] if r.redirect_chain else r.status_code}{' konflik' if sudah else ''}"
        return kirim

    from django.conf import settings

    from penugasan.models import PermohonanPenugasan

    keluaran = {}
    for nama, tahan, batas in (("tunggu", 1.5, 20), ("habis", 3.0, 1)):
        settings.DATABASES["default"]["OPTIONS"]["timeout"] = batas  # new connections of the threads
        p1, p2 = permohonan(), permohonan()
        connection.close()
        keluaran[nama] = {"api": serentak(path, tahan, [api(p1.pk), api(p1.pk)]),
                          "html": serentak(path, tahan, [html(p2.pk), html(p2.pk)]),
                          "status": [PermohonanPenugasan.objects.get(pk=p.pk).status for p in (p1, p2)]}
    print(json.dumps(keluaran))

if __name__ == "__main__":
    main()
