"""Honest configuration (issue 8): every regional setting of an Instansi takes effect somewhere,
the settings that did nothing are gone (``jabatan_ppk_pembina``, ``urutan_sukarela_lintas_unit``),
and rule-set versions stored before keep working (the default route fixed in code:
penugasan/tests/test_services_rute.py)."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

from inti import waktu
from organisasi.models import Instansi
from organisasi.models_aturan import FIELD_ATURAN, AturanInstansi
from organisasi.presets import KUTIPAN, PRESETS
from organisasi.selectors_aturan import aturan_uraian
from organisasi.tests.factories import InstansiFactory

AKAR = Path(__file__).resolve().parents[2]
APPS = ("inti", "organisasi", "penugasan", "surat", "notifikasi", "kinerja", "pemeriksaan")
# where a setting is only declared, filled, edited or listed (not where it takes effect)
DEKLARASI = re.compile(r"(/migrations/|/tests/|organisasi/(models|models_aturan|presets|admin|services_aturan)\.py$)")


def _sumber_pembaca() -> str:
    teks = []
    for app in APPS:
        for berkas in (AKAR / app).rglob("*"):
            if berkas.suffix in (".py", ".html") and not DEKLARASI.search(berkas.as_posix()):
                teks.append(berkas.read_text(encoding="utf-8"))
    return "\n".join(teks)


def test_setiap_setelan_daerah_dibaca_oleh_kode():
    """A setting that no service, selector, letter or page reads does nothing: remove it."""
    sumber = _sumber_pembaca()
    tak_terbaca = [f for f in FIELD_ATURAN if not re.search(rf"\b{f}\b", sumber)]
    assert tak_terbaca == []


@pytest.mark.parametrize("nama", ["jabatan_ppk_pembina", "urutan_sukarela_lintas_unit"])
def test_setelan_tanpa_efek_dihapus(nama):
    with pytest.raises(FieldDoesNotExist):
        Instansi._meta.get_field(nama)
    assert nama not in FIELD_ATURAN
    assert all(nama not in PRESETS[p] and nama not in KUTIPAN[p] for p in PRESETS)


@pytest.mark.django_db
def test_versi_aturan_lama_tetap_terbaca_setelah_migrasi():
    instansi = InstansiFactory.dengan_preset("belu")
    lama = AturanInstansi(instansi=instansi, versi=99, berlaku_mulai=waktu.hari_ini(), peraturan="Perbup lama",
                          nilai={"penanggung_jawab_tim_aktif": False, "urutan_sukarela_lintas_unit": "tujuan_dulu"},
                          kutipan={"urutan_sukarela_lintas_unit": "000 Lamp II.B.2 Sukarela b"})
    lama.save()
    # the page lists the version without the removed setting, even before the data migration ran
    assert [p["kunci"] for p in aturan_uraian(versi=lama)["pengaturan"]] == ["penanggung_jawab_tim_aktif"]
    migrasi = importlib.import_module("organisasi.migrations.0008_instansi_hapus_setelan_tanpa_efek")
    migrasi.hapus_dari_versi_aturan(apps, None)
    lama = AturanInstansi.objects.get(pk=lama.pk)
    assert lama.nilai == {"penanggung_jawab_tim_aktif": False} and lama.kutipan == {}
