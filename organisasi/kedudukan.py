"""Placement by jenjang (DOMAIN §1): one generic rule evaluator driven by each region's data.

A region's placement rules are data (``Instansi.aturan_kedudukan``, filled from a preset, see
``presets.ATURAN_KEDUDUKAN``)::

    {"peraturan": "Peraturan Bupati Kotabaru Nomor 68 Tahun 2024",
     "kepala_unit_mandiri": "Pasal 18 ayat (5)",
     "aturan": [{"subjek": ["ahli_muda"], "ppk": ["administrator"], "satu_tingkat_di_atas": true,
                 "syarat": "", "perangkat_daerah": [], "pasal": "Pasal 18 ayat (3) huruf b",
                 "kutipan": "003 Ps.18(3)b", "bawaan": false}, ...]}

* ``subjek``: JF jenjang values, and ``pelaksana``.
* ``ppk``: ``PosisiPPK`` values the Pejabat Penilai Kinerja may hold.
* ``satu_tingkat_di_atas``: "atau Jabatan satu tingkat di atasnya" (Pengawas → Administrator,
  Administrator → JPT Pratama).
* ``syarat`` = ``tanpa_pengawas``: only "dalam hal tidak ada Jabatan Pengawas" in the PPK's unit.
* ``perangkat_daerah``: the rule applies only in PDs whose abbreviation is listed or whose name
  contains a listed word (Inhil's DPMPTSP exception); it adds to the general rules there.
* ``bawaan``: the seed is silent and the product chose this default (shown in the docs).

A placement is allowed when any rule for its subject matches; a subject with no rule is free
(the seed is silent); an empty ``aturan`` list means placement is free (Belu, Pasuruan).
A JF heading a self-standing unit (Kepala Puskesmas, Kepala Sekolah) appraises its staff in
every region (``kepala_unit_mandiri`` names the article).
Pure module: no queries; callers pass what they know about the PPK's seat.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import JENJANG_KATEGORI, JenisJabatan, Jenjang, KategoriJF


class PosisiPPK(models.TextChoices):
    JPT_PRATAMA = "jpt_pratama", gettext_lazy("Jabatan Pimpinan Tinggi Pratama")
    KEPALA_PD = "kepala_pd", gettext_lazy("Kepala Perangkat Daerah")
    ADMINISTRATOR = "administrator", gettext_lazy("Jabatan Administrator")
    PENGAWAS = "pengawas", gettext_lazy("Jabatan Pengawas")


class SyaratKedudukan(models.TextChoices):
    TANPA_PENGAWAS = "tanpa_pengawas", gettext_lazy("dalam hal tidak ada Jabatan Pengawas pada unitnya")


PELAKSANA = "pelaksana"
SUBJEK = [*Jenjang.values, PELAKSANA]
KETERAMPILAN = [j for j in Jenjang.values if JENJANG_KATEGORI[j] == KategoriJF.KETERAMPILAN]

_SATU_TINGKAT_DI_ATAS = {PosisiPPK.PENGAWAS: PosisiPPK.ADMINISTRATOR,
                         PosisiPPK.ADMINISTRATOR: PosisiPPK.JPT_PRATAMA}


@dataclass(frozen=True)
class TempatPPK:
    """What the rule needs to know about the PPK's seat (from the DB or from an import file)."""

    nama: str
    jenis: str
    kepala_unit: bool
    kepala_pd: bool  # heads the root unit of its Perangkat Daerah
    punya_pengawas: bool  # its unit (or a unit below) has a Pengawas
    singkatan_pd: str = ""
    nama_pd: str = ""


def subjek_dari(*, jenis: str, jenjang: str) -> str | None:
    """The rule subject of a JF/Pelaksana position, None for other positions."""
    if jenis == JenisJabatan.PELAKSANA:
        return PELAKSANA
    if jenis == JenisJabatan.FUNGSIONAL and jenjang:
        return jenjang
    return None


def label_subjek(subjek: str) -> str:
    return _("Pelaksana") if subjek == PELAKSANA else _("JF jenjang %(j)s") % {"j": Jenjang(subjek).label}


def _posisi_cocok(posisi: str, ppk: TempatPPK) -> bool:
    if posisi == PosisiPPK.KEPALA_PD:
        return ppk.kepala_pd
    return ppk.jenis == posisi


