"""Org-chart import from one flat CSV/XLSX sheet (format: docs/format-impor.md).

Three steps, each a public function:

* ``baca_berkas``     – file (CSV or XLSX) → list of ``Baris`` (row number + cells by column).
* ``impor_periksa``   – dry run: parse, validate every row against the file *and* the database,
  and build a ``Rencana`` (what will be created/updated, every error with row/column/reason).
  Reads only; a handful of queries whatever the file size.
* ``impor_terapkan``  – validate again and apply the plan in ONE transaction with bulk
  operations; any error → ``ImporGagal`` and nothing is written.

The ``ImporBagan`` job (upload → dry run → confirm → background apply with progress) is driven
by ``impor_bagan_unggah`` / ``impor_bagan_konfirmasi`` / ``impor_bagan_jalankan`` /
``impor_bagan_progres`` at the end of this module.

Progress while the apply transaction runs: the job row cannot be updated from inside the
transaction (other connections would not see it until commit), so progress is written to the
cache (Redis when ``REDIS_URL`` is set — the same condition under which a real Celery worker
runs; the in-process LocMem cache otherwise, where tasks are eager and run in the web
process). Outside a transaction (upload/dry run) progress goes to the job row as well.
"""
from __future__ import annotations

import csv
import datetime
import io
import logging
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import kedudukan, permissions, services
from .models import (
    JENJANG_KATEGORI,
    STRUKTURAL,
    ImporBagan,
    Instansi,
    Jabatan,
    JenisASN,
    JenisJabatan,
    JenisPemangku,
    JenisPerangkatDaerah,
    JenisUnit,
    Jenjang,
    Kedudukan,
    Kompetensi,
    Pegawai,
    PemangkuJabatan,
    PerangkatDaerah,
    StatusImpor,
    UnitOrganisasi,
)
from .nip import parse_nip

# --------------------------------------------------------------------------- format

KOLOM = [
    "kode_pd", "nama_pd", "jenis_pd", "kode_pd_induk",
    "kode_unit", "nama_unit", "jenis_unit", "kode_unit_induk",
    "kode_jabatan", "nama_jabatan", "jenis_jabatan", "kepala_unit", "nama_jf", "jenjang",
    "nip", "nama", "gelar_depan", "gelar_belakang", "jenis_asn", "pangkat", "golongan", "email", "kompetensi",
    "jenis_pemangku", "mulai", "kode_jabatan_ppk", "kode_jabatan_pimpinan",
]
KOLOM_WAJIB = ["kode_pd", "kode_unit", "kode_jabatan"]
BATCH = 1000
SAMPEL = 10
_CHUNK_IN = 2000  # keys per IN (...) list: below SQLite's variable limit

ENTITAS = {
    "perangkat_daerah": gettext_lazy("Perangkat Daerah"),
    "unit": gettext_lazy("Unit Organisasi"),
    "jabatan": gettext_lazy("Jabatan"),
    "pegawai": gettext_lazy("Pegawai"),
    "pemangku": gettext_lazy("Pemangku jabatan"),
    "kedudukan": gettext_lazy("Kedudukan (PPK)"),
}
logger = logging.getLogger(__name__)


class ImporGagal(Exception):
    """Raised by ``impor_terapkan`` when the file has errors; nothing has been written."""

    def __init__(self, rencana: Rencana):
        self.rencana = rencana
        super().__init__(_("Impor dibatalkan: %(n)d kesalahan.") % {"n": len(rencana.kesalahan)})


@dataclass
class Baris:
    nomor: int  # row number as the spreadsheet shows it (header = 1)
    nilai: dict[str, str]


@dataclass
class Kesalahan:
    baris: int
    kolom: str
    pesan: str

    def as_dict(self) -> dict:
        return {"baris": self.baris, "kolom": self.kolom, "pesan": self.pesan}


@dataclass
class Rencana:
    """The dry-run result: what the import would do, and every error."""

    instansi: Instansi
    tanggal: datetime.date
    total_baris: int = 0
    kesalahan: list[Kesalahan] = field(default_factory=list)
    ringkasan: dict[str, dict[str, int]] = field(default_factory=dict)
    sampel: dict[str, list[dict]] = field(default_factory=dict)
    # internal plan (filled by _Pemeriksa)
    _rinci: Any = None

    @property
    def sah(self) -> bool:
        return not self.kesalahan

    def as_dict(self) -> dict:
        return {
            "total_baris": self.total_baris,
            "ringkasan": self.ringkasan,
            "sampel": self.sampel,
            "jumlah_kesalahan": len(self.kesalahan),
        }


# --------------------------------------------------------------------------- reading files


_ANGKA_TERPOTONG = "\u0000"  # marks a number too long for a double (an 18-digit NIP typed as a number)


def _normal_header(h: Any) -> str:
    return re.sub(r"[\s\-]+", "_", str(h or "").strip().lower())


def _sel(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, datetime.datetime):
        return v.date().isoformat()
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    if isinstance(v, float):
        # Excel keeps numbers as doubles: an 18-digit NIP typed as a number has lost digits.
        if not v.is_integer():
            return repr(v)
        return f"{int(v)}{_ANGKA_TERPOTONG if abs(v) >= 2**53 else ''}"
    return str(v).strip()


def baca_berkas(berkas, nama_berkas: str = "") -> tuple[list[str], list[Baris]]:
    """Read a CSV (UTF-8, comma or semicolon) or XLSX (first sheet) org-chart file.

    ``berkas`` is a path, bytes or a binary file object. Returns (header, rows); empty rows
    are skipped, row numbers are those of the spreadsheet. Raises ValidationError when the
    file cannot be read at all.
    """
    if isinstance(berkas, (str, os.PathLike)):
        nama_berkas = nama_berkas or str(berkas)
        with open(berkas, "rb") as fh:
            data = fh.read()
    elif isinstance(berkas, bytes):
        data = berkas
    else:
        if hasattr(berkas, "seek"):
            berkas.seek(0)
        data = berkas.read()
        nama_berkas = nama_berkas or getattr(berkas, "name", "")
    nama = (nama_berkas or "").lower()
    if nama.endswith(".xlsx") or data[:2] == b"PK":
        baris_mentah = _baca_xlsx(data)
    elif nama.endswith(".csv") or not nama or nama.endswith(".txt"):
        baris_mentah = _baca_csv(data)
    else:
        raise ValidationError(_("Jenis berkas tidak didukung: gunakan .csv atau .xlsx."))
    try:
        header_mentah = next(baris_mentah)
    except StopIteration:
        raise ValidationError(_("Berkas kosong.")) from None
    header = [_normal_header(h) for h in header_mentah]
    hasil: list[Baris] = []
    kolom = [(i, h) for i, h in enumerate(header) if h]
    teks = not (nama.endswith(".xlsx") or data[:2] == b"PK")
    for nomor, sel in enumerate(baris_mentah, start=2):
        if not any(sel):
            continue
        n = len(sel)
        if teks:  # CSV cells are strings already
            nilai = {h: sel[i].strip() for i, h in kolom if i < n}
        else:
            nilai = {h: _sel(sel[i]) for i, h in kolom if i < n}
        hasil.append(Baris(nomor, nilai))
    return header, hasil


def _baca_csv(data: bytes) -> Iterable[list]:
    try:
        teks = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("Berkas CSV harus berenkode UTF-8.")) from None
    baris_pertama = teks.split("\n", 1)[0]
    pemisah = ";" if baris_pertama.count(";") > baris_pertama.count(",") else ","
    return iter(csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah))


def _baca_xlsx(data: bytes) -> Iterable[list]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds
        raise ValidationError(_("Berkas XLSX tidak dapat dibaca: %(e)s") % {"e": exc}) from None
    ws = wb.worksheets[0]
    return (list(r) for r in ws.iter_rows(values_only=True))


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


_KOLOM_PEGAWAI = ["nama", "gelar_depan", "gelar_belakang", "jenis_asn", "pangkat", "golongan", "email"]


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


