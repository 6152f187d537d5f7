"""Checking, phase 2b: holders and placements (one definitive seat, Plt/Plh, PPK rules, PPK chain)."""
from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .. import kedudukan, services
from ..models import (
    JENJANG_KATEGORI,
    Jabatan,
    JenisJabatan,
    JenisPemangku,
    Kedudukan,
    kursi_tunggal,
)
from .format import _CHUNK_IN
from .memeriksa_struktur import _cari_siklus, _PemeriksaStruktur

class _PemeriksaPenempatan(_PemeriksaStruktur):
    """Phase 2b: who holds which position and who sits under which PPK."""

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
                if not kursi_tunggal(jenis=j["jenis"], kepala_unit=j["kepala_unit"]):
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
            if kursi_tunggal(jenis=j["jenis"], kepala_unit=j["kepala_unit"]) and len(daftar) > 1:
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
