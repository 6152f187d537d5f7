"""notifikasi services: idempotent notifications, read state, outbox delivery and retries."""
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from notifikasi import selectors, services
from notifikasi.models import Notifikasi, Outbox, OutboxStatus
from organisasi.tests.factories import PegawaiFactory, UserFactory

pytestmark = pytest.mark.django_db


def kirim(penerima, kunci="permohonan:1:diajukan", **kwargs):
    data = {"jenis": "permohonan", "judul": "Permohonan baru", "pesan": "Ada permohonan pelibatan.",
            "url": "/penugasan/permohonan/1/"}
    data.update(kwargs)
    with transaction.atomic():
        return services.notifikasi_kirim(penerima=penerima, kunci=kunci, **data)


class TestNotifikasiKirim:
    def test_writes_one_notification_and_one_outbox_per_recipient(self, django_capture_on_commit_callbacks):
        a = UserFactory(email="a@contoh.go.id")
        b = UserFactory(email="b@contoh.go.id")

        with django_capture_on_commit_callbacks(execute=False):
            jumlah = kirim([a, b, a])  # a listed twice: still one each

        assert jumlah == 2
        assert set(Notifikasi.objects.values_list("penerima_id", "kunci")) == {
            (a.pk, f"permohonan:1:diajukan:{a.pk}"), (b.pk, f"permohonan:1:diajukan:{b.pk}")}
        assert Notifikasi.objects.filter(dibaca_pada__isnull=True).count() == 2
        outbox = Outbox.objects.order_by("recipient")
        assert [(o.recipient, o.status, o.subject) for o in outbox] == [
            ("a@contoh.go.id", "pending", "Permohonan baru"), ("b@contoh.go.id", "pending", "Permohonan baru")]
        assert "http://" in outbox[0].body and "/penugasan/permohonan/1/" in outbox[0].body

    def test_same_key_twice_creates_nothing_new(self, django_capture_on_commit_callbacks):
        a = UserFactory(email="a@contoh.go.id")
        b = UserFactory(email="b@contoh.go.id")
        with django_capture_on_commit_callbacks(execute=True):
            assert kirim([a]) == 1
            # second call: a already notified for this event, b is new
            assert kirim([a, b]) == 1
            assert kirim([a, b]) == 0

        assert Notifikasi.objects.filter(penerima=a).count() == 1
        assert Notifikasi.objects.filter(penerima=b).count() == 1
        assert Outbox.objects.count() == 2
        assert sorted(m.to[0] for m in mail.outbox) == ["a@contoh.go.id", "b@contoh.go.id"]

    def test_different_events_notify_separately(self):
        a = UserFactory(email="")
        assert kirim([a], kunci="permohonan:1:diajukan") == 1
        assert kirim([a], kunci="permohonan:1:disetujui") == 1
        assert Notifikasi.objects.filter(penerima=a).count() == 2

    def test_no_email_address_means_in_app_only(self):
        tanpa = UserFactory(email="")
        assert kirim([tanpa]) == 1
        assert Outbox.objects.count() == 0

    def test_pegawai_email_is_used_when_account_has_none(self):
        pegawai = PegawaiFactory(email="pegawai@contoh.go.id", user=UserFactory(email=""))
        kirim([pegawai.user])
        assert list(Outbox.objects.values_list("recipient", flat=True)) == ["pegawai@contoh.go.id"]

    def test_inactive_and_missing_recipients_are_skipped(self):
        nonaktif = UserFactory(email="x@contoh.go.id", is_active=False)
        assert kirim([nonaktif, None]) == 0
        assert Notifikasi.objects.count() == 0

    def test_object_is_linked(self):
        a = UserFactory()
        pegawai = PegawaiFactory()
        kirim([a], objek=pegawai)
        assert Notifikasi.objects.get().objek == pegawai

    @pytest.mark.parametrize("field", ["kunci", "judul", "jenis"])
    def test_empty_required_field_is_refused(self, field):
        a = UserFactory()
        data = {"kunci": "k", "judul": "j", "jenis": "x", "pesan": ""}
        data[field] = " "
        with pytest.raises(ValidationError) as err:
            services.notifikasi_kirim(penerima=[a], **data)
        assert field in err.value.message_dict
        assert Notifikasi.objects.count() == 0

    def test_rolled_back_caller_leaves_no_rows_and_sends_nothing(self, django_capture_on_commit_callbacks):
        a = UserFactory(email="a@contoh.go.id")
        with django_capture_on_commit_callbacks(execute=True):
            with pytest.raises(RuntimeError):
                with transaction.atomic():
                    services.notifikasi_kirim(penerima=[a], jenis="x", judul="j", pesan="", kunci="k")
                    raise RuntimeError("gagal di pemanggil")
        assert Notifikasi.objects.count() == 0
        assert Outbox.objects.count() == 0
        assert mail.outbox == []

    def test_after_commit_mail_is_sent_eagerly(self, django_capture_on_commit_callbacks):
        a = UserFactory(email="a@contoh.go.id")
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            kirim([a])
        assert len(callbacks) == 1
        assert len(mail.outbox) == 1
        assert mail.outbox[0].subject == "Permohonan baru"
        outbox = Outbox.objects.get()
        assert outbox.status == OutboxStatus.SENT
        assert outbox.sent_at is not None


