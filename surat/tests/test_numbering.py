"""Letter numbers: formatted from the Instansi's pattern, unique and gap-free per series."""
import datetime
import multiprocessing
import os

import pytest
from django.db import connection, connections, transaction

from organisasi.tests.factories import PerangkatDaerahFactory
from surat.models import SeriNomor, Surat
from surat.numbering import nomor_alokasikan, nomor_format
from surat.tests.helpers import TANGGAL, org, terbitkan_surat_tugas

pytestmark = pytest.mark.django_db


def test_format_nomor_dari_pola_instansi():
    assert nomor_format(pola="800/{nomor}/{kode_unit}/{tahun}", nomor_urut=12, kode="800", kode_unit="423.6",
                        tanggal=TANGGAL) == "800/12/423.6/2026"
    assert nomor_format(pola="{kode}/{nomor}/{bulan_romawi}/{tahun}", nomor_urut=3, kode="800.1", kode_unit="",
                        tanggal=TANGGAL) == "800.1/3/XI/2026"
    # an empty unit code leaves no "//"
    assert nomor_format(pola="800/{nomor}/{kode_unit}/{tahun}", nomor_urut=1, kode="800", kode_unit="",
                        tanggal=TANGGAL) == "800/1/2026"
    with pytest.raises(ValueError, match="tidak dikenal"):
        nomor_format(pola="800/{nomer}/{tahun}", nomor_urut=1, kode="800", kode_unit="", tanggal=TANGGAL)


def test_nomor_berurutan_dan_memakai_kode_unit_pd(django_capture_on_commit_callbacks):
    ns = org()
    ns.pd.kode_unit_surat = "423.6"
    ns.pd.save()
    nomor = [terbitkan_surat_tugas(ns).nomor for _ in range(3)]
    assert nomor == ["800/1/423.6/2026", "800/2/423.6/2026", "800/3/423.6/2026"]


def test_seri_terpisah_per_pd_dan_per_tahun():
    ns = org()
    pd_lain = PerangkatDaerahFactory(instansi=ns.instansi)
    with transaction.atomic():
        a = nomor_alokasikan(instansi=ns.instansi, perangkat_daerah=ns.pd, tanggal=TANGGAL)
        b = nomor_alokasikan(instansi=ns.instansi, perangkat_daerah=pd_lain, tanggal=TANGGAL)
        c = nomor_alokasikan(instansi=ns.instansi, perangkat_daerah=ns.pd, tanggal=datetime.date(2027, 1, 2))
        d = nomor_alokasikan(instansi=ns.instansi, perangkat_daerah=ns.pd, tanggal=TANGGAL)
    assert (a[1], b[1], c[1], d[1]) == (1, 1, 1, 2)
    assert a[0] == d[0] and len({a[0].pk, b[0].pk, c[0].pk}) == 3


def test_transaksi_gagal_tidak_memakan_nomor():
    """Gap-free: a number is consumed only when the issuing transaction commits."""
    ns = org()
    terbitkan_surat_tugas(ns)
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            terbitkan_surat_tugas(ns)
            raise RuntimeError("langkah penugasan gagal setelah surat dibuat")
    ketiga = terbitkan_surat_tugas(ns)
    assert ketiga.nomor_urut == 2
    assert list(Surat.objects.order_by("nomor_urut").values_list("nomor_urut", flat=True)) == [1, 2]


@pytest.mark.django_db(transaction=True)
def test_alokasi_di_luar_transaksi_ditolak():
    ns = org()
    with pytest.raises(RuntimeError):
        nomor_alokasikan(instansi=ns.instansi, perangkat_daerah=ns.pd, tanggal=TANGGAL)


def test_duplikat_nomor_ditolak_oleh_database():
    ns = org()
    surat = terbitkan_surat_tugas(ns)
    from django.db import IntegrityError

    with pytest.raises(IntegrityError), transaction.atomic():
        Surat.objects.create(**{f.attname: getattr(surat, f.attname) for f in Surat._meta.concrete_fields
                                if f.name not in ("id", "uuid")})


# --------------------------------------------------------------------------- real parallel processes

PROSES = 8
PER_PROSES = 15


def _pekerja(antrian, instansi_id, pd_id, aktor_id, pegawai_id, penandatangan_id, jumlah, gagal_tiap):
    """Child process: issue ``jumlah`` letters through the real service on its own connection;
    every ``gagal_tiap``-th issue is rolled back on purpose (must not leave a gap)."""
    import surat.services as services
    from django.contrib.auth import get_user_model
    from organisasi.models import Instansi, Pegawai, PerangkatDaerah

    connections.close_all()
    services._render_setelah_commit = lambda surat_id: None  # numbering only; PDFs are tested elsewhere
    hasil = []
    try:
        instansi = Instansi.objects.get(pk=instansi_id)
        pd = PerangkatDaerah.objects.get(pk=pd_id)
        aktor = get_user_model().objects.get(pk=aktor_id)
        pegawai = Pegawai.objects.get(pk=pegawai_id)
        ttd = Pegawai.objects.get(pk=penandatangan_id)
        for i in range(jumlah):
            try:
                with transaction.atomic():
                    s = services.surat_terbitkan(
                        jenis="surat_tugas", instansi=instansi, perangkat_daerah=pd, perihal="Uji paralel",
                        konteks={"kepada": [{"nama": pegawai.nama, "nip": pegawai.nip}]},
                        penandatangan={"nama": ttd.nama, "nip": ttd.nip, "jabatan": "Kepala Dinas"},
                        tembusan=[], actor=aktor, tanggal=TANGGAL)
                    if gagal_tiap and i % gagal_tiap == gagal_tiap - 1:
                        raise ValueError("rollback sengaja")
                    hasil.append(s.nomor_urut)
            except ValueError:
                pass
        antrian.put(("ok", os.getpid(), hasil))
    except Exception as exc:  # pragma: no cover - reported to the parent
        antrian.put(("galat", os.getpid(), repr(exc)))
    finally:
        connections.close_all()


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_nomor_unik_tanpa_celah_di_bawah_proses_paralel_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("butuh PostgreSQL (DATABASE_URL) untuk koneksi paralel sungguhan")
    ns = org()
    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    antrian = ctx.Queue()
    proses = [ctx.Process(target=_pekerja, args=(antrian, ns.instansi.pk, ns.pd.pk, ns.actor.pk,
                                                   ns.jf_muda[0].pk, ns.kepala_dinas.pk, PER_PROSES, 5))
              for _ in range(PROSES)]
    for p in proses:
        p.start()
    laporan = [antrian.get(timeout=120) for _ in proses]
    for p in proses:
        p.join(timeout=30)
    assert all(r[0] == "ok" for r in laporan), laporan
    dilaporkan = sorted(n for r in laporan for n in r[2])
    tersimpan = list(Surat.objects.order_by("nomor_urut").values_list("nomor_urut", flat=True))
    berhasil = PROSES * (PER_PROSES - PER_PROSES // 5)
    assert len(tersimpan) == berhasil
    assert tersimpan == list(range(1, berhasil + 1)), "nomor harus unik dan tanpa celah"
    assert dilaporkan == tersimpan
    assert SeriNomor.objects.get().nomor_terakhir == berhasil
