"""OpenAPI (drf-spectacular) postprocessing: every operation documents the error answers the API
gives everywhere (``inti.api.exception_handler``): 400 invalid input, 401 missing or bad
credentials, 403 not allowed, 404 unknown id or path, 409 a state conflict. Found by Schemathesis (tests/fuzz): the
operations answered these without documenting them."""
from __future__ import annotations

GALAT = {
    "type": "object",
    "description": "Galat: ``detail`` (teks) dan, untuk masukan tidak sah, galat per kolom.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}
KODE_GALAT = {
    "400": "Masukan tidak sah (galat per kolom).",
    "401": "Belum masuk atau kredensial salah.",
    "403": "Tidak berwenang.",
    "404": "Tidak ditemukan.",
    "409": "Bertentangan dengan keadaan data saat ini (mis. langkah sudah diputuskan).",
}
METODE = {"get", "post", "put", "patch", "delete"}


def galat_umum(result, generator, request, public):
    """POSTPROCESSING_HOOKS entry: add the common error responses where an operation lacks them."""
    result.setdefault("components", {}).setdefault("schemas", {}).setdefault("Galat", GALAT)
    isi = {"application/json": {"schema": {"$ref": "#/components/schemas/Galat"}}}
    for operasi in result.get("paths", {}).values():
        for metode, op in operasi.items():
            if metode not in METODE:
                continue
            jawaban = op.setdefault("responses", {})
            for kode, uraian in KODE_GALAT.items():
                jawaban.setdefault(kode, {"description": uraian, "content": isi})
    return result
