#!/usr/bin/env python
"""Benchmark of the org-chart import against a raw PostgreSQL COPY of the same rows.

    DATABASE_URL=postgres://postgres@127.0.0.1:55432/sistemkerja .venv/bin/python bench/bench_impor.py --pegawai 20000

What it does, in a throw-away database ``<db>_bench_impor`` created on the same server (the dev
database itself is never touched):

1. generates a synthetic region with ``organisasi.sintetis`` (not timed) and writes it as CSV;
2. times the REAL import path ``importer.impor_terapkan`` on that file: read + parse + validate
   against the database + bulk apply in one transaction (commit included), into an empty
   Instansi with the placement-by-jenjang rule enforced (preset Bungo);
3. times the same import again (every row matched by key: the "nothing changed" path);
4. times a raw ``COPY ... FROM STDIN (FORMAT csv, HEADER)`` of the same CSV bytes into a staging
   table with the same 27 text columns (primary key only, no other index or FK; commit included);
5. times a raw COPY of the rows the import wrote into the same real tables (dumped with COPY TO,
   tables truncated, loaded back with COPY FROM in one transaction, commit included): the floor
   for loading this data into this schema, with its indexes and FK checks, without validation;
6. prints the times, the ratios, and the peak memory (ru_maxrss of the process; with
   ``--tracemalloc`` also Python's traced peak in a separate, slower, untimed run).

It prints figures and asserts nothing about time.
"""
from __future__ import annotations

import argparse
import io
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sistemkerja.settings.local")


TABEL_SKEMA = ["organisasi_instansi", "organisasi_perangkatdaerah", "organisasi_unitorganisasi", "organisasi_jabatan",
               "organisasi_kompetensi", "organisasi_pegawai", "organisasi_pegawai_kompetensi",
               "organisasi_pemangkujabatan", "organisasi_kedudukan"]


