"""Checking, phase 2a: the file's PDs, units and positions against the database (rights, parents, cycles, heads)."""
from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from .. import permissions, services
from ..models import (
    STRUKTURAL,
    Jabatan,
    JenisJabatan,
    Kedudukan,
    Pegawai,
    PemangkuJabatan,
    PerangkatDaerah,
    UnitOrganisasi,
)
from .format import _CHUNK_IN, _KOLOM_PEGAWAI
from .memeriksa_baris import _R, _PemeriksaBaris

class _PemeriksaStruktur(_PemeriksaBaris):
    """Phase 2a: load what the database holds for the file's codes and NIPs, then check PDs, units, positions."""

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
            self._boleh_instansi = permissions.boleh_kelola_seluruh_instansi(self.actor, self.instansi)
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
            # the jenjang rules of the services (the admin's too), applied to the unsaved row
            aturan = services.aturan_jenjang_jabatan(jenis=baru["jenis"], jenjang=baru["jenjang"])
            jf = baru["jenis"] == JenisJabatan.FUNGSIONAL
            if "jenjang" in aturan and baru["jenis"] and (jf or ent.nilai.get("jenjang")):
                baris = ent.sumber.get("jenis", ent.baris) if jf else ent.sumber["jenjang"]
                self.salah(baris, "jenjang", _("Jabatan %(k)s: %(p)s") % {"k": kode, "p": aturan["jenjang"]})
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