class TestDibaca:
    def test_unread_count_and_mark_one_read(self):
        a = UserFactory()
        b = UserFactory()
        kirim([a, b], kunci="e1")
        kirim([a], kunci="e2")
        assert selectors.jumlah_belum_dibaca(a) == 2
        assert selectors.jumlah_belum_dibaca(b) == 1

        pertama = Notifikasi.objects.get(penerima=a, kunci=f"e1:{a.pk}")
        assert services.notifikasi_tandai_dibaca(user=a, notifikasi_id=pertama.pk) == 1
        assert services.notifikasi_tandai_dibaca(user=a, notifikasi_id=pertama.pk) == 0  # already read
        pertama.refresh_from_db()
        assert pertama.dibaca_pada is not None
        assert selectors.jumlah_belum_dibaca(a) == 1
        assert selectors.jumlah_belum_dibaca(b) == 1

    def test_mark_all_read_touches_only_own(self):
        a = UserFactory()
        b = UserFactory()
        kirim([a, b], kunci="e1")
        kirim([a], kunci="e2")
        assert services.notifikasi_tandai_dibaca(user=a, semua=True) == 2
        assert selectors.jumlah_belum_dibaca(a) == 0
        assert selectors.jumlah_belum_dibaca(b) == 1

    def test_cannot_mark_someone_elses(self):
        a = UserFactory()
        b = UserFactory()
        kirim([b], kunci="e1")
        milik_b = Notifikasi.objects.get()
        with pytest.raises(Notifikasi.DoesNotExist):
            services.notifikasi_tandai_dibaca(user=a, notifikasi_id=milik_b.pk)
        milik_b.refresh_from_db()
        assert milik_b.dibaca_pada is None

    def test_needs_id_or_all(self):
        with pytest.raises(ValidationError):
            services.notifikasi_tandai_dibaca(user=UserFactory())

    def test_unread_count_is_one_query(self, django_assert_num_queries):
        a = UserFactory()
        kirim([a], kunci="e1")
        with django_assert_num_queries(1):
            assert selectors.jumlah_belum_dibaca(a) == 1

    def test_list_is_paginated_newest_first(self, django_assert_num_queries):
        a = UserFactory()
        for i in range(25):
            kirim([a], kunci=f"e{i}", judul=f"Judul {i}")
        kirim([UserFactory()], kunci="lain")
        with django_assert_num_queries(2):  # count + page
            halaman = selectors.notifikasi_untuk(a, per_halaman=10)
            judul = [n.judul for n in halaman.object_list]
        assert halaman.paginator.count == 25
        assert judul[0] == "Judul 24"
        assert len(judul) == 10
        assert [n.judul for n in selectors.notifikasi_untuk(a, halaman=3, per_halaman=10)] == [
            f"Judul {i}" for i in range(4, -1, -1)]


