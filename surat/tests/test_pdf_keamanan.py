"""WeasyPrint safety: user text is escaped (never markup), and the URL fetcher serves only our
static files and data: URIs. The fetcher is spied on by wrapping the real one; WeasyPrint itself
runs for real."""
import pytest

from surat.pdf import FetcherAman, FetcherDitolak, html_ke_pdf, surat_render_pdf
from surat.tests.helpers import org, pdf_teks_rapat, terbitkan_surat_tugas

pytestmark = pytest.mark.django_db

JAHAT_FILE = '<img src="file:///etc/passwd">'
JAHAT_HTTP = '<img src="http://127.0.0.1:9/x.png">'


class FetcherMata(FetcherAman):
    """The real safe fetcher, recording every URL asked and whether it was refused."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.diminta: list[str] = []
        self.ditolak: list[str] = []

    def fetch(self, url, headers=None):
        self.diminta.append(url)
        try:
            return super().fetch(url, headers)
        except Exception:
            self.ditolak.append(url)
            raise


def test_teks_pengguna_berisi_markup_tampil_sebagai_teks_dan_tidak_pernah_diambil():
    ns = org()
    surat = terbitkan_surat_tugas(ns, uraian_tugas=[f"Periksa {JAHAT_FILE} lalu", f"unduh {JAHAT_HTTP} juga"])
    mata = FetcherMata()
    teks = pdf_teks_rapat(surat_render_pdf(surat, url_fetcher=mata))
    assert JAHAT_FILE in teks
    assert JAHAT_HTTP in teks
    assert not any(u.startswith(("file:", "http://127.0.0.1")) for u in mata.diminta), mata.diminta
    # what it did fetch: our fonts (static) and the QR (data:)
    assert any(u.endswith("/static/fonts/DejaVuSans.ttf") for u in mata.diminta)
    assert any(u.startswith("data:image/png") for u in mata.diminta)
    assert mata.ditolak == []


def test_markup_mentah_pun_tidak_bisa_mengambil_berkas_atau_jaringan():
    """Even if markup slipped through unescaped, the fetcher refuses file:, http(s): and internal hosts."""
    mata = FetcherMata()
    html = (f"<p>awal</p>{JAHAT_FILE}{JAHAT_HTTP}<img src='https://169.254.169.254/latest/meta-data'>"
            "<link rel=stylesheet href='file:///etc/hosts'><img src='/static/../../../../etc/passwd'>"
            "<img src='/static/fonts/../../../../../../etc/passwd'><p>akhir</p>")
    pdf = html_ke_pdf(html, url_fetcher=mata)
    assert "awal" in pdf_teks_rapat(pdf) and "akhir" in pdf_teks_rapat(pdf)
    assert set(mata.diminta) == set(mata.ditolak)
    assert "file:///etc/passwd" in mata.ditolak
    assert "http://127.0.0.1:9/x.png" in mata.ditolak
    assert "https://169.254.169.254/latest/meta-data" in mata.ditolak
    assert "file:///etc/hosts" in mata.ditolak


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "http://127.0.0.1:9/x.png", "https://example.com/a.png", "ftp://10.0.0.1/x",
    "http://localhost/static/fonts/DejaVuSans.ttf", "https://sistemkerja.invalid/media/logo.png",
    "https://sistemkerja.invalid/static/../settings.py", "https://sistemkerja.invalid/static/%2e%2e/%2e%2e/etc/passwd",
    "https://sistemkerja.invalid/static/tidak-ada.png",
])
def test_fetcher_menolak(url):
    with pytest.raises(FetcherDitolak):
        FetcherAman().fetch(url)


def test_fetcher_melayani_static_dan_data():
    f = FetcherAman()
    font = f.fetch("https://sistemkerja.invalid/static/fonts/DejaVuSans.ttf")
    assert font.read(4) == b"\x00\x01\x00\x00"
    data = f.fetch("data:text/plain;base64,aGFsbw==")
    assert data.read() == b"halo"
