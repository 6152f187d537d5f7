#!/usr/bin/env python
"""Benchmark of the two hot assignment endpoints against raw SQL returning the same page.

    DATABASE_URL=postgres://postgres@127.0.0.1:55432/sistemkerja .venv/bin/python bench/bench_penugasan.py

What it does, in a throw-away database ``<db>_bench_penugasan`` on the same server (the dev
database itself is never touched):

1. imports a synthetic region of ``--pegawai`` (20,000) pegawai through the real import path
   (``organisasi.sintetis`` + ``importer.impor_terapkan``, as ``manage.py buat_wilayah_sintetis``);
2. picks the busiest official: the holder of the position that is PPK of the most pegawai,
   and gives them a user account;
3. bulk-writes ``--penugasan`` (100,000) Penugasan rows spread over every pegawai (the busy
   official gets ``--milik`` of them) and ``--permohonan`` (20,000) requests spread over every
   structural position, ``--menunggu`` of them awaiting the busy official (not timed: this
   measures reads; the write path is covered by the test-suite);
4. times ``GET /api/penugasan/permohonan/menunggu/`` and ``GET /api/penugasan/penugasan/saya/``
   for that official through the real DRF view (authentication forced, so no session lookups;
   routing, selector, filter, pagination and serialization included), ``--ulang`` times each,
   counting the SQL queries;
5. times hand-written SQL that returns the same page (count + the same 25 rows with the same
   joined columns, including the Plt/Plh precedence rule for "awaiting my decision"; for that
   list both the best shape found - positions first, then count and page by a constant list,
   as the selector does - and a single statement with the positions as a subquery);
6. prints median and best times, the ratio and the query counts (goal: <= 3x raw SQL and
   <= 10 queries). It asserts nothing about time.
"""
from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sistemkerja.settings.local")

