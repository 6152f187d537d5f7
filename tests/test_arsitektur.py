"""App dependencies point one way (docs/architecture.md): every import of every app module,
function-local ones included, is checked against the allowed direction."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parent.parent

BOLEH = {
    "inti": set(),
    "organisasi": {"inti"},
    "penugasan": {"inti", "organisasi"},
    "surat": {"inti", "organisasi", "penugasan"},
    "notifikasi": {"inti", "organisasi", "penugasan"},
    "kinerja": {"inti", "organisasi", "penugasan", "surat"},
    "pemeriksaan": {"inti", "organisasi", "penugasan", "surat", "notifikasi", "kinerja"},
}
KITA = set(BOLEH) | {"sistemkerja", "tests"}


def _modul_app(app: str):
    """Application modules: tests (which set up data across apps) and migrations are not the app's code."""
    for path in sorted((AKAR / app).rglob("*.py")):
        bagian = path.relative_to(AKAR).parts
        if "tests" in bagian or "migrations" in bagian:
            continue
        yield path


def impor_dari(path: Path) -> list[tuple[int, str]]:
    """(line, top-level package) of every absolute import in the module, at any depth."""
    hasil = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            hasil += [(node.lineno, a.name.split(".")[0]) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            hasil.append((node.lineno, node.module.split(".")[0]))
    return hasil


def pelanggaran(app: str) -> list[str]:
    salah = []
    for path in _modul_app(app):
        for baris, paket in impor_dari(path):
            if paket in KITA and paket != app and paket not in BOLEH[app]:
                salah.append(f"{path.relative_to(AKAR)}:{baris} mengimpor {paket}")
    return salah


@pytest.mark.parametrize("app", sorted(BOLEH))
def test_arah_ketergantungan_aplikasi(app):
    assert pelanggaran(app) == [], f"{app} boleh mengimpor hanya {sorted(BOLEH[app]) or 'tidak satu pun aplikasi'}"


def test_pemeriksa_menangkap_impor_lokal_fungsi(tmp_path):
    modul = tmp_path / "contoh.py"
    modul.write_text("import os\n\ndef f():\n    from surat.models import Surat\n    return Surat\n")
    assert (4, "surat") in impor_dari(modul)


def test_tidak_ada_importlib_di_aplikasi():
    for app in BOLEH:
        for path in _modul_app(app):
            assert "importlib" not in {p for _, p in impor_dari(path)}, path


# A function-local import of our own code hides a cycle between modules: a module imports what it
# uses at the top, and where two modules need each other (services enqueue a task, the task calls
# the service) one imports the other *module* (``from . import tasks``) and looks the name up at
# call time. Only ``AppConfig.ready()`` imports inside a function (registration at start-up).
def impor_lokal_kita(path: Path) -> list[int]:
    """Lines of imports of our own apps (absolute or relative) inside a function body."""
    hasil = []
    for fungsi in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not isinstance(fungsi, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if path.name == "apps.py" and fungsi.name == "ready":
            continue
        for node in ast.walk(fungsi):
            if isinstance(node, ast.ImportFrom) and (node.level > 0 or (node.module or "").split(".")[0] in KITA):
                hasil.append(node.lineno)
            elif isinstance(node, ast.Import) and any(a.name.split(".")[0] in KITA for a in node.names):
                hasil.append(node.lineno)
    return hasil


@pytest.mark.parametrize("app", sorted(BOLEH))
def test_tanpa_impor_lokal_untuk_menghindari_siklus(app):
    lokal = [f"{path.relative_to(AKAR)}:{baris}" for path in _modul_app(app) for baris in impor_lokal_kita(path)]
    assert lokal == [], "impor di dalam fungsi: pindahkan ke atas modul (atau impor modulnya)"


def test_pemeriksa_menangkap_impor_relatif_di_fungsi(tmp_path):
    modul = tmp_path / "services.py"
    modul.write_text("from . import models\n\ndef f():\n    from .tasks import t\n    return t\n")
    assert impor_lokal_kita(modul) == [4]
