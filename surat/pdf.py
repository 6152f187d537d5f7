"""Rendering of letters to PDF with WeasyPrint.

Safety: templates are Django templates (user text autoescaped) and WeasyPrint gets a URL
fetcher that serves only our own static files (``/static/...`` through the staticfiles
finders / STATIC_ROOT) and ``data:`` URIs. Everything else — ``file://``, ``http(s)://``,
internal addresses — raises, so nothing outside the project can be read or reached.
"""
from __future__ import annotations

import base64
import datetime
import io
import logging
import mimetypes
import posixpath
from urllib.parse import unquote, urlsplit

import qrcode
import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Base URL handed to WeasyPrint: relative and root-relative URLs in our templates resolve
# under it; it is never contacted (the fetcher maps it to files on disk).
BASE_URL = "https://sistemkerja.invalid/"
_STATIC_PREFIX = BASE_URL.rstrip("/") + "/static/"

# WeasyPrint logs every layout step at INFO; keep only its warnings (refused fetches, CSS errors).
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
         "Oktober", "November", "Desember"]
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def tanggal_indonesia(tanggal: datetime.date | str | None, *, dengan_hari: bool = False) -> str:
    """``date(2026, 11, 23)`` → ``"23 November 2026"`` (ISO strings from a konteks snapshot accepted)."""
    if not tanggal:
        return ""
    if isinstance(tanggal, str):
        tanggal = datetime.date.fromisoformat(tanggal[:10])
    if isinstance(tanggal, datetime.datetime):
        tanggal = tanggal.date()
    teks = f"{tanggal.day} {BULAN[tanggal.month - 1]} {tanggal.year}"
    return f"{HARI[tanggal.weekday()]}, {teks}" if dengan_hari else teks


class FetcherDitolak(ValueError):
    """A resource outside the allowed set was requested."""


_cache_statis: dict[str, tuple[bytes, str]] = {}


def _berkas_statis(relpath: str) -> tuple[bytes, str]:
    relpath = posixpath.normpath(unquote(relpath)).lstrip("/")
    if relpath.startswith("..") or "\\" in relpath or "\x00" in relpath:
        raise FetcherDitolak(f"Jalur berkas statis tidak sah: {relpath!r}")
    if relpath in _cache_statis:
        return _cache_statis[relpath]
    path = finders.find(relpath)
    if path is None and settings.STATIC_ROOT:
        kandidat = (settings.STATIC_ROOT / relpath) if hasattr(settings.STATIC_ROOT, "joinpath") else None
        if kandidat is not None and kandidat.resolve().is_relative_to(settings.STATIC_ROOT.resolve()) \
                and kandidat.is_file():
            path = str(kandidat)
    if not path:
        raise FetcherDitolak(f"Berkas statis tidak ditemukan: {relpath!r}")
    with open(path, "rb") as f:
        data = f.read()
    mime = mimetypes.guess_type(relpath)[0] or "application/octet-stream"
    _cache_statis[relpath] = (data, mime)
    return data, mime


class FetcherAman(URLFetcher):
    """Serves ``data:`` URIs and our static files only; refuses everything else. Redirects off."""

    def __init__(self, **kwargs):
        kwargs.update(allowed_protocols={"data"}, allow_redirects=False, timeout=2)
        super().__init__(**kwargs)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)  # urllib's DataHandler, no I/O
        if url.startswith(_STATIC_PREFIX):
            bagian = urlsplit(url)
            data, mime = _berkas_statis(bagian.path[len("/static/"):])
            return URLFetcherResponse(url, data, {"Content-Type": mime})
        raise FetcherDitolak(f"Sumber daya eksternal ditolak: {url[:200]}")


def qr_data_uri(teks: str) -> str:
    """PNG QR code as a ``data:`` URI (no file, no network)."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=4, border=2)
    qr.add_data(teks)
    qr.make(fit=True)
    buf = io.BytesIO()
    qr.make_image().save(buf, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def url_verifikasi(uuid) -> str:
    return f"{settings.SITE_URL.rstrip('/')}/verifikasi/{uuid}/"


def html_ke_pdf(html: str, *, url_fetcher: URLFetcher | None = None) -> bytes:
    """HTML string (already rendered from a template) → PDF bytes, through the safe fetcher."""
    return weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher or FetcherAman()).write_pdf()


TEMPLATE_JENIS = {
    "surat_tugas": "surat/pdf/surat_tugas.html",
    "surat_perintah": "surat/pdf/surat_perintah.html",
    "keputusan_tim": "surat/pdf/keputusan_tim.html",
    "permohonan_pelibatan": "surat/pdf/permohonan_pelibatan.html",
    "jawaban": "surat/pdf/jawaban.html",
}


def _logo_data_uri(nama_berkas: str) -> str:
    """The PD logo (an uploaded image in storage) inlined as a data: URI; '' if unreadable."""
    if not nama_berkas:
        return ""
    from django.core.files.storage import default_storage

    try:
        with default_storage.open(nama_berkas, "rb") as f:
            data = f.read(2 * 1024 * 1024 + 1)
    except OSError:
        return ""
    mime = mimetypes.guess_type(nama_berkas)[0] or ""
    if len(data) > 2 * 1024 * 1024 or mime not in ("image/png", "image/jpeg", "image/gif", "image/webp"):
        return ""
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def _html_surat(*, jenis: str, isi: dict, nomor: str, tanggal, perihal: str, tembusan: list[str],
                penandatangan: dict, **tambahan) -> str:
    """One letter template filled from a snapshot; shared by the issued letter and the draft."""
    konteks = dict(isi or {})
    konteks.update(
        logo=_logo_data_uri((konteks.get("kop") or {}).get("logo_berkas", "")),
        nomor=nomor,
        tanggal_surat=tanggal_indonesia(tanggal),
        perihal=perihal,
        tembusan=tembusan or [],
        penandatangan={k: penandatangan.get(k, "") for k in ("nama", "nip", "pangkat", "jabatan")},
        **tambahan,
    )
    return render_to_string(TEMPLATE_JENIS[jenis], konteks)


def surat_html(surat) -> str:
    """The letter's HTML from its frozen snapshot (konteks + signatory + number + QR)."""
    return _html_surat(
        jenis=surat.jenis, isi=surat.konteks, nomor=surat.nomor, tanggal=surat.tanggal, perihal=surat.perihal,
        tembusan=surat.tembusan,
        penandatangan={
            "nama": surat.penandatangan_nama, "nip": surat.penandatangan_nip,
            "pangkat": surat.penandatangan_pangkat, "jabatan": surat.penandatangan_jabatan,
        },
        surat=surat, qr=qr_data_uri(url_verifikasi(surat.uuid)), url_verifikasi=url_verifikasi(surat.uuid),
    )


NOMOR_DRAF = "(diberikan saat terbit)"


def surat_html_draf(*, jenis: str, isi: dict, tanggal, perihal: str, tembusan: list[str], penandatangan: dict) -> str:
    """HTML preview of a letter not issued yet: same template, no number, no QR, a DRAF watermark."""
    return _html_surat(jenis=jenis, isi=isi, nomor=NOMOR_DRAF, tanggal=tanggal, perihal=perihal,
                       tembusan=tembusan, penandatangan=penandatangan, draf=True, qr="", url_verifikasi="")


def surat_render_pdf(surat, *, url_fetcher: URLFetcher | None = None) -> bytes:
    return html_ke_pdf(surat_html(surat), url_fetcher=url_fetcher)
