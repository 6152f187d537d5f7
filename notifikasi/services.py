"""Writes of the notifikasi app.

``notifikasi_kirim`` is the public entry point other apps call *inside their own
transaction*. It only writes rows (in-app notification + e-mail outbox); it never
talks to the broker. After the caller's transaction commits, the new outbox rows
are published to Celery on a best-effort basis; whatever could not be published
(Redis down) stays ``pending`` for ``outbox_relay``.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inti import antrean
from organisasi import selectors as org
from organisasi.models import Instansi, Pegawai
from penugasan.selectors import permohonan_tertunda

from . import tasks
from .models import Notifikasi, Outbox, OutboxStatus

logger = logging.getLogger(__name__)
User = get_user_model()

# Outbox delivery policy.
MAKS_PERCOBAAN = 5           # after this many failed sends the row becomes FAILED
SEWA_RELAY = timedelta(seconds=60)  # a published row is not re-published by the relay before this
UKURAN_BATCH_RELAY = 200


def jeda_percobaan(attempts: int) -> timedelta:
    """Back-off before the next try after ``attempts`` failures: 1, 2, 4, 8 ... minutes (max 1 hour)."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))


# --------------------------------------------------------------------------- notifications


def _alamat_email(users: list) -> dict[int, str]:
    """E-mail per user id: the account's address, else the linked Pegawai's (one query for the rest)."""
    alamat = {u.pk: (u.email or "").strip() for u in users}
    tanpa = [pk for pk, email in alamat.items() if not email]
    if tanpa:
        for user_id, email in Pegawai.objects.filter(user_id__in=tanpa).exclude(email="").values_list(
            "user_id", "email"
        ):
            alamat[user_id] = email.strip()
    return alamat


def _isi_email(*, judul: str, pesan: str, url: str) -> str:
    baris = [pesan.strip()] if pesan.strip() else []
    if url:
        tautan = url if url.startswith(("http://", "https://")) else settings.SITE_URL.rstrip("/") + "/" + url.lstrip("/")
        baris.append(_("Buka: %(tautan)s") % {"tautan": tautan})
    baris.append(_("Pesan ini dikirim otomatis oleh Sistem Kerja."))
    return "\n\n".join(baris)


def notifikasi_kirim(
    *,
    penerima: Iterable,
    jenis: str,
    judul: str,
    pesan: str,
    url: str = "",
    kunci: str,
    objek=None,
) -> int:
    """Notify each recipient once per event key; returns how many new notifications were written.

    Call it inside the transaction that makes the event happen. Per recipient it writes one
    unread ``Notifikasi`` and, when the user has an e-mail address, one pending ``Outbox`` row,
    both with the idempotency key ``f"{kunci}:{user.pk}"``: calling again with the same ``kunci``
    for the same recipient writes nothing. The e-mails are queued after commit; this function
    never contacts the broker itself.
    """
    if not kunci or not kunci.strip():
        raise ValidationError({"kunci": [_("Kunci notifikasi wajib diisi.")]})
    if not judul or not judul.strip():
        raise ValidationError({"judul": [_("Judul notifikasi wajib diisi.")]})
    if not jenis or not jenis.strip():
        raise ValidationError({"jenis": [_("Jenis notifikasi wajib diisi.")]})

    # Unique users, in the given order, ignoring None and inactive accounts.
    users: dict[int, object] = {}
    for user in penerima:
        if user is not None and user.pk is not None and getattr(user, "is_active", True):
            users.setdefault(user.pk, user)
    if not users:
        return 0

    kunci_user = {pk: f"{kunci}:{pk}"[:255] for pk in users}
    with transaction.atomic():
        sudah_ada = set(Notifikasi.objects.filter(kunci__in=kunci_user.values()).values_list("kunci", flat=True))
        baru = [pk for pk, k in kunci_user.items() if k not in sudah_ada]
        if not baru:
            return 0

        objek_ct, objek_id = None, ""
        if objek is not None:
            objek_ct = ContentType.objects.get_for_model(objek)
            objek_id = str(objek.pk)
        sekarang = timezone.now()
        Notifikasi.objects.bulk_create(
            [
                Notifikasi(penerima_id=pk, jenis=jenis[:60], judul=judul[:255], pesan=pesan, url=url[:500],
                           kunci=kunci_user[pk], objek_content_type=objek_ct, objek_id=objek_id,
                           created_at=sekarang)
                for pk in baru
            ],
            ignore_conflicts=True,  # a concurrent call with the same key: the other one wins
        )

        alamat = _alamat_email([users[pk] for pk in baru])
        body = _isi_email(judul=judul, pesan=pesan, url=url)
        outbox = [
            Outbox(kunci=kunci_user[pk], penerima_id=pk, recipient=alamat[pk], subject=judul[:255], body=body,
                   next_attempt_at=sekarang + SEWA_RELAY, created_at=sekarang)
            for pk in baru if alamat.get(pk)
        ]
        if outbox:
            Outbox.objects.bulk_create(outbox, ignore_conflicts=True)
            kunci_outbox = [o.kunci for o in outbox]
            transaction.on_commit(lambda: outbox_antrekan_kunci(kunci=kunci_outbox), robust=True)
    return len(baru)


