"""Demo region: two fictional governments, built through the real services.

* **Pemerintah Kabupaten Teluk Saijaan** (fictional; shaped after the Perangkat Daerah list in
  Lampiran I of Peraturan Bupati Kotabaru 68/2024, preset Kotabaru): Sekretariat Daerah with
  Asisten and Bagian, Inspektorat, Sekretariat DPRD, Bappeda, BKPSDM, BPKAD, Dinas Kesehatan,
  Dinas Pendidikan dan Kebudayaan, Dinas Kominfo, Dinas PUPR, Dinas Perhubungan, Satpol PP,
  RSUD, a Kecamatan with two Kelurahan, two UPTD Puskesmas, a Satuan Pendidikan led by a JF
  Kepala Sekolah and an SKB. The Kecamatan uses the Belu-like pattern: the Camat appraises (PPK)
  while the Sekretaris Kecamatan assigns the work (Pimpinan Unit, ``UnitOrganisasi.jabatan_pimpinan``).
* **Pemerintah Kota Gading Kencana** (fictional, preset Pasuruan): three Perangkat Daerah, for
  cross-agency routes.

The region is DATA: ``fixtures/demo/wilayah.yaml`` (the governments, their Perangkat Daerah,
unit trees, positions, staff seats and acting officials) and ``fixtures/demo/orang.yaml`` (name
parts, degrees, ranks, competences, the demo logins); this module only builds them through the
services. Every name, NIP, address and e-mail is invented. Everything is deterministic (a seeded random
generator, fixed order) and idempotent: rows are looked up by natural key (kode, NIP, username)
and holders/placements are only created when missing, so running ``muat()`` twice changes
nothing. Demo accounts share the password ``DEMO_PASSWORD`` (local demo only).
"""
from __future__ import annotations

import datetime
import functools
import random
from dataclasses import dataclass, field

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from inti import waktu

from . import permissions, selectors, services
from .models import (
    STRUKTURAL,
    Instansi,
    Jabatan,
    JenisASN,
    JenisJabatan,
    JenisPemangku,
    Jenjang,
    JENJANG_KATEGORI,
    Kedudukan,
    Kompetensi,
    Pegawai,
    PemangkuJabatan,
    PerangkatDaerah,
    UnitOrganisasi,
)

User = get_user_model()

DEMO_PASSWORD = "demo12345"
AWAL = datetime.date(2024, 1, 2)
KODE_INSTANSI = "demo-teluk-saijaan"
KODE_INSTANSI2 = "demo-gading-kencana"

J = JenisJabatan
JJ = Jenjang

# --------------------------------------------------------------------------- specification DSL


@dataclass
class Kursi:
    """A position seat spec. ``n`` holders (formation), ``peran`` names the first holder's role."""

    nama: str
    jenis: str
    nama_jf: str = ""
    jenjang: str = ""
    n: int = 1
    peran: str = ""
    kosong: bool = False  # vacant (no definitive holder)
    kompetensi: tuple[str, ...] = ()
    pppk: int = 0  # how many of the n holders are PPPK


def JF(nama_jf: str, jenjang: str, n: int = 1, peran: str = "", kompetensi: tuple[str, ...] = (), pppk: int = 0):
    return Kursi(f"{nama_jf} {Jenjang(jenjang).label}", J.FUNGSIONAL, nama_jf, jenjang, n, peran,
                 kompetensi=kompetensi, pppk=pppk)


def P(nama: str, n: int = 1, peran: str = "", kompetensi: tuple[str, ...] = (), pppk: int = 0):
    return Kursi(nama, J.PELAKSANA, n=n, peran=peran, kompetensi=kompetensi, pppk=pppk)


@dataclass
class Unit:
    nama: str
    jenis: str
    kepala: Kursi | None = None
    staf: list[Kursi] = field(default_factory=list)
    anak: list[Unit] = field(default_factory=list)
    pimpinan_anak: int | None = None  # index of the child whose head is this unit's Pimpinan Unit


@dataclass
class PD:
    kode: str
    nama: str
    singkatan: str
    jenis: str
    akar: Unit
    label_model: str = ""
    induk: str = ""
    kode_surat: str = ""
    alamat: str = ""


