#!/usr/bin/env python
"""Benchmark of the letters app.

    .venv/bin/python bench/bench_surat.py                       # rendering only
    DATABASE_URL=postgres://postgres@127.0.0.1:55432/sistemkerja .venv/bin/python bench/bench_surat.py

1. Rendering: N Surat Tugas (default 200) through OUR path ``surat.pdf.surat_render_pdf`` —
   Django template + fresh QR code (PNG data: URI) + the safe URL fetcher serving the fonts from
   the staticfiles finders — and, interleaved in the same run, the SAME HTML (rendered beforehand,
   untimed) through bare WeasyPrint (``HTML(string=...).write_pdf()``, default fetcher, fonts as
   file:// URLs). Prints both medians, p90 and the ratio ours/bare (goal <= 1.5x).
2. Numbering (PostgreSQL only): 8 processes issue 1,000 letters in total through the real
   ``surat_terbitkan`` (number allocation with the locked counter row + Surat row, PDF rendering
   switched off) in a throw-away database ``<db>_bench_surat``; reports duplicates and gaps
   (must be 0) and throughput.

It prints figures and asserts nothing about time.
"""
from __future__ import annotations

import argparse
import datetime
import multiprocessing
import os
import platform
import statistics
import sys
import time
import uuid
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sistemkerja.settings.local")
os.environ.setdefault("DJANGO_DEBUG", "false")


def _surat_contoh(i: int):
    """An unsaved Surat with a realistic Surat Tugas snapshot (no database needed to render)."""
    from surat.models import Surat

    return Surat(
        jenis="surat_tugas", nomor=f"800/{i + 1}/423.6/2026", nomor_urut=i + 1, tahun=2026,
        tanggal=datetime.date(2026, 11, 23), perihal="Surat Tugas Penyusunan Renstra", uuid=uuid.uuid4(),
        penandatangan_nama="dr. Siti Rahmawati, M.Kes.", penandatangan_nip="197805182005012021",
        penandatangan_pangkat="Pembina Utama Muda (IV/c)", penandatangan_jabatan="Kepala Dinas Kesehatan",
        tembusan=["Kepala Bidang Pelayanan Kesehatan", "Yang bersangkutan"],
        konteks={
            "kop": {"pemerintah": "Pemerintah Kota Pasuruan", "nama_pd": "Dinas Kesehatan",
                    "alamat": "Jl. Ir. H. Juanda No. 11, Pasuruan", "telepon": "(0343) 424 123",
                    "email": "dinkes@pasuruankota.go.id", "website": "dinkes.pasuruankota.go.id", "kode_pos": "67129"},
            "tempat": "Pasuruan",
            "dasar": ["Bahwa berdasarkan Pasal 9 ayat (4) Peraturan Walikota Nomor 41 Tahun 2023 tentang Sistem Kerja "
                      "di Lingkungan Pemerintah Kota Pasuruan untuk Penyederhanaan Birokrasi, maka perlu diberikan "
                      "penugasan kepada pejabat fungsional dan/atau pemangku jabatan pelaksana;",
                      "Bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menugaskan pegawai "
                      "sebagaimana tersebut dalam Surat Tugas ini untuk melaksanakan penugasan secara tim dan/atau "
                      "individu;"],
            "kepada": [{"nama": f"Ahmad Fauzi {i}, S.KM.", "nip": "198803122010011003", "pangkat": "Penata (III/c)",
                        "jabatan": "Epidemiolog Kesehatan Ahli Muda", "unit": "Bidang Pencegahan Penyakit"}],
            "peran": ["Ketua Tim Surveilans Penyakit", "Anggota Tim Penyusunan Renstra", "Bendahara"],
            "uraian_tugas": ["Menyusun rencana surveilans", "Mengolah dan menganalisis data kasus",
                             "Menyusun laporan bulanan kepada Kepala Bidang"],
            "mulai": "2026-12-01", "selesai": "2027-05-31",
        },
    )


def bench_render(n: int) -> None:
    import weasyprint

    from surat.pdf import surat_html, surat_render_pdf

    static = (BASE / "static").as_uri() + "/"
    contoh = [_surat_contoh(i) for i in range(n)]
    html_bare = [surat_html(s).replace('"/static/', f'"{static}') for s in contoh]  # untimed
    # warm-up (imports, font parsing caches) for both paths
    surat_render_pdf(contoh[0])
    weasyprint.HTML(string=html_bare[0]).write_pdf()
    kami, bare = [], []
    for s, html in zip(contoh, html_bare):
        t = time.perf_counter()
        pdf_kami = surat_render_pdf(s)
        kami.append(time.perf_counter() - t)
        t = time.perf_counter()
        pdf_bare = weasyprint.HTML(string=html).write_pdf()
        bare.append(time.perf_counter() - t)
    assert pdf_kami.startswith(b"%PDF") and pdf_bare.startswith(b"%PDF")

    def p90(xs):
        return sorted(xs)[int(0.9 * (len(xs) - 1))]

    mk, mb = statistics.median(kami), statistics.median(bare)
    print(f"WeasyPrint {weasyprint.__version__}, Python {platform.python_version()}, {os.cpu_count()} CPU")
    print(f"render {n} Surat Tugas: ours median {mk * 1000:.1f} ms (p90 {p90(kami) * 1000:.1f}), "
          f"bare WeasyPrint median {mb * 1000:.1f} ms (p90 {p90(bare) * 1000:.1f}); ratio {mk / mb:.2f}x "
          f"(PDF {len(pdf_kami) / 1024:.0f} KB vs {len(pdf_bare) / 1024:.0f} KB)")


