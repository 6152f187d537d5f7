"""A real Celery worker on a real Redis renders the letter after the issuing transaction
commits, exactly once. Needs PostgreSQL (the worker shares the test database) and Redis."""
import hashlib

import pytest
from django.db import connection, transaction

from sistemkerja.settings import test as test_settings
from surat.models import StatusSurat, Surat
from surat.tests.helpers import org, pdf_teks_rapat, terbitkan_surat_tugas
from tests.conftest import POSTGRES_REASON, _skip_or_fail, database_is_postgres, redis_unavailable_reason
from tests.integration.celery_nyata import WorkerCelery, antrean_uji, celery_nyata, tunggu

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_worker_nyata_merender_sekali_setelah_commit(tmp_path, settings):
    if not database_is_postgres():
        _skip_or_fail(POSTGRES_REASON)
    alasan = redis_unavailable_reason()
    if alasan:
        _skip_or_fail(alasan)
    import os

    redis_url = os.environ["REDIS_URL"]
    settings.MEDIA_ROOT = test_settings.MEDIA_ROOT  # where the worker (test settings) stores files
    queue = antrean_uji()
    with celery_nyata(redis_url, queue) as app:
        with WorkerCelery(broker_url=redis_url, queue=queue, db_name=connection.settings_dict["NAME"],
                          email_dir=tmp_path / "mail", log_file=tmp_path / "worker.log") as worker:
            ns = org()
            with transaction.atomic():
                surat = terbitkan_surat_tugas(ns)
                # nothing is published before commit
                assert Surat.objects.get(pk=surat.pk).status == StatusSurat.MENUNGGU_RENDER
            tunggu(lambda: Surat.objects.get(pk=surat.pk).status == StatusSurat.TERBIT, batas_detik=90,
                   pesan=f"PDF dirender oleh worker\n{worker.log()}")
            surat = Surat.objects.get(pk=surat.pk)
            data = surat.berkas.read()
            surat.berkas.close()
            assert hashlib.sha256(data).hexdigest() == surat.sha256
            assert surat.nomor in pdf_teks_rapat(data)
            # a duplicate delivery is a no-op
            from surat.tasks import render_surat_task

            render_surat_task.delay(surat.pk)
            tunggu(lambda: worker.jumlah_tugas_selesai("surat.render") == 2, batas_detik=60,
                   pesan=f"tugas kedua selesai\n{worker.log()}")
            assert Surat.objects.get(pk=surat.pk).sha256 == surat.sha256
            assert "'sudah'" in worker.log()
        with app.connection_for_write() as conn:
            conn.default_channel.client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
    surat.berkas.storage.delete(surat.berkas.name)