@transaction.atomic
def notifikasi_tandai_dibaca(*, user, notifikasi_id: int | None = None, semua: bool = False) -> int:
    """Mark one notification (or all of the user's) as read; returns how many changed.

    Only the recipient may mark a notification; someone else's id is "not found".
    """
    if notifikasi_id is None and not semua:
        raise ValidationError({"notifikasi_id": [_("Sebutkan notifikasi yang ditandai, atau pilih semua.")]})
    qs = Notifikasi.objects.filter(penerima=user, dibaca_pada__isnull=True)
    if not semua:
        if not Notifikasi.objects.filter(pk=notifikasi_id, penerima=user).exists():
            raise Notifikasi.DoesNotExist(_("Notifikasi tidak ditemukan."))
        qs = qs.filter(pk=notifikasi_id)
    return qs.update(dibaca_pada=timezone.now())


# --------------------------------------------------------------------------- outbox delivery


def _publikasikan(ids: list[int]) -> int:
    """Publish one send task per outbox id; stop at the first broker error. Returns how many went out."""
    terkirim = 0
    for pk in ids:
        # no publish retries, nothing asked of a broker that just failed (inti.antrean): with
        # Redis down or frozen this fails fast; the row stays pending for the relay.
        if not antrean.antrekan(tasks.kirim_email_task, pk):
            logger.warning("Broker tidak tersedia, outbox %s menunggu relay", pk)
            Outbox.objects.filter(pk__in=ids[terkirim:], status=OutboxStatus.PENDING).update(
                next_attempt_at=timezone.now()
            )
            break
        terkirim += 1
    return terkirim


def outbox_antrekan_kunci(*, kunci: list[str]) -> int:
    """After commit: try to queue the pending outbox rows with these keys right away."""
    ids = list(
        Outbox.objects.filter(kunci__in=kunci, status=OutboxStatus.PENDING).order_by("pk").values_list("pk", flat=True)
    )
    return _publikasikan(ids)


def outbox_relay(*, batas: int = UKURAN_BATCH_RELAY, sekarang=None) -> int:
    """One relay pass: publish the pending outbox rows that are due; returns how many were published.

    Rows are claimed with ``SELECT ... FOR UPDATE SKIP LOCKED`` (PostgreSQL) so parallel relays
    do not publish the same row, and leased for ``SEWA_RELAY`` so the next pass leaves them alone
    while the worker is on them. Publishing twice is harmless: the send task is idempotent.
    """
    sekarang = sekarang or timezone.now()
    with transaction.atomic():
        qs = Outbox.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=sekarang).order_by(
            "next_attempt_at", "pk"
        )
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        ids = list(qs.values_list("pk", flat=True)[:batas])
        if ids:
            Outbox.objects.filter(pk__in=ids).update(next_attempt_at=sekarang + SEWA_RELAY)
    if not ids:
        return 0
    return _publikasikan(ids)


