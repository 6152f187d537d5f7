"""A synthetic region for tests, demos and benchmarks, in the import format (docs/format-impor.md).

``buat_baris(pegawai=N, seed=S)`` returns the rows of one flat org-chart sheet: PDs of every kind,
unit trees of one to three levels, structural positions, JF formations of every jenjang and
Pelaksana, pegawai with valid NIPs, Plt appointments, vacant seats, and placements under a PPK
that satisfy the placement-by-jenjang rule (so the file imports cleanly even into an Instansi
that enforces it). Deterministic: only ``random.Random(seed)`` is used, so the same arguments
always give byte-identical files.
"""
from __future__ import annotations

import csv
import datetime
import io
import random
import re
import zipfile
from pathlib import Path

from .importer import KOLOM

MULAI = "2024-01-02"

# PD kinds: (jenis_pd, name, head position jenis, head position name, shape)
# shape: "besar" = bidang (Administrator) with seksi (Pengawas); "kecamatan" = Administrator head with
# seksi; "kecil" = Pengawas head only; "fungsional" = JF head (Kepala Puskesmas / Kepala Sekolah).
JENIS_PD = [
    ("sekretariat_daerah", "Sekretariat Daerah", "jpt_pratama", "Sekretaris Daerah", "besar"),
    ("dinas", "Dinas Kesehatan", "jpt_pratama", "Kepala Dinas Kesehatan", "besar"),
    ("puskesmas", "UPTD Puskesmas", "fungsional", "Kepala Puskesmas", "fungsional"),
    ("badan", "Badan Perencanaan Pembangunan Daerah", "jpt_pratama", "Kepala Badan", "besar"),
    ("satuan_pendidikan", "SD Negeri", "fungsional", "Kepala Sekolah", "fungsional"),
    ("inspektorat", "Inspektorat Daerah", "jpt_pratama", "Inspektur", "besar"),
    ("kecamatan", "Kecamatan", "administrator", "Camat", "kecamatan"),
    ("kelurahan", "Kelurahan", "pengawas", "Lurah", "kecil"),
    ("sekretariat_dprd", "Sekretariat DPRD", "jpt_pratama", "Sekretaris DPRD", "besar"),
    ("rsud", "Rumah Sakit Umum Daerah", "jpt_pratama", "Direktur RSUD", "besar"),
    ("uptd", "UPTD Pengelolaan Sampah", "pengawas", "Kepala UPTD", "kecil"),
    ("satpol_pp", "Satuan Polisi Pamong Praja", "jpt_pratama", "Kepala Satuan", "besar"),
    ("skb", "Sanggar Kegiatan Belajar", "pengawas", "Kepala SKB", "kecil"),
    ("dinas", "Dinas Pendidikan", "jpt_pratama", "Kepala Dinas Pendidikan", "besar"),
    ("dinas", "Dinas Pekerjaan Umum", "jpt_pratama", "Kepala Dinas Pekerjaan Umum", "besar"),
    ("badan", "Badan Kepegawaian Daerah", "jpt_pratama", "Kepala Badan Kepegawaian", "besar"),
]
BIDANG = ["Sekretariat", "Bidang Perencanaan", "Bidang Pelayanan", "Bidang Pengendalian", "Bidang Pembinaan",
          "Bidang Sumber Daya"]
SEKSI = ["Seksi Program", "Seksi Data dan Informasi", "Seksi Pelayanan", "Seksi Evaluasi"]
JF_KEAHLIAN = ["Perencana", "Analis Kebijakan", "Pranata Komputer", "Arsiparis", "Analis SDM Aparatur",
               "Penyuluh Pertanian", "Auditor", "Pengelola Pengadaan Barang/Jasa"]
JF_KETERAMPILAN = ["Pranata Komputer", "Arsiparis", "Perawat", "Pranata Laboratorium Kesehatan",
                   "Penyuluh Pertanian", "Bidan"]
PELAKSANA = ["Pengadministrasi Perkantoran", "Pengelola Keuangan", "Pengolah Data dan Informasi",
             "Penata Layanan Operasional", "Operator Layanan Operasional"]
