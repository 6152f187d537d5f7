"""manage.py buat_wilayah_sintetis --pegawai 20000 --seed 1 [--instansi-kode X] [--csv out.csv] [--xlsx out.xlsx]

Generate a synthetic region (same seed → same output). With --csv/--xlsx the rows are written
to files in the import format; otherwise they are imported straight into the database through
the real import path (``importer.impor_terapkan``: validation + bulk apply, all-or-nothing).
With --dari-csv an existing import file is converted (e.g. to XLSX) instead of generating one.
"""
from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from organisasi import importer, services, sintetis
from organisasi.models import Instansi


class Command(BaseCommand):
    help = "Membuat wilayah sintetis (deterministik) ke basis data atau ke berkas impor CSV/XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--pegawai", type=int, default=1000, help="jumlah pegawai (NIP berbeda)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--instansi-kode", default="", help="kode Instansi tujuan (dibuat bila belum ada)")
        parser.add_argument("--preset", default="kotabaru", help="preset aturan untuk Instansi baru (bawaan: kotabaru, "
                                                               "aturan kedudukan menurut jenjang berlaku)")
        parser.add_argument("--csv", default="", help="tulis ke berkas CSV, bukan ke basis data")
        parser.add_argument("--xlsx", default="", help="tulis ke berkas XLSX, bukan ke basis data")
        parser.add_argument("--dari-csv", default="", help="baca baris dari berkas CSV ini alih-alih membangkitkan")

    def handle(self, *args, **o):
        if o["pegawai"] < 1:
            raise CommandError("--pegawai harus paling sedikit 1.")
        rows = sintetis.baca_csv(o["dari_csv"]) if o["dari_csv"] else sintetis.buat_baris(
            pegawai=o["pegawai"], seed=o["seed"])
        if o["csv"] or o["xlsx"]:
            if o["csv"]:
                sintetis.tulis_csv(rows, o["csv"])
                self.stdout.write(f"{len(rows)} baris ditulis ke {o['csv']}")
            if o["xlsx"]:
                sintetis.tulis_xlsx(rows, o["xlsx"])
                self.stdout.write(f"{len(rows)} baris ditulis ke {o['xlsx']}")
            return
        kode = o["instansi_kode"] or f"sintetis-{o['seed']}"
        with transaction.atomic():
            instansi, baru = Instansi.objects.get_or_create(
                kode=kode, defaults={"nama": f"Pemerintah Kabupaten Sintetis {o['seed']}",
                                     "nama_daerah": f"Kabupaten Sintetis {o['seed']}", "ibu_kota": "Sintetis"})
            if baru and o["preset"]:
                services.instansi_terapkan_preset(instansi=instansi, preset=o["preset"])
        awal = time.perf_counter()
        try:
            rencana = importer.impor_terapkan(instansi=instansi, actor=None, baris=rows)
        except importer.ImporGagal as exc:
            for k in exc.rencana.kesalahan[:50]:
                self.stderr.write(f"baris {k.baris} [{k.kolom}]: {k.pesan}")
            raise CommandError(f"{len(exc.rencana.kesalahan)} kesalahan; tidak ada yang disimpan.") from None
        detik = time.perf_counter() - awal
        for jenis, n in rencana.ringkasan.items():
            self.stdout.write(f"{jenis}: " + ", ".join(f"{k} {v}" for k, v in n.items()))
        self.stdout.write(self.style.SUCCESS(
            f"Instansi {instansi.kode}: {len(rows)} baris diimpor dalam {detik:.1f} detik."))
