#!/usr/bin/env python
"""Benchmark of the Kinerja I pages at a PD's size: the cascade tree and the role matrix.

    .venv/bin/python bench/bench_kinerja.py [--ulang 5]                    # SQLite (local settings)
    DATABASE_URL=postgres://postgres@127.0.0.1:55432/sistemkerja .venv/bin/python bench/bench_kinerja.py

In a throw-away database it builds, through the kinerja services, a set PK with 50 indikator (10
sasaran × 5) cascaded to 5 Kabid positions, and bulk-writes 30 teams of 10 members (300) linked to
the targets, each member with a role-matrix row; then a small PD (5 indikator, 3 teams, 30
members) to show that the number of queries does not grow. Timed ``--ulang`` times each,
alternately:

* **pohon_kaskade**: ``kinerja.selectors.pohon_kaskade`` (the tree as the page reads it);
* **halaman pohon**: ``GET /kinerja/pk/<id>/kaskade/`` through the test client (session, middleware,
  selector, template, the tree picture);
* **SQL pohon**: one raw SELECT joining the same rows (sasaran → indikator → target → jabatan →
  link → team → member → pegawai → matrix row), fetched to the end: the floor, not the same output;
* **matriks_unit** / **halaman matriks** / **SQL matriks**: the same for the unit's role matrix
  (``/kinerja/unit/<id>/matriks/``: the 30 teams, 300 rows).

Prints median and worst, the query counts at both sizes, and the ratios to raw SQL (goal ≤ 3×
for the reads). Asserts only that the query count is the same at both sizes.
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sistemkerja.settings.local")
os.environ.setdefault("DJANGO_DEBUG", "false")

SQL_POHON = """
SELECT s.id, s.uraian, i.id, i.uraian, i.target_tahunan, t.id, t.nilai, j.nama, x.id, tk.id, tk.nama,
       a.id, p.nama, p.nip, b.peran, b.hasil, b.indikator, b.target_nilai, b.status
FROM kinerja_sasarankinerja s
JOIN kinerja_indikatorkinerja i ON i.sasaran_id = s.id
LEFT JOIN kinerja_targetjabatan t ON t.indikator_id = i.id
LEFT JOIN organisasi_jabatan j ON j.id = t.jabatan_id
LEFT JOIN kinerja_tautantarget x ON x.target_id = t.id
LEFT JOIN penugasan_timkerja tk ON tk.id = x.tim_id
LEFT JOIN penugasan_anggotatim a ON a.tim_id = tk.id
LEFT JOIN organisasi_pegawai p ON p.id = a.pegawai_id
LEFT JOIN kinerja_barismatriksperan b ON b.anggota_id = a.id
WHERE s.pk_kinerja_id = %s
ORDER BY s.urutan, i.urutan, t.id, tk.id, a.peran, p.nama
"""
SQL_MATRIKS = """
SELECT tk.id, tk.nama, a.id, a.peran, p.nama, p.nip, ins.nama, b.peran, b.hasil, b.indikator, b.target_nilai,
       b.satuan, b.status, b.komentar_anggota
