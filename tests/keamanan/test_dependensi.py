"""Issue 13, dependencies: requirements.lock pins everything requirements.txt asks for (what a
clean clone, CI and the Docker image install), and `make audit` is honest about what it could
not check."""
import re
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR / "tools"))

import audit  # noqa: E402


def _pin() -> dict[str, str]:
    pin = {}
    for baris in (BASE_DIR / "requirements.lock").read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", baris)
        if m:
            pin[canonicalize_name(m.group(1))] = m.group(2)
    return pin


def _kebutuhan() -> list[Requirement]:
    return [Requirement(b) for b in (BASE_DIR / "requirements.txt").read_text().splitlines()
            if b.strip() and not b.lstrip().startswith("#")]


def test_lock_memuat_setiap_kebutuhan_dengan_versi_yang_cocok():
    pin = _pin()
    for req in _kebutuhan():
        nama = canonicalize_name(req.name)
        assert nama in pin, f"{req.name} is in requirements.txt but not pinned in requirements.lock: make lock"
        assert req.specifier.contains(pin[nama], prereleases=True), \
            f"{req.name}=={pin[nama]} in the lock does not satisfy '{req}': make lock"


def test_lock_memuat_paket_yang_diminta_isu_13():
    pin = _pin()
    for nama in ("pytest-xdist", "pytest-cov", "django-axes", "django-csp", "drf-spectacular-sidecar",
                 "pip-tools", "pip-audit"):
        assert canonicalize_name(nama) in pin, nama


def test_makefile_memasang_dari_lock():
    makefile = (BASE_DIR / "Makefile").read_text()
    assert "$(STAMP): requirements.lock" in makefile
    assert "pip install -q --disable-pip-version-check -r requirements.lock" in makefile
    assert "piptools compile" in makefile and "tools/audit.py requirements.lock" in makefile
    proses = subprocess.run(["make", "-n", "audit", "lock"], cwd=BASE_DIR, capture_output=True, text=True)
    assert proses.returncode == 0, proses.stderr


LAPORAN_BERSIH = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}]}
LAPORAN_TAK_TERJANGKAU = {"dependencies": [
    {"name": "django", "version": "5.2.19", "vulns": []},
    {"name": "celery", "skip_reason": "Dependency not found on PyPI and could not be audited: celery (5.6.3)"}]}
LAPORAN_RENTAN = {"dependencies": [{"name": "django", "version": "5.2.0", "vulns": [
    {"id": "PYSEC-2025-1", "fix_versions": ["5.2.1"], "description": "x"}]}]}


@pytest.mark.parametrize("laporan, ci, kode", [
    (LAPORAN_BERSIH, False, 0), (LAPORAN_BERSIH, True, 0),
    (LAPORAN_TAK_TERJANGKAU, False, 0), (LAPORAN_TAK_TERJANGKAU, True, 1),
    (LAPORAN_RENTAN, False, 1), (LAPORAN_RENTAN, True, 1),
    ({"dependencies": []}, True, 1),
])
def test_audit_jujur_tentang_yang_tidak_terperiksa(laporan, ci, kode):
    hasil, baris = audit.nilai(laporan, ci=ci)
    teks = "\n".join(baris)
    assert hasil == kode, teks
    if laporan is LAPORAN_TAK_TERJANGKAU:
        assert "1 of 2 pinned packages checked" in teks and "could NOT be checked" in teks
    if laporan is LAPORAN_RENTAN:
        assert "VULNERABLE django 5.2.0: PYSEC-2025-1 (fixed in: 5.2.1)" in teks