def _berlaku_di_pd(aturan: dict, ppk: TempatPPK) -> bool:
    daftar = aturan.get("perangkat_daerah") or []
    if not daftar:
        return True
    singkatan, nama = ppk.singkatan_pd.casefold(), ppk.nama_pd.casefold()
    return any(d.casefold() == singkatan or (d.casefold() in nama) for d in daftar)


def _aturan_cocok(aturan: dict, ppk: TempatPPK) -> bool:
    posisi = list(aturan.get("ppk", []))
    if aturan.get("satu_tingkat_di_atas"):
        posisi += [_SATU_TINGKAT_DI_ATAS[p] for p in posisi if p in _SATU_TINGKAT_DI_ATAS]
    if not any(_posisi_cocok(p, ppk) for p in posisi):
        return False
    if aturan.get("syarat") == SyaratKedudukan.TANPA_PENGAWAS and ppk.punya_pengawas:
        return False
    return True


def uraian_aturan(aturan: dict) -> str:
    """One rule as a sentence fragment, e.g. 'di bawah Jabatan Administrator atau Jabatan satu
    tingkat di atasnya (Pasal 18 ayat (3) huruf b)'."""
    teks = _(" atau ").join(str(PosisiPPK(p).label) for p in aturan.get("ppk", []))
    if aturan.get("satu_tingkat_di_atas"):
        teks += _(" atau Jabatan satu tingkat di atasnya")
    if aturan.get("syarat"):
        teks += ", " + str(SyaratKedudukan(aturan["syarat"]).label)
    if aturan.get("perangkat_daerah"):
        teks += _(" (khusus Perangkat Daerah %(pd)s)") % {"pd": "/".join(aturan["perangkat_daerah"])}
    return _("di bawah %(p)s (%(pasal)s)") % {"p": teks, "pasal": aturan.get("pasal", "")}


def periksa(*, aturan_kedudukan: dict, subjek: str | None, ppk: TempatPPK) -> str | None:
    """The broken rule as a sentence naming regulation and article, or None when allowed."""
    if subjek is None or not aturan_kedudukan or not aturan_kedudukan.get("aturan"):
        return None
    if ppk.jenis == JenisJabatan.FUNGSIONAL and ppk.kepala_unit:
        return None  # a JF heading a self-standing unit appraises its staff
    berlaku = [a for a in aturan_kedudukan["aturan"] if subjek in a.get("subjek", []) and _berlaku_di_pd(a, ppk)]
    if not berlaku or any(_aturan_cocok(a, ppk) for a in berlaku):
        return None
    umum = [a for a in berlaku if not a.get("perangkat_daerah")] or berlaku
    return _("%(s)s berkedudukan %(aturan)s menurut %(peraturan)s, bukan di bawah %(jenis)s (%(nama)s).") % {
        "s": label_subjek(subjek),
        "aturan": _(" atau ").join(uraian_aturan(a) for a in umum),
        "peraturan": aturan_kedudukan.get("peraturan", ""),
        "jenis": JenisJabatan(ppk.jenis).label if ppk.jenis in JenisJabatan.values else ppk.jenis,
        "nama": ppk.nama,
    }


def validasi_data(aturan_kedudukan: dict) -> list[str]:
    """Problems in a placement rule set (used when a setting is saved)."""
    salah: list[str] = []
    for i, a in enumerate(aturan_kedudukan.get("aturan", []) if aturan_kedudukan else [], start=1):
        if not a.get("subjek") or any(s not in SUBJEK for s in a["subjek"]):
            salah.append(_("Aturan kedudukan %(i)d: subjek tidak dikenal.") % {"i": i})
        if not a.get("ppk") or any(p not in PosisiPPK.values for p in a["ppk"]):
            salah.append(_("Aturan kedudukan %(i)d: jabatan PPK tidak dikenal.") % {"i": i})
        if a.get("syarat") and a["syarat"] not in SyaratKedudukan.values:
            salah.append(_("Aturan kedudukan %(i)d: syarat tidak dikenal.") % {"i": i})
        if not a.get("pasal"):
            salah.append(_("Aturan kedudukan %(i)d: pasal dasar hukum wajib diisi.") % {"i": i})
    if aturan_kedudukan and aturan_kedudukan.get("aturan") and not aturan_kedudukan.get("peraturan"):
        salah.append(_("Aturan kedudukan: nama peraturan wajib diisi."))
    return salah
