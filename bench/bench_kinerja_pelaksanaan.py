#!/usr/bin/env python
"""Benchmark of the two Kinerja II reads that grow with a PD's history, against raw SQL.

    .venv/bin/python bench/bench_kinerja_pelaksanaan.py                       # SQLite (throw-away test database)
    DATABASE_URL=postgres://postgres@127.0.0.1:55432/sistemkerja .venv/bin/python bench/bench_kinerja_pelaksanaan.py

In a throw-away test database (``create_test_db``; the dev database is never touched) it builds one
PD with ``--staf`` (300) staff, ``--tim`` (30) teams of ten with their assignments, a set PK cascaded
to the two Kepala Bidang with the teams linked to the first share, ``--laporan`` (5,000) reports
(a third of them ketua's notes about members for the Kepala Seksi 1 as PPK, the rest team reports
to the Kepala Bidang 1 as PU), 300 kendala (half decided) and 300 handed-in results. Data is
bulk-written (not timed: this measures reads). Then, ``--ulang`` times each, alternately:

* **PPK page**: ``selectors_pelaksanaan.catatan_bawahan`` (the "notes on my subordinates" page's
  read, grouped per subordinate with the letter numbers) vs one hand-written SQL statement returning
  the same rows;
* **PU dashboard**: ``selectors_pelaksanaan.ringkasan_unit`` vs hand-written SQL for the same
  figures.

Prints median and worst times of ours and of the raw SQL, the ratio of the medians (goal <= 3x) and the query counts at N and N/5 reports (constant).
Asserts nothing about time.
"""
from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sistemkerja.settings.test")


def _ukur(fn, ulang: int) -> tuple[float, float]:
    """(median, worst) in ms of ``ulang`` runs."""
    hasil = []
    for _ in range(ulang):
        t = time.perf_counter()
        fn()
        hasil.append((time.perf_counter() - t) * 1000)
    return statistics.median(hasil), max(hasil)


