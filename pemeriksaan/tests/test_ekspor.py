"""Exports: formula injection neutralised, large results in the background (outbox + relay,
progress, notification, requester-only download, expiry)."""
from __future__ import annotations

import csv
import hashlib
import io
import json

import pytest
from django.urls import reverse
from kombu.exceptions import OperationalError
from openpyxl import load_workbook

from notifikasi.models import Notifikasi
from organisasi.permissions import beri_auditor
from organisasi.tests.factories import UserFactory
from pemeriksaan import ekspor as penulis
from pemeriksaan import services
from pemeriksaan.models import Ekspor, StatusEkspor
from pemeriksaan.penyimpanan import penyimpanan_ekspor
from pemeriksaan.tasks import ekspor_jalankan_task
from inti.models import JejakAudit
from penugasan.tests.helpers import ajukan, bangun_pemda

from .helpers import baca_csv

pytestmark = pytest.mark.django_db

JAHAT = '=HYPERLINK("http://x")'


@pytest.mark.parametrize("nilai,hasil", [
    (JAHAT, "'" + JAHAT), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("biasa", "biasa"), (5, 5), (-5, -5), (None, None), ("", ""),
])
def test_netralkan(nilai, hasil):
    assert penulis.netralkan(nilai) == hasil


def test_csv_dan_xlsx_dibaca_kembali_tanpa_rumus():
    data = b"".join(penulis.csv_potongan(["a", "b"], [[JAHAT, 1], ["-3+4", "@x"]]))
    baris = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert baris[1] == ["'" + JAHAT, "1"] and baris[2] == ["'-3+4", "'@x"]
    buf = io.BytesIO()
    penulis.tulis_xlsx(buf, ["a", "b"], [[JAHAT, 1]], judul="Uji")
    sel = load_workbook(io.BytesIO(buf.getvalue())).active["A2"]
    assert sel.value == "'" + JAHAT and sel.data_type == "s"


@pytest.fixture
def pemda():
    d = bangun_pemda("belu", kode="pemda-ekspor")
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1],
               pegawai_diminta=[d.jf_pertama[1]], judul=JAHAT)
    d.permohonan = p
    d.auditor = UserFactory(username="auditor-ekspor")
    beri_auditor(d.auditor, d.instansi)
    return d


def test_judul_berbahaya_di_register_keputusan_csv_dan_xlsx(client, pemda):
    client.force_login(pemda.auditor)
    for format in ("csv", "xlsx"):
        r = client.post(reverse("pemeriksaan_register_ekspor", args=["keputusan"]), {"format": format})
        data = b"".join(r.streaming_content)
        if format == "csv":
            judul = {row[1] for row in baca_csv(data)[1:]}
        else:
            ws = load_workbook(io.BytesIO(data)).active
            judul = {row[1].value for row in ws.iter_rows(min_row=2)}
            assert all(row[1].data_type == "s" for row in ws.iter_rows(min_row=2))
        assert judul == {"'" + JAHAT}, format


def test_ekspor_besar_di_latar_belakang_sampai_diunduh(client, pemda, settings, django_capture_on_commit_callbacks):
    settings.PEMERIKSAAN_AMBANG_EKSPOR_LATAR = 0
    client.force_login(pemda.auditor)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("pemeriksaan_register_ekspor", args=["jejak_audit"]), {"format": "csv"})
    assert r.status_code == 302 and r["Location"] == reverse("pemeriksaan_ekspor_saya")
    ekspor = Ekspor.objects.get(diminta_oleh=pemda.auditor)
    assert ekspor.latar and ekspor.status == StatusEkspor.SELESAI and ekspor.progres == 100
    assert ekspor.kedaluwarsa_pada is not None
    # stored outside the web root, in the private export folder
    path = penyimpanan_ekspor().path(ekspor.berkas)
    assert path.startswith(str(settings.PEMERIKSAAN_EKSPOR_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT)) and not path.startswith(str(settings.STATIC_ROOT))
    # listed on "Ekspor saya", announced by a notification
    html = client.get(reverse("pemeriksaan_ekspor_saya")).content.decode()
    assert reverse("pemeriksaan_ekspor_unduh", args=[ekspor.pk]) in html
    assert Notifikasi.objects.filter(penerima=pemda.auditor, jenis="ekspor_selesai").count() == 1
    # the requester downloads it; the hash is the audited one
    r = client.get(reverse("pemeriksaan_ekspor_unduh", args=[ekspor.pk]))
    data = b"".join(r.streaming_content)
    assert r.status_code == 200 and baca_csv(data)[0][0] == "Waktu"
    assert hashlib.sha256(data).hexdigest() == ekspor.sha256
    jejak = JejakAudit.objects.get(aksi="ekspor.selesai", objek_id=str(ekspor.pk))
    assert json.loads(jejak.alasan)["jumlah_baris"] == ekspor.jumlah_baris == len(baca_csv(data)) - 1
    # nobody else: another auditor of the same Instansi gets "not found"
    lain = UserFactory(username="auditor-lain")
    beri_auditor(lain, pemda.instansi)
    client.force_login(lain)
    assert client.get(reverse("pemeriksaan_ekspor_unduh", args=[ekspor.pk])).status_code == 404
    assert client.get(reverse("pemeriksaan_ekspor_status", args=[ekspor.pk])).status_code == 404
    # a repeated delivery of the job does nothing
    assert ekspor_jalankan_task(ekspor.pk) == StatusEkspor.SELESAI
    # expiry: the beat task deletes the file; the download then answers 410
    import datetime

    assert services.ekspor_hapus_kedaluwarsa(sekarang=ekspor.kedaluwarsa_pada + datetime.timedelta(seconds=1)) == 1
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.KEDALUWARSA and not penyimpanan_ekspor().exists(path)
    client.force_login(pemda.auditor)
    assert client.get(reverse("pemeriksaan_ekspor_unduh", args=[ekspor.pk])).status_code == 410


def test_broker_mati_tidak_menggagalkan_permintaan_relay_menyusul(client, pemda, settings, monkeypatch,
                                                                   django_capture_on_commit_callbacks):
    settings.PEMERIKSAAN_AMBANG_EKSPOR_LATAR = 0
    client.force_login(pemda.auditor)

    def broker_mati(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr(ekspor_jalankan_task, "apply_async", broker_mati)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("pemeriksaan_register_ekspor", args=["surat"]), {"format": "xlsx"})
    assert r.status_code == 302
    ekspor = Ekspor.objects.get(diminta_oleh=pemda.auditor)
    assert ekspor.status == StatusEkspor.MENUNGGU
    # the progress fragment polls while waiting
    html = client.get(reverse("pemeriksaan_ekspor_status", args=[ekspor.pk])).content.decode()
    assert "<progress" in html and "hx-trigger" in html
    monkeypatch.undo()
    assert services.ekspor_relay() == 0  # within the lease: not yet
    ekspor.refresh_from_db()
    assert services.ekspor_relay(sekarang=ekspor.dijadwalkan_pada + services.SEWA_RELAY) == 1
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.SELESAI and ekspor.format == "xlsx"
    load_workbook(penyimpanan_ekspor().open(ekspor.berkas, "rb"))
    html = client.get(reverse("pemeriksaan_ekspor_status", args=[ekspor.pk])).content.decode()
    assert "hx-trigger" not in html and "Unduh" in html
