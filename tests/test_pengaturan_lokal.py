"""``make run`` (settings.local) shows the product's own Bahasa Indonesia error pages, like
production, and still serves the static files without collectstatic."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent

SKRIP = """
import django
django.setup()
from django.conf import settings
from django.test import Client
c = Client(HTTP_HOST="127.0.0.1:8000")  # the address make run serves
r404 = c.get("/halaman-yang-tidak-ada/")
css = c.get("/static/css/sistemkerja.css")
api = c.get("/api/tidak-ada/")
print(settings.DEBUG, r404.status_code, 'data-testid="halaman-404"' in r404.content.decode(),
      "URLconf" in r404.content.decode(), css.status_code, api.status_code, api["Content-Type"])
"""


def test_make_run_tanpa_halaman_teknis_django_dan_static_tetap_tersaji(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_DEBUG", "DATABASE_URL")}
    env.update(DJANGO_SETTINGS_MODULE="sistemkerja.settings.local", DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
               PYTHONPATH=str(AKAR))
    hasil = subprocess.run([sys.executable, "-c", SKRIP], cwd=AKAR, env=env, capture_output=True, text=True,
                           timeout=120)
    assert hasil.returncode == 0, hasil.stderr[-2000:]
    debug, kode, halaman_kita, teknis, css, api, jenis_api = hasil.stdout.split()[-7:]
    assert (debug, kode, halaman_kita, teknis) == ("False", "404", "True", "False")
    assert css == "200"
    assert (api, jenis_api) == ("404", "application/json")
