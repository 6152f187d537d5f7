"""Project-wide pytest fixtures."""
import pytest

# Integration-test fixtures for every app (see tests/conftest.py).
from tests.conftest import requires_postgres, requires_redis  # noqa: F401


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Each test writes uploaded and generated files into its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PEMERIKSAAN_EKSPOR_ROOT = tmp_path / "ekspor"
