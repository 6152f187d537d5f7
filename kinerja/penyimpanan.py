"""Where report evidence is stored: a private folder outside the web root
(``settings.KINERJA_BUKTI_ROOT``), never given a URL; files are served only through the
permission-checked view ``kinerja.views.pelaksanaan.bukti_unduh`` / API."""
from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible(path="kinerja.penyimpanan.PenyimpananBukti")
class PenyimpananBukti(FileSystemStorage):
    """The folder is read from the settings on every use (tests point it at a temporary
    folder); ``url()`` refuses: there is no public address."""

    @property
    def base_location(self):
        return str(settings.KINERJA_BUKTI_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None