def _pekerja(antrian, ids, jumlah):
    from django.contrib.auth import get_user_model
    from django.db import connections, transaction

    import surat.services as services
    from organisasi.models import Instansi, PerangkatDaerah

    connections.close_all()
    services._render_setelah_commit = lambda surat_id: None  # numbering only
    instansi = Instansi.objects.get(pk=ids["instansi"])
    pd = PerangkatDaerah.objects.get(pk=ids["pd"])
    aktor = get_user_model().objects.get(pk=ids["user"])
    nomor, waktu = [], []
    for _ in range(jumlah):
        t = time.perf_counter()
        with transaction.atomic():
            s = services.surat_terbitkan(
                jenis="surat_tugas", instansi=instansi, perangkat_daerah=pd, perihal="Bench", konteks={},
                penandatangan={"nama": "Kepala", "nip": "", "jabatan": "Kepala Dinas"}, tembusan=[], actor=aktor,
                tanggal=datetime.date(2026, 11, 23))
        waktu.append(time.perf_counter() - t)
        nomor.append(s.nomor_urut)
    connections.close_all()
    antrian.put((nomor, waktu))


def bench_nomor(total: int, proses: int) -> None:
    from urllib.parse import urlsplit

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print("numbering: skipped (set DATABASE_URL to a PostgreSQL server)")
        return
    from django.contrib.auth import get_user_model
    from django.db import connection, connections

    from organisasi.models import Instansi, PerangkatDaerah
    from surat.models import Surat

    nama_db = connection.settings_dict["TEST"]["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        instansi = Instansi.objects.create(kode="bench", nama="Pemerintah Kota Bench", nama_daerah="Kota Bench")
        pd = PerangkatDaerah.objects.create(instansi=instansi, kode="DINKES", nama="Dinas Kesehatan", jenis="dinas",
                                            kode_unit_surat="423.6")
        user = get_user_model().objects.create(username="bench")
        ids = {"instansi": instansi.pk, "pd": pd.pk, "user": user.pk}
        connections.close_all()
        ctx = multiprocessing.get_context("fork")
        antrian = ctx.Queue()
        per = [total // proses + (1 if i < total % proses else 0) for i in range(proses)]
        t0 = time.perf_counter()
        ps = [ctx.Process(target=_pekerja, args=(antrian, ids, n)) for n in per]
        for p in ps:
            p.start()
        hasil = [antrian.get(timeout=600) for _ in ps]
        for p in ps:
            p.join()
        durasi = time.perf_counter() - t0
        nomor = sorted(n for h, _w in hasil for n in h)
        waktu = sorted(w for _h, ws in hasil for w in ws)
        db = sorted(Surat.objects.values_list("nomor_urut", flat=True))
        duplikat = len(db) - len(set(db))
        celah = sorted(set(range(1, max(db) + 1)) - set(db)) if db else []
        with connection.cursor() as cur:
            cur.execute("SHOW server_version")
            versi = cur.fetchone()[0]
        print(f"PostgreSQL {versi} ({urlsplit(url).hostname}), database {nama_db}")
        print(f"numbering: {len(db)} letters from {proses} processes in {durasi:.2f}s "
              f"({len(db) / durasi:.0f}/s); per issue median {statistics.median(waktu) * 1000:.1f} ms, "
              f"max {waktu[-1] * 1000:.1f} ms; duplicates {duplikat}, gaps {len(celah)}, "
              f"range 1..{max(db) if db else 0}, reported == stored: {nomor == db}")
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(nama_db, verbosity=0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--surat", type=int, default=200, help="letters to render")
    ap.add_argument("--nomor", type=int, default=1000, help="numbers to issue in parallel")
    ap.add_argument("--proses", type=int, default=8)
    ap.add_argument("--tanpa-render", action="store_true")
    args = ap.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        from urllib.parse import urlsplit

        os.environ["DJANGO_TEST_DB_NAME"] = f"{urlsplit(url).path.lstrip('/') or 'postgres'}_bench_surat"
    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)
    if not args.tanpa_render:
        bench_render(args.surat)
    bench_nomor(args.nomor, args.proses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