KOMPETENSI = ["Perencanaan", "Penganggaran", "Analisis Data", "Pengelolaan Arsip", "Pelayanan Publik",
              "Pengadaan", "Teknologi Informasi", "Kesehatan Masyarakat", "Pengawasan", "Kehumasan",
              "Statistik", "Hukum", "Kepegawaian", "Pendidikan", "Keuangan Daerah"]
NAMA_DEPAN = ["Agus", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gita", "Hendra", "Indah", "Joko", "Kurnia",
              "Lestari", "Maya", "Nur", "Oka", "Putri", "Rahmat", "Sari", "Teguh", "Utami", "Wahyu", "Yanti",
              "Zainal", "Ayu", "Bayu", "Dian", "Fajar", "Hadi", "Intan", "Rina"]
NAMA_BELAKANG = ["Santoso", "Wijaya", "Saputra", "Lestari", "Hidayat", "Pratama", "Nugroho", "Kusuma",
                 "Siregar", "Nasution", "Harahap", "Manurung", "Tanjung", "Lubis", "Setiawan", "Rahman",
                 "Suryani", "Purnomo", "Halim", "Gunawan", "Ndun", "Bria", "Seran", "Nahak"]
GELAR_BELAKANG = ["", "", "S.E.", "S.Kom.", "S.Sos.", "S.T.", "S.H.", "M.Si.", "M.M.", "S.Kep.", "A.Md."]
PANGKAT = {  # golongan -> pangkat
    "II/a": "Pengatur Muda", "II/b": "Pengatur Muda Tingkat I", "II/c": "Pengatur", "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda", "III/b": "Penata Muda Tingkat I", "III/c": "Penata", "III/d": "Penata Tingkat I",
    "IV/a": "Pembina", "IV/b": "Pembina Tingkat I", "IV/c": "Pembina Utama Muda",
}
GOLONGAN = {
    "jpt_pratama": ["IV/b", "IV/c"], "administrator": ["III/d", "IV/a"], "pengawas": ["III/c", "III/d"],
    "pelaksana": ["II/a", "II/b", "II/c", "II/d", "III/a"],
    "pemula": ["II/a"], "terampil": ["II/b", "II/c", "II/d"], "mahir": ["III/a", "III/b"],
    "penyelia": ["III/c", "III/d"], "ahli_pertama": ["III/a", "III/b"], "ahli_muda": ["III/c", "III/d"],
    "ahli_madya": ["IV/a", "IV/b", "IV/c"], "ahli_utama": ["IV/c"],
}
NAMA_JENJANG = {"pemula": "Pemula", "terampil": "Terampil", "mahir": "Mahir", "penyelia": "Penyelia",
                "ahli_pertama": "Ahli Pertama", "ahli_muda": "Ahli Muda", "ahli_madya": "Ahli Madya",
                "ahli_utama": "Ahli Utama"}
KETERAMPILAN = ["pemula", "terampil", "mahir", "penyelia"]


