"""``manage.py graf_rute > docs/penugasan.md``: the routes of every regional preset as Mermaid
state diagrams, generated from the preset data itself (``organisasi.presets.PRESETS``), so the
documentation cannot drift from what the engine walks (a test compares the committed file)."""
from __future__ import annotations

from django.core.management.base import BaseCommand

from organisasi.kedudukan import label_subjek, uraian_aturan
from organisasi.models import Preset
from organisasi.presets import KUTIPAN, PERATURAN, PRESETS
from penugasan.models import Rute

AKSI = {"setujui": "setujui", "jawab_ketersediaan": "jawab ketersediaan"}
PERAN = {
    "pimpinan_unit_asal": "Pimpinan Unit asal", "pimpinan_unit_tujuan": "Pimpinan Unit dituju",
    "ppk_asal": "PPK asal", "ppk_tujuan": "PPK dituju", "pyb_asal": "PyB asal", "pyb_tujuan": "PyB dituju",
    "sekda_asal": "Sekda asal", "kepala_pd_asal": "Kepala PD asal", "kepala_pd_tujuan": "Kepala PD dituju",
    "pegawai": "Pegawai (JF/Pelaksana) sendiri",
}
LINTAS_PD = "penunjukan_lintas_perangkat_daerah"


def _teks(s: str) -> str:
    """Label text safe inside a Mermaid quoted state name / transition label."""
    return str(s).replace('"', "'").replace(":", " -").replace(";", ",")


def _rute_aktif(data: dict) -> list[tuple[str, str]]:
    """(key in langkah_rute, title) of the routes a region following this preset can use."""
    hasil = []
    for rute in Rute:
        if rute == Rute.PENUNJUKAN_LINTAS_INSTANSI and not data["lintas_instansi_aktif"]:
            continue
        hasil.append((rute.value, str(rute.label)))
        if rute == Rute.PENUNJUKAN_LINTAS_UNIT and data["lintas_perangkat_daerah_aktif"]:
            hasil.append((LINTAS_PD, f"{rute.label} — {data['label_lintas_instansi']}"))
    return hasil


def diagram(rute: dict) -> list[str]:
    langkah = rute["langkah"]
    baris = ["```mermaid", "stateDiagram-v2", "    direction LR",
             f'    state "Draf (pengaju: {_teks(PERAN.get(rute["pengaju"], rute["pengaju"]))})" as draf',
             "    [*] --> draf"]
    if not langkah:
        baris += ["    draf --> disetujui : ajukan = ditetapkan langsung"]
    for i, s in enumerate(langkah):
        baris.append(f'    state "{i + 1}. {_teks(s["judul"])} ({_teks(PERAN.get(s["peran"], s["peran"]))})" as l{i}')
    if langkah:
        baris.append("    draf --> l0 : ajukan")
        for i, s in enumerate(langkah):
            ke = f"l{i + 1}" if i + 1 < len(langkah) else "disetujui"
            baris.append(f"    l{i} --> {ke} : {AKSI.get(s['aksi'], s['aksi'])}")
            baris.append(f"    l{i} --> ditolak : tolak (alasan wajib)")
            if s.get("boleh_dikembalikan", False):
                baris.append(f"    l{i} --> dikembalikan : kembalikan (alasan wajib)")
        if any(s.get("boleh_dikembalikan", False) for s in langkah):
            baris.append("    dikembalikan --> l0 : perbaiki lalu ajukan ulang")
    baris += ["    disetujui --> selesai : selesaikan", *(["    ditolak --> [*]"] if langkah else []),
              "    selesai --> [*]", "```"]
    return baris


def _kedudukan(aturan: dict, kutipan: dict) -> list[str]:
    """The placement-by-jenjang rules of a region (organisasi.kedudukan evaluates the same data)."""
    out = ["### Kedudukan JF dan Pelaksana menurut jenjang", ""]
    if not aturan.get("aturan"):
        return [*out, f"Bebas: di bawah JPT Pratama, Administrator atau Pengawas (`{kutipan.get('aturan_kedudukan', '')}`).",
                ""]
    out += ["| jabatan | berkedudukan | kutipan |", "|---|---|---|"]
    for a in aturan["aturan"]:
        bawaan = " *(bawaan: naskah tidak mengatur)*" if a.get("bawaan") else ""
        out.append(f"| {', '.join(label_subjek(x) for x in a['subjek'])} | {uraian_aturan(a)}{bawaan} | "
                   f"`{a['kutipan']}` |")
    return [*out, ""]


