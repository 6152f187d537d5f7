"""Two officials (or two clicks) deciding the same step at the same moment, on real parallel
PostgreSQL connections: exactly one succeeds, the other gets a conflict, nothing happens twice."""
from __future__ import annotations

import threading

import pytest
from django.db import connection

from inti.exceptions import KonflikError
from inti.models import JejakAudit
from penugasan import services
from penugasan.models import LangkahPermohonan, Penugasan, PermohonanPenugasan

from .helpers import ajukan, bangun_pemda

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _serentak(fungsi: list) -> list:
    """Run the callables in parallel threads (own DB connection each), released together."""
    mulai = threading.Barrier(len(fungsi))
    hasil: list = [None] * len(fungsi)

    def jalan(i, fn):
        try:
            mulai.wait()
            hasil[i] = ("ok", fn())
        except Exception as exc:  # collected and asserted by the test
            hasil[i] = ("galat", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=jalan, args=(i, fn)) for i, fn in enumerate(fungsi)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return hasil


@pytest.mark.parametrize("kedua", ["setujui", "tolak"])
def test_dua_keputusan_serentak_pada_langkah_yang_sama(requires_postgres, kedua):
    d = bangun_pemda("belu")
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.seksi[1], pegawai_diminta=[d.jf_pertama[1]])
    user = d.kasi[1].user

    def setujui():
        return services.permohonan_setujui(actor=user, permohonan_id=p.pk, langkah=0)

    def tolak():
        return services.permohonan_tolak(actor=user, permohonan_id=p.pk, alasan="Tidak tersedia", langkah=0)

    hasil = _serentak([setujui, setujui if kedua == "setujui" else tolak])
    berhasil = [h for h in hasil if h[0] == "ok"]
    gagal = [h[1] for h in hasil if h[0] == "galat"]
    assert len(berhasil) == 1, hasil
    assert len(gagal) == 1 and isinstance(gagal[0], KonflikError), gagal
    akhir = PermohonanPenugasan.objects.get(pk=p.pk)
    assert akhir.status in ("disetujui", "ditolak")
    assert LangkahPermohonan.objects.filter(permohonan=p).count() == 2  # submission + one decision
    assert Penugasan.objects.filter(permohonan=p).count() == (1 if akhir.status == "disetujui" else 0)
    assert JejakAudit.objects.filter(objek_id=str(p.pk), diizinkan=False).count() == 1


def test_banyak_klik_serentak_pada_rute_dua_langkah(requires_postgres):
    d = bangun_pemda("bungo")
    p = ajukan(d.jf_pertama[0], "sukarela_lintas_unit", unit_tujuan=d.bidang[1])  # Bungo: own PPK, then target
    kasi = d.kasi[0].user
    hasil = _serentak([lambda: services.permohonan_setujui(actor=kasi, permohonan_id=p.pk, langkah=0)
                       for _ in range(4)])
    assert sum(1 for h in hasil if h[0] == "ok") == 1
    assert all(isinstance(h[1], KonflikError) for h in hasil if h[0] == "galat")
    akhir = PermohonanPenugasan.objects.get(pk=p.pk)
    assert (akhir.status, akhir.langkah_ke) == ("menunggu_keputusan", 1)
    assert akhir.jabatan_penentu == d.jabatan_kabid[1]
    assert LangkahPermohonan.objects.filter(permohonan=p).count() == 2


@pytest.mark.parametrize("kedua", ["selesaikan", "bubarkan"])
def test_dua_pengakhiran_tim_serentak(requires_postgres, kedua):
    """Two leaders end the same team at once: one succeeds, the other gets 409; members'
    assignments end once."""
    d = bangun_pemda("belu")
    p = ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.jf_muda[0]], nama_tim="Tim Serentak",
               ketua_tim=d.jf_pertama[0])
    tim_id = PermohonanPenugasan.objects.get(pk=p.pk).tim_id

    def selesaikan():
        return services.tim_selesaikan(actor=d.kabid[0].user, tim_id=tim_id, alasan="Hasil diterima")

    def bubarkan():
        return services.tim_bubarkan(actor=d.kepala_dinas.user, tim_id=tim_id, alasan="Program dihentikan")

    hasil = _serentak([selesaikan, selesaikan if kedua == "selesaikan" else bubarkan])
    assert sum(1 for h in hasil if h[0] == "ok") == 1, hasil
    assert [type(h[1]) for h in hasil if h[0] == "galat"] == [KonflikError], hasil
    assert JejakAudit.objects.filter(objek_tipe="penugasan.Penugasan", aksi="penugasan.selesai",
                                     diizinkan=True).count() == 2


def test_selesai_dan_batal_penugasan_serentak(requires_postgres):
    d = bangun_pemda("belu")
    p = ajukan(d.kabid[0], "penunjukan_dalam_unit", pegawai_diminta=[d.jf_muda[0]])
    tugas_id = Penugasan.objects.get(permohonan=p).pk
    user = d.kabid[0].user
    hasil = _serentak([
        lambda: services.penugasan_selesaikan(actor=user, penugasan_id=tugas_id),
        lambda: services.penugasan_batalkan(actor=user, penugasan_id=tugas_id, alasan="Ditunda"),
    ])
    assert sum(1 for h in hasil if h[0] == "ok") == 1, hasil
    assert [type(h[1]) for h in hasil if h[0] == "galat"] == [KonflikError], hasil
    assert JejakAudit.objects.filter(objek_id=str(tugas_id), diizinkan=True,
                                     aksi__in=["penugasan.selesai", "penugasan.batalkan"]).count() == 1
