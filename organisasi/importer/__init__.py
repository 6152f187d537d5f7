"""Org-chart import from one flat CSV/XLSX sheet (format: docs/format-impor.md).

One package, one module per responsibility:

* ``membaca``    – reading: file (CSV or XLSX) → list of ``Baris`` (row number + cells by column).
* ``memeriksa_baris`` / ``memeriksa_struktur`` / ``memeriksa_penempatan`` – checking: every row on
  its own, then against the database (PDs, units, positions; holders and placements); every bad
  row is reported with row/column/reason. The rules themselves (placement by jenjang, the
  single-seat position) are the organisation services' and selectors', not copies.
* ``rencana``    – the plan and the dry run ``impor_periksa``: what will be created/updated.
  Reads only; a handful of queries whatever the file size.
* ``menerapkan`` – applying: ``impor_terapkan`` validates again and writes the plan in ONE
  transaction with bulk operations; any error → ``ImporGagal`` and nothing is written. Hand-written
  COPY on PostgreSQL because row-by-row ORM writes of 20,000 rows take tens of seconds.
* ``pekerjaan``  – the ``ImporBagan`` job (upload → dry run → confirm → background apply with
  progress): ``impor_bagan_unggah`` / ``impor_bagan_konfirmasi`` / ``impor_bagan_jalankan`` /
  ``impor_bagan_progres``.

Progress while the apply transaction runs: the job row cannot be updated from inside the
transaction (other connections would not see it until commit), so progress is written to the
cache (Redis when ``REDIS_URL`` is set — the same condition under which a real Celery worker
runs; the in-process LocMem cache otherwise, where tasks are eager and run in the web
process). Outside a transaction (upload/dry run) progress goes to the job row as well.

The public names below stay importable as ``organisasi.importer.<name>``.
"""
from .format import BATCH, ENTITAS, KOLOM, KOLOM_WAJIB, SAMPEL, Baris, ImporGagal, Kesalahan, Rencana
from .membaca import baca_berkas
from .menerapkan import impor_terapkan
from .pekerjaan import (
    _pelapor,
    boleh_impor,
    impor_bagan_antrekan_ulang,
    impor_bagan_coba_lagi,
    impor_bagan_jalankan,
    impor_bagan_kesalahan_csv,
    impor_bagan_konfirmasi,
    impor_bagan_progres,
    impor_bagan_unggah,
)
from .rencana import impor_periksa

__all__ = [
    "BATCH", "ENTITAS", "KOLOM", "KOLOM_WAJIB", "SAMPEL", "Baris", "ImporGagal", "Kesalahan", "Rencana",
    "_pelapor", "baca_berkas", "boleh_impor", "impor_bagan_antrekan_ulang", "impor_bagan_coba_lagi",
    "impor_bagan_jalankan", "impor_bagan_kesalahan_csv", "impor_bagan_konfirmasi",
    "impor_bagan_progres", "impor_bagan_unggah", "impor_periksa", "impor_terapkan",
]
