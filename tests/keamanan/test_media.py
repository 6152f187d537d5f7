"""Issue 13, security: files under MEDIA_ROOT (issued letters) are never served from MEDIA_URL,
not even with DEBUG; letters only through the permission-checked download view."""
import importlib

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import clear_url_caches

pytestmark = pytest.mark.django_db


@pytest.fixture
def urlconf_debug():
    """The root URLconf re-imported as it would be under DEBUG=True (runserver)."""
    import sistemkerja.urls

    with override_settings(DEBUG=True):
        clear_url_caches()
        importlib.reload(sistemkerja.urls)
        yield
    clear_url_caches()
    importlib.reload(sistemkerja.urls)


def test_berkas_surat_tidak_disajikan_dari_media_meski_debug(client, settings, urlconf_debug):
    from django.contrib.auth import get_user_model

    berkas = settings.MEDIA_ROOT / "surat" / "2026" / "rahasia.pdf"
    berkas.parent.mkdir(parents=True)
    berkas.write_bytes(b"%PDF-1.4 surat rahasia")
    client.force_login(get_user_model().objects.create_superuser("admin", password="x"))
    resp = client.get(f"{settings.MEDIA_URL}surat/2026/rahasia.pdf")
    assert resp.status_code == 404
    assert b"surat rahasia" not in b"".join(getattr(resp, "streaming_content", [resp.content]))
