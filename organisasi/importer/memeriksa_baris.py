"""Checking, phase 1: each row on its own (values, codes, NIP, dates) and rows merged into entities."""
from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import (
    Instansi,
    JenisASN,
    JenisJabatan,
    JenisPemangku,
    JenisPerangkatDaerah,
    JenisUnit,
    Jenjang,
)
from ..nip import parse_nip
from .format import KOLOM, KOLOM_WAJIB, Baris, Kesalahan
from .membaca import _ANGKA_TERPOTONG

# --------------------------------------------------------------------------- value parsing


def _kunci(s: str) -> str:
    return re.sub(r"[\s\-./]+", "_", s.strip().lower())


def _peta_pilihan(choices, alias: dict[str, str] | None = None) -> dict[str, str]:
    peta = {}
    for value, label in choices.choices:
        peta[_kunci(value)] = value
        peta[_kunci(str(label))] = value
    for k, v in (alias or {}).items():
        peta[_kunci(k)] = v
    return peta


PILIHAN = {
    "jenis_pd": _peta_pilihan(JenisPerangkatDaerah, {"setda": "sekretariat_daerah", "setwan": "sekretariat_dprd",
                                                      "sekretariat_dewan": "sekretariat_dprd"}),
    "jenis_unit": _peta_pilihan(JenisUnit),
    "jenis_jabatan": _peta_pilihan(JenisJabatan, {"jpt": "jpt_pratama", "jf": "fungsional",
                                                   "fungsional": "fungsional"}),
    "jenjang": _peta_pilihan(Jenjang),
    "jenis_asn": _peta_pilihan(JenisASN),
    "jenis_pemangku": _peta_pilihan(JenisPemangku, {"plt.": "plt", "plh.": "plh", "pelaksana_tugas": "plt",
                                                    "pelaksana_harian": "plh"}),
}
NILAI_DIIZINKAN = {
    "jenis_pd": [c for c, _l in JenisPerangkatDaerah.choices],
    "jenis_unit": [c for c, _l in JenisUnit.choices],
    "jenis_jabatan": [c for c, _l in JenisJabatan.choices],
    "jenjang": [c for c, _l in Jenjang.choices],
    "jenis_asn": [c for c, _l in JenisASN.choices],
    "jenis_pemangku": [c for c, _l in JenisPemangku.choices],
}
YA = {"ya", "y", "1", "true", "benar", "x"}
TIDAK = {"tidak", "t", "0", "false", "salah", "n", "no", ""}
_EMAIL_SEDERHANA = re.compile(r"[A-Za-z0-9_%+\-]+(\.[A-Za-z0-9_%+\-]+)*@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
                              r"(\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}")
_POLA_KODE = re.compile(r"^[\w.\-/]{1,40}$")


def _tanggal(s: str) -> datetime.date:
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise ValueError(s)


# --------------------------------------------------------------------------- the validator

_LABEL_PD, _LABEL_UNIT = gettext_lazy("Perangkat Daerah"), gettext_lazy("Unit")
_LABEL_JABATAN, _LABEL_PEGAWAI = gettext_lazy("Jabatan"), gettext_lazy("Pegawai NIP")
_KOLOM_PD = {"nama": "nama_pd", "jenis": "jenis_pd", "induk": "kode_pd_induk"}
_KOLOM_UNIT = {"pd": "kode_pd", "nama": "nama_unit", "jenis": "jenis_unit", "induk": "kode_unit_induk"}
_KOLOM_JABATAN = {"unit": "kode_unit", "nama": "nama_jabatan", "jenis": "jenis_jabatan", "kepala_unit": "kepala_unit",
                  "nama_jf": "nama_jf", "jenjang": "jenjang"}




class _R(dict):
    """An existing row loaded as plain values (cheaper than a model instance for 20,000 rows)."""

    __getattr__ = dict.__getitem__

    def __setattr__(self, k, v):
        self[k] = v

    @property
    def pk(self):
        return self["id"]