def _copy_ke_skema_nyata(connection) -> float:
    """Second baseline: the rows the import wrote, dumped with COPY TO, the tables emptied, and the
    same rows loaded back with COPY FROM in one transaction (same indexes, FKs checked at commit).
    That is the floor for loading this data into this schema without any validation."""
    raw = connection.connection
    dump = {}
    with raw.cursor() as cur:
        for t in TABEL_SKEMA:
            buf = io.StringIO()
            cur.copy_expert(f"COPY {t} TO STDOUT", buf)
            dump[t] = buf.getvalue()
        cur.execute(f"TRUNCATE {', '.join(TABEL_SKEMA)} CASCADE")
    raw.commit()
    t0 = time.perf_counter()
    with raw.cursor() as cur:
        for t in TABEL_SKEMA:
            cur.copy_expert(f"COPY {t} FROM STDIN", io.StringIO(dump[t]))
    raw.commit()
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pegawai", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ulang", type=int, default=1, help="repeat the timed fresh import N times (new DB each)")
    ap.add_argument("--tracemalloc", action="store_true", help="also measure Python's traced peak (extra run)")
    ap.add_argument("--simpan", action="store_true", help="keep the benchmark database afterwards")
    args = ap.parse_args()

    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print("DATABASE_URL must point to PostgreSQL (the comparison is against COPY).", file=sys.stderr)
        return 2

    from urllib.parse import urlsplit

    nama_db = f"{urlsplit(os.environ['DATABASE_URL']).path.lstrip('/') or 'postgres'}_bench_impor"
    os.environ["DJANGO_TEST_DB_NAME"] = nama_db  # read by the settings: the throw-away database
    import django

    django.setup()
    from django.db import connection
    import logging

    logging.disable(logging.WARNING)

    from organisasi import importer, services, sintetis
    from organisasi.models import Instansi, Kedudukan, Pegawai, PemangkuJabatan

    t = time.perf_counter()
    rows = sintetis.buat_baris(pegawai=args.pegawai, seed=args.seed)
    data = sintetis.csv_teks(rows).encode()
    t_gen = time.perf_counter() - t
    print(f"generated {len(rows)} rows ({args.pegawai} pegawai, {len(data) / 1e6:.1f} MB CSV) in {t_gen:.2f}s")

    hasil = []
    rss_awal = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for ke in range(args.ulang):
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            instansi = Instansi.objects.create(kode="bench", nama="Pemerintah Kabupaten Bench",
                                               nama_daerah="Kabupaten Bench")
            services.instansi_terapkan_preset(instansi=instansi, preset="kotabaru")
            fase = {}
            awal = time.perf_counter()

            def progres(persen, fase=fase, awal=awal):
                fase.setdefault(persen, time.perf_counter() - awal)

            t0, c0 = time.perf_counter(), time.process_time()
            rencana = importer.impor_terapkan(instansi=instansi, berkas=data, nama_berkas="bench.csv", progres=progres)
            t_impor, cpu_impor = time.perf_counter() - t0, time.process_time() - c0
            assert rencana.sah
            n = (Pegawai.objects.count(), PemangkuJabatan.objects.count(), Kedudukan.objects.count())
            t0 = time.perf_counter()
            rencana2 = importer.impor_terapkan(instansi=instansi, berkas=data, nama_berkas="bench.csv")
            t_ulang = time.perf_counter() - t0
            assert rencana2.ringkasan["pegawai"]["baru"] == 0
            with connection.cursor() as cur:
                kolom = ", ".join(f"{k} text" for k in importer.KOLOM)
                cur.execute(f"CREATE TABLE bench_salinan (id bigserial primary key, {kolom})")
            connection.commit() if not connection.get_autocommit() else None
            raw = connection.connection  # psycopg2 connection
            t0 = time.perf_counter()
            with raw.cursor() as cur:
                cur.copy_expert(f"COPY bench_salinan ({', '.join(importer.KOLOM)}) FROM STDIN WITH (FORMAT csv, "
                                "HEADER true)", io.BytesIO(data))
            raw.commit()
            t_copy = time.perf_counter() - t0
            with connection.cursor() as cur:
                cur.execute("SELECT count(*) FROM bench_salinan")
                n_copy = cur.fetchone()[0]
            t_skema = _copy_ke_skema_nyata(connection)
            hasil.append((t_impor, t_ulang, t_copy, fase, n, n_copy, cpu_impor, t_skema))
        finally:
            if not args.simpan:
                connection.creation.destroy_test_db(nama_db, verbosity=0)
    rss_puncak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    peak_py = None
    if args.tracemalloc:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            instansi = Instansi.objects.create(kode="bench", nama="Bench", nama_daerah="Bench")
            tracemalloc.start()
            importer.impor_terapkan(instansi=instansi, berkas=data, nama_berkas="bench.csv")
            peak_py = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        finally:
            connection.creation.destroy_test_db(nama_db, verbosity=0)

    import platform

    import psycopg2

    with psycopg2.connect(os.environ["DATABASE_URL"]) as c, c.cursor() as cur:
        cur.execute("SHOW server_version")
        versi = cur.fetchone()[0]
    print(f"PostgreSQL {versi}, Python {platform.python_version()}, {os.cpu_count()} CPU")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (other processes compete for the CPUs)")
    for i, (t_impor, t_ulang, t_copy, fase, n, n_copy, cpu, t_skema) in enumerate(hasil, 1):
        valid = fase.get(60, float("nan"))
        print(f"run {i}: import {t_impor:.2f}s wall, {cpu:.2f}s CPU of this process (parse+validate {valid:.2f}s, "
              f"apply+commit {t_impor - valid:.2f}s); re-import unchanged {t_ulang:.2f}s; COPY {t_copy:.3f}s; "
              f"ratio import/COPY {t_impor / t_copy:.1f}x, apply+commit/COPY {(t_impor - valid) / t_copy:.1f}x")
        print(f"       written: {n[0]} pegawai, {n[1]} pemangku, {n[2]} kedudukan; COPY rows {n_copy}")
        print(f"       COPY of the rows the import wrote back into the same tables (indexes, FKs): "
              f"{t_skema:.2f}s -> import/that {t_impor / t_skema:.1f}x, apply+commit/that {(t_impor - valid) / t_skema:.1f}x")
    terbaik = min(hasil, key=lambda h: h[0])
    print(f"best: import {terbaik[0]:.2f}s vs COPY {terbaik[2]:.3f}s -> {terbaik[0] / terbaik[2]:.1f}x")
    print(f"peak RSS of the process: {rss_puncak / 1024:.0f} MB (before the imports: {rss_awal / 1024:.0f} MB)")
    if peak_py is not None:
        print(f"tracemalloc peak during one import: {peak_py / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