class _Pemeriksa:
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

    def periksa_baris(self) -> None:
        n = len(self.baris)
        for i, b in enumerate(self.baris):
            if i % 2000 == 0:
                self.progres(i * 40 // max(n, 1))
            self._satu_baris(b)

    def _satu_baris(self, b: Baris) -> None:
        v = b.nilai
        no = b.nomor
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

    # ---- phase 2: against the database

    def muat_basis_data(self) -> None:
        ins = self.instansi
        self.db_pd = {p.kode: p for p in PerangkatDaerah.objects.filter(instansi=ins)}
        self.db_unit = {u.kode: u for u in UnitOrganisasi.objects.filter(instansi=ins)}
        self.db_jabatan = {j.kode: j for j in Jabatan.objects.filter(instansi=ins)}
        self.db_pegawai: dict[str, Pegawai] = {}
        nips = list(self.pegawai)
        kolom = ["id", "instansi_id", "nip", *_KOLOM_PEGAWAI]
        for i in range(0, len(nips), _CHUNK_IN):
            for t in Pegawai.objects.filter(nip__in=nips[i:i + _CHUNK_IN]).values_list(*kolom):
                self.db_pegawai[t[2]] = _R(zip(kolom, t))
        self.db_kompetensi = defaultdict(set)
        ids = [p.pk for p in self.db_pegawai.values() if p.instansi_id == ins.pk]
        through = Pegawai.kompetensi.through
        for i in range(0, len(ids), _CHUNK_IN):
            for pid, nama in through.objects.filter(pegawai_id__in=ids[i:i + _CHUNK_IN]).values_list(
                    "pegawai_id", "kompetensi__nama"):
                self.db_kompetensi[pid].add(nama)
        # open holders/placements by the ids just loaded (no join: cheap whatever the planner's statistics)
        self.db_pemangku, self.db_kedudukan = [], []
        jab_ids = [j.pk for j in self.db_jabatan.values()]
        kolom = ["id", "jabatan_id", "pegawai_id", "jenis", "mulai"]
        for i in range(0, len(jab_ids), _CHUNK_IN):
            self.db_pemangku += [_R(zip(kolom, t)) for t in PemangkuJabatan.objects.filter(
                jabatan_id__in=jab_ids[i:i + _CHUNK_IN], selesai__isnull=True).values_list(*kolom)]
        kolom = ["id", "pegawai_id", "jabatan_ppk_id", "jabatan_pimpinan_id", "mulai"]
        for i in range(0, len(ids), _CHUNK_IN):
            self.db_kedudukan += [_R(zip(kolom, t)) for t in Kedudukan.objects.filter(
                pegawai_id__in=ids[i:i + _CHUNK_IN], selesai__isnull=True).values_list(*kolom)]

    def _boleh_pd(self, pd: PerangkatDaerah | None) -> bool:
        if self.actor is None:
            return True  # system (management command, bench)
        if not hasattr(self, "_boleh_instansi"):
            self._boleh_instansi = _boleh_seluruh_instansi(self.actor, self.instansi)
            # one query for every PD the user manages (guardian direct-FK table, or via the instansi)
            self._pd_dikelola = set(permissions.pd_yang_dikelola(self.actor).filter(
                instansi=self.instansi).values_list("pk", flat=True))
        if self._boleh_instansi:
            return True
        return pd is not None and pd.pk in self._pd_dikelola

    def periksa_pd(self) -> None:
        for kode, ent in self.pd.items():
            lama = self.db_pd.get(kode)
            if not self._boleh_pd(lama):
                pesan = _("Anda tidak berwenang mengimpor data Perangkat Daerah %(k)s%(b)s.") % {
                    "k": kode, "b": "" if lama else _(" (Perangkat Daerah baru hanya dapat dibuat oleh pengelola "
                                                      "instansi)")}
                for no in self.baris_pd[kode]:
                    self.salah(no, "kode_pd", pesan)
            if lama is None:
                if not ent.nilai.get("nama"):
                    self.salah(ent.baris, "nama_pd", _("Perangkat Daerah %(k)s belum ada: nama_pd wajib diisi.") % {"k": kode})
                if not ent.nilai.get("jenis"):
                    self.salah(ent.baris, "jenis_pd", _("Perangkat Daerah %(k)s belum ada: jenis_pd wajib diisi.") % {"k": kode})
            induk = ent.nilai.get("induk")
            if induk:
                if induk == kode:
                    self.salah(ent.sumber["induk"], "kode_pd_induk", _("Perangkat Daerah tidak dapat menjadi induk dirinya sendiri."))
                elif induk not in self.pd and induk not in self.db_pd:
                    self.salah(ent.sumber["induk"], "kode_pd_induk", _("Perangkat Daerah induk %(k)s tidak ditemukan "
                                                                         "pada berkas maupun instansi.") % {"k": induk})
        # cycles among PD parents (file over DB)
        kode_by_id = {p.pk: k for k, p in self.db_pd.items()}
        self.pd_induk_lama = {k: kode_by_id.get(p.induk_id, "") for k, p in self.db_pd.items()}
        if any(e.nilai.get("induk") for e in self.pd.values()):
            induk_pd = dict(self.pd_induk_lama)
            for k, e in self.pd.items():
                if e.nilai.get("induk"):
                    induk_pd[k] = e.nilai["induk"]
            for siklus in _cari_siklus(induk_pd):
                baris = sorted({self.pd[k].sumber["induk"] for k in siklus if k in self.pd and "induk" in self.pd[k].sumber})
                self.salah(baris[0] if baris else 1, "kode_pd_induk", _(
                    "Susunan Perangkat Daerah induk berputar: %(s)s (baris %(b)s).")
                    % {"s": " → ".join(siklus + [siklus[0]]), "b": ", ".join(map(str, baris))})

    def periksa_unit(self) -> None:
        pd_id_ke_kode = {p.pk: k for k, p in self.db_pd.items()}
        unit_id_ke_kode = {u.pk: k for k, u in self.db_unit.items()}
        # final state of every unit: kode -> (pd kode, parent kode)
        self.unit_pd: dict[str, str] = {k: pd_id_ke_kode.get(u.perangkat_daerah_id, "") for k, u in self.db_unit.items()}
        self.unit_induk: dict[str, str] = {k: unit_id_ke_kode.get(u.parent_id, "") for k, u in self.db_unit.items()}
        for kode, ent in self.unit.items():
            lama = self.db_unit.get(kode)
            pd = ent.nilai["pd"]
            if lama is not None and self.unit_pd.get(kode) != pd:
                self.salah(ent.baris, "kode_unit", _("Unit %(k)s sudah ada pada Perangkat Daerah %(pd)s, bukan %(pd2)s; "
                                                     "kode unit berlaku unik se-instansi.")
                           % {"k": kode, "pd": self.unit_pd.get(kode), "pd2": pd})
                continue
            if lama is None and not ent.nilai.get("nama"):
                self.salah(ent.baris, "nama_unit", _("Unit %(k)s belum ada: nama_unit wajib diisi.") % {"k": kode})
            self.unit_pd[kode] = pd
            if lama is None or "induk" in ent.nilai:
                self.unit_induk[kode] = ent.nilai.get("induk", "")
        for kode, ent in self.unit.items():
            induk = ent.nilai.get("induk")
            if not induk:
                continue
            baris = ent.sumber["induk"]
            if induk == kode:
                self.salah(baris, "kode_unit_induk", _("Unit %(k)s tidak dapat menjadi induk dirinya sendiri.") % {"k": kode})
            elif induk not in self.unit_pd:
                self.salah(baris, "kode_unit_induk", _("Unit induk %(k)s tidak ditemukan pada berkas maupun instansi.")
                           % {"k": induk})
            elif self.unit_pd[induk] != ent.nilai["pd"]:
                self.salah(baris, "kode_unit_induk", _("Unit induk %(k)s berada pada Perangkat Daerah %(pd)s; unit induk "
                                                       "harus berada pada Perangkat Daerah yang sama (%(pd2)s).")
                           % {"k": induk, "pd": self.unit_pd[induk], "pd2": ent.nilai["pd"]})
        self.unit_berputar = False
        for siklus in _cari_siklus(self.unit_induk):
            self.unit_berputar = True
            baris = sorted({self.unit[k].sumber["induk"] for k in siklus if k in self.unit and "induk" in self.unit[k].sumber})
            self.salah(baris[0] if baris else 1, "kode_unit_induk", _(
                "Susunan unit berputar: %(s)s (baris %(b)s).")
                % {"s": " → ".join(siklus + [siklus[0]]), "b": ", ".join(map(str, baris))})

    def periksa_jabatan(self) -> None:
        unit_id_ke_kode = {u.pk: k for k, u in self.db_unit.items()}
        # final attributes of every position of the instansi
        self.jab: dict[str, dict] = {}
        for k, j in self.db_jabatan.items():
            self.jab[k] = {"unit": unit_id_ke_kode.get(j.unit_id, ""), "nama": j.nama, "jenis": j.jenis,
                           "kepala_unit": j.kepala_unit, "nama_jf": j.nama_jf, "jenjang": j.jenjang}
        for kode, ent in self.jabatan.items():
            lama = self.jab.get(kode)
            baru = dict(lama) if lama else {"unit": "", "nama": "", "jenis": "", "kepala_unit": False,
                                              "nama_jf": "", "jenjang": ""}
            for k, v in ent.nilai.items():
                if v is not None:
                    baru[k] = v
            if lama is not None and lama["unit"] and not self._boleh_pd(self.db_pd.get(self.unit_pd.get(lama["unit"]))):
                self.salah(ent.baris, "kode_jabatan", _("Jabatan %(k)s tercatat pada Perangkat Daerah %(pd)s yang tidak "
                                                        "Anda kelola.") % {"k": kode, "pd": self.unit_pd.get(lama["unit"])})
            if baru["jenis"] == JenisJabatan.KEPALA_DAERAH and not self._boleh_pd(None):
                self.salah(ent.baris, "jenis_jabatan", _("Jabatan Kepala Daerah hanya dapat diimpor oleh pengelola "
                                                         "instansi."))
            if lama is None:
                for kolom, k in (("nama_jabatan", "nama"), ("jenis_jabatan", "jenis")):
                    if not baru[k]:
                        self.salah(ent.baris, kolom, _("Jabatan %(k)s belum ada: %(c)s wajib diisi.") % {"k": kode, "c": kolom})
            if baru["jenis"] == JenisJabatan.FUNGSIONAL:
                if not baru["jenjang"]:
                    self.salah(ent.sumber.get("jenis", ent.baris), "jenjang", _("Jabatan fungsional %(k)s wajib memiliki "
                                                                                "jenjang.") % {"k": kode})
            elif baru["jenis"] and ent.nilai.get("jenjang"):
                self.salah(ent.sumber["jenjang"], "jenjang", _("Jenjang hanya diisi untuk jabatan fungsional, bukan "
                                                               "%(j)s.") % {"j": JenisJabatan(baru["jenis"]).label})
            if baru["jenis"] != JenisJabatan.FUNGSIONAL and ent.nilai.get("nama_jf"):
                self.salah(ent.sumber["nama_jf"], "nama_jf", _("nama_jf hanya diisi untuk jabatan fungsional."))
            if baru["jenis"] and baru["jenis"] in STRUKTURAL and ent.nilai.get("kepala_unit") is None and lama is None:
                baru["kepala_unit"] = True  # a structural position heads its unit unless told otherwise
            self.jab[kode] = baru
        # one head per unit
        kepala: dict[str, list[str]] = defaultdict(list)
        for kode, j in self.jab.items():
            if j["kepala_unit"] and j["unit"]:
                kepala[j["unit"]].append(kode)
        self.kepala_unit = {}
        for unit, kodes in kepala.items():
            if len(kodes) > 1:
                baris = [self.jabatan[k].baris for k in kodes if k in self.jabatan]
                lama = [k for k in kodes if k not in self.jabatan]
                self.salah(min(baris) if baris else 1, "kepala_unit", _(
                    "Unit %(u)s memiliki lebih dari satu jabatan kepala unit: %(j)s%(x)s.")
                    % {"u": unit, "j": ", ".join(sorted(kodes)),
                       "x": (_(" (%(l)s sudah tercatat; tandai 'tidak' pada kolom kepala_unit bila diganti)")
                             % {"l": ", ".join(lama)}) if lama else ""})
            self.kepala_unit[unit] = kodes[0]

    def _pd_pegawai(self) -> dict[int, set[str]]:
        """pegawai id -> codes of the PDs where they hold a position definitively now (from loaded rows)."""
        if not hasattr(self, "_pd_peg"):
            unit_pd = {u.pk: self.unit_pd.get(k, "") for k, u in self.db_unit.items()}
            jab_pd = {j.pk: unit_pd.get(j.unit_id, "") for j in self.db_jabatan.values()}
            self._pd_peg: dict[int, set[str]] = defaultdict(set)
            for pj in self.db_pemangku:
                if pj.jenis == JenisPemangku.DEFINITIF and jab_pd.get(pj.jabatan_id):
                    self._pd_peg[pj.pegawai_id].add(jab_pd[pj.jabatan_id])
        return self._pd_peg

    def _jabatan_obj(self, kode: str) -> Jabatan:
        j = self.jab[kode]
        return Jabatan(kode=kode, nama=j["nama"], jenis=j["jenis"], kepala_unit=j["kepala_unit"],
                       nama_jf=j["nama_jf"], jenjang=j["jenjang"], kategori_jf=JENJANG_KATEGORI.get(j["jenjang"], ""))

    def _tempat_ppk(self, kode: str) -> kedudukan.TempatPPK:
        """The PPK seat as the placement rule sees it, from the file over the DB."""
        jp = self.jab[kode]
        unit = jp["unit"]
        kode_pd = self.unit_pd.get(unit, "") if unit else ""
        pd_file = self.pd.get(kode_pd)
        pd_db = self.db_pd.get(kode_pd)
        singkatan = (pd_file.nilai.get("singkatan") if pd_file else None) or (pd_db.singkatan if pd_db else "")
        nama_pd = (pd_file.nilai.get("nama") if pd_file else None) or (pd_db.nama if pd_db else "")
        return kedudukan.TempatPPK(
            nama=jp["nama"], jenis=jp["jenis"], kepala_unit=jp["kepala_unit"],
            kepala_pd=bool(jp["kepala_unit"] and unit and not self.unit_induk.get(unit)),
            punya_pengawas=self._punya_pengawas(unit) if unit else False,
            singkatan_pd=singkatan or "", nama_pd=nama_pd or "")

    def _punya_pengawas(self, unit: str) -> bool:
        if not hasattr(self, "_pengawas"):
            anak = defaultdict(list)
            for k, p in self.unit_induk.items():
                if p:
                    anak[p].append(k)
            ada = {j["unit"] for j in self.jab.values() if j["jenis"] == JenisJabatan.PENGAWAS}
            self._pengawas: dict[str, bool] = {}

            def hitung(u: str) -> bool:
                tumpukan, urutan = [u], []
                while tumpukan:
                    x = tumpukan.pop()
                    urutan.append(x)
                    tumpukan.extend(c for c in anak[x] if c not in self._pengawas)
                for x in reversed(urutan):
                    self._pengawas[x] = x in ada or any(self._pengawas.get(c, False) for c in anak[x])
                return self._pengawas[u]

            self._hitung_pengawas = hitung
        if unit not in self._pengawas:
            if self.unit_berputar:
                return False
            self._hitung_pengawas(unit)
        return self._pengawas[unit]

    def _atasan(self, kode: str) -> str:
        """Implicit superior position (head of the unit, or of the nearest unit above)."""
        j = self.jab[kode]
        unit = j["unit"]
        if not unit:
            return ""
        if not j["kepala_unit"]:
            k = self.kepala_unit.get(unit)
            if k and k != kode:
                return k
        dilihat = {unit}
        unit = self.unit_induk.get(unit, "")
        while unit and unit not in dilihat:
            dilihat.add(unit)
            if unit in self.kepala_unit:
                return self.kepala_unit[unit]
            unit = self.unit_induk.get(unit, "")
        return ""

    def periksa_penempatan(self) -> None:
        per_nip: dict[str, list[dict]] = defaultdict(list)
        definitif_jabatan: dict[str, list[dict]] = defaultdict(list)
        ppk_eksplisit: dict[str, tuple[str, int]] = {}
        aturan_cache: dict[tuple[str, str], str | None] = {}
        n = len(self.penempatan)
        for i, p in enumerate(self.penempatan):
            if i % 2000 == 0:
                self.progres(40 + i * 10 // max(n, 1))
            no, kode = p["baris"], p["jabatan"]
            lama = self.db_pegawai.get(p["nip"])
            if lama is not None and lama.instansi_id != self.instansi.pk:
                self.salah(no, "nip", _("NIP %(n)s sudah terdaftar pada instansi lain.") % {"n": p["nip"]})
                continue
            if lama is not None and not self._boleh_pd(None):
                # a PD-scoped admin may change only staff who sit (definitively) in a PD they manage
                pd_lain = sorted({k for k in self._pd_pegawai().get(lama.pk, ()) if not self._boleh_pd(self.db_pd.get(k))})
                if pd_lain:
                    self.salah(no, "nip", _("Pegawai NIP %(n)s tercatat pada Perangkat Daerah %(pd)s yang tidak Anda "
                                            "kelola.") % {"n": p["nip"], "pd": ", ".join(pd_lain)})
                    continue
            if lama is None and not self.pegawai[p["nip"]].nilai.get("nama"):
                if self.pegawai[p["nip"]].baris == no:
                    self.salah(no, "nama", _("Pegawai NIP %(n)s belum ada: nama wajib diisi.") % {"n": p["nip"]})
            if not kode or kode not in self.jab:
                continue
            j = self.jab[kode]
            per_nip[p["nip"]].append(p)
            if p["jenis"] == JenisPemangku.DEFINITIF:
                definitif_jabatan[kode].append(p)
            else:
                if not (j["jenis"] in STRUKTURAL or j["kepala_unit"] or j["jenis"] == JenisJabatan.KEPALA_DAERAH):
                    self.salah(no, "jenis_pemangku", _("Plt./Plh. hanya untuk jabatan yang memimpin unit atau "
                                                       "jabatan struktural; %(j)s bukan.") % {"j": kode})
            ppk = p["ppk"]
            if p["pimpinan"] and p["pimpinan"] not in self.jab:
                self.salah(no, "kode_jabatan_pimpinan", _("Jabatan %(k)s tidak ditemukan pada berkas maupun instansi.")
                           % {"k": p["pimpinan"]})
            if p["pimpinan"] and not ppk:
                self.salah(no, "kode_jabatan_ppk", _("kode_jabatan_ppk wajib diisi bila kode_jabatan_pimpinan diisi."))
            if not ppk:
                continue
            if ppk not in self.jab:
                self.salah(no, "kode_jabatan_ppk", _("Jabatan %(k)s tidak ditemukan pada berkas maupun instansi.")
                           % {"k": ppk})
                continue
            if p["jenis"] != JenisPemangku.DEFINITIF:
                self.salah(no, "kode_jabatan_ppk", _("Kedudukan (PPK) hanya diisi pada baris jabatan definitif."))
                continue
            if j["jenis"] not in (JenisJabatan.FUNGSIONAL, JenisJabatan.PELAKSANA):
                self.salah(no, "kode_jabatan_ppk", _("Kedudukan (PPK) hanya ditetapkan bagi Pejabat Fungsional dan "
                                                     "Pelaksana; %(j)s adalah %(jenis)s.")
                           % {"j": kode, "jenis": JenisJabatan(j["jenis"]).label if j["jenis"] else "?"})
                continue
            if ppk == kode:
                self.salah(no, "kode_jabatan_ppk", _("Rantai Pejabat Penilai Kinerja berputar: jabatan %(k)s menjadi "
                                                     "PPK dirinya sendiri (baris %(b)d).") % {"k": kode, "b": no})
                continue
            if kode in ppk_eksplisit and ppk_eksplisit[kode][0] != ppk:
                pass  # different holders of one formation may sit under different PPKs
            ppk_eksplisit.setdefault(kode, (ppk, no))
            kunci = (j["jenis"], j["jenjang"], j["kepala_unit"], ppk)  # the rule depends on these only
            if kunci not in aturan_cache:
                pesan = None
                try:
                    services.kedudukan_validasi(
                        instansi=self.instansi, jabatan_pegawai=self._jabatan_obj(kode),
                        jabatan_ppk=self._jabatan_obj(ppk), tempat=self._tempat_ppk(ppk))
                except ValidationError as exc:
                    pesan = " ".join(exc.messages)
                aturan_cache[kunci] = pesan
            if aturan_cache[kunci]:
                self.salah(no, "kode_jabatan_ppk", aturan_cache[kunci])
        for nip, daftar in per_nip.items():
            definitif = [p for p in daftar if p["jenis"] == JenisPemangku.DEFINITIF]
            if len(definitif) > 1:
                for p in definitif[1:]:
                    self.salah(p["baris"], "jenis_pemangku", _("Pegawai NIP %(n)s sudah memangku jabatan definitif "
                                                               "pada baris %(b)d; satu pegawai satu jabatan definitif.")
                               % {"n": nip, "b": definitif[0]["baris"]})
            kombinasi = set()
            for p in daftar:
                k = (p["jabatan"], p["jenis"])
                if k in kombinasi:
                    self.salah(p["baris"], "kode_jabatan", _("Baris ganda: NIP %(n)s pada jabatan %(j)s (%(s)s).")
                               % {"n": nip, "j": p["jabatan"], "s": p["jenis"]})
                kombinasi.add(k)
        for kode, daftar in definitif_jabatan.items():
            j = self.jab[kode]
            if (j["jenis"] in STRUKTURAL or j["kepala_unit"]) and len(daftar) > 1:
                self.salah(daftar[1]["baris"], "kode_jabatan", _(
                    "Jabatan %(k)s hanya dapat dipangku satu pejabat definitif; sudah dipangku NIP %(n)s pada baris "
                    "%(b)d.") % {"k": kode, "n": daftar[0]["nip"], "b": daftar[0]["baris"]})
        self._periksa_rantai_ppk(ppk_eksplisit)

    def _periksa_rantai_ppk(self, ppk_eksplisit: dict[str, tuple[str, int]]) -> None:
        """The PPK chain over positions: explicit placements from the file, else the implicit
        superior (unit head / head above). A loop means nobody at the top appraises."""
        if not ppk_eksplisit:
            return
        graf: dict[str, str] = {}
        for kode in self.jab:
            if kode in ppk_eksplisit:
                graf[kode] = ppk_eksplisit[kode][0]
        # Placements already recorded for holders of JF head positions (Kepala Puskesmas/Sekolah: the
        # only non-structural positions that can appraise) continue the chain; the file wins over them.
        jab_kode = {j.pk: k for k, j in self.db_jabatan.items()}
        pemegang = {pj.pegawai_id: jab_kode[pj.jabatan_id] for pj in self.db_pemangku
                    if pj.jenis == JenisPemangku.DEFINITIF and pj.jabatan_id in jab_kode
                    and self.db_jabatan[jab_kode[pj.jabatan_id]].kepala_unit
                    and self.db_jabatan[jab_kode[pj.jabatan_id]].jenis == JenisJabatan.FUNGSIONAL}
        tercatat: dict[str, str] = {}
        if pemegang:
            for pegawai_id, ppk_id in Kedudukan.objects.filter(pegawai_id__in=list(pemegang)[:_CHUNK_IN],
                                                               selesai__isnull=True).values_list("pegawai_id",
                                                                                                 "jabatan_ppk_id"):
                if ppk_id in jab_kode:
                    tercatat.setdefault(pemegang[pegawai_id], jab_kode[ppk_id])
        # only follow edges from nodes reachable from an explicit edge
        tumpukan = list(graf.values())
        while tumpukan:
            k = tumpukan.pop()
            if k in graf or k not in self.jab:
                continue
            graf[k] = tercatat.get(k) or (self._atasan(k) if not self.unit_berputar else "")
            if graf[k]:
                tumpukan.append(graf[k])
        for siklus in _cari_siklus(graf):
            baris = sorted({ppk_eksplisit[k][1] for k in siklus if k in ppk_eksplisit})
            self.salah(baris[0] if baris else 1, "kode_jabatan_ppk", _(
                "Rantai Pejabat Penilai Kinerja berputar: %(s)s (baris %(b)s).")
                % {"s": " → ".join(siklus + [siklus[0]]), "b": ", ".join(map(str, baris))})

    # ---- phase 3: the plan (what changes)

    def susun_rencana(self) -> dict:
        now = timezone.now()
        r: dict[str, Any] = {"now": now}
        # PD
        r["pd_baru"], r["pd_ubah"] = [], []
        for kode, ent in self.pd.items():
            lama = self.db_pd.get(kode)
            nilai = {k: ent.nilai[k] for k in ("nama", "jenis") if k in ent.nilai}
            if lama is None:
                r["pd_baru"].append((kode, nilai, ent.nilai.get("induk", "")))
            else:
                berubah = {k: v for k, v in nilai.items() if getattr(lama, k) != v}
                induk_lama = self.pd_induk_lama.get(kode, "")
                if "induk" in ent.nilai and ent.nilai["induk"] != induk_lama:
                    berubah["induk"] = ent.nilai["induk"]
                if berubah:
                    r["pd_ubah"].append((kode, berubah))
        # units
        r["unit_baru"], r["unit_ubah"] = [], []
        unit_id_ke_kode = {u.pk: k for k, u in self.db_unit.items()}
        for kode, ent in self.unit.items():
            lama = self.db_unit.get(kode)
            if lama is None:
                jenis = ent.nilai.get("jenis") or (JenisUnit.UNIT if ent.nilai.get("induk") else JenisUnit.PIMPINAN)
                r["unit_baru"].append((kode, {"nama": ent.nilai.get("nama", ""), "jenis": jenis, "pd": ent.nilai["pd"],
                                              "induk": ent.nilai.get("induk", "")}))
            else:
                berubah = {k: ent.nilai[k] for k in ("nama", "jenis") if k in ent.nilai and getattr(lama, k) != ent.nilai[k]}
                if "induk" in ent.nilai and ent.nilai["induk"] != unit_id_ke_kode.get(lama.parent_id, ""):
                    berubah["induk"] = ent.nilai["induk"]
                if berubah:
                    r["unit_ubah"].append((kode, berubah))
        # positions
        r["jabatan_baru"], r["jabatan_ubah"] = [], []
        for kode in self.jabatan:
            baru = self.jab[kode]
            lama = self.db_jabatan.get(kode)
            if lama is None:
                r["jabatan_baru"].append((kode, baru))
            else:
                lama_d = {"unit": unit_id_ke_kode.get(lama.unit_id, ""), "nama": lama.nama, "jenis": lama.jenis,
                          "kepala_unit": lama.kepala_unit, "nama_jf": lama.nama_jf, "jenjang": lama.jenjang}
                berubah = {k: v for k, v in baru.items() if lama_d[k] != v}
                if berubah:
                    r["jabatan_ubah"].append((kode, berubah))
        # pegawai
        r["pegawai_baru"], r["pegawai_ubah"], r["kompetensi"] = [], [], {}
        for nip, ent in self.pegawai.items():
            lama = self.db_pegawai.get(nip)
            nilai = {k: v for k, v in ent.nilai.items() if k != "kompetensi"}
            komp = ent.nilai.get("kompetensi")
            if lama is None:
                r["pegawai_baru"].append((nip, nilai))
                if komp:
                    r["kompetensi"][nip] = komp
            else:
                berubah = {k: v for k, v in nilai.items() if getattr(lama, k) != v}
                if komp is not None and set(komp) != self.db_kompetensi.get(lama.pk, set()):
                    r["kompetensi"][nip] = komp
                    berubah["kompetensi"] = "; ".join(komp)
                if berubah:
                    r["pegawai_ubah"].append((nip, berubah))
        # holders and placements
        self._rencana_pemangku(r)
        return r

    def _rencana_pemangku(self, r: dict) -> None:
        jab_id_ke_kode = {j.pk: k for k, j in self.db_jabatan.items()}
        peg_id_ke_nip = {p.pk: n for n, p in self.db_pegawai.items()}
        terbuka_pegawai: dict[tuple[str, str], list[PemangkuJabatan]] = defaultdict(list)  # (nip, jenis)
        terbuka_jabatan: dict[tuple[str, str], list[PemangkuJabatan]] = defaultdict(list)  # (kode, jenis)
        for pj in self.db_pemangku:
            kode = jab_id_ke_kode.get(pj.jabatan_id)
            nip = peg_id_ke_nip.get(pj.pegawai_id)
            if nip:
                terbuka_pegawai[(nip, pj.jenis)].append(pj)
            if kode:
                terbuka_jabatan[(kode, pj.jenis)].append(pj)
        tutup: dict[int, PemangkuJabatan] = {}
        baru: list[dict] = []
        tetap = 0

        def akhiri(pj: PemangkuJabatan, mulai: datetime.date, no: int) -> None:
            if pj.pk in tutup:
                return
            if pj.mulai >= mulai:
                self.salah(no, "mulai", _("Tanggal mulai %(m)s harus setelah tanggal mulai pemangku yang sedang "
                                          "menjabat (%(l)s, jabatan %(j)s).")
                           % {"m": mulai.isoformat(), "l": pj.mulai.isoformat(), "j": jab_id_ke_kode.get(pj.jabatan_id, "?")})
                return
            pj.selesai = mulai - datetime.timedelta(days=1)
            tutup[pj.pk] = pj

        for p in self.penempatan:
            kode = p["jabatan"]
            if kode not in self.jab:
                continue
            j = self.jab[kode]
            tunggal = j["jenis"] in STRUKTURAL or j["kepala_unit"] or j["jenis"] == JenisJabatan.KEPALA_DAERAH
            sama = [pj for pj in terbuka_pegawai.get((p["nip"], p["jenis"]), [])
                    if jab_id_ke_kode.get(pj.jabatan_id) == kode]
            if sama:
                tetap += 1
                continue
            if p["jenis"] == JenisPemangku.DEFINITIF:
                for pj in terbuka_pegawai.get((p["nip"], p["jenis"]), []):
                    akhiri(pj, p["mulai"], p["baris"])
            if tunggal or p["jenis"] != JenisPemangku.DEFINITIF:
                for pj in terbuka_jabatan.get((kode, p["jenis"]), []):
                    if peg_id_ke_nip.get(pj.pegawai_id) != p["nip"]:
                        akhiri(pj, p["mulai"], p["baris"])
            baru.append(p)
        r["pemangku_baru"], r["pemangku_tutup"], r["pemangku_tetap"] = baru, list(tutup.values()), tetap
        # placements
        kd_terbuka: dict[str, list[Kedudukan]] = defaultdict(list)
        for kd in self.db_kedudukan:
            nip = peg_id_ke_nip.get(kd.pegawai_id)
            if nip:
                kd_terbuka[nip].append(kd)
        kd_baru, kd_tutup, kd_tetap = [], [], 0
        for p in self.penempatan:
            if p["jenis"] != JenisPemangku.DEFINITIF or p["jabatan"] not in self.jab:
                continue
            lama = kd_terbuka.get(p["nip"], [])
            if self.jab[p["jabatan"]]["jenis"] not in (JenisJabatan.FUNGSIONAL, JenisJabatan.PELAKSANA):
                # promoted to a structural position: the placement under a PPK ends
                kd_tutup.extend(k for k in lama if k.mulai < p["mulai"] and not setattr(
                    k, "selesai", p["mulai"] - datetime.timedelta(days=1)))
                continue
            if not p["ppk"]:
                continue
            if any(jab_id_ke_kode.get(k.jabatan_ppk_id) == p["ppk"]
                   and (jab_id_ke_kode.get(k.jabatan_pimpinan_id) if k.jabatan_pimpinan_id else "") == p["pimpinan"]
                   for k in lama):
                kd_tetap += 1
                continue
            for k in lama:
                if k.mulai >= p["mulai"]:
                    self.salah(p["baris"], "mulai", _("Tanggal mulai %(m)s harus setelah tanggal mulai kedudukan yang "
                                                      "berlaku (%(l)s).") % {"m": p["mulai"].isoformat(), "l": k.mulai.isoformat()})
                    continue
                k.selesai = p["mulai"] - datetime.timedelta(days=1)
                kd_tutup.append(k)
            kd_baru.append(p)
        r["kedudukan_baru"], r["kedudukan_tutup"], r["kedudukan_tetap"] = kd_baru, kd_tutup, kd_tetap


def _cari_siklus(induk: dict[str, str]) -> list[list[str]]:
    """Cycles in a functional graph node -> parent (each cycle once, in walk order)."""
    status: dict[str, int] = {}  # 1 = on current path, 2 = done
    hasil = []
    for awal in induk:
        if status.get(awal):
            continue
        jalur, x = [], awal
        while x and not status.get(x):
            status[x] = 1
            jalur.append(x)
            x = induk.get(x, "")
        if x and status.get(x) == 1:
            hasil.append(jalur[jalur.index(x):])
        for y in jalur:
            status[y] = 2
    return hasil


def _ringkas(rencana: Rencana, r: dict, pemeriksa: _Pemeriksa) -> None:
    pd_tetap = len(pemeriksa.pd) - len(r["pd_baru"]) - len(r["pd_ubah"])
    rencana.ringkasan = {
        "perangkat_daerah": {"baru": len(r["pd_baru"]), "diubah": len(r["pd_ubah"]), "tetap": pd_tetap},
        "unit": {"baru": len(r["unit_baru"]), "diubah": len(r["unit_ubah"]),
                 "tetap": len(pemeriksa.unit) - len(r["unit_baru"]) - len(r["unit_ubah"])},
        "jabatan": {"baru": len(r["jabatan_baru"]), "diubah": len(r["jabatan_ubah"]),
                    "tetap": len(pemeriksa.jabatan) - len(r["jabatan_baru"]) - len(r["jabatan_ubah"])},
        "pegawai": {"baru": len(r["pegawai_baru"]), "diubah": len(r["pegawai_ubah"]),
                    "tetap": len(pemeriksa.pegawai) - len(r["pegawai_baru"]) - len(r["pegawai_ubah"])},
        "pemangku": {"baru": len(r["pemangku_baru"]), "diakhiri": len(r["pemangku_tutup"]), "tetap": r["pemangku_tetap"]},
        "kedudukan": {"baru": len(r["kedudukan_baru"]), "diakhiri": len(r["kedudukan_tutup"]),
                      "tetap": r["kedudukan_tetap"]},
    }

    def s(daftar, fn):
        return [fn(x) for x in daftar[:SAMPEL]]

    rencana.sampel = {
        "perangkat_daerah": s(r["pd_baru"], lambda x: {"aksi": "baru", "kode": x[0], **x[1]})
        + s(r["pd_ubah"], lambda x: {"aksi": "diubah", "kode": x[0], **x[1]}),
        "unit": s(r["unit_baru"], lambda x: {"aksi": "baru", "kode": x[0], **x[1]})
        + s(r["unit_ubah"], lambda x: {"aksi": "diubah", "kode": x[0], **x[1]}),
        "jabatan": s(r["jabatan_baru"], lambda x: {"aksi": "baru", "kode": x[0], **x[1]})
        + s(r["jabatan_ubah"], lambda x: {"aksi": "diubah", "kode": x[0], **x[1]}),
        "pegawai": s(r["pegawai_baru"], lambda x: {"aksi": "baru", "nip": x[0], **x[1]})
        + s(r["pegawai_ubah"], lambda x: {"aksi": "diubah", "nip": x[0], **x[1]}),
        "pemangku": s(r["pemangku_baru"], lambda p: {"aksi": "baru", "baris": p["baris"], "nip": p["nip"],
                                                     "jabatan": p["jabatan"], "jenis": p["jenis"],
                                                     "mulai": p["mulai"].isoformat()}),
        "kedudukan": s(r["kedudukan_baru"], lambda p: {"aksi": "baru", "baris": p["baris"], "nip": p["nip"],
                                                       "ppk": p["ppk"], "pimpinan": p["pimpinan"]}),
    }


# --------------------------------------------------------------------------- public: dry run


def _siapkan(berkas, nama_berkas, baris):
    if baris is not None:
        return None, [b if isinstance(b, Baris) else Baris(i + 2, {k: _sel(v) for k, v in b.items()})
                      for i, b in enumerate(baris)]
    return baca_berkas(berkas, nama_berkas)


def impor_periksa(*, instansi: Instansi, actor=None, berkas=None, nama_berkas: str = "",
                  baris: list | None = None, tanggal: datetime.date | None = None,
                  progres: Callable[[int], None] | None = None) -> Rencana:
    """Dry run. Give a file (``berkas``: path/bytes/file object, ``nama_berkas`` for its type)
    or already-read ``baris`` (list of dicts by column or ``Baris``). ``actor`` None means the
    system (no permission check). ``tanggal`` is the default ``mulai``. Writes nothing.

    ``progres`` is called with a percentage 0–60 as validation advances."""
    try:
        header, daftar = _siapkan(berkas, nama_berkas, baris)
    except ValidationError as exc:
        rencana = Rencana(instansi=instansi, tanggal=tanggal or timezone.localdate())
        rencana.kesalahan.append(Kesalahan(0, "", " ".join(exc.messages)))
        return rencana
    return _periksa(instansi=instansi, actor=actor, header=header, daftar=daftar,
                    tanggal=tanggal or timezone.localdate(), progres=progres)


def _periksa(*, instansi, actor, header, daftar, tanggal, progres) -> Rencana:
    rencana = Rencana(instansi=instansi, tanggal=tanggal, total_baris=len(daftar))
    p = _Pemeriksa(instansi=instansi, actor=actor, baris=daftar, header=header, tanggal=tanggal, progres=progres)
    p.periksa_header()
    if not daftar:
        p.salah(0, "", _("Berkas tidak berisi baris data."))
    p.periksa_baris()
    p.muat_basis_data()
    p.periksa_pd()
    p.periksa_unit()
    p.periksa_jabatan()
    p.periksa_penempatan()
    r = p.susun_rencana()
    if progres:
        progres(60)
    rencana.kesalahan = sorted(p.kesalahan, key=lambda k: (k.baris, KOLOM.index(k.kolom) if k.kolom in KOLOM else 99))
    _ringkas(rencana, r, p)
    rencana._rinci = (p, r)
    return rencana


# --------------------------------------------------------------------------- public: apply


def impor_terapkan(*, instansi: Instansi, actor=None, berkas=None, nama_berkas: str = "",
                   baris: list | None = None, tanggal: datetime.date | None = None,
                   progres: Callable[[int], None] | None = None, batch_size: int = BATCH) -> Rencana:
    """Validate and apply in one transaction. Raises ``ImporGagal`` (carrying the plan with every
    error) when any row is wrong; then nothing is written. Returns the applied plan.

    ``progres`` is called with a percentage 0–100 (validation up to 60, then each apply phase)."""
    progres = progres or (lambda n: None)
    with transaction.atomic():
        # Lock the instansi row: two imports into one instansi run one after the other.
        Instansi.objects.select_for_update().filter(pk=instansi.pk).first()
        rencana = impor_periksa(instansi=instansi, actor=actor, berkas=berkas, nama_berkas=nama_berkas, baris=baris,
                                tanggal=tanggal, progres=progres)
        if not rencana.sah:
            raise ImporGagal(rencana)
        _terapkan(rencana, progres=progres, batch_size=batch_size)
        return rencana


def _pg_copy() -> bool:
    """PostgreSQL through psycopg2: new rows go in with COPY (ids drawn from the sequences first)."""
    return connection.vendor == "postgresql" and hasattr(connection.connection.cursor(), "copy_expert")


def _beri_id(model, objs: list) -> None:
    """PostgreSQL: draw primary keys from the table's sequence so that rows can reference each
    other (unit parents) before they are inserted; FKs are DEFERRABLE INITIALLY DEFERRED."""
    if not objs or not _pg_copy():
        return
    with connection.cursor() as cur:
        cur.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [model._meta.db_table, len(objs)])
        for o, (pk,) in zip(objs, cur.fetchall()):
            o.pk = pk


def _teks_copy(v) -> str:
    if v is None:
        return "\\N"
    if v is True:
        return "t"
    if v is False:
        return "f"
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    v = str(v)
    if "\\" in v or "\t" in v or "\n" in v or "\r" in v:
        v = v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return v


def _sisipkan(model, objs: list, *, batch_size: int, now, kunci: str = "kode") -> None:
    """Insert new rows: COPY on PostgreSQL (the bulk of a 20,000-row import), bulk_create elsewhere.
    Without preset ids the identity column fills them; they are read back by ``kunci`` (one query)."""
    if not objs:
        return
    if not _pg_copy():
        model.objects.bulk_create(objs, batch_size=batch_size)
        return
    fields = model._meta.concrete_fields
    dengan_id = objs[0].pk is not None
    if not dengan_id:
        fields = [f for f in fields if not f.primary_key]
    attn = [f.attname for f in fields]
    waktu = [a for a in ("created_at", "updated_at") if a in attn]
    buf = io.StringIO()
    for o in objs:
        for a in waktu:
            setattr(o, a, now)
        d = o.__dict__
        buf.write("\t".join([_teks_copy(d[a]) for a in attn]))
        buf.write("\n")
    buf.seek(0)
    kolom = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.connection.cursor() as cur:
        cur.copy_expert(f"COPY {connection.ops.quote_name(model._meta.db_table)} ({kolom}) FROM STDIN", buf)
    if not dengan_id:
        ids = dict(model.objects.filter(instansi_id=objs[0].instansi_id).values_list(kunci, "pk"))
        for o in objs:
            o.pk = ids[getattr(o, kunci)]


def _sisipkan_dict(model, baris: list[dict], *, batch_size: int, now, kunci: str, instansi) -> dict:
    """Insert new rows given as dicts of attnames (unset fields take the model defaults); return
    {key: id}. COPY on PostgreSQL (no model instances), bulk_create elsewhere."""
    if not baris:
        return {}
    if not _pg_copy():
        objs = [model(**d) for d in baris]
        model.objects.bulk_create(objs, batch_size=batch_size)
        return {getattr(o, kunci): o.pk for o in objs}
    fields = [f for f in model._meta.concrete_fields if not f.primary_key and f.attname not in ("created_at", "updated_at")]
    bawaan = {f.attname: f.get_default() for f in fields}
    attn = [f.attname for f in fields]
    _sisipkan_nilai(model, attn, [tuple([d[a] if a in d else bawaan[a] for a in attn]) for d in baris],
                    batch_size=batch_size, now=now)
    kunci_baru = {d[kunci] for d in baris}
    return {k: pk for k, pk in model.objects.filter(instansi=instansi).values_list(kunci, "pk") if k in kunci_baru}


def _analyze(*models) -> None:
    """PostgreSQL: refresh planner statistics after a bulk load (as its docs advise after COPY)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            for m in models:
                cur.execute(f"ANALYZE {connection.ops.quote_name(m._meta.db_table)}")


def _sisipkan_nilai(model, attnames: list[str], nilai: list[tuple], *, batch_size: int, now) -> None:
    """Insert rows given as tuples (no model instances on PostgreSQL: the large link tables)."""
    if not nilai:
        return
    if not _pg_copy():
        model.objects.bulk_create([model(**dict(zip(attnames, t))) for t in nilai], batch_size=batch_size)
        return
    waktu = [a for a in ("created_at", "updated_at") if any(f.attname == a for f in model._meta.concrete_fields)]
    ekor = "".join("\t" + now.isoformat() for _a in waktu)
    buf = io.StringIO()
    for t in nilai:  # ids come from the identity column
        buf.write("\t".join([_teks_copy(v) for v in t]) + ekor + "\n")
    buf.seek(0)
    kolom = ", ".join(connection.ops.quote_name(model._meta.get_field(a).column) for a in [*attnames, *waktu])
    with connection.connection.cursor() as cur:
        cur.copy_expert(f"COPY {connection.ops.quote_name(model._meta.db_table)} ({kolom}) FROM STDIN", buf)


def _terapkan(rencana: Rencana, *, progres: Callable[[int], None], batch_size: int) -> None:
    p, r = rencana._rinci
    instansi = rencana.instansi
    now = r["now"]
    # ---- Perangkat Daerah
    pd = dict(p.db_pd)
    baru = [PerangkatDaerah(instansi=instansi, kode=k, nama=v["nama"], jenis=v["jenis"]) for k, v, _i in r["pd_baru"]]
    _sisipkan(PerangkatDaerah, baru, batch_size=batch_size, now=now)
    pd.update({o.kode: o for o in baru})
    ubah = []
    for kode, berubah in r["pd_ubah"]:
        o = pd[kode]
        for k in ("nama", "jenis"):
            if k in berubah:
                setattr(o, k, berubah[k])
        ubah.append(o)
    induk = [(k, i) for k, _v, i in r["pd_baru"] if i] + [(k, b["induk"]) for k, b in r["pd_ubah"] if "induk" in b]
    for kode, ind in induk:
        pd[kode].induk_id = pd[ind].pk if ind else None
        if pd[kode] not in ubah:
            ubah.append(pd[kode])
    for o in ubah:
        o.updated_at = now
    PerangkatDaerah.objects.bulk_update(ubah, ["nama", "jenis", "induk", "updated_at"], batch_size=batch_size)
    progres(65)
    # ---- units: create without parent, then set parents
    unit = dict(p.db_unit)
    baru = [UnitOrganisasi(instansi=instansi, perangkat_daerah=pd[v["pd"]], kode=k, nama=v["nama"], jenis=v["jenis"])
            for k, v in r["unit_baru"]]
    _beri_id(UnitOrganisasi, baru)  # PostgreSQL: ids now, so parents can be set before the insert
    unit.update({o.kode: o for o in baru})
    ubah = {}
    if baru and baru[0].pk is not None:
        for kode, v in r["unit_baru"]:
            unit[kode].parent_id = unit[v["induk"]].pk if v["induk"] else None
        _sisipkan(UnitOrganisasi, baru, batch_size=batch_size, now=now)
    else:
        UnitOrganisasi.objects.bulk_create(baru, batch_size=batch_size)
        for kode, v in r["unit_baru"]:
            if v["induk"]:
                unit[kode].parent_id = unit[v["induk"]].pk
                ubah[kode] = unit[kode]
    for kode, berubah in r["unit_ubah"]:
        o = unit[kode]
        for k in ("nama", "jenis"):
            if k in berubah:
                setattr(o, k, berubah[k])
        if "induk" in berubah:
            o.parent_id = unit[berubah["induk"]].pk if berubah["induk"] else None
        ubah[kode] = o
    for o in ubah.values():
        o.updated_at = now
    UnitOrganisasi.objects.bulk_update(list(ubah.values()), ["nama", "jenis", "parent", "updated_at"],
                                       batch_size=batch_size)
    progres(70)
    # ---- positions: first drop head flags (one-head-per-unit constraint), then create, then update
    jab = dict(p.db_jabatan)
    kolom_jab = ["unit", "nama", "jenis", "kepala_unit", "nama_jf", "kategori_jf", "jenjang", "updated_at"]

    def isi(o: Jabatan, v: dict) -> Jabatan:
        o.unit_id = unit[v["unit"]].pk if v["unit"] else None
        o.nama, o.jenis, o.kepala_unit = v["nama"], v["jenis"], bool(v["kepala_unit"])
        o.nama_jf, o.jenjang = v["nama_jf"] or "", v["jenjang"] or ""
        o.kategori_jf = JENJANG_KATEGORI.get(o.jenjang, "")
        o.updated_at = now
        return o

    lepas = [isi(jab[k], p.jab[k]) for k, b in r["jabatan_ubah"] if b.get("kepala_unit") is False]
    Jabatan.objects.bulk_update(lepas, kolom_jab, batch_size=batch_size)
    jab_id = {k: o.pk for k, o in jab.items()}
    jab_id.update(_sisipkan_dict(Jabatan, [
        {"instansi_id": instansi.pk, "kode": k, "unit_id": unit[v["unit"]].pk if v["unit"] else None,
         "nama": v["nama"], "jenis": v["jenis"], "kepala_unit": bool(v["kepala_unit"]), "nama_jf": v["nama_jf"] or "",
         "jenjang": v["jenjang"] or "", "kategori_jf": JENJANG_KATEGORI.get(v["jenjang"] or "", "")}
        for k, v in r["jabatan_baru"]], batch_size=batch_size, now=now, kunci="kode", instansi=instansi))
    lain = [isi(jab[k], p.jab[k]) for k, b in r["jabatan_ubah"] if b.get("kepala_unit") is not False]
    Jabatan.objects.bulk_update(lain, kolom_jab, batch_size=batch_size)
    progres(75)
    # ---- pegawai and competences
    peg = dict(p.db_pegawai)
    kolom_peg = _KOLOM_PEGAWAI
    peg_id = {nip: o.pk for nip, o in peg.items()}
    peg_id.update(_sisipkan_dict(Pegawai, [
        {"instansi_id": instansi.pk, "nip": nip, **{k: v[k] for k in kolom_peg if k in v}}
        for nip, v in r["pegawai_baru"]], batch_size=batch_size, now=now, kunci="nip", instansi=instansi))
    ubah = []
    for nip, berubah in r["pegawai_ubah"]:
        lama = peg[nip]
        ubah.append(Pegawai(id=lama.pk, updated_at=now, **{k: berubah.get(k, lama[k]) for k in kolom_peg}))
    Pegawai.objects.bulk_update(ubah, [*kolom_peg, "updated_at"], batch_size=batch_size)
    progres(82)
    if r["kompetensi"]:
        nama = sorted({k for daftar in r["kompetensi"].values() for k in daftar})
        Kompetensi.objects.bulk_create([Kompetensi(nama=n) for n in nama], ignore_conflicts=True, batch_size=batch_size)
        komp = {}
        for i in range(0, len(nama), _CHUNK_IN):
            komp.update(Kompetensi.objects.filter(nama__in=nama[i:i + _CHUNK_IN]).values_list("nama", "pk"))
        through = Pegawai.kompetensi.through
        lama_ids = [peg_id[n] for n in r["kompetensi"] if n in p.db_pegawai]
        for i in range(0, len(lama_ids), _CHUNK_IN):
            through.objects.filter(pegawai_id__in=lama_ids[i:i + _CHUNK_IN]).delete()
        _sisipkan_nilai(through, ["pegawai_id", "kompetensi_id"],
                        [(peg_id[n], komp[k]) for n, daftar in r["kompetensi"].items() for k in daftar],
                        batch_size=batch_size, now=now)
    progres(86)
    # ---- holders
    PemangkuJabatan.objects.bulk_update(
        [PemangkuJabatan(id=o.pk, selesai=o.selesai, updated_at=now) for o in r["pemangku_tutup"]],
        ["selesai", "updated_at"], batch_size=batch_size)
    _sisipkan_nilai(PemangkuJabatan, ["jabatan_id", "pegawai_id", "jenis", "mulai", "selesai", "nomor_sk"],
                    [(jab_id[x["jabatan"]], peg_id[x["nip"]], x["jenis"], x["mulai"], None, "")
                     for x in r["pemangku_baru"]], batch_size=batch_size, now=now)
    progres(93)
    # ---- placements
    Kedudukan.objects.bulk_update(
        [Kedudukan(id=o.pk, selesai=o.selesai, updated_at=now) for o in r["kedudukan_tutup"]],
        ["selesai", "updated_at"], batch_size=batch_size)
    _sisipkan_nilai(Kedudukan, ["pegawai_id", "jabatan_ppk_id", "jabatan_pimpinan_id", "mulai", "selesai"],
                    [(peg_id[x["nip"]], jab_id[x["ppk"]], jab_id[x["pimpinan"]] if x["pimpinan"] else None,
                      x["mulai"], None) for x in r["kedudukan_baru"]], batch_size=batch_size, now=now)
    if len(r["pegawai_baru"]) + len(r["pemangku_baru"]) + len(r["jabatan_baru"]) > 2000:
        _analyze(UnitOrganisasi, Jabatan, Pegawai, PemangkuJabatan, Kedudukan, Pegawai.kompetensi.through)
    progres(99)


# --------------------------------------------------------------------------- the ImporBagan job


def _kunci_progres(impor_id: int) -> str:
    # the DB name keeps parallel test runs sharing one Redis apart
    return f"organisasi:impor-bagan:{connection.settings_dict['NAME']}:{impor_id}:persen"


def _pelapor(impor: ImporBagan) -> Callable[[int], None]:
    total = impor.total_baris or 0
    terakhir = [-1]

    def lapor(persen: int) -> None:
        if persen == terakhir[0]:
            return
        terakhir[0] = persen
        try:
            cache.set(_kunci_progres(impor.pk), persen, timeout=3600)
        except Exception:  # progress is best effort: a cache outage must not fail the import
            logger.warning("progres impor %s tidak dapat ditulis ke cache", impor.pk, exc_info=True)
        if not connection.in_atomic_block:
            ImporBagan.objects.filter(pk=impor.pk).update(baris_diproses=total * persen // 100)

    return lapor


def _boleh_seluruh_instansi(actor, instansi: Instansi) -> bool:
    return (actor.is_superuser or actor.has_perm(permissions.PERM_KELOLA_INSTANSI)
            or actor.has_perm(permissions.PERM_KELOLA_INSTANSI, instansi))


def boleh_impor(*, actor, instansi: Instansi) -> bool:
    """May the user upload an org chart for this instansi at all (instansi-wide, or for at least
    one of its PDs; the rows are then checked PD by PD: ``kelola_perangkatdaerah`` on the PD)?"""
    if not (actor and actor.is_authenticated and actor.is_active):
        return False
    return _boleh_seluruh_instansi(actor, instansi) or permissions.pd_yang_dikelola(actor).filter(
        instansi=instansi).exists()


def impor_bagan_unggah(*, actor, instansi: Instansi, berkas, nama_berkas: str = "",
                       tanggal: datetime.date | None = None) -> ImporBagan:
    """Store the uploaded file and run the dry run; status SIAP or GAGAL_VALIDASI."""
    if not boleh_impor(actor=actor, instansi=instansi):
        raise PermissionDenied(_("Anda tidak berwenang mengimpor bagan organisasi %(i)s.") % {"i": instansi})
    nama_berkas = nama_berkas or getattr(berkas, "name", "") or "bagan.csv"
    if not nama_berkas.lower().endswith((".csv", ".xlsx")):
        raise ValidationError({"berkas": _("Jenis berkas tidak didukung: gunakan .csv atau .xlsx.")})
    impor = ImporBagan(instansi=instansi, diunggah_oleh=actor, nama_berkas=nama_berkas[-255:])
    from django.core.files.base import ContentFile

    if hasattr(berkas, "seek"):
        berkas.seek(0)
    data = berkas.read() if hasattr(berkas, "read") else berkas
    impor.berkas.save(nama_berkas.rsplit("/", 1)[-1], ContentFile(data), save=False)
    impor.save()
    rencana = impor_periksa(instansi=instansi, actor=actor, berkas=data, nama_berkas=nama_berkas, tanggal=tanggal)
    impor.total_baris = rencana.total_baris
    impor.ringkasan = {**rencana.as_dict(), "tanggal": rencana.tanggal.isoformat()}
    impor.kesalahan = [k.as_dict() for k in rencana.kesalahan]
    impor.status = StatusImpor.SIAP if rencana.sah else StatusImpor.GAGAL_VALIDASI
    impor.save(update_fields=["total_baris", "ringkasan", "kesalahan", "status", "updated_at"])
    return impor


def impor_bagan_konfirmasi(*, actor, impor_id: int) -> ImporBagan:
    """Confirm a clean dry run: status DIPROSES and the background task is queued after commit."""
    from .tasks import impor_bagan_task

    with transaction.atomic():
        impor = ImporBagan.objects.select_for_update().get(pk=impor_id)
        if impor.diunggah_oleh_id != actor.pk and not actor.is_superuser:
            raise PermissionDenied(_("Hanya pengunggah yang dapat menerapkan impor ini."))
        if impor.status != StatusImpor.SIAP:
            from inti.exceptions import KonflikError

            raise KonflikError(_("Impor berstatus %(s)s dan tidak dapat diterapkan.") % {"s": impor.get_status_display()})
        impor.status = StatusImpor.DIPROSES
        impor.baris_diproses = 0
        impor.save(update_fields=["status", "baris_diproses", "updated_at"])
        transaction.on_commit(lambda: impor_bagan_task.delay(impor.pk))
    return impor


def impor_bagan_jalankan(*, impor_id: int) -> ImporBagan:
    """Apply a confirmed import (called by the Celery task). Idempotent: only a job in DIPROSES
    runs; the data and the final status are committed together."""
    impor = ImporBagan.objects.select_related("instansi", "diunggah_oleh").get(pk=impor_id)
    if impor.status != StatusImpor.DIPROSES:
        return impor
    lapor = _pelapor(impor)
    lapor(1)
    tanggal = None
    if impor.ringkasan.get("tanggal"):
        tanggal = datetime.date.fromisoformat(impor.ringkasan["tanggal"])
    try:
        with impor.berkas.open("rb") as fh:
            data = fh.read()
        with transaction.atomic():
            rencana = impor_terapkan(instansi=impor.instansi, actor=impor.diunggah_oleh, berkas=data,
                                     nama_berkas=impor.nama_berkas, tanggal=tanggal, progres=lapor)
            impor.status = StatusImpor.SELESAI
            impor.baris_diproses = impor.total_baris = rencana.total_baris
            impor.ringkasan = {**rencana.as_dict(), "tanggal": rencana.tanggal.isoformat()}
            impor.kesalahan = []
            impor.selesai_pada = timezone.now()
            impor.save(update_fields=["status", "baris_diproses", "total_baris", "ringkasan", "kesalahan",
                                      "selesai_pada", "updated_at"])
    except ImporGagal as exc:
        # the database changed since the dry run: nothing written, report the new errors
        impor.status = StatusImpor.GAGAL
        impor.kesalahan = [k.as_dict() for k in exc.rencana.kesalahan]
        impor.selesai_pada = timezone.now()
        impor.save(update_fields=["status", "kesalahan", "selesai_pada", "updated_at"])
    except Exception as exc:  # any database error: the transaction rolled back, record why
        logger.exception("impor bagan %s gagal", impor.pk)
        impor.status = StatusImpor.GAGAL
        impor.kesalahan = [{"baris": 0, "kolom": "", "pesan": _("Gagal menerapkan impor: %(e)s") % {"e": exc}}]
        impor.selesai_pada = timezone.now()
        impor.save(update_fields=["status", "kesalahan", "selesai_pada", "updated_at"])
    finally:
        try:
            cache.delete(_kunci_progres(impor.pk))
        except Exception:
            pass
    return impor


def impor_bagan_progres(*, impor: ImporBagan) -> dict:
    """Progress of a job for the polling endpoint: the live value from the cache while the
    apply transaction runs, else the committed job row."""
    impor.refresh_from_db(fields=["status", "baris_diproses", "total_baris", "selesai_pada"])
    total = impor.total_baris
    diproses = impor.baris_diproses
    if impor.status == StatusImpor.DIPROSES:
        try:
            persen = cache.get(_kunci_progres(impor.pk))
        except Exception:
            persen = None
        if persen is not None:
            diproses = max(diproses, total * int(persen) // 100)
    selesai = impor.status in (StatusImpor.SELESAI, StatusImpor.GAGAL)
    return {
        "id": impor.pk,
        "status": impor.status,
        "status_label": impor.get_status_display(),
        "total_baris": total,
        "baris_diproses": diproses,
        "persen": int(100 * diproses / total) if total else (100 if selesai else 0),
        "selesai": selesai,
    }
