#!/usr/bin/env python
"""Benchmark of the auditors' exports (pemeriksaan).

    DATABASE_URL=postgres://postgres@127.0.0.1:55432/sistemkerja .venv/bin/python bench/bench_ekspor.py [--baris 100000] [--ulang 3]

In a throw-away database ``<db>_bench_ekspor`` it bulk-writes N letters (default 100,000) in one
Instansi with one person each, then, ``--ulang`` times each, alternately and each in a fresh forked
process (so peak memory is that export's own):

* **CSV, ours**: the letter register exactly as the view streams it —
  ``pemeriksaan.selectors.surat.baris_surat`` (server-side cursor in chunks of 2,000 tuples with the
  annotations and the signer's definitive-holder subquery, plus one query per chunk for the people) through
  ``pemeriksaan.ekspor.csv_potongan`` (formula neutralisation, UTF-8), hashed as the view does;
* **COPY**: PostgreSQL ``COPY (<the same SELECT>) TO STDOUT WITH CSV HEADER`` — the SQL of the
  register's main query (``register_qs``: the same joins, annotations and columns), read to the end
  through psycopg2 ``copy_expert``; it lacks the people column (one extra query per chunk of 2,000) and
  our formatting, so it is the floor, not the same output;
* **XLSX, ours**: the same rows through ``tulis_xlsx`` (openpyxl write-only mode) into a temporary file.

Peak memory is the exporting process's maximum RSS (``ru_maxrss``) minus its RSS when it started;
the run is repeated at N/10 rows to show whether it grows with N. Prints median and worst; asserts
nothing about time.
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import multiprocessing
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sistemkerja.settings.local")
os.environ.setdefault("DJANGO_DEBUG", "false")


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for baris in f:
            if baris.startswith("VmRSS:"):
                return int(baris.split()[1]) / 1024
    return 0.0


def _isi(n: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from organisasi.models import Instansi, Pegawai, PerangkatDaerah
    from surat.models import SeriNomor, Surat

    instansi = Instansi.objects.create(kode="bench", nama="Pemerintah Kota Bench", nama_daerah="Kota Bench")
    pd = PerangkatDaerah.objects.create(instansi=instansi, kode="DINKES", nama="Dinas Kesehatan", jenis="dinas",
                                        kode_unit_surat="423.6")
    seri = SeriNomor.objects.create(instansi=instansi, perangkat_daerah=pd, kode_klasifikasi="800", tahun=2026,
                                    nomor_terakhir=n)
    pegawai = Pegawai.objects.bulk_create([
        Pegawai(instansi=instansi, nip=f"19800101200501{i:04d}"[:18], nama=f"Pegawai Bench {i}")
        for i in range(1000)])
    tanggal = datetime.date(2026, 1, 1)
    through = Surat.pihak.through
    for awal in range(0, n, 5000):
        surat = Surat.objects.bulk_create([
            Surat(jenis="surat_tugas", instansi=instansi, perangkat_daerah=pd, seri=seri, nomor_urut=i + 1,
                  nomor=f"800/{i + 1}/423.6/2026", tahun=2026, tanggal=tanggal + datetime.timedelta(days=i % 360),
                  perihal=f"Surat Tugas Penyusunan Renstra {i}" if i % 50 else '=HYPERLINK("http://x")',
                  penandatangan_nama="dr. Siti Rahmawati, M.Kes.", penandatangan_nip="197805182005012021",
                  penandatangan_jabatan="Plt. Kepala Dinas Kesehatan" if i % 10 == 0 else "Kepala Dinas Kesehatan",
                  konteks={"cakupan": "dalam_unit", "mulai": "2026-02-01", "selesai": "2026-03-31",
                           "peran": ["Anggota Tim Renstra"], "dasar": ["Peraturan Walikota Nomor 41 Tahun 2023"]},
                  uuid=uuid.uuid4(), sha256="a" * 64, status="terbit")
            for i in range(awal, min(n, awal + 5000))])
        through.objects.bulk_create([through(surat_id=s.pk, pegawai_id=pegawai[s.nomor_urut % 1000].pk)
                                     for s in surat])
    user = get_user_model().objects.create(username="bench-auditor", is_superuser=True, is_staff=True)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return {"user": user.pk}


def _ukur(hasil, jenis: str, user_id: int, n: int) -> None:
    """In a forked child: one export, its time, rows, bytes and peak RSS above the start."""
    from django.contrib.auth import get_user_model
    from django.db import connection, connections

    from pemeriksaan import ekspor as penulis
    from pemeriksaan.selectors import Saringan
    from pemeriksaan.selectors import surat as reg

    connections.close_all()
    awal = _rss_mb()
    user = get_user_model().objects.get(pk=user_id)
    t0 = time.perf_counter()
    baris = ukuran = 0
    if jenis == "csv":
        h = hashlib.sha256()
        for potongan in penulis.csv_potongan(reg.KOLOM, reg.baris_surat(user, Saringan())):
            h.update(potongan)
            ukuran += len(potongan)
        baris = n
    elif jenis == "copy":
        sql, params = reg.register_qs(user, Saringan()).query.sql_with_params()
        with connection.cursor() as cur:
            select = cur.cursor.mogrify(sql, params).decode()

            class Hitung:
                def write(self, data):
                    nonlocal ukuran
                    ukuran += len(data)

            cur.cursor.copy_expert(f"COPY ({select}) TO STDOUT WITH CSV HEADER", Hitung())
        baris = n
    else:
        with tempfile.TemporaryFile() as tmp:
            baris = penulis.tulis_xlsx(tmp, reg.KOLOM, reg.baris_surat(user, Saringan()), judul="Register surat")
            ukuran = tmp.tell()
    durasi = time.perf_counter() - t0
    puncak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    hasil.put((durasi, baris, ukuran, puncak - awal, puncak))


def _jalankan(jenis: str, user_id: int, n: int) -> tuple:
    ctx = multiprocessing.get_context("fork")
    antrian = ctx.Queue()
    p = ctx.Process(target=_ukur, args=(antrian, jenis, user_id, n))
    p.start()
    r = antrian.get(timeout=3600)
    p.join()
    return r


def bench(n: int, ulang: int) -> None:
    from urllib.parse import urlsplit

    from django.db import connection, connections

    nama_db = connection.settings_dict["TEST"]["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        for jumlah in (n // 10, n):
            with connection.cursor() as cur:
                cur.execute("TRUNCATE surat_surat_pihak, surat_surat, surat_serinomor, organisasi_pegawai, "
                            "organisasi_perangkatdaerah, organisasi_instansi, auth_user CASCADE")
            t0 = time.perf_counter()
            ids = _isi(jumlah)
            print(f"\n{jumlah:,} letters written in {time.perf_counter() - t0:.1f}s")
            connections.close_all()
            ukuran = {}
            hasil: dict[str, list] = {"csv": [], "copy": [], "xlsx": []}
            for _ in range(ulang):
                for jenis in ("csv", "copy", "xlsx"):
                    d, b, u, delta, puncak = _jalankan(jenis, ids["user"], jumlah)
                    hasil[jenis].append((d, delta, puncak))
                    ukuran[jenis] = u
            for jenis, label in (("csv", "CSV, ours"), ("copy", "COPY TO STDOUT"), ("xlsx", "XLSX, ours")):
                waktu = [r[0] for r in hasil[jenis]]
                delta = [r[1] for r in hasil[jenis]]
                print(f"{label:15s} time median {statistics.median(waktu):7.2f}s worst {max(waktu):7.2f}s | "
                      f"peak RSS above start median {statistics.median(delta):6.1f} MB worst {max(delta):6.1f} MB "
                      f"(absolute worst {max(r[2] for r in hasil[jenis]):.0f} MB) | {ukuran[jenis] / 1e6:.1f} MB out")
            med = {j: statistics.median(r[0] for r in hasil[j]) for j in hasil}
            print(f"CSV / COPY = {med['csv'] / med['copy']:.2f}x (goal <= 2x); XLSX / CSV = {med['xlsx'] / med['csv']:.2f}x")
        with connection.cursor() as cur:
            cur.execute("SHOW server_version")
            print(f"\nPostgreSQL {cur.fetchone()[0]} ({urlsplit(os.environ['DATABASE_URL']).hostname}), "
                  f"Python {platform.python_version()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(nama_db, verbosity=0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baris", type=int, default=100_000)
    ap.add_argument("--ulang", type=int, default=3)
    args = ap.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print("needs PostgreSQL: set DATABASE_URL=postgres://...")
        return 2
    from urllib.parse import urlsplit

    os.environ["DJANGO_TEST_DB_NAME"] = f"{urlsplit(url).path.lstrip('/') or 'postgres'}_bench_ekspor"
    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)
    bench(args.baris, args.ulang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