def outbox_kirim(*, outbox_id: int) -> Outbox | None:
    """Send one outbox e-mail unless it was already sent (idempotent; safe with acks_late).

    The row is locked while sending, so two workers handed the same id send one mail.
    A failed send counts the attempt and schedules a retry with back-off; after
    ``MAKS_PERCOBAAN`` failures the row is marked FAILED.
    """
    with transaction.atomic():
        outbox = Outbox.objects.select_for_update().filter(pk=outbox_id).first()
        if outbox is None or outbox.status != OutboxStatus.PENDING:
            return outbox
        try:
            # a bounded SMTP timeout: the row stays locked while sending
            koneksi = get_connection(fail_silently=False, timeout=getattr(settings, "EMAIL_TIMEOUT", None) or 30)
            EmailMessage(
                subject=outbox.subject,
                body=outbox.body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[outbox.recipient],
                headers={"X-Sistemkerja-Kunci": outbox.kunci},
                connection=koneksi,
            ).send(fail_silently=False)
        except Exception as exc:  # SMTP and backend errors of any kind: record and retry later
            outbox.attempts += 1
            outbox.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if outbox.attempts >= MAKS_PERCOBAAN:
                outbox.status = OutboxStatus.FAILED
            else:
                outbox.next_attempt_at = timezone.now() + jeda_percobaan(outbox.attempts)
            outbox.save(update_fields=["attempts", "last_error", "status", "next_attempt_at", "updated_at"])
            logger.warning("Gagal mengirim outbox %s (percobaan %s): %s", outbox.pk, outbox.attempts, exc)
            return outbox
        outbox.status = OutboxStatus.SENT
        outbox.sent_at = timezone.now()
        outbox.attempts += 1
        outbox.last_error = ""
        outbox.save(update_fields=["status", "sent_at", "attempts", "last_error", "updated_at"])
    return outbox


# --------------------------------------------------------------------------- reminders


def pengingat_kirim(*, sekarang=None) -> int:
    """Remind the current decider of every request waiting longer than its Instansi's ``hari_pengingat``.

    The threshold is that of the Instansi of the deciding position. At most one reminder per
    request and day (key ``pengingat:permohonan:<pk>:<tanggal>``), so re-running the task the
    same day sends nothing new. Returns how many notifications were written.
    """
    sekarang = sekarang or timezone.now()
    tanggal = timezone.localdate(sekarang)
    jumlah = 0
    for hari in Instansi.objects.values_list("hari_pengingat", flat=True).distinct().order_by("hari_pengingat"):
        tertunda = permohonan_tertunda(hari, sekarang=sekarang).filter(jabatan_penentu__instansi__hari_pengingat=hari)
        for permohonan in tertunda:
            pejabat = org.pejabat_berwenang(jabatan=permohonan.jabatan_penentu, tanggal=tanggal)
            user = getattr(pejabat.pegawai, "user", None) if pejabat else None
            if user is None:
                logger.warning("Pengingat permohonan %s: pengambil keputusan tidak punya akun.", permohonan.pk)
                continue
            sejak = timezone.localtime(permohonan.menunggu_sejak)
            with transaction.atomic():
                jumlah += notifikasi_kirim(
                    penerima=[user],
                    jenis="pengingat",
                    judul=_("Pengingat: permohonan menunggu keputusan Anda"),
                    pesan=_("Permohonan \"%(judul)s\" menunggu keputusan Anda sejak %(tanggal)s (%(hari)d hari).") % {
                        "judul": permohonan.judul, "tanggal": sejak.strftime("%d-%m-%Y"),
                        "hari": (tanggal - sejak.date()).days},
                    url=f"/penugasan/permohonan/{permohonan.pk}/",
                    kunci=f"pengingat:permohonan:{permohonan.pk}:{tanggal.isoformat()}",
                    objek=permohonan,
                )
    return jumlah
