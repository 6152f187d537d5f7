"""A frozen Redis (SIGSTOP: the kernel still accepts connections, nothing ever answers) or a
killed one must not slow an approval: the response comes within a bounded time of the normal
one, and once Redis is back the sweeps queue every letter and e-mail exactly once.

Before: an approval issuing its letters took 41 s with Redis frozen (each letter's render was
published with Celery's retries and a 5 s socket timeout, one after the other).

Needs only redis-server (started on a free port by the test) and the test database (SQLite or
PostgreSQL): no worker; delivery by a real worker is covered by test_celery_redis_mati.py.
"""
from __future__ import annotations

import os
import shutil
import signal
import time

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from inti import antrean
from notifikasi import services as notifikasi_services
from notifikasi.models import Outbox, OutboxStatus
from organisasi.models import JenisJabatan
from organisasi.tests.factories import JabatanFactory, pejabat_baru
from penugasan.models import StatusPermohonan
from penugasan.tests.helpers import ajukan, bangun_pemda
from surat import services as surat_services
from surat.models import Surat

from .celery_nyata import REDIS_SERVER, RedisSendiri, antrean_uji, celery_nyata

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

# the frozen broker costs at most one socket timeout (1 s) per request, plus this machine's noise
TAMBAHAN_MAKS_DETIK = 2.5


@pytest.fixture
def redis_sendiri(tmp_path):
    if not (os.path.exists(REDIS_SERVER) or shutil.which("redis-server")):
        pytest.skip("needs redis-server (apt-get install redis-server); the test starts and stops its own")
    server = RedisSendiri(tmp_path / "redis").start()
    antrean.lupakan_kegagalan()
    yield server
    if server.proc is not None and server.proc.poll() is None:
        os.kill(server.proc.pid, signal.SIGCONT)  # our own server, by its pid
    server.stop()
    antrean.lupakan_kegagalan()


@pytest.fixture
def opsi_broker_produksi():
    """The transport options of the settings (another test may have replaced them in this process)."""
    from sistemkerja.celery import app

    lama = app.conf.broker_transport_options
    app.conf.broker_transport_options = dict(settings.CELERY_BROKER_TRANSPORT_OPTIONS)
    yield
    app.conf.broker_transport_options = lama


def _permohonan_tim(d, n: int, nama: str):
    """A cross-unit request for a new team of ``n`` staff of Bidang 2: approving it issues the
    answer, the team decree and one Surat Tugas per person, and notifies everyone."""
    staf = [d.jf_muda[1], d.pelaksana[1]]
    while len(staf) < n:
        j = JabatanFactory(unit=d.seksi[1], nama=f"Pengadministrasi {nama} {len(staf)}", jenis=JenisJabatan.PELAKSANA)
        staf.append(pejabat_baru(j))
    for i, p in enumerate([*staf, d.kabid[0], d.jf_pertama[0]]):
        p.user.email = f"{nama}{i}-{p.pk}@contoh.go.id"
        p.user.save(update_fields=["email"])
    return ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.bidang[1], pegawai_diminta=staf[:n],
                  jumlah_dibutuhkan=n, nama_tim=f"Tim {nama}", ketua_tim=d.jf_pertama[0])


def _setujui(client, d, p) -> float:
    client.force_login(d.kabid[1].user)
    mulai = time.monotonic()
    resp = client.post(reverse("api-permohonan-setujui", args=[p.pk]), data={"langkah": 0},
                       content_type="application/json")
    lama = time.monotonic() - mulai
    assert resp.status_code == 200, resp.content
    p.refresh_from_db()
    assert p.status == StatusPermohonan.DISETUJUI
    return lama


def _panjang_antrean(server, queue: str) -> int:
    import redis

    client = redis.Redis(host="127.0.0.1", port=server.port, socket_timeout=5)
    try:
        return int(client.llen(queue))
    finally:
        client.close()


@pytest.mark.parametrize("gangguan", ["beku", "mati"])
def test_broker_beku_atau_mati_tidak_memperlambat_persetujuan(redis_sendiri, opsi_broker_produksi, client,
                                                              gangguan):
    d = bangun_pemda("belu")
    normal_p, terganggu_p = _permohonan_tim(d, 3, "normal"), _permohonan_tim(d, 3, "ganggu")
    queue = antrean_uji()
    with celery_nyata(redis_sendiri.url, queue):
        # given a normal approval, with Redis answering: its letters and e-mails are queued at once
        normal = _setujui(client, d, normal_p)
        terantre_normal = _panjang_antrean(redis_sendiri, queue)
        assert terantre_normal >= 5  # answer, team decree, 4 Surat Tugas (+ e-mails)
        surat_sebelum = set(Surat.objects.values_list("pk", flat=True))
        outbox_sebelum = set(Outbox.objects.values_list("pk", flat=True))

        # when Redis is frozen (or killed) and the same approval is made
        if gangguan == "beku":
            os.kill(redis_sendiri.proc.pid, signal.SIGSTOP)
        else:
            redis_sendiri.stop()
        terganggu = _setujui(client, d, terganggu_p)

        # then the response is not held up by the broker
        assert terganggu < normal + TAMBAHAN_MAKS_DETIK, (normal, terganggu)
        surat_baru = Surat.objects.exclude(pk__in=surat_sebelum)
        assert surat_baru.count() == 6 and not surat_baru.exclude(render_diantrekan_pada=None).exists()
        outbox_baru = Outbox.objects.exclude(pk__in=outbox_sebelum)
        assert outbox_baru.count() >= 4 and set(outbox_baru.values_list("status", flat=True)) == {OutboxStatus.PENDING}

        # when Redis is back, the letters' sweep and the outbox relay queue each one exactly once
        if gangguan == "beku":
            os.kill(redis_sendiri.proc.pid, signal.SIGCONT)
        else:
            redis_sendiri.start()
            terantre_normal = 0  # a new server: the normal approval's messages are gone with the old one
        antrean.lupakan_kegagalan()  # the pause after a failure is over
        antre = surat_services.surat_antrekan_ulang_render(menit=-1, sewa_menit=60)
        assert sorted(antre) == sorted(surat_baru.values_list("pk", flat=True))
        relay = notifikasi_services.outbox_relay()  # the rows left due when publishing failed
        assert relay == outbox_baru.count()
        # a frozen Redis may still run the one command already in its socket buffer when it thaws
        # (the publish that timed out): at most one extra message, harmless (render and send are
        # idempotent: one PDF, one e-mail); a killed Redis lost it
        selisih = _panjang_antrean(redis_sendiri, queue) - (terantre_normal + len(antre) + relay)
        assert selisih in ((0, 1) if gangguan == "beku" else (0,)), selisih
        # and a second pass finds nothing more to queue
        assert surat_services.surat_antrekan_ulang_render(menit=-1, sewa_menit=60) == []
        assert notifikasi_services.outbox_relay() == 0
        assert _panjang_antrean(redis_sendiri, queue) - (terantre_normal + len(antre) + relay) == selisih