SQL_MENUNGGU_JABATAN = """
    SELECT pj.jabatan_id FROM organisasi_pemangkujabatan pj
    JOIN organisasi_pegawai pg ON pg.id = pj.pegawai_id
    WHERE pg.user_id = %(user)s AND pj.mulai <= %(hari)s AND (pj.selesai IS NULL OR pj.selesai >= %(hari)s)
      AND (pj.jenis = 'plh'
           OR (pj.jenis = 'plt' AND NOT EXISTS (
                SELECT 1 FROM organisasi_pemangkujabatan x WHERE x.jabatan_id = pj.jabatan_id AND x.jenis = 'plh'
                AND x.mulai <= %(hari)s AND (x.selesai IS NULL OR x.selesai >= %(hari)s)))
           OR (pj.jenis = 'definitif' AND NOT EXISTS (
                SELECT 1 FROM organisasi_pemangkujabatan x WHERE x.jabatan_id = pj.jabatan_id
                AND x.jenis IN ('plh', 'plt')
                AND x.mulai <= %(hari)s AND (x.selesai IS NULL OR x.selesai >= %(hari)s))))
"""
SQL_MENUNGGU_COUNT = f"""
    SELECT count(*) FROM penugasan_permohonanpenugasan p
    WHERE p.status = 'menunggu_keputusan' AND p.jabatan_penentu_id IN ({SQL_MENUNGGU_JABATAN})
"""
SQL_MENUNGGU_HALAMAN = f"""
    SELECT p.id, p.rute, p.status, p.langkah_ke, p.langkah_rute, p.judul, p.mulai, p.selesai, p.sifat,
           p.diajukan_pada, p.diputuskan_pada,
           pg.id, pg.nama, pg.gelar_depan, pg.gelar_belakang, pg.nip,
           jp.id, jp.nama, ua.id, ua.nama, ut.id, ut.nama, ia.id, ia.nama, it.id, it.nama, jd.id, jd.nama
    FROM penugasan_permohonanpenugasan p
    JOIN organisasi_pegawai pg ON pg.id = p.pemohon_id
    LEFT JOIN organisasi_jabatan jp ON jp.id = p.jabatan_pemohon_id
    JOIN organisasi_unitorganisasi ua ON ua.id = p.unit_asal_id
    JOIN organisasi_unitorganisasi ut ON ut.id = p.unit_tujuan_id
    JOIN organisasi_instansi ia ON ia.id = p.instansi_asal_id
    JOIN organisasi_instansi it ON it.id = p.instansi_tujuan_id
    LEFT JOIN organisasi_jabatan jd ON jd.id = p.jabatan_penentu_id
    WHERE p.status = 'menunggu_keputusan' AND p.jabatan_penentu_id IN ({SQL_MENUNGGU_JABATAN})
    ORDER BY p.diajukan_pada, p.id LIMIT 25
"""
SQL_SAYA_COUNT = """
    SELECT count(*) FROM penugasan_penugasan t JOIN organisasi_pegawai pg ON pg.id = t.pegawai_id
    WHERE pg.user_id = %(user)s
"""
SQL_SAYA_HALAMAN = """
    SELECT t.id, t.peran, t.peran_lain, t.uraian_tugas, t.mulai, t.selesai, t.sifat, t.status, t.diterima_pada,
           t.permohonan_id, pg.id, pg.nama, pg.gelar_depan, pg.gelar_belakang, pg.nip,
           i.id, i.nama, u.id, u.nama, tk.id, tk.nama
    FROM penugasan_penugasan t
    JOIN organisasi_pegawai pg ON pg.id = t.pegawai_id
    JOIN organisasi_instansi i ON i.id = t.instansi_id
    JOIN organisasi_unitorganisasi u ON u.id = t.unit_id
    LEFT JOIN penugasan_timkerja tk ON tk.id = t.tim_id
    WHERE pg.user_id = %(user)s
    ORDER BY t.mulai DESC, t.id DESC LIMIT 25
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pegawai", type=int, default=20000)
    ap.add_argument("--penugasan", type=int, default=100000)
    ap.add_argument("--permohonan", type=int, default=20000)
    ap.add_argument("--menunggu", type=int, default=400, help="requests awaiting the busy official")
    ap.add_argument("--milik", type=int, default=300, help="assignments of the busy official")
    ap.add_argument("--ulang", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--simpan", action="store_true", help="keep the benchmark database afterwards")
    args = ap.parse_args()

    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print("DATABASE_URL must point to PostgreSQL.", file=sys.stderr)
        return 2
    from urllib.parse import urlsplit

    nama_db = f"{urlsplit(os.environ['DATABASE_URL']).path.lstrip('/') or 'postgres'}_bench_penugasan"
    os.environ["DJANGO_TEST_DB_NAME"] = nama_db  # read by the settings: the throw-away database
    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)
    from django.db import connection

    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        return _jalankan(args, connection)
    finally:
        if not args.simpan:
            connection.close()
            connection.creation.destroy_test_db(nama_db, verbosity=0)


def _jalankan(args, connection) -> int:
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIRequestFactory, force_authenticate

    from organisasi import importer, services, sintetis
    from organisasi.models import STRUKTURAL, Instansi, Jabatan, Kedudukan, Pegawai, PemangkuJabatan, UnitOrganisasi
    from penugasan import apis
    from penugasan.models import Penugasan, PermohonanPenugasan, StatusPenugasan, StatusPermohonan

    User = get_user_model()
    rnd = random.Random(args.seed)
    hari = datetime.date.today()

    t = time.perf_counter()
    instansi = Instansi.objects.create(kode="bench", nama="Pemerintah Kabupaten Bench", nama_daerah="Kabupaten Bench")
    services.instansi_terapkan_preset(instansi=instansi, preset="kotabaru")
    importer.impor_terapkan(instansi=instansi, baris=sintetis.buat_baris(pegawai=args.pegawai, seed=args.seed))
    print(f"region: {Pegawai.objects.count()} pegawai, {UnitOrganisasi.objects.count()} units, "
          f"{Jabatan.objects.count()} positions (imported in {time.perf_counter() - t:.0f}s)")

    # the busiest official: holder of the position that is PPK of the most pegawai
    teratas = (Kedudukan.objects.filter(selesai__isnull=True).values("jabatan_ppk").annotate(n=Count("id"))
               .order_by("-n", "jabatan_ppk").first())
    jabatan_sibuk = Jabatan.objects.get(pk=teratas["jabatan_ppk"])
    pemangku = PemangkuJabatan.objects.filter(jabatan=jabatan_sibuk, selesai__isnull=True).select_related(
        "pegawai").order_by("jenis").first()
    sibuk = pemangku.pegawai
    user = User.objects.create(username="pejabat.sibuk")
    sibuk.user = user
    sibuk.save(update_fields=["user"])
    pembuat = User.objects.create(username="bench.pembuat")

    t = time.perf_counter()
    pegawai_ids = list(Pegawai.objects.values_list("pk", flat=True))
    units = list(UnitOrganisasi.objects.values_list("pk", flat=True))
    struktural = list(Jabatan.objects.filter(jenis__in=STRUKTURAL).values_list("pk", "unit_id"))
    struktural = [s for s in struktural if s[0] != jabatan_sibuk.pk]
    langkah = [{"kode": "keputusan_ppk_tujuan", "peran": "ppk_tujuan", "aksi": "setujui", "judul": "Keputusan PPK"}]
    status_lain = [StatusPermohonan.DISETUJUI, StatusPermohonan.DITOLAK, StatusPermohonan.MENUNGGU_KEPUTUSAN,
                   StatusPermohonan.DIBATALKAN]
    permohonan = []
    for i in range(args.permohonan):
        untuk_sibuk = i < args.menunggu
        jab, unit = (jabatan_sibuk.pk, jabatan_sibuk.unit_id) if untuk_sibuk else rnd.choice(struktural)
        status = StatusPermohonan.MENUNGGU_KEPUTUSAN if untuk_sibuk else rnd.choice(status_lain)
        mulai = hari + datetime.timedelta(days=rnd.randint(-200, 60))
        permohonan.append(PermohonanPenugasan(
            rute="penunjukan_lintas_unit", status=status, langkah_rute=langkah,
            jabatan_penentu_id=jab if status == StatusPermohonan.MENUNGGU_KEPUTUSAN else None,
            pemohon_id=rnd.choice(pegawai_ids), dibuat_oleh=pembuat, instansi_asal=instansi,
            unit_asal_id=rnd.choice(units), instansi_tujuan=instansi, unit_tujuan_id=unit or rnd.choice(units),
            judul=f"Permohonan {i}", maksud_tujuan="Bench", hasil_diharapkan="Bench", mulai=mulai,
            selesai=mulai + datetime.timedelta(days=90),
            diajukan_pada=datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=i)))
    PermohonanPenugasan.objects.bulk_create(permohonan, batch_size=5000)
    permohonan_ids = list(PermohonanPenugasan.objects.values_list("pk", flat=True))
    tugas = []
    for i in range(args.penugasan):
        pegawai_id = sibuk.pk if i < args.milik else rnd.choice(pegawai_ids)
        mulai = hari + datetime.timedelta(days=rnd.randint(-400, 60))
        tugas.append(Penugasan(
            pegawai_id=pegawai_id, permohonan_id=rnd.choice(permohonan_ids), instansi=instansi,
            unit_id=rnd.choice(units), peran="individu", uraian_tugas=f"Tugas {i}", mulai=mulai,
            selesai=mulai + datetime.timedelta(days=rnd.randint(30, 365)),
            status=StatusPenugasan.AKTIF if rnd.random() < 0.6 else StatusPenugasan.SELESAI))
    Penugasan.objects.bulk_create(tugas, batch_size=5000)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    print(f"data: {PermohonanPenugasan.objects.count()} requests ({args.menunggu} awaiting {jabatan_sibuk.nama}), "
          f"{Penugasan.objects.count()} assignments ({args.milik} of the busy official) "
          f"(written in {time.perf_counter() - t:.0f}s)")

    factory = APIRequestFactory()

    def api(view_cls, path):
        view = view_cls.as_view()

        def panggil():
            request = factory.get(path, HTTP_HOST="localhost")
            force_authenticate(request, user=user)
            response = view(request)
            response.render()
            assert response.status_code == 200, response.content[:300]
            return response
        return panggil

    def raw(sql_count, sql_halaman):
        param = {"user": user.pk, "hari": hari}

        def panggil():
            with connection.cursor() as cur:
                cur.execute(sql_count, param)
                n = cur.fetchone()[0]
                cur.execute(sql_halaman, param)
                return n, cur.fetchall()
        return panggil

    def raw_menunggu():
        """Hand-written best shape: the user's positions first, then count + page by constant list."""
        param = {"user": user.pk, "hari": hari}
        with connection.cursor() as cur:
            cur.execute(SQL_MENUNGGU_JABATAN, param)
            param["ids"] = [r[0] for r in cur.fetchall()]
            cur.execute(SQL_MENUNGGU_COUNT.replace(f"IN ({SQL_MENUNGGU_JABATAN})", "= ANY(%(ids)s)"), param)
            n = cur.fetchone()[0]
            cur.execute(SQL_MENUNGGU_HALAMAN.replace(f"IN ({SQL_MENUNGGU_JABATAN})", "= ANY(%(ids)s)"), param)
            return n, cur.fetchall()

    def ukur_bergantian(*fns):
        """Time the callables alternately (same machine load for each), after one warm-up each."""
        for fn in fns:
            fn()
        waktu = [[] for _ in fns]
        queries, hasil = [0] * len(fns), [None] * len(fns)
        for _ in range(args.ulang):
            for i, fn in enumerate(fns):
                with CaptureQueriesContext(connection) as q:
                    t0 = time.perf_counter()
                    hasil[i] = fn()
                    waktu[i].append(time.perf_counter() - t0)
                queries[i] = len(q.captured_queries)
        return [(statistics.median(w), min(w), n, h) for w, n, h in zip(waktu, queries, hasil)]

    import platform

    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        versi = cur.fetchone()[0]
    print(f"PostgreSQL {versi}, Python {platform.python_version()}, {os.cpu_count()} CPU; "
          f"median of {args.ulang} runs after one warm-up, API and SQL alternated")
    kasus = [
        ("awaiting my decision", api(apis.MenungguKeputusanApi, "/api/penugasan/permohonan/menunggu/"),
         raw_menunggu, args.menunggu),
        ("  (raw: one statement)", None, raw(SQL_MENUNGGU_COUNT, SQL_MENUNGGU_HALAMAN), args.menunggu),
        ("my assignments", api(apis.PenugasanSayaApi, "/api/penugasan/penugasan/saya/"),
         raw(SQL_SAYA_COUNT, SQL_SAYA_HALAMAN), Penugasan.objects.filter(pegawai=sibuk).count()),
    ]
    for nama, fn_api, fn_raw, harapan in kasus:
        if fn_api is None:
            [(m_raw, b_raw, q_raw, (n_raw, rows))] = ukur_bergantian(fn_raw)
            assert n_raw == harapan
            print(f"{nama:22s} raw SQL {m_raw * 1000:6.2f} ms (best {b_raw * 1000:.2f}), {q_raw} queries")
            continue
        (m_api, b_api, q_api, resp), (m_raw, b_raw, q_raw, (n_raw, rows)) = ukur_bergantian(fn_api, fn_raw)
        data = resp.data
        assert data["count"] == n_raw == harapan, (data["count"], n_raw, harapan)
        assert [r["id"] for r in data["results"]] == [r[0] for r in rows], "API and raw SQL pages differ"
        print(f"{nama:22s} API {m_api * 1000:7.2f} ms (best {b_api * 1000:.2f}), {q_api} queries | "
              f"raw SQL {m_raw * 1000:6.2f} ms (best {b_raw * 1000:.2f}), {q_raw} queries | "
              f"ratio {m_api / m_raw:.1f}x | {data['count']} rows, page of {len(rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
