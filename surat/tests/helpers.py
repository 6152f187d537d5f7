"""Test helpers: a small organisation and synthetic letter contexts, built through the real
factories/services; PDF text read back with pdftotext (poppler)."""
from __future__ import annotations

import datetime
import io
import subprocess

from pypdf import PdfReader

from organisasi.selectors import pejabat_pada
from organisasi.tests.factories import bangun_pd_dua_level
from surat.services import surat_terbitkan

TANGGAL = datetime.date(2026, 11, 23)


def pdf_teks(data: bytes, *, layout: bool = False) -> str:
    perintah = ["pdftotext", *(["-layout"] if layout else []), "-", "-"]
    hasil = subprocess.run(perintah, input=data, capture_output=True, check=True)
    return hasil.stdout.decode("utf-8")


def pdf_teks_rapat(data: bytes) -> str:
    """Text with all whitespace collapsed, in both pdftotext reading orders (layout, then raw),
    so that label/value tables and wrapped cells can be searched for whole phrases."""
    return " ".join(pdf_teks(data, layout=True).split()) + "\n" + " ".join(pdf_teks(data).split())


def jumlah_halaman(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def konteks_surat_tugas(pegawai, **lain) -> dict:
    konteks = {
        "judul": "SURAT TUGAS",
        "dasar": ["Bahwa berdasarkan Pasal 9 ayat (4) Peraturan Walikota Nomor 41 Tahun 2023 perlu diberikan penugasan.",
                  "Bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menugaskan pegawai."],
        "kepada": [{"nama": pegawai.nama_lengkap, "nip": pegawai.nip, "pangkat": pegawai.pangkat_golongan,
                    "jabatan": "Perencana Ahli Muda"}],
        "peran": ["Ketua Tim Penyusunan Renstra", "Anggota Tim Evaluasi SAKIP", "Bendahara"],
        "uraian_tugas": ["Menyusun rancangan Renstra", "Mengolah data capaian kinerja"],
        "mulai": "2026-12-01",
        "selesai": "2026-12-31",
    }
    konteks.update(lain)
    return konteks


def org():
    """A Dinas with two levels plus a user acting as issuer."""
    ns = bangun_pd_dua_level(nama="Dinas Kesehatan")
    ns.actor = ns.kepala_dinas.user
    ns.pejabat_kadis = pejabat_pada(jabatan=ns.kadis, tanggal=TANGGAL)
    return ns


def terbitkan_surat_tugas(ns, *, pegawai=None, jenis="surat_tugas", tembusan=None, **konteks_lain):
    pegawai = pegawai or ns.jf_muda[0]
    return surat_terbitkan(
        jenis=jenis, instansi=ns.instansi, perangkat_daerah=ns.pd, perihal="Surat Tugas Penyusunan Renstra",
        konteks=konteks_surat_tugas(pegawai, **konteks_lain), penandatangan=ns.pejabat_kadis,
        tembusan=tembusan if tembusan is not None else ["Kepala Bidang 1", "Arsip"],
        actor=ns.actor, pihak=[pegawai], tanggal=TANGGAL,
    )