# --------------------------------------------------------------------------- the data (fixtures/demo/*.yaml)

FIXTURES = settings.BASE_DIR / "fixtures" / "demo"


@functools.cache
def _yaml(nama: str) -> dict:
    return yaml.safe_load((FIXTURES / nama).read_text(encoding="utf-8"))


def data_wilayah() -> dict:
    """``fixtures/demo/wilayah.yaml``: the two governments, their PDs, unit trees and staff seats."""
    return _yaml("wilayah.yaml")


def data_orang() -> dict:
    """``fixtures/demo/orang.yaml``: name parts, degrees, ranks, competences and the demo logins."""
    return _yaml("orang.yaml")


def _kursi(d: dict) -> Kursi:
    lain = dict(n=d.get("n", 1), peran=d.get("peran", ""), kompetensi=tuple(d.get("kompetensi", ())),
                pppk=d.get("pppk", 0))
    if "jf" in d:
        return JF(d["jf"], d["jenjang"], **lain)
    if "pelaksana" in d:
        return P(d["pelaksana"], **lain)
    return Kursi(d["nama"], d["jenis"], d.get("nama_jf", ""), d.get("jenjang", ""), kosong=d.get("kosong", False),
                 **lain)


def _unit(d: dict) -> Unit:
    return Unit(d["nama"], d["jenis"], _kursi(d["kepala"]) if "kepala" in d else None,
                staf=[_kursi(k) for k in d.get("staf", ())], anak=[_unit(a) for a in d.get("anak", ())],
                pimpinan_anak=d.get("pimpinan_anak"))


def _pd(d: dict) -> PD:
    return PD(d["kode"], d["nama"], d["singkatan"], d["jenis"], _unit(d["akar"]), label_model=d.get("label_model", ""),
              induk=d.get("induk", ""), kode_surat=d.get("kode_surat", ""), alamat=d.get("alamat", ""))


def region(kode_instansi: str) -> list[PD]:
    """The PDs of one demo government, as specs for the builder."""
    data = next(i for i in data_wilayah()["instansi"] if i["kode"] == kode_instansi)
    return [_pd(d) for d in data["perangkat_daerah"]]


@functools.cache
def _pangkat() -> dict[tuple[str, str], tuple[str, str]]:
    return {(p["jenis"], p["jenjang"]): (p["pangkat"], p["golongan"]) for p in data_orang()["pangkat"]}


def region_teluk_saijaan() -> list[PD]:
    return region(KODE_INSTANSI)


def region_gading_kencana() -> list[PD]:
    return region(KODE_INSTANSI2)


# --------------------------------------------------------------------------- builder


