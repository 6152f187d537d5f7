"""docs/penugasan.md is the output of ``manage.py graf_rute`` over the real preset data."""
from __future__ import annotations

import io
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from organisasi.models import Preset
from organisasi.presets import PRESETS

DOK = Path(settings.BASE_DIR) / "docs" / "penugasan.md"


def _keluaran() -> str:
    out = io.StringIO()
    call_command("graf_rute", stdout=out)
    return out.getvalue()


def test_dokumen_sama_dengan_keluaran_perintah():
    assert DOK.read_text(encoding="utf-8") == _keluaran(), (
        "docs/penugasan.md usang: jalankan `python manage.py graf_rute > docs/penugasan.md`")


def test_setiap_langkah_preset_tergambar():
    teks = _keluaran()
    for preset, data in PRESETS.items():
        bagian = teks.split(f"## {Preset(preset).label}\n", 1)[1].split("\n## ", 1)[0]
        for kunci, rute in data["langkah_rute"].items():
            if kunci == "penunjukan_lintas_instansi" and not data["lintas_instansi_aktif"]:
                assert "### Penunjukan lintas Instansi Pemerintah" not in bagian
                continue
            if kunci == "penunjukan_lintas_perangkat_daerah" and not data["lintas_perangkat_daerah_aktif"]:
                continue
            for i, s in enumerate(rute["langkah"]):
                assert f'"{i + 1}. {s["judul"]}' in bagian, (preset, kunci, s["kode"])
        # a return arrow only where a step allows it (sukarela dalam unit does not)
        sukarela = bagian.split("### Pengajuan sukarela dalam Unit Organisasi\n", 1)[1].split("\n### ", 1)[0]
        assert "--> l0 :" in sukarela and "dikembalikan" not in sukarela
    assert teks.count("```mermaid") == sum(
        5 + data["lintas_perangkat_daerah_aktif"] - (not data["lintas_instansi_aktif"]) for data in PRESETS.values())


def test_setiap_rute_menyebut_pasalnya_dan_tanggal_berlaku():
    from organisasi.presets import KUTIPAN, PERATURAN

    teks = _keluaran()
    for preset, data in PRESETS.items():
        bagian = teks.split(f"## {Preset(preset).label}\n", 1)[1].split("\n## ", 1)[0]
        assert PERATURAN[preset]["berlaku_mulai"].strftime("%d-%m-%Y") in bagian
        for kunci in data["langkah_rute"]:
            if f"rute.{kunci}" in KUTIPAN[preset] and f"### " in bagian:
                judul_ada = kunci != "penunjukan_lintas_instansi" or data["lintas_instansi_aktif"]
                if judul_ada and (kunci != "penunjukan_lintas_perangkat_daerah" or data["lintas_perangkat_daerah_aktif"]):
                    assert f"Dasar: `{KUTIPAN[preset]['rute.' + kunci]}`" in bagian, (preset, kunci)
        assert "### Kedudukan JF dan Pelaksana menurut jenjang" in bagian
    assert "Pasal 18 ayat (3) huruf b" in teks and "003 Ps.18(4)b" in teks and "002 Lamp B.1.a.6" in teks