@dataclass
class _Ent:
    """One entity gathered from the file (PD, unit, jabatan or pegawai)."""

    kode: str
    baris: int  # first row mentioning it
    nilai: dict = field(default_factory=dict)
    sumber: dict = field(default_factory=dict)  # field -> row that set it
    terakhir: dict | None = None  # cells of the last mention


class _PemeriksaBaris:
    """Collects every error with row/column/reason (``salah``); the later phases extend it."""

    def __init__(self, *, instansi: Instansi, actor, baris: list[Baris], header: list[str] | None,
                 tanggal: datetime.date, progres: Callable[[int], None] | None):
        self.instansi = instansi
        self.actor = actor
        self.baris = baris
        self.header = header
        self.tanggal = tanggal
        self.progres = progres or (lambda n: None)
        self.kesalahan: list[Kesalahan] = []
        self._dilaporkan: set[tuple[int, str]] = set()
        self._kode_sah: set[str] = set()
        self._header_lengkap = header is not None and set(KOLOM) <= set(header)
        self._tanggal: dict[str, datetime.date] = {}
        self.pd: dict[str, _Ent] = {}
        self.unit: dict[str, _Ent] = {}
        self.jabatan: dict[str, _Ent] = {}
        self.pegawai: dict[str, _Ent] = {}
        self.penempatan: list[dict] = []  # one per row with a NIP
        self.baris_pd: dict[str, list[int]] = defaultdict(list)

    def salah(self, baris: int, kolom: str, pesan: str) -> None:
        # one reason per cell: a later consequence (e.g. "wajib diisi" after an unknown value) is noise
        if (baris, kolom) in self._dilaporkan:
            return
        self._dilaporkan.add((baris, kolom))
        self.kesalahan.append(Kesalahan(baris, kolom, pesan))

    # ---- phase 1: each row on its own, and merging rows into entities

    def periksa_header(self) -> None:
        if self.header is None:
            return
        dikenal = set(KOLOM)
        for h in self.header:
            if h and h not in dikenal:
                self.salah(1, h, _("Kolom '%(k)s' tidak dikenal. Kolom yang dikenal: %(d)s.")
                           % {"k": h, "d": ", ".join(KOLOM)})
        for k in KOLOM_WAJIB + ["nip"]:
            if k not in self.header:
                self.salah(1, k, _("Kolom wajib '%(k)s' tidak ada pada baris judul.") % {"k": k})

    def _gabung(self, wadah: dict[str, _Ent], kode: str, nomor: int, nilai: dict, label, kolom: dict) -> _Ent:
        ent = wadah.get(kode)
        if ent is None:
            ent = wadah[kode] = _Ent(kode, nomor)
        elif ent.terakhir == nilai:
            return ent  # the same cells as the previous mention (PD/unit repeated on every row)
        ent.terakhir = nilai
        for k, v in nilai.items():
            if v in ("", None):
                continue
            lama = ent.nilai.get(k)
            if lama is None:
                ent.nilai[k] = v
                ent.sumber[k] = nomor
            elif lama != v:
                self.salah(nomor, kolom.get(k, k), _("%(label)s %(kode)s: nilai '%(baru)s' berbeda dengan '%(lama)s' pada baris "
                                       "%(b)d.") % {"label": label, "kode": kode, "baru": v, "lama": lama,
                                                    "b": ent.sumber[k]})
                ent.terakhir = None  # a conflicting row: the next identical row is checked (and reported) too
        return ent

    def _pilihan(self, nomor: int, kolom: str, s: str) -> str:
        if not s:
            return ""
        v = PILIHAN[kolom].get(s)  # the code itself: no normalising needed
        if v is None:
            v = PILIHAN[kolom].get(_kunci(s))
        if v is None:
            self.salah(nomor, kolom, _("Nilai '%(v)s' tidak dikenal. Nilai yang diizinkan: %(d)s.")
                       % {"v": s, "d": ", ".join(NILAI_DIIZINKAN[kolom])})
            return ""
        return v

    def _kode(self, nomor: int, kolom: str, s: str) -> str:
        if not s or s in self._kode_sah:
            return s
        if _POLA_KODE.match(s):
            self._kode_sah.add(s)
        else:
            self.salah(nomor, kolom, _("Kode '%(v)s' hanya boleh berisi huruf, angka, titik, garis miring, "
                                       "tanda hubung atau garis bawah (paling panjang 40).") % {"v": s})
            return ""
        return s

    def _periksa_sel(self, no: int, v: dict[str, str]) -> None:
        """Cells no reader should trust: a NUL character, or more text than any column holds.
        Each is a row error (and the cell is treated as empty), never a crash."""
        maks = settings.IMPOR_BAGAN_MAKS_SEL
        for kolom, nilai in v.items():
            if "\x00" in nilai:
                self.salah(no, kolom, _("Sel berisi karakter NUL (\\0); simpan ulang berkas sebagai teks biasa."))
                v[kolom] = ""
            elif len(nilai) > maks:
                self.salah(no, kolom, _("Isi sel %(n)d karakter, melebihi batas %(maks)d karakter.")
                           % {"n": len(nilai), "maks": maks})
                v[kolom] = ""

    def periksa_baris(self) -> None:
        n = len(self.baris)
        for i, b in enumerate(self.baris):
            if i % 2000 == 0:
                self.progres(i * 40 // max(n, 1))
            self._satu_baris(b)

    def _satu_baris(self, b: Baris) -> None:
        v = b.nilai
        no = b.nomor
        self._periksa_sel(no, v)
        g = v.get
        if not self._header_lengkap:
            for k in KOLOM:
                v.setdefault(k, "")
        jenis_jabatan = self._pilihan(no, "jenis_jabatan", g("jenis_jabatan"))
        kode_pd = self._kode(no, "kode_pd", g("kode_pd"))
        kode_unit = self._kode(no, "kode_unit", g("kode_unit"))
        kode_jabatan = self._kode(no, "kode_jabatan", g("kode_jabatan"))
        kepala_daerah = jenis_jabatan == JenisJabatan.KEPALA_DAERAH
        for kolom, nilai in (("kode_pd", kode_pd), ("kode_unit", kode_unit)):
            if not nilai and not kepala_daerah and not g(kolom):
                self.salah(no, kolom, _("Kolom %(k)s wajib diisi.") % {"k": kolom})
        if not kode_jabatan and not g("kode_jabatan"):
            self.salah(no, "kode_jabatan", _("Kolom kode_jabatan wajib diisi."))
        if kepala_daerah and (kode_pd or kode_unit):
            self.salah(no, "kode_unit", _("Jabatan Kepala Daerah tidak berada pada Perangkat Daerah atau unit: "
                                          "kosongkan kode_pd dan kode_unit."))
            kode_pd = kode_unit = ""
        if kode_pd:
            self.baris_pd[kode_pd].append(no)
            self._gabung(self.pd, kode_pd, no, {
                "nama": g("nama_pd"), "jenis": self._pilihan(no, "jenis_pd", g("jenis_pd")),
                "induk": self._kode(no, "kode_pd_induk", g("kode_pd_induk")),
            }, _LABEL_PD, _KOLOM_PD)
        if kode_unit and kode_pd:
            self._gabung(self.unit, kode_unit, no, {
                "pd": kode_pd, "nama": g("nama_unit"), "jenis": self._pilihan(no, "jenis_unit", g("jenis_unit")),
                "induk": self._kode(no, "kode_unit_induk", g("kode_unit_induk")),
            }, _LABEL_UNIT, _KOLOM_UNIT)
        kepala = g("kepala_unit").lower()
        if kepala not in YA | TIDAK:
            self.salah(no, "kepala_unit", _("Nilai '%(v)s' tidak dikenal: isi 'ya' atau 'tidak'.") % {"v": g("kepala_unit")})
        jenjang = self._pilihan(no, "jenjang", g("jenjang"))
        if kode_jabatan:
            self._gabung(self.jabatan, kode_jabatan, no, {
                "unit": kode_unit, "nama": g("nama_jabatan"), "jenis": jenis_jabatan,
                "kepala_unit": (kepala in YA) if kepala in YA | TIDAK and kepala else None,
                "nama_jf": g("nama_jf"), "jenjang": jenjang,
            }, _LABEL_JABATAN, _KOLOM_JABATAN)
        for kolom, batas in (("nama", 200), ("gelar_depan", 40), ("gelar_belakang", 60), ("pangkat", 60),
                             ("golongan", 10), ("nama_jabatan", 200), ("nama_unit", 200), ("nama_pd", 200),
                             ("nama_jf", 120)):
            if len(g(kolom)) > batas:
                self.salah(no, kolom, _("Paling panjang %(n)d karakter.") % {"n": batas})
        nip = g("nip").replace(" ", "")
        if not nip:
            for kolom in ("nama", "jenis_pemangku", "kode_jabatan_ppk", "kode_jabatan_pimpinan"):
                if g(kolom):
                    self.salah(no, "nip", _("Kolom nip wajib diisi bila kolom %(k)s diisi.") % {"k": kolom})
                    break
            return
        if _ANGKA_TERPOTONG in nip:
            self.salah(no, "nip", _("NIP tertulis sebagai angka sehingga digit terakhirnya hilang; "
                                    "format sel NIP sebagai teks."))
            return
        try:
            parse_nip(nip)
        except ValidationError as exc:
            self.salah(no, "nip", exc.messages[0])
            return
        email = g("email")
        if email and not _EMAIL_SEDERHANA.fullmatch(email):  # the common case skips Django's slower validator
            try:
                validate_email(email)
            except ValidationError:
                self.salah(no, "email", _("Alamat e-mail '%(v)s' tidak valid.") % {"v": email})
                email = ""
        kompetensi = g("kompetensi")
        kompetensi = tuple(sorted({k.strip() for k in kompetensi.replace("\n", ";").split(";") if k.strip()})) \
            if kompetensi else ()
        for k in kompetensi:
            if len(k) > 120:
                self.salah(no, "kompetensi", _("Nama kompetensi paling panjang 120 karakter: '%(v)s…'.") % {"v": k[:30]})
        self._gabung(self.pegawai, nip, no, {
            "nama": g("nama"), "gelar_depan": g("gelar_depan"), "gelar_belakang": g("gelar_belakang"),
            "jenis_asn": self._pilihan(no, "jenis_asn", g("jenis_asn")), "pangkat": g("pangkat"),
            "golongan": g("golongan"), "email": email, "kompetensi": kompetensi or None,
        }, _LABEL_PEGAWAI, {})
        mulai = self.tanggal
        if g("mulai"):
            try:
                mulai = self._tanggal.get(g("mulai")) or self._tanggal.setdefault(g("mulai"), _tanggal(g("mulai")))
            except ValueError:
                self.salah(no, "mulai", _("Tanggal '%(v)s' tidak dikenal: tulis TTTT-BB-HH, mis. 2025-01-02.")
                           % {"v": g("mulai")})
        self.penempatan.append({
            "baris": no, "nip": nip, "jabatan": kode_jabatan,
            "jenis": self._pilihan(no, "jenis_pemangku", g("jenis_pemangku")) or JenisPemangku.DEFINITIF,
            "mulai": mulai,
            "ppk": self._kode(no, "kode_jabatan_ppk", g("kode_jabatan_ppk")),
            "pimpinan": self._kode(no, "kode_jabatan_pimpinan", g("kode_jabatan_pimpinan")),
        })