class _Pembangun:
    def __init__(self, instansi: Instansi, domain: str, kota: str, telepon: str, kode_pos: str, seed: str):
        self.instansi, self.domain, self.kota = instansi, domain, kota
        # personal addresses on a reserved domain (RFC 2606): a demo never mails real people
        self.domain_surel = domain.replace(".go.id", ".example")
        self.telepon, self.kode_pos = telepon, kode_pos
        self.rng = random.Random(seed)
        self.nip_terpakai: set[str] = set()
        self.urut = 0
        self.peran: dict[str, Pegawai] = {}
        self.jabatan_peran: dict[str, Jabatan] = {}
        self.pd: dict[str, PerangkatDaerah] = {}
        self.unit: dict[str, UnitOrganisasi] = {}
        self.staf: list[tuple[Pegawai, Jabatan, UnitOrganisasi]] = []
        self.kepala_pd: dict[str, Jabatan] = {}
        self._kompetensi: dict[str, Kompetensi] = {}
        self._cache_calon: dict[int, list[Jabatan]] = {}
        self._cache_ppk: dict[tuple[int, int], Jabatan | None] = {}
        self._cache_pimpinan: dict[int, Jabatan | None] = {}

    # ---- identities
    def nip(self, jenis: str, jenjang: str, pppk: bool) -> tuple[str, str]:
        """A valid, unique, deterministic NIP; returns (nip, sex digit)."""
        usia = {J.KEPALA_DAERAH: 55, J.JPT_PRATAMA: 52, J.ADMINISTRATOR: 48, J.PENGAWAS: 44}.get(jenis, 0) or {
            JJ.AHLI_UTAMA: 56, JJ.AHLI_MADYA: 50, JJ.AHLI_MUDA: 43, JJ.PENYELIA: 45, JJ.MAHIR: 38,
        }.get(jenjang, 32)
        while True:
            lahir = datetime.date(2024 - usia - self.rng.randint(0, 6), self.rng.randint(1, 12), self.rng.randint(1, 28))
            angkat_tahun = min(lahir.year + self.rng.randint(23, 28), 2023)
            if pppk:
                angkat_tahun = self.rng.choice((2019, 2021, 2022, 2023))
            sex = self.rng.choice("12")
            self.urut += 1
            nip = f"{lahir:%Y%m%d}{angkat_tahun}{self.rng.randint(1, 12):02d}{sex}{self.urut % 999 + 1:03d}"
            if nip not in self.nip_terpakai:
                self.nip_terpakai.add(nip)
                return nip, sex

    def nama(self, sex: str) -> str:
        o = data_orang()
        depan = self.rng.choice(o["nama_laki_laki"] if sex == "1" else o["nama_perempuan"])
        return f"{depan} {self.rng.choice(o['nama_belakang_laki_laki'] if sex == '1' else o['nama_belakang_perempuan'])}"

    def kompetensi(self, nama: str) -> Kompetensi:
        if nama not in self._kompetensi:
            self._kompetensi[nama], _ = Kompetensi.objects.get_or_create(nama=nama)
        return self._kompetensi[nama]

    def pegawai(self, kursi: Kursi, pppk: bool = False) -> Pegawai:
        nip, sex = self.nip(kursi.jenis, kursi.jenjang, pppk)
        nama = self.nama(sex)
        o = data_orang()
        gelar = o["gelar_jf"].get(kursi.nama_jf, {"depan": "", "belakang": ""})
        gelar_depan, gelar_belakang = gelar["depan"], gelar["belakang"]
        if kursi.jenis in STRUKTURAL:
            gelar_belakang = self.rng.choice(o["gelar_struktural"])
        elif kursi.jenis == J.PELAKSANA:
            gelar_belakang = self.rng.choice(o["gelar_pelaksana"])
        elif kursi.jenis == J.KEPALA_DAERAH:
            gelar_depan, gelar_belakang = o["gelar_kepala_daerah"]["depan"], o["gelar_kepala_daerah"]["belakang"]
        pangkat, golongan = _pangkat().get((kursi.jenis, kursi.jenjang), ("", ""))
        if pppk:
            pangkat, golongan = "", {J.PELAKSANA: "V"}.get(kursi.jenis, "IX")
        kompetensi = list(o["kompetensi_jf"].get(kursi.nama_jf, ())) + list(kursi.kompetensi)
        kompetensi.append(self.rng.choice(o["kompetensi_umum"]))
        email_lokal = nama.lower().replace(" ", ".") + nip[-3:]
        pegawai, dibuat = Pegawai.objects.get_or_create(nip=nip, defaults=dict(
            instansi=self.instansi, nama=nama, gelar_depan=gelar_depan, gelar_belakang=gelar_belakang,
            jenis_asn=JenisASN.PPPK if pppk else JenisASN.PNS, pangkat=pangkat, golongan=golongan,
            email=f"{email_lokal}@{self.domain_surel}",
        ))
        if dibuat:
            pegawai.kompetensi.add(*[self.kompetensi(k) for k in dict.fromkeys(kompetensi)])
        return pegawai

    # ---- structure
    def buat_pd(self, spec: PD) -> PerangkatDaerah:
        pd, _ = PerangkatDaerah.objects.get_or_create(instansi=self.instansi, kode=spec.kode, defaults=dict(
            nama=spec.nama, singkatan=spec.singkatan, jenis=spec.jenis, label_model=spec.label_model,
            induk=self.pd.get(spec.induk), alamat=spec.alamat, kota=self.kota, kode_pos=self.kode_pos,
            telepon=f"{self.telepon}{len(self.pd) + 11:02d}",
            email=f"{spec.singkatan.lower().replace(' ', '').replace('.', '')}@{self.domain}",
            website=f"{spec.kode.lower()}.{self.domain}", kode_unit_surat=spec.kode_surat,
        ))
        self.pd[spec.kode] = pd
        self.buat_unit(pd, spec.akar, None, spec.kode)
        return pd

    def buat_unit(self, pd: PerangkatDaerah, spec: Unit, parent: UnitOrganisasi | None, kode: str) -> UnitOrganisasi:
        unit, _ = UnitOrganisasi.objects.get_or_create(instansi=self.instansi, kode=kode, defaults=dict(
            perangkat_daerah=pd, nama=spec.nama, jenis=spec.jenis, parent=parent))
        self.unit[f"{pd.kode}:{spec.nama}"] = unit
        if spec.kepala is not None:
            kepala = self.kursi(unit, spec.kepala, f"{kode}.K", kepala=True)
            if parent is None:
                self.kepala_pd[pd.kode] = kepala
        for i, kursi in enumerate(spec.staf, start=1):
            self.kursi(unit, kursi, f"{kode}.{i:02d}")
        anak = [self.buat_unit(pd, a, unit, f"{kode}.{i}") for i, a in enumerate(spec.anak, start=1)]
        if spec.pimpinan_anak is not None and unit.jabatan_pimpinan_id is None:
            unit.jabatan_pimpinan = selectors.jabatan_kepala(unit=anak[spec.pimpinan_anak])
            unit.save(update_fields=["jabatan_pimpinan", "updated_at"])
        return unit

    def kursi(self, unit: UnitOrganisasi, kursi: Kursi, kode: str, kepala: bool = False) -> Jabatan:
        nama = kursi.nama.replace("{pd}", unit.perangkat_daerah.nama)  # "Sekretaris Dinas Kesehatan"
        if kepala and kursi.jenis == J.FUNGSIONAL:
            nama = f"{kursi.nama} selaku Kepala {unit.nama}"
        jabatan, _ = Jabatan.objects.get_or_create(instansi=self.instansi, kode=kode, defaults=dict(
            unit=unit, nama=nama, jenis=kursi.jenis, kepala_unit=kepala, nama_jf=kursi.nama_jf,
            kategori_jf=JENJANG_KATEGORI[kursi.jenjang] if kursi.jenjang else "", jenjang=kursi.jenjang))
        if kursi.peran:
            self.jabatan_peran[kursi.peran] = jabatan
        if kursi.kosong:
            return jabatan
        for i in range(kursi.n):
            pegawai = self.pegawai(kursi, pppk=i >= kursi.n - kursi.pppk)
            self.angkat(pegawai, jabatan)
            if i == 0 and kursi.peran:
                self.peran[kursi.peran] = pegawai
            if kursi.jenis in (J.FUNGSIONAL, J.PELAKSANA):
                self.staf.append((pegawai, jabatan, unit))
        return jabatan

    def angkat(self, pegawai: Pegawai, jabatan: Jabatan, jenis: str = JenisPemangku.DEFINITIF,
               mulai: datetime.date = AWAL, selesai: datetime.date | None = None) -> None:
        if not PemangkuJabatan.objects.filter(jabatan=jabatan, pegawai=pegawai, jenis=jenis).exists():
            services.pemangku_tetapkan(jabatan=jabatan, pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai)

    # ---- placements
    def _calon_ppk(self, unit: UnitOrganisasi) -> list[Jabatan]:
        """Heads from the unit upwards (nearest first), then the head of the parent PD."""
        if unit.pk not in self._cache_calon:
            self._cache_calon[unit.pk] = self._hitung_calon_ppk(unit)
        return self._cache_calon[unit.pk]

    def _hitung_calon_ppk(self, unit: UnitOrganisasi) -> list[Jabatan]:
        leluhur = list(UnitOrganisasi.objects.ancestors(unit, include_self=True).with_tree_fields())
        leluhur.sort(key=lambda u: -u.tree_depth)
        kepala = {j.unit_id: j for j in Jabatan.objects.filter(unit__in=leluhur, kepala_unit=True)}
        calon = [kepala[u.pk] for u in leluhur if u.pk in kepala]
        pd = unit.perangkat_daerah
        if pd.induk_id and pd.induk.kode in self.kepala_pd:
            calon.append(self.kepala_pd[pd.induk.kode])
        return calon

    def tempatkan_semua(self) -> None:
        """Place every JF/Pelaksana under the nearest head the instansi's jenjang rule allows;
        the unit's Pimpinan stays the unit head when the PPK is higher up (Belu's patterns)."""
        sudah = set(Kedudukan.objects.filter(pegawai__instansi=self.instansi).values_list("pegawai_id", flat=True))
        for pegawai, jabatan, unit in self.staf:
            if pegawai.pk in sudah:
                continue
            calon = self._calon_ppk(unit)
            if jabatan.kepala_unit:  # a JF heading a Puskesmas/school is placed under the Dinas head
                calon = calon[1:]
            kunci = (jabatan.pk, unit.pk)
            if kunci not in self._cache_ppk:  # same seat, same answer: ask the rule once
                self._cache_ppk[kunci] = next((
                    k for k in calon
                    if not (k.jenis == J.FUNGSIONAL and not k.kepala_unit) and (
                        services.kedudukan_pelanggaran(aturan_kedudukan=self.instansi.aturan_kedudukan,
                                                       jabatan_pegawai=jabatan, jabatan_ppk=k) is None)
                ), None)
            ppk = self._cache_ppk[kunci]
            if ppk is None:
                continue
            if unit.pk not in self._cache_pimpinan:
                self._cache_pimpinan[unit.pk] = selectors.jabatan_pimpinan_unit(unit=unit)
            pimpinan = self._cache_pimpinan[unit.pk] if not jabatan.kepala_unit else None
            if pimpinan is not None and pimpinan.pk == ppk.pk:
                pimpinan = None
            services.kedudukan_tetapkan(pegawai=pegawai, jabatan_ppk=ppk, jabatan_pimpinan=pimpinan, mulai=AWAL)


