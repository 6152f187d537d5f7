"""The CELERY_* settings reach the Celery app through ``config_from_object`` (no broker needed)."""
from django.conf import settings

from sistemkerja.celery import app


def test_settings_take_effect_on_the_app():
    conf = app.conf
    assert conf.task_serializer == "json"
    assert conf.result_serializer == "json"
    assert list(conf.accept_content) == ["json"]
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_time_limit == settings.CELERY_TASK_TIME_LIMIT > 0
    assert 0 < conf.task_soft_time_limit < conf.task_time_limit
    # publishing fails fast when Redis is down
    assert conf.broker_connection_timeout <= 2
    opts = conf.broker_transport_options
    assert opts["socket_connect_timeout"] <= 2
    assert opts["max_retries"] <= 1


def test_notification_tasks_are_registered_with_limits():
    app.loader.import_default_modules()
    kirim = app.tasks["notifikasi.kirim_email"]
    assert kirim.acks_late is True
    assert 0 < kirim.soft_time_limit < kirim.time_limit
    assert "notifikasi.relay_outbox" in app.tasks
    assert "notifikasi.kirim_pengingat" in app.tasks


def test_beat_schedule_points_at_registered_tasks():
    app.loader.import_default_modules()
    schedule = app.conf.beat_schedule
    tugas = {entry["task"]: entry["schedule"] for entry in schedule.values()}
    assert tugas["notifikasi.relay_outbox"] == 10.0
    assert "notifikasi.kirim_pengingat" in tugas
    for nama in tugas:
        assert nama in app.tasks, nama
