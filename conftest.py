"""Project-wide pytest fixtures."""
import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Each test writes uploaded and generated files into its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