class _Wilayah:
    def __init__(self, pegawai: int, seed: int):
        self.rng = random.Random(seed)
        self.target = pegawai
        self.rows: list[dict[str, str]] = []
        self.nip_dipakai: set[str] = set()
        self.jumlah_pegawai = 0
        self.urut = 0

    # ---- people
    def nip(self) -> str:
        rng = self.rng
        while True:
            lahir = datetime.date(rng.randint(1966, 1998), rng.randint(1, 12), rng.randint(1, 28))
            angkat = min(lahir.year + rng.randint(20, 30), 2023)
            self.urut = self.urut % 999 + 1
            nip = f"{lahir:%Y%m%d}{angkat}{rng.randint(1, 12):02d}{rng.choice('12')}{self.urut:03d}"
            if nip not in self.nip_dipakai:
                self.nip_dipakai.add(nip)
                return nip

    def orang(self, golongan_dari: str) -> dict[str, str]:
        rng = self.rng
        self.jumlah_pegawai += 1
        depan, belakang = rng.choice(NAMA_DEPAN), rng.choice(NAMA_BELAKANG)
        pppk = golongan_dari in ("pelaksana", "terampil", "ahli_pertama") and rng.random() < 0.1
        golongan = "IX" if pppk else rng.choice(GOLONGAN[golongan_dari])
        komp = rng.sample(KOMPETENSI, rng.randint(0, 3))
        nip = self.nip()
        return {
            "nip": nip, "nama": f"{depan} {belakang}",
            "gelar_depan": "dr." if golongan_dari in ("ahli_madya",) and rng.random() < 0.2 else "",
            "gelar_belakang": rng.choice(GELAR_BELAKANG), "jenis_asn": "pppk" if pppk else "pns",
            "pangkat": "" if pppk else PANGKAT[golongan], "golongan": golongan,
            "email": f"{depan}.{belakang}.{nip[-6:]}@contoh.go.id".lower(),
            "kompetensi": ";".join(sorted(komp)), "jenis_pemangku": "definitif", "mulai": MULAI,
        }

    def sisa(self) -> int:
        return self.target - self.jumlah_pegawai

    # ---- rows
    def baris(self, pd: dict, unit: dict, jabatan: dict, orang: dict | None = None, ppk: str = "",
              pimpinan: str = "", **lain) -> None:
        row = dict.fromkeys(KOLOM, "")
        row.update(pd)
        row.update(unit)
        row.update(jabatan)
        if orang:
            row.update(orang)
            row["kode_jabatan_ppk"] = ppk
            row["kode_jabatan_pimpinan"] = pimpinan
        row.update(lain)
        self.rows.append(row)

    def pejabat(self, pd, unit, jabatan, golongan_dari) -> dict | None:
        """Fill a structural seat when pegawai remain, else leave it vacant (a row without NIP)."""
        if self.sisa() <= 0:
            self.baris(pd, unit, jabatan)
            return None
        o = self.orang(golongan_dari)
        self.baris(pd, unit, jabatan, o)
        return o


