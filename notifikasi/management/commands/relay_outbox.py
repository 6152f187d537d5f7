"""Run one outbox relay pass (for environments without Celery beat, e.g. a cron job)."""
from django.core.management.base import BaseCommand

from notifikasi import services


class Command(BaseCommand):
    help = "Mengantrekan e-mail kotak keluar (outbox) yang masih menunggu ke Celery, satu putaran."

    def add_arguments(self, parser):
        parser.add_argument("--batas", type=int, default=services.UKURAN_BATCH_RELAY,
                            help="jumlah maksimum baris per putaran")

    def handle(self, *args, batas, **options):
        jumlah = services.outbox_relay(batas=batas)
        self.stdout.write(f"{jumlah} e-mail diantrekan.")
