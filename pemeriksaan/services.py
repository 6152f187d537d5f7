"""Writes of the auditor app: exports.

``ekspor_mulai`` records the export and decides how it runs: a result up to
``settings.PEMERIKSAAN_AMBANG_EKSPOR_LATAR`` rows is streamed by the view at once
(``ekspor_aliran``); a larger one becomes a background job. The ``Ekspor`` row is the job's
outbox entry: the task is queued after commit (``ekspor_antrekan``, broker errors swallowed)
and re-queued by the beat relay (``ekspor_relay``) while it still waits, so a broker outage
never fails the request. Every finished export writes an audit row (who, register, filters,
rows, file hash) in the transaction that marks it finished.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import logging
import tempfile
from collections.abc import Iterator

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifikasi.services import notifikasi_kirim
from inti import antrean
from inti.jejak import jejak_catat
from inti.models import AksiAudit

from . import ekspor as penulis
from . import tasks
from .models import Ekspor, FormatEkspor, JenisRegister, StatusEkspor
from .penyimpanan import penyimpanan_ekspor
from .permissions import pastikan_pemeriksa
from .selectors import Saringan, register
from .selectors.surat import KOLOM_CELAH, baris_celah

logger = logging.getLogger(__name__)

SEWA_RELAY = datetime.timedelta(minutes=2)  # a queued job is not re-queued before this
TIPE_KONTEN = {FormatEkspor.CSV: "text/csv; charset=utf-8",
               FormatEkspor.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               FormatEkspor.PDF: "application/pdf"}


def nama_berkas(ekspor: Ekspor) -> str:
    waktu = timezone.localtime(ekspor.created_at).strftime("%Y%m%d-%H%M%S")
    return f"register-{ekspor.register}-{waktu}.{ekspor.format}"


@transaction.atomic
def ekspor_mulai(*, actor, register_kode: str, format: str, saringan: Saringan) -> Ekspor:
    """Record an export request; background when the row count passes the threshold (or always
    for a PDF summary above it). The caller streams a non-background one with ``ekspor_aliran``."""
    pastikan_pemeriksa(actor)
    if format not in FormatEkspor.values:
        raise ValidationError({"format": _("Format ekspor tidak dikenal.")})
    reg = register(register_kode)
    perkiraan = reg.hitung(actor, saringan)
    latar = perkiraan > settings.PEMERIKSAAN_AMBANG_EKSPOR_LATAR
    ekspor = Ekspor.objects.create(
        diminta_oleh=actor, register=reg.kode, format=format, saringan=saringan.ke_json(), latar=latar,
        perkiraan_baris=perkiraan, status=StatusEkspor.MENUNGGU if latar else StatusEkspor.DIPROSES,
        dijadwalkan_pada=timezone.now() if latar else None,
    )
    if latar:
        transaction.on_commit(lambda: ekspor_antrekan(ekspor_ids=[ekspor.pk]), robust=True)
    return ekspor


def _catat_selesai(*, ekspor: Ekspor, jumlah_baris: int, sha256: str, berkas: str = "", ukuran: int = 0) -> Ekspor:
    """Mark finished and write the export's audit row, in one transaction."""
    with transaction.atomic():
        ekspor.status = StatusEkspor.SELESAI
        ekspor.jumlah_baris, ekspor.sha256, ekspor.berkas, ekspor.ukuran = jumlah_baris, sha256, berkas, ukuran
        ekspor.progres = 100
        ekspor.nama_berkas = nama_berkas(ekspor)
        ekspor.selesai_pada = timezone.now()
        if ekspor.latar:
            ekspor.kedaluwarsa_pada = ekspor.selesai_pada + datetime.timedelta(
                hours=settings.PEMERIKSAAN_MASA_BERLAKU_EKSPOR_JAM)
        ekspor.save(update_fields=["status", "jumlah_baris", "sha256", "berkas", "ukuran", "progres", "nama_berkas",
                                   "selesai_pada", "kedaluwarsa_pada", "updated_at"])
        jejak_catat(actor=ekspor.diminta_oleh, objek=ekspor, aksi=AksiAudit.EKSPOR_SELESAI, diizinkan=True,
                    status_ke=ekspor.status, alasan=json.dumps({
                        "register": ekspor.register, "format": ekspor.format, "saringan": ekspor.saringan,
                        "jumlah_baris": jumlah_baris, "sha256": sha256, "latar": ekspor.latar,
                    }, ensure_ascii=False, sort_keys=True))
    return ekspor


