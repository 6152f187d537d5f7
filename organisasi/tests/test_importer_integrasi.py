"""A real Celery worker on real Redis applies an org-chart import while the web side polls progress.

Needs PostgreSQL (the worker shares the test database) and Redis (REDIS_URL; also the cache the
worker writes live progress to). Shows that progress moves while the apply transaction runs and
that no imported row is visible to another connection before the single commit.
"""
from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from organisasi import importer, sintetis
from organisasi.models import ImporBagan, Pegawai, StatusImpor
from organisasi.tests.factories import InstansiFactory, UserFactory
from tests.integration.celery_nyata import WorkerCelery, antrean_uji, celery_nyata

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_worker_nyata_kemajuan_terlihat_dan_data_muncul_sekaligus(requires_postgres, requires_redis, settings,
                                                                   tmp_path):
    from sistemkerja.settings import test as test_settings

    settings.MEDIA_ROOT = test_settings.MEDIA_ROOT  # the worker reads the uploaded file from there
    queue = antrean_uji()
    with celery_nyata(requires_redis, queue) as app:
        worker = WorkerCelery(broker_url=requires_redis, queue=queue, db_name=connection.settings_dict["NAME"],
                              email_dir=tmp_path / "mail", log_file=tmp_path / "worker.log", concurrency=1)
        with worker:
            su = UserFactory(is_staff=True, is_superuser=True)
            instansi = InstansiFactory()
            data = sintetis.csv_teks(sintetis.buat_baris(pegawai=3000, seed=5)).encode()
            impor = importer.impor_bagan_unggah(actor=su, instansi=instansi,
                                                berkas=SimpleUploadedFile("wilayah.csv", data))
            try:
                assert impor.status == StatusImpor.SIAP, impor.kesalahan[:5]
                importer.impor_bagan_konfirmasi(actor=su, impor_id=impor.pk)  # commits → publishes
                dilihat = []
                batas = time.monotonic() + 120
                while time.monotonic() < batas:
                    n = Pegawai.objects.filter(instansi=instansi).count()
                    d = importer.impor_bagan_progres(impor=impor)
                    dilihat.append((d["status"], d["persen"], n))
                    if d["selesai"]:
                        break
                    time.sleep(0.02)
                else:
                    raise AssertionError(f"impor tidak selesai: {dilihat[-3:]}\n{worker.log()}")
                assert d["status"] == StatusImpor.SELESAI, (ImporBagan.objects.get(pk=impor.pk).kesalahan, worker.log())
                assert Pegawai.objects.filter(instansi=instansi).count() == 3000
                # live progress was seen while the job ran (status DIPROSES, strictly between 0 and 100)
                antara = [p for s, p, _n in dilihat if s == StatusImpor.DIPROSES and 0 < p < 100]
                assert antara, dilihat
                assert antara == sorted(antara)
                # all or nothing: no pegawai was visible before the job was committed as done
                assert all(n == 0 for s, _p, n in dilihat if s == StatusImpor.DIPROSES), dilihat
            finally:
                impor.berkas.delete(save=False)
        with app.connection_for_write() as conn:
            conn.default_channel.client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