# --------------------------------------------------------------------------- accounts


def peran_demo() -> list[tuple[str, str, str]]:
    """(username, role label, key in the pegawai roles or "" for non-person accounts)."""
    return [(a["username"], a["peran"], a["pegawai"]) for a in data_orang()["akun"]]


def _akun(username: str, pegawai: Pegawai | None, superuser: bool = False):
    user, dibuat = User.objects.get_or_create(username=username)
    if dibuat or not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)  # hashing is slow: only for new accounts
    if superuser:
        user.is_superuser = user.is_staff = True
    if pegawai is not None:
        bagian = pegawai.nama.split(" ", 1)
        user.first_name, user.last_name = bagian[0], (bagian[1] if len(bagian) > 1 else "")
        user.email = pegawai.email
    user.save()
    if pegawai is not None and pegawai.user_id != user.pk:
        Pegawai.objects.filter(user=user).exclude(pk=pegawai.pk).update(user=None)
        pegawai.user = user
        pegawai.save(update_fields=["user", "updated_at"])
    return user


# --------------------------------------------------------------------------- entry point


def _instansi(kode: str, nama: str, jenis: str, nama_daerah: str, ibu_kota: str, preset: str) -> Instansi:
    instansi, dibuat = Instansi.objects.get_or_create(kode=kode, defaults=dict(
        nama=nama, jenis=jenis, nama_daerah=nama_daerah, ibu_kota=ibu_kota))
    if dibuat or instansi.preset != preset:
        services.instansi_terapkan_preset(instansi=instansi, preset=preset)
    return instansi


