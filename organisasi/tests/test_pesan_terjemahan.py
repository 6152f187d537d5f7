"""The organisation services speak through Django's translation machinery: no f-string and no bare
string literal as a user-facing message (they could not be translated or collected by makemessages)."""
from __future__ import annotations

import ast
import inspect

import pytest
from django.core.exceptions import ValidationError

from organisasi import rute, services, services_aturan
from organisasi.tests.factories import InstansiFactory


def _pesan_tanpa_gettext(pohon: ast.AST) -> list[int]:
    """Lines of ValidationError messages and returned reasons that are f-strings or bare literals."""
    salah = []
    for node in ast.walk(pohon):
        if isinstance(node, ast.JoinedStr):
            salah.append(node.lineno)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "ValidationError":
            for arg in node.args:
                nilai = arg.values if isinstance(arg, ast.Dict) else [arg]
                salah.extend(v.lineno for v in nilai if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return salah


@pytest.mark.parametrize("modul", [services, services_aturan, rute], ids=lambda m: m.__name__)
def test_pesan_layanan_organisasi_lewat_gettext(modul):
    assert _pesan_tanpa_gettext(ast.parse(inspect.getsource(modul))) == []


@pytest.mark.django_db
def test_pesan_tetap_bahasa_indonesia_dan_terisi():
    with pytest.raises(ValidationError) as exc:
        services.instansi_terapkan_preset(instansi=InstansiFactory(), preset="tidak-ada")
    assert exc.value.message_dict["preset"] == ["Preset 'tidak-ada' tidak dikenal."]