def _bangun(args):
    from django.utils import timezone

    from kinerja import services
    from kinerja.models import (
        Kendala, Laporan, PenyerahanHasil, StatusKendala, StatusLaporan, StatusPenyerahan, TautanTarget,
    )
    from kinerja.tests.helpers import bagi_dua, pemda, pk_berlaku
    from organisasi.models import Jabatan, JenisJabatan, Pegawai, PemangkuJabatan
    from organisasi.tests.factories import nip_baru
    from penugasan.models import AnggotaTim, Penugasan, TimKerja

    d = pemda()
    pk, s, ind = pk_berlaku(d)
    t0, _t1 = bagi_dua(d, ind)
    awal = datetime.date(2026, 1, 1)
    jab = Jabatan.objects.create(instansi=d.instansi, unit=d.seksi[0], kode="JF-BENCH", nama="Analis Kebijakan",
                                 jenis=JenisJabatan.FUNGSIONAL, nama_jf="Analis Kebijakan", jenjang="ahli_pertama")
    staf = Pegawai.objects.bulk_create([Pegawai(instansi=d.instansi, nip=nip_baru(), nama=f"Staf {i}")
                                        for i in range(args.staf)])
    PemangkuJabatan.objects.bulk_create([PemangkuJabatan(jabatan=jab, pegawai=p, jenis="definitif", mulai=awal)
                                         for p in staf])
    tims = TimKerja.objects.bulk_create([TimKerja(instansi=d.instansi, unit=d.bidang[0], nama=f"Tim {i}", mulai=awal,
                                                  selesai=datetime.date(2026, 12, 31)) for i in range(args.tim)])
    anggota, tugas = [], []
    for i, tim in enumerate(tims):
        for j in range(10):
            p = staf[(i * 10 + j) % len(staf)]
            anggota.append(AnggotaTim(tim=tim, pegawai=p, peran="ketua" if j == 0 else "anggota"))
            tugas.append(Penugasan(pegawai=p, instansi=d.instansi, unit=d.bidang[0], tim=tim, uraian_tugas="x",
                                   peran="ketua" if j == 0 else "anggota", mulai=awal,
                                   selesai=datetime.date(2026, 12, 31)))
    AnggotaTim.objects.bulk_create(anggota)
    tugas = Penugasan.objects.bulk_create(tugas)
    TautanTarget.objects.bulk_create([TautanTarget(target=t0, tim=t, dibuat_oleh=d.kabid[0].user) for t in tims])
    sekarang = timezone.now()
    lap = []
    for i in range(args.laporan):
        tim = tims[i % len(tims)]
        ketua = staf[(i % len(tims)) * 10 % len(staf)]
        if i % 3 == 0:
            t = tugas[(i % len(tims)) * 10 + 1 + i % 9]
            lap.append(Laporan(jenis="catatan_anggota", periodik=False, pelapor=ketua, penerima_jabatan=d.jabatan_kasi[0],
                               tim=tim, penugasan=t, tentang_pegawai_id=t.pegawai_id, ringkasan=f"catatan {i}",
                               status=StatusLaporan.DIKIRIM, dikirim_pada=sekarang))
        else:
            lap.append(Laporan(jenis="tim", pelapor=ketua, penerima_jabatan=d.jabatan_kabid[0], tim=tim, target=t0,
                               ringkasan=f"laporan {i}", status=StatusLaporan.DITERIMA if i % 2 else StatusLaporan.DIKIRIM,
                               dikirim_pada=sekarang))
    Laporan.objects.bulk_create(lap, batch_size=1000)
    Kendala.objects.bulk_create([Kendala(diajukan_oleh=staf[0], tim=tims[i % len(tims)], target=t0, uraian=f"k{i}",
                                         jabatan_penentu=d.jabatan_kabid[0],
                                         status=StatusKendala.DIPUTUSKAN if i % 2 else StatusKendala.DIAJUKAN,
                                         diputuskan_pada=sekarang if i % 2 else None) for i in range(300)])
    PenyerahanHasil.objects.bulk_create([PenyerahanHasil(target=t0, tim=tims[i % len(tims)], diserahkan_oleh=staf[0],
                                                         uraian_hasil="x", status=StatusPenyerahan.DITINJAU,
                                                         langkah_rantai=[], jabatan_penentu=d.jabatan_kabid[0])
                                         for i in range(300)])
    del services
    return d


SQL_CATATAN = """
SELECT l.id, l.ringkasan, l.dikirim_pada, l.status, p.id, p.nama, p.nip, k.nama, t.nama, s.nomor
FROM kinerja_laporan l
JOIN organisasi_pegawai p ON p.id = l.tentang_pegawai_id
JOIN organisasi_pegawai k ON k.id = l.pelapor_id
LEFT JOIN penugasan_timkerja t ON t.id = l.tim_id
LEFT JOIN surat_surat s ON s.sumber_object_id = l.penugasan_id AND s.sumber_content_type_id = %s AND s.nomor <> ''
WHERE l.jenis = 'catatan_anggota'
  AND (l.penerima_jabatan_id IN ({jab}) OR l.id IN (SELECT laporan_id FROM kinerja_laporan_tembusan_jabatan
                                                    WHERE jabatan_id IN ({jab})))
ORDER BY p.nama, l.dikirim_pada DESC
"""