def _kepala_daerah(b: _Pembangun, data: dict) -> Jabatan:
    jabatan, _ = Jabatan.objects.get_or_create(instansi=b.instansi, kode="KDH", defaults=dict(
        unit=None, nama=data["nama"], jenis=J.KEPALA_DAERAH))
    pegawai = b.pegawai(Kursi(data["nama"], J.KEPALA_DAERAH))
    b.angkat(pegawai, jabatan, mulai=data["mulai"])
    b.peran[data["peran"]] = pegawai
    return jabatan


def _pegawai_jabatan(kode: str, instansi: Instansi) -> Pegawai:
    return PemangkuJabatan.objects.filter(jabatan__instansi=instansi, jabatan__kode=kode,
                                          jenis=JenisPemangku.DEFINITIF).order_by("-mulai").first().pegawai


def _pelaksana_tugas(b: _Pembangun, data: dict) -> None:
    """A Plt/Plh from the data: the definitive holder of ``pemangku_dari`` acts for ``jabatan``. Dates
    relative to today (``*_relatif_hari``) are set once: a later run keeps the first."""
    jabatan = Jabatan.objects.get(instansi=b.instansi, kode=data["jabatan"])
    mulai, selesai = data.get("mulai"), data.get("selesai")
    if "mulai_relatif_hari" in data:
        if PemangkuJabatan.objects.filter(jabatan=jabatan, jenis=data["jenis"]).exists():
            return
        hari_ini = waktu.hari_ini()
        mulai = hari_ini + datetime.timedelta(days=data["mulai_relatif_hari"])
        selesai = hari_ini + datetime.timedelta(days=data["selesai_relatif_hari"])
    b.angkat(_pegawai_jabatan(data["pemangku_dari"], b.instansi), jabatan, data["jenis"], mulai=mulai,
             selesai=selesai)


