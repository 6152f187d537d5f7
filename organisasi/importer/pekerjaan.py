"""The ``ImporBagan`` job: upload → dry run → confirm → background apply with progress."""
from __future__ import annotations

import csv
import datetime
import io
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from inti import antrean
from inti.exceptions import KonflikError

from .. import permissions, tasks
from ..models import (
    ImporBagan,
    Instansi,
    StatusImpor,
)
from .format import ImporGagal
from .menerapkan import impor_terapkan
from .rencana import impor_periksa

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------- the ImporBagan job


def _kunci_progres(impor_id: int) -> str:
    # the DB name keeps parallel test runs sharing one Redis apart
    return f"organisasi:impor-bagan:{connection.settings_dict['NAME']}:{impor_id}:persen"


def _pelapor(impor: ImporBagan) -> Callable[[int], None]:
    total = impor.total_baris or 0
    terakhir = [-1]

    def lapor(persen: int) -> None:
        if persen == terakhir[0]:
            return
        terakhir[0] = persen
        try:
            cache.set(_kunci_progres(impor.pk), persen, timeout=3600)
        except Exception:  # progress is best effort: a cache outage must not fail the import
            logger.warning("progres impor %s tidak dapat ditulis ke cache", impor.pk, exc_info=True)
        if not connection.in_atomic_block:
            ImporBagan.objects.filter(pk=impor.pk).update(baris_diproses=total * persen // 100)

    return lapor


def boleh_impor(*, actor, instansi: Instansi) -> bool:
    """May the user upload an org chart for this instansi at all (instansi-wide, or for at least
    one of its PDs; the rows are then checked PD by PD: ``kelola_perangkatdaerah`` on the PD)?"""
    if not (actor and actor.is_authenticated and actor.is_active):
        return False
    return permissions.boleh_kelola_seluruh_instansi(actor, instansi) or permissions.pd_yang_dikelola(actor).filter(
        instansi=instansi).exists()


def impor_bagan_unggah(*, actor, instansi: Instansi, berkas, nama_berkas: str = "",
                       tanggal: datetime.date | None = None) -> ImporBagan:
    """Store the uploaded file and run the dry run; status SIAP or GAGAL_VALIDASI."""
    if not boleh_impor(actor=actor, instansi=instansi):
        raise PermissionDenied(_("Anda tidak berwenang mengimpor bagan organisasi %(i)s.") % {"i": instansi})
    nama_berkas = nama_berkas or getattr(berkas, "name", "") or "bagan.csv"
    if not nama_berkas.lower().endswith((".csv", ".xlsx")):
        raise ValidationError({"berkas": _("Jenis berkas tidak didukung: gunakan .csv atau .xlsx.")})
    maks_mb = settings.IMPOR_BAGAN_MAKS_MB
    ukuran = getattr(berkas, "size", None)
    if ukuran is not None and ukuran > maks_mb * 1024 * 1024:  # refused before it is read
        raise ValidationError({"berkas": _("Berkas lebih besar dari batas %(maks)d MB. Pecah berkas, misalnya "
                                           "per Perangkat Daerah.") % {"maks": maks_mb}})
    impor = ImporBagan(instansi=instansi, diunggah_oleh=actor, nama_berkas=nama_berkas[-255:])
    if hasattr(berkas, "seek"):
        berkas.seek(0)
    data = berkas.read() if hasattr(berkas, "read") else berkas
    if len(data) > maks_mb * 1024 * 1024:
        raise ValidationError({"berkas": _("Berkas lebih besar dari batas %(maks)d MB. Pecah berkas, misalnya "
                                           "per Perangkat Daerah.") % {"maks": maks_mb}})
    impor.berkas.save(nama_berkas.rsplit("/", 1)[-1], ContentFile(data), save=False)
    impor.save()
    rencana = impor_periksa(instansi=instansi, actor=actor, berkas=data, nama_berkas=nama_berkas, tanggal=tanggal)
    impor.total_baris = rencana.total_baris
    # the page lists the first errors; every error is in the downloadable error file
    semua = [k.as_dict() for k in rencana.kesalahan]
    impor.ringkasan = {**rencana.as_dict(), "tanggal": rencana.tanggal.isoformat(), "jumlah_kesalahan": len(semua)}
    impor.kesalahan = semua[:settings.IMPOR_BAGAN_MAKS_GALAT_TAMPIL]
    if semua:
        default_storage.save(berkas_kesalahan_path(impor), ContentFile(_csv_kesalahan(semua)))
    impor.status = StatusImpor.SIAP if rencana.sah else StatusImpor.GAGAL_VALIDASI
    impor.save(update_fields=["total_baris", "ringkasan", "kesalahan", "status", "updated_at"])
    return impor


def berkas_kesalahan_path(impor: ImporBagan) -> str:
    return f"impor_bagan/kesalahan/{impor.pk}.csv"


def _aman(nilai) -> str:
    """A spreadsheet never runs a cell as a formula (=, +, -, @, tab, CR at the start)."""
    teks = str(nilai)
    return "'" + teks if teks[:1] in ("=", "+", "-", "@", "\t", "\r") else teks


def _csv_kesalahan(kesalahan: list[dict]) -> bytes:
    buf = io.StringIO()
    tulis = csv.writer(buf)
    tulis.writerow(["baris", "kolom", "alasan"])
    for k in kesalahan:
        tulis.writerow([k["baris"], _aman(k["kolom"]), _aman(k["pesan"])])
    return buf.getvalue().encode("utf-8-sig")  # a BOM: Excel opens it as UTF-8


def impor_bagan_kesalahan_csv(*, actor, impor_id: int) -> bytes:
    """Every error of a dry run as CSV, for the uploader (or a superuser)."""
    impor = ImporBagan.objects.get(pk=impor_id)
    if impor.diunggah_oleh_id != actor.pk and not actor.is_superuser:
        raise PermissionDenied(_("Hanya pengunggah yang dapat mengunduh daftar kesalahan impor ini."))
    path = berkas_kesalahan_path(impor)
    if not default_storage.exists(path):
        return _csv_kesalahan(impor.kesalahan)
    with default_storage.open(path, "rb") as fh:
        return fh.read()


# a confirmed job that has not started this long after it was queued is queued again by the sweep;
# one that started longer ago than the task's time limit lost its worker
ANTRE_ULANG_SETELAH = datetime.timedelta(minutes=2)
DIANGGAP_HILANG_SETELAH = datetime.timedelta(minutes=35)


def _antrekan(impor_id: int) -> bool:
    """After commit: publish the apply task. A broker that is down never fails the caller: the
    job stays DIPROSES with ``antre_pada`` set and ``impor_bagan_antrekan_ulang`` (beat) queues it
    again, as the letters' render sweep and the notification outbox relay do."""
    try:
        # no publish retries, nothing asked of a broker that just failed (inti.antrean)
        antre = antrean.antrekan(tasks.impor_bagan_task, impor_id)
    except Exception as exc:  # the broker's connection pool unusable
        logger.warning("Broker tidak tersedia, impor bagan %s menunggu diantrekan ulang: %s", impor_id, exc)
        return False
    if not antre:
        logger.warning("Broker tidak tersedia, impor bagan %s menunggu diantrekan ulang", impor_id)
    return antre


def _boleh_kelola_pekerjaan(actor, impor: ImporBagan) -> None:
    if impor.diunggah_oleh_id != actor.pk and not actor.is_superuser:
        raise PermissionDenied(_("Hanya pengunggah yang dapat menerapkan impor ini."))


def impor_bagan_konfirmasi(*, actor, impor_id: int) -> ImporBagan:
    """Confirm a clean dry run: status DIPROSES in the transaction; the apply is queued after
    commit (``_antrekan``). Confirming never fails because the broker is down."""
    with transaction.atomic():
        impor = ImporBagan.objects.select_for_update().get(pk=impor_id)
        _boleh_kelola_pekerjaan(actor, impor)
        if impor.status != StatusImpor.SIAP:
            raise KonflikError(_("Impor berstatus %(s)s dan tidak dapat diterapkan.") % {"s": impor.get_status_display()})
        impor.status = StatusImpor.DIPROSES
        impor.baris_diproses = 0
        impor.antre_pada, impor.dimulai_pada = timezone.now(), None
        impor.save(update_fields=["status", "baris_diproses", "antre_pada", "dimulai_pada", "updated_at"])
        transaction.on_commit(lambda: _antrekan(impor.pk))
    return impor


def impor_bagan_coba_lagi(*, actor, impor_id: int) -> ImporBagan:
    """Queue a job left in DIPROSES again (its admin's action for a stuck job). Safe while a
    worker still runs it: the apply locks the job row and a second run finds it finished."""
    with transaction.atomic():
        impor = ImporBagan.objects.select_for_update().get(pk=impor_id)
        _boleh_kelola_pekerjaan(actor, impor)
        if impor.status != StatusImpor.DIPROSES:
            raise KonflikError(_("Impor berstatus %(s)s: hanya impor yang sedang diproses yang dapat dicoba lagi.")
                               % {"s": impor.get_status_display()})
        impor.antre_pada, impor.dimulai_pada = timezone.now(), None
        impor.save(update_fields=["antre_pada", "dimulai_pada", "updated_at"])
        transaction.on_commit(lambda: _antrekan(impor.pk))
    return impor


def impor_bagan_antrekan_ulang(*, sekarang: datetime.datetime | None = None) -> int:
    """The sweep (beat): queue again every confirmed job never started ``ANTRE_ULANG_SETELAH``
    after it was queued (broker down at confirm time, message lost), or whose worker vanished.
    Rows are claimed with ``SKIP LOCKED`` where the database has it (a running apply holds its
    row), and leased by moving ``antre_pada``. Returns how many were published."""
    sekarang = sekarang or timezone.now()
    with transaction.atomic():
        qs = ImporBagan.objects.filter(
            Q(dimulai_pada__isnull=True, antre_pada__lte=sekarang - ANTRE_ULANG_SETELAH)
            | Q(dimulai_pada__lte=sekarang - DIANGGAP_HILANG_SETELAH),
            status=StatusImpor.DIPROSES,
        ).order_by("antre_pada", "pk")
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        ids = list(qs.values_list("pk", flat=True)[:50])
        if ids:
            ImporBagan.objects.filter(pk__in=ids).update(antre_pada=sekarang, dimulai_pada=None)
    terkirim = 0
    for pk in ids:
        if not _antrekan(pk):
            break
        terkirim += 1
    return terkirim


def impor_bagan_jalankan(*, impor_id: int) -> ImporBagan:
    """Apply a confirmed import (called by the Celery task). Idempotent: only a job in DIPROSES
    runs; the data and the final status are committed together."""
    impor = ImporBagan.objects.select_related("instansi", "diunggah_oleh").get(pk=impor_id)
    if impor.status != StatusImpor.DIPROSES:
        return impor
    ImporBagan.objects.filter(pk=impor.pk).update(dimulai_pada=timezone.now())  # committed: the sweep waits
    lapor = _pelapor(impor)
    lapor(1)
    tanggal = None
    if impor.ringkasan.get("tanggal"):
        tanggal = datetime.date.fromisoformat(impor.ringkasan["tanggal"])
    try:
        with impor.berkas.open("rb") as fh:
            data = fh.read()
        with transaction.atomic():
            # lock the job: a second delivery (sweep, retry) waits here, then finds it finished
            if ImporBagan.objects.select_for_update().filter(pk=impor.pk).values_list(
                    "status", flat=True).first() != StatusImpor.DIPROSES:
                impor.refresh_from_db()
                return impor
            rencana = impor_terapkan(instansi=impor.instansi, actor=impor.diunggah_oleh, berkas=data,
                                     nama_berkas=impor.nama_berkas, tanggal=tanggal, progres=lapor)
            impor.status = StatusImpor.SELESAI
            impor.baris_diproses = impor.total_baris = rencana.total_baris
            impor.ringkasan = {**rencana.as_dict(), "tanggal": rencana.tanggal.isoformat()}
            impor.kesalahan = []
            impor.selesai_pada = timezone.now()
            impor.save(update_fields=["status", "baris_diproses", "total_baris", "ringkasan", "kesalahan",
                                      "selesai_pada", "updated_at"])
    except ImporGagal as exc:
        # the database changed since the dry run: nothing written, report the new errors
        impor.status = StatusImpor.GAGAL
        impor.kesalahan = [k.as_dict() for k in exc.rencana.kesalahan]
        impor.selesai_pada = timezone.now()
        impor.save(update_fields=["status", "kesalahan", "selesai_pada", "updated_at"])
    except Exception as exc:  # any database error: the transaction rolled back, record why
        logger.exception("impor bagan %s gagal", impor.pk)
        impor.status = StatusImpor.GAGAL
        impor.kesalahan = [{"baris": 0, "kolom": "", "pesan": _("Gagal menerapkan impor: %(e)s") % {"e": exc}}]
        impor.selesai_pada = timezone.now()
        impor.save(update_fields=["status", "kesalahan", "selesai_pada", "updated_at"])
    finally:
        try:
            cache.delete(_kunci_progres(impor.pk))
        except Exception:
            pass
    return impor


def impor_bagan_progres(*, impor: ImporBagan) -> dict:
    """Progress of a job for the polling endpoint: the live value from the cache while the
    apply transaction runs, else the committed job row."""
    impor.refresh_from_db(fields=["status", "baris_diproses", "total_baris", "selesai_pada"])
    total = impor.total_baris
    diproses = impor.baris_diproses
    if impor.status == StatusImpor.DIPROSES:
        try:
            persen = cache.get(_kunci_progres(impor.pk))
        except Exception:
            persen = None
        if persen is not None:
            diproses = max(diproses, total * int(persen) // 100)
    selesai = impor.status in (StatusImpor.SELESAI, StatusImpor.GAGAL)
    return {
        "id": impor.pk,
        "status": impor.status,
        "status_label": impor.get_status_display(),
        "total_baris": total,
        "baris_diproses": diproses,
        "persen": int(100 * diproses / total) if total else (100 if selesai else 0),
        "selesai": selesai,
    }