SQL_DASBOR = [
    "SELECT t.id FROM kinerja_targetjabatan t JOIN kinerja_indikatorkinerja i ON i.id = t.indikator_id "
    "JOIN kinerja_sasarankinerja s ON s.id = i.sasaran_id JOIN kinerja_perjanjiankinerja pk ON pk.id = s.pk_kinerja_id "
    "WHERE t.jabatan_id IN ({jab}) OR pk.jabatan_id IN ({jab})",
    "SELECT target_id, status FROM kinerja_penyerahanhasil WHERE target_id IN ({tgt}) ORDER BY target_id, created_at",
    "SELECT COUNT(*) FROM kinerja_langkahpenyerahan l JOIN kinerja_penyerahanhasil p ON p.id = l.penyerahan_id "
    "WHERE p.target_id IN ({tgt}) AND l.aksi = 'kembalikan'",
    "SELECT diputuskan_pada, created_at FROM kinerja_kendala WHERE (target_id IN ({tgt}) OR jabatan_penentu_id IN ({jab})) "
    "AND diputuskan_pada IS NOT NULL",
    "SELECT DISTINCT i.id, i.uraian, i.satuan, i.target_tahunan, i.realisasi FROM kinerja_targetjabatan t "
    "JOIN kinerja_indikatorkinerja i ON i.id = t.indikator_id WHERE t.id IN ({tgt}) ORDER BY i.id",
    "SELECT COUNT(*) FROM kinerja_permintaanlaporan WHERE status = 'terbuka' AND tenggat < %s "
    "AND (jabatan_peminta_id IN ({jab}) OR target_id IN ({tgt}))",
    "SELECT COUNT(*) FROM kinerja_kendala WHERE (target_id IN ({tgt}) OR jabatan_penentu_id IN ({jab})) "
    "AND status IN ('diajukan', 'diteruskan')",
    "SELECT COUNT(*) FROM kinerja_laporan WHERE penerima_jabatan_id IN ({jab}) AND status = 'dikirim'",
]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--staf", type=int, default=300)
    ap.add_argument("--tim", type=int, default=30)
    ap.add_argument("--laporan", type=int, default=5000)
    ap.add_argument("--ulang", type=int, default=20)
    args = ap.parse_args()
    import django

    django.setup()
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    nama_lama = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        return _jalankan(args, connection, ContentType, CaptureQueriesContext)
    finally:
        connection.creation.destroy_test_db(nama_lama, verbosity=0)


def _jalankan(args, connection, ContentType, CaptureQueriesContext) -> int:
    from kinerja import selectors_pelaksanaan as sel
    from penugasan.models import Penugasan

    t = time.perf_counter()
    d = _bangun(args)
    print(f"data: {args.staf} staf, {args.tim} tim, {args.laporan} laporan ({time.perf_counter() - t:.1f} s), "
          f"{connection.vendor}")
    ppk_user = d.kasi[0].user
    pu_jab = [d.jabatan_kabid[0].pk]
    ppk_jab = [d.jabatan_kasi[0].pk]
    ct = ContentType.objects.get_for_model(Penugasan).pk

    def kueri(fn):
        with CaptureQueriesContext(connection) as q:
            fn()
        return len(q)

    def ppk_ours():
        return sel.catatan_bawahan(user=ppk_user)

    def ppk_raw():
        with connection.cursor() as c:
            c.execute(SQL_CATATAN.format(jab=",".join(map(str, ppk_jab))), [ct])
            return c.fetchall()

    def pu_ours():
        return sel.ringkasan_unit(jabatan_list=pu_jab)

    def pu_raw():
        jab = ",".join(map(str, pu_jab))
        with connection.cursor() as c:
            c.execute(SQL_DASBOR[0].format(jab=jab))
            tgt = ",".join(str(r[0]) for r in c.fetchall()) or "0"
            for sql in SQL_DASBOR[1:]:
                params = [datetime.date.today()] if "%s" in sql else []
                c.execute(sql.format(jab=jab, tgt=tgt), params)
                c.fetchall()

    n_catatan = sum(len(e["catatan"]) for e in ppk_ours())
    assert n_catatan == len(ppk_raw()), (n_catatan, len(ppk_raw()))
    for nama, ours, raw in (("PPK: catatan bawahan", ppk_ours, ppk_raw), ("PU: dasbor", pu_ours, pu_raw)):
        ours(), raw()  # warm
        o, r = _ukur(ours, args.ulang), _ukur(raw, args.ulang)
        print(f"{nama:24s} ours median {o[0]:7.1f} / worst {o[1]:7.1f} ms  raw SQL median {r[0]:7.1f} / worst "
              f"{r[1]:7.1f} ms  ratio (medians) {o[0] / r[0]:5.2f}x  queries {kueri(ours)}")
    print(f"rows on the PPK page: {n_catatan}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