def dokumen() -> str:
    out = [
        "# Rute permohonan penugasan per preset daerah",
        "",
        "<!-- Dihasilkan oleh `python manage.py graf_rute > docs/penugasan.md` dari organisasi/presets.py;",
        "     jangan disunting manual (tes penugasan/tests/test_graf_rute.py membandingkannya). -->",
        "",
        "Setiap rute adalah daftar langkah (data di `Instansi.langkah_rute`, diisi dari preset). Mesin",
        "status `PermohonanPenugasan` menjalankan langkah satu per satu: `ajukan` menuju langkah pertama,",
        "setiap langkah diputuskan oleh pejabat yang memangku (atau Plt./Plh.) jabatan perannya pada",
        "tanggal keputusan. `tolak` dan `kembalikan` wajib disertai alasan; `kembalikan` hanya pada",
        "langkah yang `boleh_dikembalikan`. Permohonan yang dikembalikan diperbaiki oleh pemohon lalu",
        "diajukan ulang dari langkah pertama (riwayat tetap tersimpan). Pemohon dapat membatalkan",
        "permohonan selama masih draf, menunggu keputusan, atau dikembalikan (tidak digambar).",
        "",
        "Pengakhiran (`penugasan/services/pengakhiran.py`, tidak digambar): permohonan yang disetujui",
        "dinyatakan `selesai` oleh pemohon penunjukan atau Pimpinan Unit pemilik pekerjaan (atau pimpinan",
        "di atasnya); penugasan (aktif → selesai/dibatalkan) dan tim kerja (aktif → selesai/dibubarkan)",
        "diakhiri oleh Pimpinan Unit pemilik pekerjaan atau pimpinan di atasnya, dengan tanggal berakhir",
        "(bukan setelah hari ini) dan alasan (wajib untuk pembatalan dan pembubaran); penugasan anggota",
        "berakhir bersama timnya. Instansi tanpa `langkah_rute` memakai rute bawaan kode",
        "(`penugasan.services.rute.RUTE_BAWAAN`: sukarela lintas unit ke unit tujuan lebih dahulu).",
        "",
        "Singkatan: PPK = Pejabat Penilai Kinerja, PyB = Pejabat yang Berwenang, PD = Perangkat Daerah.",
        "",
    ]
    for preset, data in PRESETS.items():
        meta, kutipan = PERATURAN[preset], KUTIPAN[preset]
        out += [f"## {Preset(preset).label}", "", data["dasar_hukum"] + ".", "",
                f"Berlaku mulai {meta['berlaku_mulai'].strftime('%d-%m-%Y')} ({meta['pasal_berlaku']}); "
                "versi aturan bertanggal, lihat halaman *Aturan yang berlaku* per Instansi.", ""]
        for kunci, judul in _rute_aktif(data):
            rute = data["langkah_rute"][kunci]
            out += [f"### {judul}", "", f"Dasar: `{kutipan.get('rute.' + kunci, 'tidak diatur')}`", ""]
            if rute["langkah"]:
                out += ["| # | langkah | oleh | aksi | pasal |", "|---|---|---|---|---|"]
                for i, s in enumerate(rute["langkah"]):
                    out.append(f"| {i + 1} | {s['judul']} | {PERAN.get(s['peran'], s['peran'])} | "
                               f"{AKSI.get(s['aksi'], s['aksi'])} | {s.get('pasal') or kutipan.get('rute.' + kunci, '')} |")
                out.append("")
            out += [*diagram(rute), ""]
        out += _kedudukan(data["aturan_kedudukan"], kutipan)
    return "\n".join(out).rstrip("\n") + "\n"


class Command(BaseCommand):
    help = "Tulis diagram status (Mermaid) rute permohonan penugasan setiap preset daerah ke stdout."

    def handle(self, *args, **options):
        self.stdout.write(dokumen(), ending="")