def buat_baris(*, pegawai: int, seed: int = 1) -> list[dict[str, str]]:
    """The rows of a synthetic region with exactly ``pegawai`` distinct NIPs (see module doc)."""
    w = _Wilayah(pegawai, seed)
    rng = w.rng
    n_pd = max(1, min(max(len(JENIS_PD), pegawai // 150), max(1, pegawai // 12)))
    per_pd_staf = []
    for i in range(n_pd):
        jenis_pd, nama_pd, jenis_kepala, nama_kepala, bentuk = JENIS_PD[i % len(JENIS_PD)]
        ke = i // len(JENIS_PD) + 1
        kode_pd = f"PD{i + 1:03d}"
        nama = nama_pd if ke == 1 else f"{nama_pd} {ke}"
        pd = {"kode_pd": kode_pd, "nama_pd": nama, "jenis_pd": jenis_pd}
        root = {"kode_unit": f"{kode_pd}.0", "nama_unit": nama, "jenis_unit": "pimpinan", "kode_unit_induk": ""}
        kepala = {"kode_jabatan": f"{kode_pd}.0.K", "nama_jabatan": f"{nama_kepala} {nama}" if ke > 1 else nama_kepala,
                  "jenis_jabatan": jenis_kepala, "kepala_unit": "ya"}
        if jenis_kepala == "fungsional":
            nama_jf = "Dokter" if jenis_pd == "puskesmas" else "Guru"
            kepala.update({"nama_jf": nama_jf, "jenjang": "ahli_madya",
                           "nama_jabatan": f"{nama_kepala} ({nama_jf} Ahli Madya)"})
        w.pejabat(pd, root, kepala, "ahli_madya" if jenis_kepala == "fungsional" else jenis_kepala)
        # structure: list of (unit, kode jabatan kepala, jenis kepala, has pengawas below)
        simpul = [(root, kepala["kode_jabatan"], jenis_kepala)]
        kabid_seksi: list[tuple[dict, str, str, str]] = []  # (unit, kode kepala, jenis, kode atasan)
        if bentuk in ("besar", "kecamatan"):
            n_bidang = 0 if bentuk == "kecamatan" else rng.randint(2, 4)
            for b in range(n_bidang):
                u = {"kode_unit": f"{kode_pd}.{b + 1}", "nama_unit": BIDANG[b], "jenis_unit":
                     "sekretariat" if b == 0 else ("bagian" if jenis_pd == "sekretariat_daerah" else "bidang"),
                     "kode_unit_induk": root["kode_unit"]}
                j = {"kode_jabatan": f"{u['kode_unit']}.K", "nama_jabatan": f"Kepala {BIDANG[b]}",
                     "jenis_jabatan": "administrator", "kepala_unit": "ya"}
                w.pejabat(pd, u, j, "administrator")
                simpul.append((u, j["kode_jabatan"], "administrator"))
                kabid_seksi.append((u, j["kode_jabatan"], "administrator", kepala["kode_jabatan"]))
            induk_seksi = [x for x in simpul if x[2] == "administrator"] or [simpul[0]]
            for a in induk_seksi:
                for s in range(rng.randint(0, 2) if bentuk == "besar" else 2):
                    u = {"kode_unit": f"{a[0]['kode_unit']}.{s + 1}", "nama_unit": SEKSI[s],
                         "jenis_unit": "subbagian" if a[0]["jenis_unit"] in ("sekretariat", "bagian") else "seksi",
                         "kode_unit_induk": a[0]["kode_unit"]}
                    j = {"kode_jabatan": f"{u['kode_unit']}.K", "nama_jabatan": f"Kepala {SEKSI[s]}",
                         "jenis_jabatan": "pengawas", "kepala_unit": "ya"}
                    if i % 9 == 4 and s == 0 and a[2] == "administrator" and w.sisa() > 0:
                        # a vacant seat held by the superior as Plt.
                        w.baris(pd, u, j)
                        atasan = next(r for r in w.rows if r["kode_jabatan"] == a[1])
                        if atasan["nip"]:
                            plt = {k: atasan[k] for k in ("nip", "nama", "gelar_depan", "gelar_belakang")}
                            w.baris(pd, u, j, {**plt, "jenis_pemangku": "plt", "mulai": "2024-06-03"})
                    else:
                        w.pejabat(pd, u, j, "pengawas")
                    simpul.append((u, j["kode_jabatan"], "pengawas"))
        per_pd_staf.append((pd, jenis_pd, bentuk, simpul))
    # staff: JF and Pelaksana, spread evenly over the PDs
    for idx, (pd, jenis_pd, bentuk, simpul) in enumerate(per_pd_staf):
        n = w.sisa() // (len(per_pd_staf) - idx)
        formasi: dict[str, dict] = {}
        root, kode_kepala, jenis_kepala = simpul[0]
        admins = [x for x in simpul if x[2] == "administrator"]
        pengawas = [x for x in simpul if x[2] == "pengawas"]
        punya_pengawas = {a[0]["kode_unit"]: any(p[0]["kode_unit_induk"] == a[0]["kode_unit"] for p in pengawas)
                          for a in admins}
        for k in range(n):
            r = rng.random()
            if jenis_kepala == "fungsional":
                # Kepala Puskesmas / Kepala Sekolah (a JF heading a self-standing unit) appraises everyone
                unit, ppk = root, kode_kepala
                if jenis_pd == "puskesmas":
                    nama_jf, jenjang = (("Dokter", rng.choice(["ahli_pertama", "ahli_muda"])) if r < 0.2 else
                                        (rng.choice(["Perawat", "Bidan", "Pranata Laboratorium Kesehatan"]),
                                         rng.choice(KETERAMPILAN)) if r < 0.85 else (None, None))
                else:
                    nama_jf, jenjang = (("Guru", rng.choice(["ahli_pertama", "ahli_muda"])) if r < 0.85
                                        else (None, None))
            elif r < 0.04 and jenis_kepala == "jpt_pratama":
                unit, ppk = root, kode_kepala
                nama_jf, jenjang = rng.choice(JF_KEAHLIAN), rng.choice(["ahli_madya", "ahli_madya", "ahli_utama"])
            elif r < 0.25 and (admins or jenis_kepala == "administrator"):
                a = rng.choice(admins) if admins else simpul[0]
                unit, ppk = a[0], a[1]
                nama_jf, jenjang = rng.choice(JF_KEAHLIAN), "ahli_muda"
            else:
                if pengawas:
                    p = rng.choice(pengawas)
                    unit, ppk = p[0], p[1]
                elif jenis_kepala == "pengawas":
                    unit, ppk = root, kode_kepala
                else:
                    tanpa = [a for a in admins if not punya_pengawas[a[0]["kode_unit"]]]
                    a = rng.choice(tanpa) if tanpa else None
                    if a is None:
                        # every Administrator has a Pengawas below: staff go to a seksi
                        p = rng.choice(pengawas) if pengawas else simpul[0]
                        unit, ppk = p[0], p[1]
                    else:
                        unit, ppk = a[0], a[1]
                if r < 0.6:
                    nama_jf, jenjang = (rng.choice(JF_KEAHLIAN), "ahli_pertama") if r < 0.45 else (
                        rng.choice(JF_KETERAMPILAN), rng.choice(KETERAMPILAN))
                else:
                    nama_jf, jenjang = None, None
            if nama_jf:
                kunci = f"{unit['kode_unit']}|{nama_jf}|{jenjang}"
                if kunci not in formasi:
                    formasi[kunci] = {"kode_jabatan": f"{unit['kode_unit']}.F{len(formasi) + 1}",
                                      "nama_jabatan": f"{nama_jf} {NAMA_JENJANG[jenjang]}",
                                      "jenis_jabatan": "fungsional", "kepala_unit": "tidak", "nama_jf": nama_jf,
                                      "jenjang": jenjang}
                golongan_dari = jenjang
            else:
                nama_p = rng.choice(PELAKSANA)
                kunci = f"{unit['kode_unit']}|{nama_p}"
                if kunci not in formasi:
                    formasi[kunci] = {"kode_jabatan": f"{unit['kode_unit']}.P{len(formasi) + 1}",
                                      "nama_jabatan": nama_p, "jenis_jabatan": "pelaksana", "kepala_unit": "tidak"}
                golongan_dari = "pelaksana"
            jab = formasi[kunci]
            # Belu pattern: sometimes the Pimpinan Unit (who gives work) differs from the PPK
            pimpinan = ""
            if ppk != kode_kepala and k % 11 == 3 and unit.get("kode_unit_induk"):
                atasan_unit = next((x for x in simpul if x[0]["kode_unit"] == unit["kode_unit_induk"]), None)
                pimpinan = atasan_unit[1] if atasan_unit else ""
            w.baris(pd, unit, jab, w.orang(golongan_dari), ppk=ppk, pimpinan=pimpinan)
        # one vacant formation per PD (a row without NIP)
        w.baris(pd, root, {"kode_jabatan": f"{root['kode_unit']}.V", "nama_jabatan": "Analis Kebijakan Ahli Pertama",
                           "jenis_jabatan": "fungsional", "kepala_unit": "tidak", "nama_jf": "Analis Kebijakan",
                           "jenjang": "ahli_pertama"})
    return w.rows


def tulis_csv(rows: list[dict[str, str]], tujuan) -> None:
    """Write rows in the import format (UTF-8, comma separated, header row)."""
    def tulis(fh):
        wr = csv.DictWriter(fh, fieldnames=KOLOM, lineterminator="\n")
        wr.writeheader()
        wr.writerows(rows)

    if isinstance(tujuan, (str, Path)):
        with open(tujuan, "w", encoding="utf-8", newline="") as fh:
            tulis(fh)
    else:
        tulis(tujuan)


def csv_teks(rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    tulis_csv(rows, buf)
    return buf.getvalue()


def tulis_xlsx(rows: list[dict[str, str]], tujuan) -> None:
    """Write rows to an XLSX (one sheet "Bagan"); every cell is text so NIPs keep all 18 digits."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = "Bagan"
    ws.append(KOLOM)
    for c in ws[1]:
        c.font = Font(bold=True)
    for row in rows:
        ws.append([row.get(k, "") for k in KOLOM])
    for col in ws.iter_cols(min_row=1, max_row=1):
        ws.column_dimensions[col[0].column_letter].width = max(12, len(str(col[0].value)) + 2)
    for cell in ws["O"]:  # nip
        cell.number_format = "@"
    wb.properties.creator = "Sistem Kerja"
    wb.properties.created = datetime.datetime(2024, 1, 1)
    buf = io.BytesIO()
    wb.save(buf)
    # same seed, same bytes: fix the zip entry times and the "modified" stamp openpyxl sets on save
    buf.seek(0)
    keluar = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", data)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0)), data,
                         compress_type=zipfile.ZIP_DEFLATED)
    if isinstance(tujuan, (str, Path)):
        Path(tujuan).write_bytes(keluar.getvalue())
    else:
        tujuan.write(keluar.getvalue())


def baca_csv(sumber) -> list[dict[str, str]]:
    with open(sumber, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))
