"""Project-wide pytest fixtures."""
import shutil
from pathlib import Path

import pytest

# Integration-test fixtures for every app (see tests/conftest.py).
from tests.conftest import requires_postgres, requires_redis  # noqa: F401


@pytest.fixture(autouse=True)
def _antrean_tanpa_jeda_warisan():
    """Each test starts without a pause left by an earlier test's broker failure (inti.antrean
    keeps it per process for ANTREAN_JEDA_GAGAL seconds): no test depends on the order it runs in."""
    from inti import antrean

    antrean.lupakan_kegagalan()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Each test writes uploaded and generated files into its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PEMERIKSAAN_EKSPOR_ROOT = tmp_path / "ekspor"
    settings.KINERJA_BUKTI_ROOT = tmp_path / "bukti"


DUMP_KECUALI = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "authtoken"]


@pytest.fixture(scope="session")
def demo_dump(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    """Build the demo (every app's loader, exactly as ``manage.py muat_demo``) once per session,
    dump it to JSON and roll it back: each test then loads the dump (seconds) instead of rebuilding
    it (most of a minute). The letters' PDFs stay in ``<dump folder>/media``."""
    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings

    from inti.demo import muat_semua

    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.json"
    with django_db_blocker.unblock():
        with override_settings(MEDIA_ROOT=folder / "media"), transaction.atomic():
            muat_semua()
            with open(path, "w") as f:
                call_command("dumpdata", natural_foreign=True, exclude=DUMP_KECUALI, stdout=f)
            transaction.set_rollback(True)
    return path


@pytest.fixture
def demo_termuat(db, demo_dump, settings) -> None:
    """The demo as a first ``muat_demo`` leaves it (rows and PDF files), in this test's database."""
    from django.core.management import call_command

    media = demo_dump.parent / "media"
    if media.exists():
        shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
    call_command("loaddata", str(demo_dump), verbosity=0)