FROM penugasan_timkerja tk
JOIN penugasan_anggotatim a ON a.tim_id = tk.id
JOIN organisasi_pegawai p ON p.id = a.pegawai_id
JOIN organisasi_instansi ins ON ins.id = p.instansi_id
LEFT JOIN kinerja_barismatriksperan b ON b.anggota_id = a.id
WHERE tk.unit_id IN (SELECT id FROM organisasi_unitorganisasi WHERE perangkat_daerah_id = %s)
ORDER BY tk.nama, tk.id, a.peran, p.nama
"""


def _bangun(n_sasaran: int, n_per_sasaran: int, n_tim: int, n_anggota: int, awalan: str) -> dict:
    """One PD: a Kepala Dinas, 5 Kabid; the PK through the services; teams and members bulk-written."""
    from organisasi.models import JenisJabatan, Pegawai, PemangkuJabatan
    from organisasi.tests.factories import JabatanFactory, UnitFactory, bangun_pd_dua_level, nip_baru, pejabat_baru
    from penugasan.models import AnggotaTim, TimKerja

    from kinerja import services
    from kinerja.models import BarisMatriksPeran, TautanTarget

    d = bangun_pd_dua_level(nama=f"Dinas {awalan}")
    jabatan_kabid = [PemangkuJabatan.objects.get(pegawai=k).jabatan for k in d.kabid]
    for i in range(3, 6):
        bidang = UnitFactory(perangkat_daerah=d.pd, parent=d.root, nama=f"Bidang {i}")
        j = JabatanFactory(unit=bidang, nama=f"Kepala Bidang {i}", jenis=JenisJabatan.ADMINISTRATOR, kepala_unit=True)
        pejabat_baru(j)
        jabatan_kabid.append(j)
    kadis = d.kepala_dinas.user
    tahun = datetime.date.today().year
    pk = services.pk_buat(actor=kadis, jabatan_id=d.kadis.pk, tahun=tahun)
    indikator = []
    for s in range(n_sasaran):
        sasaran = services.sasaran_simpan(actor=kadis, pk_id=pk.pk, uraian=f"Sasaran {s + 1} {awalan}")
        for i in range(n_per_sasaran):
            indikator.append(services.indikator_simpan(actor=kadis, sasaran_id=sasaran.pk, uraian=f"Indikator {s}.{i}",
                                                       satuan="dokumen", target_tahunan="100"))
    services.pk_tetapkan(actor=kadis, pk_id=pk.pk)
    targets = []
    for n, ind in enumerate(indikator):
        a, b = jabatan_kabid[n % 5], jabatan_kabid[(n + 1) % 5]
        targets += services.kaskade_bagi(actor=kadis, indikator_id=ind.pk, bagian=[
            {"jabatan_id": a.pk, "cara": "nilai", "nilai": "60"}, {"jabatan_id": b.pk, "cara": "nilai", "nilai": "40"}])
    mulai, selesai = datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31)
    tims = TimKerja.objects.bulk_create([
        TimKerja(instansi=d.instansi, unit=d.bidang[t % 2], nama=f"Tim {t + 1} {awalan}", mulai=mulai, selesai=selesai)
        for t in range(n_tim)])
    pegawai = Pegawai.objects.bulk_create([
        Pegawai(instansi=d.instansi, nip=nip_baru(), nama=f"Anggota {k} {awalan}") for k in range(n_tim * n_anggota)])
    anggota = AnggotaTim.objects.bulk_create([
        AnggotaTim(tim=tims[k // n_anggota], pegawai=pegawai[k], peran="ketua" if k % n_anggota == 0 else "anggota")
        for k in range(len(pegawai))])
    TautanTarget.objects.bulk_create([TautanTarget(target=targets[t * 3 % len(targets)], tim=tim, sumber="manual",
                                                   dibuat_oleh=kadis) for t, tim in enumerate(tims)])
    BarisMatriksPeran.objects.bulk_create([
        BarisMatriksPeran(tim=a.tim, anggota=a, peran=f"Peran {k}", hasil="Dokumen", indikator="Dokumen selesai",
                          target_nilai=3, satuan="dokumen", diisi_oleh=pegawai[(k // n_anggota) * n_anggota],
                          dibuat_oleh=kadis) for k, a in enumerate(anggota)])
    return {"pk": pk.pk, "pd": d.pd.pk, "root": d.root.pk, "tahun": tahun}


def _ukur(fn, ulang: int) -> list[float]:
    hasil = []
    for _ in range(ulang):
        t0 = time.perf_counter()
        fn()
        hasil.append(time.perf_counter() - t0)
    return hasil


def _kueri(fn) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as cq:
        fn()
    return len(cq)


def bench(ulang: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection, connections
    from django.test import Client
    from django.test.utils import setup_test_environment

    from kinerja import selectors
    from kinerja.models import PerjanjianKinerja
    from organisasi.models import UnitOrganisasi

    setup_test_environment()
    nama_db = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        t0 = time.perf_counter()
        besar = _bangun(10, 5, 30, 10, "besar")
        kecil = _bangun(5, 1, 3, 10, "kecil")
        print(f"data: 50 + 5 indikator, 33 teams, 330 members written in {time.perf_counter() - t0:.1f}s")
        user = get_user_model().objects.create(username="bench-admin", is_superuser=True, is_staff=True)
        client = Client(SERVER_NAME="localhost")
        client.force_login(user)
        with connection.cursor() as cur:
            cur.execute("ANALYZE")

        def kasus(ukuran):
            pk = PerjanjianKinerja.objects.get(pk=ukuran["pk"])
            unit = UnitOrganisasi.objects.get(pk=ukuran["root"])
            url_pohon = f"/kinerja/pk/{pk.pk}/kaskade/"
            url_matriks = f"/kinerja/unit/{unit.pk}/matriks/?tahun={ukuran['tahun']}"

            def sql(teks, param):
                def jalan():
                    with connection.cursor() as cur:
                        cur.execute(teks, [param])
                        return cur.fetchall()
                return jalan

            def halaman(url):
                def jalan():
                    r = client.get(url)
                    assert r.status_code == 200, r.status_code
                    return r.content
                return jalan

            return {
                "pohon_kaskade": lambda: selectors.pohon_kaskade(pk=pk),
                "halaman pohon": halaman(url_pohon),
                "SQL pohon": sql(SQL_POHON, pk.pk),
                "matriks_unit": lambda: selectors.matriks_unit(unit=unit, tahun=ukuran["tahun"]),
                "halaman matriks": halaman(url_matriks),
                "SQL matriks": sql(SQL_MATRIKS, ukuran["pd"]),
            }

        k_besar, k_kecil = kasus(besar), kasus(kecil)
        for fn in [*k_besar.values(), *k_kecil.values()]:  # warm caches (templates, session, related objects)
            fn()
        print("\nqueries (small PD → 50 indikator/30 teams/300 members):")
        for nama in k_besar:
            if nama.startswith("SQL"):
                continue
            a, b = _kueri(k_kecil[nama]), _kueri(k_besar[nama])
            print(f"  {nama:16s} {a:3d} → {b:3d}{'' if a == b else '  GROWS'}")
            assert a == b, f"{nama}: {a} queries for the small PD, {b} for the large one"
        waktu: dict[str, list[float]] = {n: [] for n in k_besar}
        for _ in range(ulang):  # alternately, so drift in machine load hits every case alike
            for nama, fn in k_besar.items():
                waktu[nama] += _ukur(fn, 1)
        print(f"\ntimes, {ulang} runs each (large PD):")
        for nama, w in waktu.items():
            print(f"  {nama:16s} median {statistics.median(w) * 1000:8.1f} ms   worst {max(w) * 1000:8.1f} ms")
        med = {n: statistics.median(w) for n, w in waktu.items()}
        for jenis in ("pohon", "matriks"):
            dasar = med[f"SQL {jenis}"]
            sel = "pohon_kaskade" if jenis == "pohon" else "matriks_unit"
            print(f"  {jenis}: selector / SQL = {med[sel] / dasar:.1f}x (goal <= 3x); "
                  f"page / SQL = {med['halaman ' + jenis] / dasar:.1f}x")
        print(f"\n{connection.vendor} {connection.Database.sqlite_version if connection.vendor == 'sqlite' else ''}"
              f" Python {platform.python_version()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(nama_db, verbosity=0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ulang", type=int, default=5)
    args = ap.parse_args()
    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)
    bench(args.ulang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