# --------------------------------------------------------------------------- streamed (small) exports


def ekspor_aliran(*, ekspor: Ekspor) -> Iterator[bytes]:
    """The file of a small export as byte chunks, for a StreamingHttpResponse (constant memory:
    CSV rows are encoded as they are read; XLSX goes through a temporary file). After the last
    chunk the export is marked finished and audited with its row count and SHA-256."""
    reg = register(ekspor.register)
    saringan = Saringan.dari_json(ekspor.saringan)
    user = ekspor.diminta_oleh
    h = hashlib.sha256()
    jumlah = 0
    if ekspor.format == FormatEkspor.CSV:
        def hitung(n):
            nonlocal jumlah
            jumlah = n

        for potongan in penulis.csv_potongan(reg.kolom, reg.baris(user, saringan), hitung=hitung):
            h.update(potongan)
            yield potongan
    else:
        with tempfile.TemporaryFile() as tmp:
            jumlah = _tulis_berkas(ekspor, tmp)
            tmp.seek(0)
            for potongan in iter(lambda: tmp.read(64 * 1024), b""):
                h.update(potongan)
                yield potongan
    _catat_selesai(ekspor=ekspor, jumlah_baris=jumlah, sha256=h.hexdigest())


def _tulis_berkas(ekspor: Ekspor, berkas, *, hitung=None) -> int:
    """Write the export's file to a binary file object; returns the row count."""
    reg = register(ekspor.register)
    saringan = Saringan.dari_json(ekspor.saringan)
    user = ekspor.diminta_oleh
    baris = reg.baris(user, saringan)
    celah = ekspor.register == JenisRegister.SURAT
    if ekspor.format == FormatEkspor.CSV:
        jumlah = 0

        def hitung_csv(n):
            nonlocal jumlah
            jumlah = n
            if hitung is not None:
                hitung(n)

        penulis.tulis_csv(berkas, reg.kolom, baris, hitung=hitung_csv)
        return jumlah
    if ekspor.format == FormatEkspor.XLSX:
        tambahan = [(_("Celah nomor"), KOLOM_CELAH, baris_celah(user, saringan))] if celah else []
        return penulis.tulis_xlsx(berkas, reg.kolom, baris, judul=str(reg.judul), hitung=hitung,
                                  lembar_tambahan=tambahan)
    bagian = []
    if celah:
        bagian.append({"judul": _("Pemeriksaan celah nomor per seri dan tahun"), "kolom": KOLOM_CELAH,
                       "baris": list(baris_celah(user, saringan)), "kosong": _("Tidak ada seri nomor.")})
    pdf, _ditampilkan = penulis.pdf_ringkasan(
        judul=str(reg.judul), kolom=reg.kolom, baris=baris, saringan=ekspor.saringan,
        pengguna=user.get_username(), total=ekspor.perkiraan_baris, bagian_tambahan=bagian)
    berkas.write(pdf)
    if hitung is not None:
        hitung(ekspor.perkiraan_baris)
    return ekspor.perkiraan_baris


# --------------------------------------------------------------------------- background exports


def ekspor_antrekan(*, ekspor_ids: list[int]) -> int:
    """Publish the job of each waiting export; stop at the first broker error (the relay retries)."""
    terkirim = 0
    for pk in ekspor_ids:
        if not antrean.antrekan(tasks.ekspor_jalankan_task, pk):  # broker down or frozen: fails fast
            logger.warning("Broker tidak tersedia, ekspor %s menunggu relay", pk)
            break
        terkirim += 1
    return terkirim