def _bangun(data: dict) -> tuple[_Pembangun, Jabatan]:
    """One demo government from its data: the Instansi, its Kepala Daerah, every PD with units,
    positions and staff, the placements, the PyB/Sekda settings and the acting officials."""
    instansi = _instansi(data["kode"], data["nama"], data["jenis"], data["nama_daerah"], data["ibu_kota"],
                         data["preset"])
    b = _Pembangun(instansi, data["domain"], data["kota"], data["telepon"], data["kode_pos"], seed=data["kode"])
    kepala_daerah = _kepala_daerah(b, data["kepala_daerah"])
    for spec in region(data["kode"]):
        b.buat_pd(spec)
    b.tempatkan_semua()
    sekda = b.kepala_pd["SETDA"]
    if instansi.jabatan_pyb_id != kepala_daerah.pk or instansi.jabatan_sekda_id != sekda.pk:
        instansi.jabatan_pyb = kepala_daerah
        instansi.jabatan_sekda = sekda
        instansi.save(update_fields=["jabatan_pyb", "jabatan_sekda", "updated_at"])
    for plt in data["pelaksana_tugas"]:
        _pelaksana_tugas(b, plt)
    return b, kepala_daerah


@transaction.atomic
def muat() -> dict:
    """Build (or complete) the demo region and accounts from ``fixtures/demo/*.yaml``; return the
    ``konteks`` for the other apps' demo loaders."""
    permissions.pastikan_grup()
    data = {i["kode"]: i for i in data_wilayah()["instansi"]}
    # region 1: Kabupaten Teluk Saijaan (preset Kotabaru); region 2: Kota Gading Kencana (preset Pasuruan)
    b1, bupati = _bangun(data[KODE_INSTANSI])
    b2, walikota = _bangun(data[KODE_INSTANSI2])
    instansi, instansi2 = b1.instansi, b2.instansi

    # ---- accounts
    pegawai_peran = {**b1.peran, **b2.peran}
    users = {}
    peran = peran_demo()
    for username, _label, kunci in peran:
        users[username] = _akun(username, pegawai_peran.get(kunci), superuser=username == "admin")
    permissions.beri_admin_instansi(users["admin.instansi"], instansi)
    permissions.beri_admin_pd(users["admin.pd"], b1.pd["DISKOMINFO"])
    permissions.beri_auditor(users["auditor"], instansi, keterangan="Inspektorat Daerah (demo)")

    return {
        "instansi": instansi,
        "instansi2": instansi2,
        "users": users,
        "pegawai": {k: v for k, v in pegawai_peran.items()},
        "jabatan": {**b1.jabatan_peran, **b2.jabatan_peran, "bupati": bupati, "pyb2": walikota},
        "pd": {**{k: v for k, v in b1.pd.items()}, **{f"{k}@2": v for k, v in b2.pd.items()}},
        "unit": {
            "pimpinan": b1.jabatan_peran["pimpinan"].unit,
            "ppk": b1.jabatan_peran["ppk"].unit,
            "pimpinan2": b2.jabatan_peran["pimpinan2"].unit,
        },
        "password": DEMO_PASSWORD,
        "peran": [(u, label) for u, label, _k in peran],
        "tanggal_mulai": AWAL,
    }