class TestOutbox:
    def buat_pending(self, django_capture_on_commit_callbacks, n=1):
        users = [UserFactory(email=f"u{i}@contoh.go.id") for i in range(n)]
        with django_capture_on_commit_callbacks(execute=False):  # simulate: after-commit publish lost
            kirim(users)
        return list(Outbox.objects.order_by("pk"))

    def test_relay_skips_rows_not_yet_due_then_sends(self, django_capture_on_commit_callbacks):
        rows = self.buat_pending(django_capture_on_commit_callbacks, n=2)
        # fresh rows are leased to the after-commit publish for a short while
        assert services.outbox_relay() == 0
        assert mail.outbox == []

        later = timezone.now() + services.SEWA_RELAY + timedelta(seconds=1)
        assert services.outbox_relay(sekarang=later) == 2
        assert len(mail.outbox) == 2
        for row in rows:
            row.refresh_from_db()
            assert row.status == OutboxStatus.SENT
            assert row.sent_at is not None
            assert row.attempts == 1
        assert services.outbox_relay(sekarang=later + timedelta(hours=1)) == 0

    def test_send_twice_sends_one_mail(self, django_capture_on_commit_callbacks):
        (row,) = self.buat_pending(django_capture_on_commit_callbacks)
        services.outbox_kirim(outbox_id=row.pk)
        services.outbox_kirim(outbox_id=row.pk)
        assert len(mail.outbox) == 1
        row.refresh_from_db()
        assert row.status == OutboxStatus.SENT
        assert row.attempts == 1

    def test_send_missing_row_is_harmless(self):
        assert services.outbox_kirim(outbox_id=987654) is None

    def test_failure_counts_attempt_and_schedules_retry(self, django_capture_on_commit_callbacks, settings):
        (row,) = self.buat_pending(django_capture_on_commit_callbacks)
        # SMTP to a closed local port: a real connection failure, no mock
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = 9  # discard port, nothing listens there
        settings.EMAIL_TIMEOUT = 2

        before = timezone.now()
        services.outbox_kirim(outbox_id=row.pk)
        row.refresh_from_db()
        assert row.status == OutboxStatus.PENDING
        assert row.attempts == 1
        assert row.last_error
        assert row.next_attempt_at >= before + services.jeda_percobaan(1)
        assert row.sent_at is None

        # not due yet: the relay leaves it alone
        assert services.outbox_relay() == 0

        # keep failing until the limit: then FAILED, no more retries
        for _ in range(services.MAKS_PERCOBAAN - 1):
            services.outbox_kirim(outbox_id=row.pk)
        row.refresh_from_db()
        assert row.attempts == services.MAKS_PERCOBAAN
        assert row.status == OutboxStatus.FAILED
        assert services.outbox_relay(sekarang=timezone.now() + timedelta(days=1)) == 0

    def test_retry_after_failure_succeeds(self, django_capture_on_commit_callbacks, settings):
        (row,) = self.buat_pending(django_capture_on_commit_callbacks)
        smtp_mati = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                     "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": 9, "EMAIL_TIMEOUT": 2}
        for k, v in smtp_mati.items():
            setattr(settings, k, v)
        services.outbox_kirim(outbox_id=row.pk)
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

        row.refresh_from_db()
        assert services.outbox_relay(sekarang=row.next_attempt_at + timedelta(seconds=1)) == 1
        row.refresh_from_db()
        assert row.status == OutboxStatus.SENT
        assert row.attempts == 2
        assert row.last_error == ""
        assert len(mail.outbox) == 1


def test_management_command_runs_one_relay_pass(django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import call_command

    a = UserFactory(email="a@contoh.go.id")
    with django_capture_on_commit_callbacks(execute=False):
        kirim([a])
    Outbox.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    out = StringIO()
    call_command("relay_outbox", stdout=out)
    assert "1 e-mail diantrekan" in out.getvalue()
    assert Outbox.objects.get().status == OutboxStatus.SENT
    assert len(mail.outbox) == 1


def test_beat_relay_task_publishes_due_rows(django_capture_on_commit_callbacks):
    from notifikasi.tasks import relay_outbox

    a = UserFactory(email="a@contoh.go.id")
    with django_capture_on_commit_callbacks(execute=False):
        kirim([a])
    Outbox.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert relay_outbox.apply().get() == 1
    assert Outbox.objects.get().status == OutboxStatus.SENT
    assert relay_outbox.apply().get() == 0
    assert len(mail.outbox) == 1