def ekspor_relay(*, sekarang=None, batas: int = 100) -> int:
    """Beat: re-queue exports still waiting after ``SEWA_RELAY`` (broker down at request time,
    worker lost). Rows are claimed with SKIP LOCKED where the database has it; the job itself is
    idempotent (it runs only from ``menunggu``)."""
    sekarang = sekarang or timezone.now()
    with transaction.atomic():
        qs = Ekspor.objects.filter(status=StatusEkspor.MENUNGGU, dijadwalkan_pada__lte=sekarang - SEWA_RELAY)
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        ids = list(qs.order_by("dijadwalkan_pada", "pk").values_list("pk", flat=True)[:batas])
        Ekspor.objects.filter(pk__in=ids).update(dijadwalkan_pada=sekarang)
    return ekspor_antrekan(ekspor_ids=ids) if ids else 0


def ekspor_jalankan(*, ekspor_id: int) -> Ekspor | None:
    """Run one background export (idempotent: only a waiting export runs). Writes the file to the
    private store with progress, marks it finished (audit row), and notifies the requester."""
    with transaction.atomic():
        ekspor = Ekspor.objects.select_for_update(of=("self",)).select_related("diminta_oleh").filter(pk=ekspor_id).first()
        if ekspor is None or ekspor.status != StatusEkspor.MENUNGGU:
            return ekspor
        ekspor.status = StatusEkspor.DIPROSES
        ekspor.save(update_fields=["status", "updated_at"])

    total = max(ekspor.perkiraan_baris, 1)

    def hitung(n: int) -> None:
        Ekspor.objects.filter(pk=ekspor.pk).update(progres=min(99, int(100 * n / total)))

    try:
        with tempfile.TemporaryFile() as tmp:
            jumlah = _tulis_berkas(ekspor, tmp, hitung=hitung)
            tmp.seek(0)
            h = hashlib.sha256()
            for potongan in iter(lambda: tmp.read(1024 * 1024), b""):
                h.update(potongan)
            tmp.seek(0)
            simpan = penyimpanan_ekspor()
            nama = simpan.save(f"{ekspor.diminta_oleh_id}/{ekspor.pk}-{nama_berkas(ekspor)}", File(tmp))
            ukuran = simpan.size(nama)
    except Exception as exc:
        logger.exception("Ekspor %s gagal", ekspor.pk)
        Ekspor.objects.filter(pk=ekspor.pk).update(status=StatusEkspor.GAGAL, pesan_galat=str(exc)[:2000],
                                                   updated_at=timezone.now())
        raise
    with transaction.atomic():
        _catat_selesai(ekspor=ekspor, jumlah_baris=jumlah, sha256=h.hexdigest(), berkas=nama, ukuran=ukuran)
        notifikasi_kirim(
            penerima=[ekspor.diminta_oleh], jenis="ekspor_selesai",
            judul=_("Ekspor %(register)s siap diunduh") % {"register": ekspor.get_register_display()},
            pesan=_("%(n)d baris, %(format)s. Tersedia sampai %(sampai)s.") % {
                "n": jumlah, "format": ekspor.get_format_display(),
                "sampai": timezone.localtime(ekspor.kedaluwarsa_pada).strftime("%d-%m-%Y %H:%M")},
            url=reverse("pemeriksaan_ekspor_saya"), kunci=f"ekspor:{ekspor.pk}:selesai", objek=ekspor)
    return ekspor


def ekspor_hapus_kedaluwarsa(*, sekarang=None) -> int:
    """Beat: delete the files of expired exports (the row stays, as ``kedaluwarsa``)."""
    sekarang = sekarang or timezone.now()
    simpan = penyimpanan_ekspor()
    jumlah = 0
    for ekspor in Ekspor.objects.filter(status=StatusEkspor.SELESAI, kedaluwarsa_pada__lte=sekarang):
        if ekspor.berkas:
            simpan.delete(ekspor.berkas)
        ekspor.status, ekspor.berkas = StatusEkspor.KEDALUWARSA, ""
        ekspor.save(update_fields=["status", "berkas", "updated_at"])
        jumlah += 1
    return jumlah


