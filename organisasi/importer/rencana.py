"""Checking, phase 3 and the dry run: the plan (what will be created, changed, ended) and ``impor_periksa``."""
from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Instansi,
    JenisJabatan,
    JenisPemangku,
    JenisUnit,
    Kedudukan,
    PemangkuJabatan,
    kursi_tunggal,
)
from .format import KOLOM, SAMPEL, Kesalahan, Rencana
from .membaca import _siapkan
from .memeriksa_penempatan import _PemeriksaPenempatan

class _Pemeriksa(_PemeriksaPenempatan):
    """Phase 3: the plan (what changes), built from the checked entities."""


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
            tunggal = kursi_tunggal(jenis=j["jenis"], kepala_unit=j["kepala_unit"])
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

