"""The admin flow of an org-chart import: upload → dry run → confirm → progress, as a superuser and
as an HR admin scoped to one Perangkat Daerah (guardian object permission)."""
from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from organisasi import importer, sintetis
from organisasi.models import ImporBagan, Pegawai, PerangkatDaerah, StatusImpor
from organisasi.tests.factories import InstansiFactory, UserFactory
from organisasi.tests.test_importer import NIP_KADIS, PD, ROOT, bagan_dasar, baris
from inti.exceptions import KonflikError

pytestmark = pytest.mark.django_db

URL_UNGGAH = "admin:organisasi_imporbagan_unggah"


def _csv(rows, nama="bagan.csv"):
    return SimpleUploadedFile(nama, sintetis.csv_teks(rows).encode(), content_type="text/csv")


def _unggah(client, instansi, berkas):
    return client.post(reverse(URL_UNGGAH), {"instansi": instansi.pk, "berkas": berkas})


@pytest.fixture
def superuser(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_alur_superuser_unggah_uji_coba_terapkan(client, superuser, tmp_path):
    instansi = InstansiFactory()
    # step 1: upload form
    assert client.get(reverse(URL_UNGGAH)).status_code == 200
    xlsx = tmp_path / "bagan.xlsx"
    sintetis.tulis_xlsx(bagan_dasar(), xlsx)
    resp = _unggah(client, instansi, SimpleUploadedFile("bagan.xlsx", xlsx.read_bytes()))
    impor = ImporBagan.objects.get()
    assert resp.status_code == 302 and resp.url == reverse("admin:organisasi_imporbagan_hasil", args=[impor.pk])
    assert impor.status == StatusImpor.SIAP and impor.total_baris == 7 and impor.diunggah_oleh == superuser
    # step 2: the dry run page shows counts per kind and a sample; nothing written yet
    resp = client.get(resp.url)
    html = resp.content.decode()
    assert resp.status_code == 200
    assert 'data-jenis="pegawai"><td>Pegawai</td><td class="baru">6</td>' in html
    assert 'data-jenis="jabatan"><td>Jabatan</td><td class="baru">7</td>' in html
    assert "Budi Santoso" in html  # sample
    assert 'name="terapkan"' in html
    assert Pegawai.objects.count() == 0
    # step 3: confirm → the task runs after commit (eager in tests) → progress page
    with django_capture_on_commit(True):
        resp = client.post(reverse("admin:organisasi_imporbagan_hasil", args=[impor.pk]), {"terapkan": "1"})
    assert resp.status_code == 302 and resp.url == reverse("admin:organisasi_imporbagan_progres", args=[impor.pk])
    impor.refresh_from_db()
    assert impor.status == StatusImpor.SELESAI and impor.baris_diproses == 7 and impor.selesai_pada
    assert Pegawai.objects.filter(instansi=instansi).count() == 6
    assert client.get(resp.url).status_code == 200
    data = client.get(reverse("admin:organisasi_imporbagan_progres_json", args=[impor.pk])).json()
    assert data["status"] == "selesai" and data["baris_diproses"] == data["total_baris"] == 7
    assert data["persen"] == 100 and data["selesai"] is True
    # confirming twice is a conflict, not a second import
    resp = client.post(reverse("admin:organisasi_imporbagan_hasil", args=[impor.pk]), {"terapkan": "1"})
    assert resp.status_code == 302 and Pegawai.objects.count() == 6
    # the changelist lists the job
    assert "bagan.xlsx" in client.get(reverse("admin:organisasi_imporbagan_changelist")).content.decode()


class django_capture_on_commit:
    """Run on_commit callbacks of the request: pytest-django wraps each test in a transaction,
    so real commits never happen; TestCase.captureOnCommitCallbacks executes them on exit."""

    def __init__(self, execute: bool):
        from django.test import TestCase

        self._cm = TestCase.captureOnCommitCallbacks(execute=execute)

    def __enter__(self):
        return self._cm.__enter__()

    def __exit__(self, *exc):
        return self._cm.__exit__(*exc)


def test_baris_salah_ditampilkan_dan_tidak_bisa_diterapkan(client, superuser):
    instansi = InstansiFactory()
    rows = bagan_dasar()
    rows[1]["nip"] = "123"
    rows[2]["jenis_unit"] = "direktorat"
    _unggah(client, instansi, _csv(rows))
    impor = ImporBagan.objects.get()
    assert impor.status == StatusImpor.GAGAL_VALIDASI
    assert {(k["baris"], k["kolom"]) for k in impor.kesalahan} == {(3, "nip"), (4, "jenis_unit")}
    html = client.get(reverse("admin:organisasi_imporbagan_hasil", args=[impor.pk])).content.decode()
    assert "<td>3</td><td>nip</td><td>NIP harus 18 digit, diterima 3 digit.</td>" in html
    assert "direktorat" in html and 'name="terapkan"' not in html
    with django_capture_on_commit(True):
        client.post(reverse("admin:organisasi_imporbagan_hasil", args=[impor.pk]), {"terapkan": "1"})
    impor.refresh_from_db()
    assert impor.status == StatusImpor.GAGAL_VALIDASI and Pegawai.objects.count() == 0


def test_admin_pd_hanya_boleh_baris_pd_miliknya(client):
    instansi = InstansiFactory()
    importer.impor_terapkan(instansi=instansi, baris=bagan_dasar()[:1])  # creates PD DINKES
    dinkes = PerangkatDaerah.objects.get(kode="DINKES")
    lain = PerangkatDaerah.objects.create(instansi=instansi, kode="DISDIK", nama="Dinas Pendidikan", jenis="dinas")
    admin_pd = UserFactory(is_staff=True)
    assign_perm("organisasi.kelola_perangkatdaerah", admin_pd, dinkes)
    client.force_login(admin_pd)
    assert client.get(reverse(URL_UNGGAH)).status_code == 200
    # a file touching another PD (rows 9, 10) and creating a new PD (row 11): refused per row
    rows = bagan_dasar() + [
        baris(kode_pd="DISDIK", kode_unit="DISDIK.0", nama_unit="Dinas Pendidikan", kode_jabatan="DISDIK.0.K",
              nama_jabatan="Kepala Dinas Pendidikan", jenis_jabatan="jpt_pratama"),
        baris(kode_pd="DISDIK", kode_unit="DISDIK.0", kode_jabatan="DISDIK.0.P1", nama_jabatan="Pengadministrasi",
              jenis_jabatan="pelaksana"),
        baris(kode_pd="BARU", nama_pd="Badan Baru", jenis_pd="badan", kode_unit="BARU.0", nama_unit="Badan Baru",
              kode_jabatan="BARU.0.K", nama_jabatan="Kepala Badan", jenis_jabatan="jpt_pratama"),
    ]
    _unggah(client, instansi, _csv(rows))
    impor = ImporBagan.objects.get()
    assert impor.status == StatusImpor.GAGAL_VALIDASI
    assert [(k["baris"], k["kolom"]) for k in impor.kesalahan] == [(9, "kode_pd"), (10, "kode_pd"), (11, "kode_pd")]
    assert "DISDIK" in impor.kesalahan[0]["pesan"] and "tidak berwenang" in impor.kesalahan[0]["pesan"]
    assert client.get(reverse("admin:organisasi_imporbagan_hasil", args=[impor.pk])).status_code == 200
    assert not lain.unit_organisasi.exists()
    # only its own PD: accepted and applied
    _unggah(client, instansi, _csv(bagan_dasar(), "dinkes.csv"))
    impor = ImporBagan.objects.get(nama_berkas="dinkes.csv")
    assert impor.status == StatusImpor.SIAP, impor.kesalahan
    with django_capture_on_commit(True):
        client.post(reverse("admin:organisasi_imporbagan_hasil", args=[impor.pk]), {"terapkan": "1"})
    impor.refresh_from_db()
    assert impor.status == StatusImpor.SELESAI
    assert Pegawai.objects.filter(instansi=instansi).count() == 6


def test_pengguna_tanpa_hak_tidak_dapat_mengunggah(client):
    instansi = InstansiFactory()
    staf = UserFactory(is_staff=True)
    client.force_login(staf)
    assert client.get(reverse(URL_UNGGAH)).status_code == 403
    resp = _unggah(client, instansi, _csv(bagan_dasar()))
    assert resp.status_code == 403 and not ImporBagan.objects.exists()
    # and another admin's job is not visible to a PD admin of another instansi
    lain = InstansiFactory()
    pd = PerangkatDaerah.objects.create(instansi=lain, kode="X", nama="X", jenis="dinas")
    assign_perm("organisasi.kelola_perangkatdaerah", staf, pd)
    su = UserFactory(is_staff=True, is_superuser=True)
    impor = importer.impor_bagan_unggah(actor=su, instansi=instansi, berkas=_csv(bagan_dasar()))
    assert client.get(reverse("admin:organisasi_imporbagan_progres_json", args=[impor.pk])).status_code == 404
    # the form offers only the instansi the user manages
    resp = _unggah(client, instansi, _csv(bagan_dasar()))
    assert resp.status_code == 200 and "instansi" in resp.context["form"].errors


def test_endpoint_progres_membaca_kemajuan_langsung_saat_transaksi_berjalan(client, superuser):
    """While the apply transaction runs, the job row still says 0; the endpoint reads the live value
    the worker writes to the cache (shared with the web process)."""
    instansi = InstansiFactory()
    impor = importer.impor_bagan_unggah(actor=superuser, instansi=instansi, berkas=_csv(bagan_dasar()))
    impor = importer.impor_bagan_konfirmasi(actor=superuser, impor_id=impor.pk)  # on_commit not run
    url = reverse("admin:organisasi_imporbagan_progres_json", args=[impor.pk])
    assert client.get(url).json()["baris_diproses"] == 0
    dilihat = []

    def lapor_dan_tanya(persen):
        lapor(persen)
        dilihat.append((persen, client.get(url).json()))

    lapor = importer._pelapor(impor)
    with transaction.atomic():
        importer.impor_terapkan(instansi=instansi, actor=superuser, baris=bagan_dasar(), progres=lapor_dan_tanya)
    assert len(dilihat) >= 5
    for persen, data in dilihat:
        assert data["status"] == "diproses" and data["total_baris"] == 7
        assert data["baris_diproses"] == 7 * persen // 100
    assert [p for p, _d in dilihat] == sorted(p for p, _d in dilihat)
    assert max(p for p, _d in dilihat) >= 90
    # the task itself then finishes the job (idempotent on redelivery)
    from organisasi.tasks import impor_bagan_task

    assert impor_bagan_task(impor.pk) == "selesai"
    assert impor_bagan_task(impor.pk) == "selesai"
    data = client.get(url).json()
    assert data["selesai"] and data["persen"] == 100


def test_perubahan_basis_data_setelah_uji_coba_menggagalkan_tanpa_menulis(superuser):
    instansi = InstansiFactory()
    impor = importer.impor_bagan_unggah(actor=superuser, instansi=instansi, berkas=_csv(bagan_dasar()))
    # meanwhile the Kadis' NIP is registered in another instansi
    lain = InstansiFactory()
    importer.impor_terapkan(instansi=lain, baris=[baris(**PD, **ROOT, kode_jabatan="X.K", nama_jabatan="X",
                                                        jenis_jabatan="jpt_pratama", nip=NIP_KADIS, nama="B")])
    with django_capture_on_commit(True):
        importer.impor_bagan_konfirmasi(actor=superuser, impor_id=impor.pk)
    impor.refresh_from_db()
    assert impor.status == StatusImpor.GAGAL
    assert impor.kesalahan[0]["baris"] == 2 and impor.kesalahan[0]["kolom"] == "nip"
    assert Pegawai.objects.filter(instansi=instansi).count() == 0


def test_admin_pd_tidak_dapat_mengubah_pegawai_pd_lain():
    instansi = InstansiFactory()
    importer.impor_terapkan(instansi=instansi, baris=bagan_dasar())  # DINKES with its staff
    disdik = PerangkatDaerah.objects.create(instansi=instansi, kode="DISDIK", nama="Dinas Pendidikan", jenis="dinas")
    admin_pd = UserFactory(is_staff=True)
    assign_perm("organisasi.kelola_perangkatdaerah", admin_pd, disdik)
    # the DISDIK admin tries to pull the Kadis of DINKES into a DISDIK position and rename him
    rows = [baris(kode_pd="DISDIK", kode_unit="DISDIK.0", nama_unit="Dinas Pendidikan", kode_jabatan="DISDIK.0.P1",
                  nama_jabatan="Pengadministrasi", jenis_jabatan="pelaksana", nip=NIP_KADIS, nama="Nama Lain",
                  mulai="2024-05-01"),
            baris(kode_pd="DISDIK", kode_unit="DISDIK.0", kode_jabatan="DISDIK.0.P1", nip="199912122022031001",
                  nama="Pegawai Baru", mulai="2024-05-01")]
    rencana = importer.impor_periksa(instansi=instansi, actor=admin_pd, baris=rows)
    assert [(k.baris, k.kolom) for k in rencana.kesalahan] == [(2, "nip")]
    assert "DINKES" in rencana.kesalahan[0].pesan
    sendiri = [{**rows[0], "nip": rows[1]["nip"], "nama": "Pegawai Baru"}]  # only its own new staff: fine
    assert importer.impor_periksa(instansi=instansi, actor=admin_pd, baris=sendiri).sah


# --------------------------------------------------------------------------- broker down at confirm


@pytest.fixture
def broker_mati():
    """A real, unreachable Redis broker (nothing listens on port 1), with eager mode off (as the
    letters' render tests do)."""
    from sistemkerja.celery import app

    def lepas_pool():
        # forget every cached connection/producer (also kombu's global registries), so that neither
        # this test nor a later one publishes through a pool bound to the other broker URL
        from kombu import pools

        if app._pool is not None:
            app._pool.force_close_all()
            app._pool = None
        app.amqp._producer_pool = None
        pools.reset()

    lama = (app.conf.task_always_eager, app.conf.broker_url, app.conf.broker_connection_retry_on_startup,
            app.conf.broker_transport_options)
    lepas_pool()
    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    app.conf.broker_connection_retry_on_startup = False
    app.conf.broker_transport_options = {"socket_connect_timeout": 0.5, "max_retries": 0}
    yield
    (app.conf.task_always_eager, app.conf.broker_url, app.conf.broker_connection_retry_on_startup,
     app.conf.broker_transport_options) = lama
    lepas_pool()


def test_konfirmasi_saat_broker_mati_tidak_gagal_dan_penyapu_menerapkannya(client, superuser, broker_mati, caplog):
    """Confirming with Redis down answered 500 and left the job DIPROSES for ever; now the confirm
    succeeds, the job waits, and the sweep applies it once the broker is back."""
    instansi = InstansiFactory()
    impor = importer.impor_bagan_unggah(actor=superuser, instansi=instansi, berkas=_csv(bagan_dasar()))
    with django_capture_on_commit(True):
        resp = client.post(reverse("admin:organisasi_imporbagan_hasil", args=[impor.pk]))
    assert resp.status_code == 302
    assert "menunggu diantrekan ulang" in caplog.text  # the broker really refused
    impor.refresh_from_db()
    assert impor.status == StatusImpor.DIPROSES and impor.antre_pada and impor.dimulai_pada is None
    assert Pegawai.objects.filter(instansi=instansi).count() == 0
    # still down: the sweep publishes nothing, and the job stays queued
    nanti = timezone.now() + datetime.timedelta(minutes=3)
    assert importer.impor_bagan_antrekan_ulang(sekarang=nanti) == 0
    impor.refresh_from_db()
    assert impor.status == StatusImpor.DIPROSES


def test_penyapu_menerapkan_impor_yang_belum_pernah_sampai_ke_broker(superuser):
    instansi = InstansiFactory()
    impor = importer.impor_bagan_unggah(actor=superuser, instansi=instansi, berkas=_csv(bagan_dasar()))
    importer.impor_bagan_konfirmasi(actor=superuser, impor_id=impor.pk)  # the message never left: on_commit not run
    impor.refresh_from_db()
    # not before the lease has passed (the message may still be on its way) ...
    assert importer.impor_bagan_antrekan_ulang(sekarang=impor.antre_pada + datetime.timedelta(seconds=30)) == 0
    # ... then the sweep queues it (eager here) and the job is applied once
    nanti = impor.antre_pada + datetime.timedelta(minutes=3)
    assert importer.impor_bagan_antrekan_ulang(sekarang=nanti) == 1
    impor.refresh_from_db()
    assert impor.status == StatusImpor.SELESAI
    assert Pegawai.objects.filter(instansi=instansi).count() == 6
    assert importer.impor_bagan_antrekan_ulang(sekarang=nanti + datetime.timedelta(hours=1)) == 0


def test_impor_macet_dicoba_lagi_oleh_adminnya_lewat_aksi_admin(client, superuser):
    instansi = InstansiFactory()
    impor = importer.impor_bagan_unggah(actor=superuser, instansi=instansi, berkas=_csv(bagan_dasar()))
    importer.impor_bagan_konfirmasi(actor=superuser, impor_id=impor.pk)  # never published: stuck in DIPROSES
    impor.refresh_from_db()
    assert impor.status == StatusImpor.DIPROSES
    # another admin may not retry someone else's job
    lain = UserFactory(is_staff=True)
    with pytest.raises(PermissionDenied):
        importer.impor_bagan_coba_lagi(actor=lain, impor_id=impor.pk)
    with django_capture_on_commit(True):
        resp = client.post(reverse("admin:organisasi_imporbagan_changelist"),
                           {"action": "coba_lagi", "_selected_action": [impor.pk]})
    assert resp.status_code == 302
    impor.refresh_from_db()
    assert impor.status == StatusImpor.SELESAI and Pegawai.objects.filter(instansi=instansi).count() == 6
    # a finished job is not retried
    with pytest.raises(KonflikError):
        importer.impor_bagan_coba_lagi(actor=superuser, impor_id=impor.pk)
