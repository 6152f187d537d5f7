"""Where finished exports are stored: a private folder outside the web root
(``settings.PEMERIKSAAN_EKSPOR_ROOT``), served only through ``views.ekspor_unduh``."""
from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def penyimpanan_ekspor() -> FileSystemStorage:
    return FileSystemStorage(location=settings.PEMERIKSAAN_EKSPOR_ROOT, base_url=None)
