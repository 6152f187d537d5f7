"""Demo requests in every state, built through the real services on top of ``organisasi.demo``.

``muat(konteks)`` takes the dict returned by ``organisasi.demo.muat()`` (users ``pimpinan``,
``ppk``, ``jf``, ``pelaksana``, ``bupati``, ``pyb2``, ``pimpinan2`` …) and returns it extended
with ``konteks["permohonan"]`` = {scenario key: PermohonanPenugasan}. Idempotent: a scenario
whose request already exists (matched by title) is not built again.
"""
from __future__ import annotations

import datetime
import logging

from django.db import transaction

from inti import waktu
from organisasi import selectors as org
from organisasi.models import JenisJabatan, Pegawai, PemangkuJabatan

from . import services
from .models import PermohonanPenugasan, StatusPermohonan

logger = logging.getLogger(__name__)

AWALAN = "[Demo] "


def _penentu(permohonan: PermohonanPenugasan):
    pejabat = org.pejabat_berwenang(jabatan=permohonan.jabatan_penentu)
    if pejabat is None or pejabat.pegawai.user is None:
        raise RuntimeError(f"Pengambil keputusan {permohonan.jabatan_penentu} tidak memiliki akun demo.")
    return pejabat.pegawai.user


def _staf_unit(unit, *, kecuali: Pegawai | None = None, n: int = 1) -> list[Pegawai]:
    """JF/Pelaksana holding a position in ``unit`` today (deterministic order)."""
    qs = (PemangkuJabatan.objects.filter(jabatan__unit=unit, selesai__isnull=True, jenis="definitif",
                                         jabatan__jenis__in=(JenisJabatan.FUNGSIONAL, JenisJabatan.PELAKSANA))
          .select_related("pegawai").order_by("pegawai__nip"))
    hasil = [pj.pegawai for pj in qs if kecuali is None or pj.pegawai_id != kecuali.pk]
    return hasil[:n]


def muat(konteks: dict) -> dict:
    users, pegawai, unit = konteks["users"], konteks["pegawai"], konteks["unit"]
    hari_ini = waktu.hari_ini()
    isi = dict(mulai=hari_ini, selesai=hari_ini + datetime.timedelta(days=90),
               kompetensi_uraian="Pengembangan aplikasi; analisis data",
               hasil_diharapkan="Aplikasi layanan publik terintegrasi SPBE dan laporan uji coba")
    jf, pelaksana = pegawai["jf"], pegawai["pelaksana"]
    rekan_pelaksana = _staf_unit(unit["pimpinan"], kecuali=pelaksana, n=2)
    dibuat: dict[str, PermohonanPenugasan] = {}

    def skenario(kunci: str, judul: str, bangun):
        ada = PermohonanPenugasan.objects.filter(judul=AWALAN + judul).order_by("pk").first()
        if ada is not None:
            dibuat[kunci] = ada
            return
        try:
            with transaction.atomic():
                dibuat[kunci] = bangun(AWALAN + judul)
        except Exception:  # a demo scenario must never break the whole demo load
            logger.exception("Skenario demo penugasan '%s' gagal dibuat.", kunci)

    def lintas_unit(judul, **kw):
        return services.permohonan_buat(
            actor=users["pimpinan"], rute="penunjukan_lintas_unit", judul=judul, unit_tujuan=unit["ppk"],
            pegawai_diminta=[jf], maksud_tujuan="Pelibatan Pranata Komputer untuk integrasi aplikasi layanan",
            **{**isi, **kw})

    # 1. draf
    skenario("draf", "Draf permohonan pelibatan analis data", lambda j: lintas_unit(j, ajukan=False))
    # 2. awaiting the PPK of the wanted JF (login "ppk")
    skenario("menunggu", "Integrasi aplikasi layanan perizinan", lambda j: lintas_unit(j))

    # 3. approved immediately: penunjukan dalam unit (Pimpinan Unit assigns directly)
    def dalam_unit(j):
        return services.permohonan_buat(
            actor=users["pimpinan"], rute="penunjukan_dalam_unit", judul=j, pegawai_diminta=[pelaksana],
            maksud_tujuan="Pemeliharaan laman resmi pemerintah daerah", peran_penugasan="Pengelola Laman", **isi)
    skenario("disetujui", "Pemeliharaan laman resmi", dalam_unit)

    # 4. approved with a team: ketua from the owning unit, member from another unit
    def dengan_tim(j):
        p = lintas_unit(j, nama_tim="Tim Pengembangan Aplikasi SPBE", ketua_tim=pelaksana,
                        sifat="rutin", selesai=datetime.date(hari_ini.year, 12, 31))
        return services.permohonan_setujui(actor=_penentu(p), permohonan_id=p.pk,
                                           catatan="Disetujui atas rekomendasi Pimpinan Unit")
    skenario("tim", "Pembentukan Tim Pengembangan Aplikasi SPBE", dengan_tim)

    # 5. refused with a reason
    def ditolak(j):
        p = lintas_unit(j)
        return services.permohonan_tolak(actor=_penentu(p), permohonan_id=p.pk,
                                         alasan="Pegawai sedang menyelesaikan audit keamanan informasi sampai akhir bulan.")
    skenario("ditolak", "Pendampingan audit aplikasi", ditolak)

    # 5b. returned to the requester for revision (the cross-unit PPK step allows it)
    def dikembalikan(j):
        p = lintas_unit(j)
        return services.permohonan_kembalikan(actor=_penentu(p), permohonan_id=p.pk,
                                              alasan="Mohon rinci target keluaran per bulan dan durasi yang realistis.")
    skenario("dikembalikan", "Penyusunan dasbor data statistik sektoral", dikembalikan)

    # 6. cancelled by the requester
    def batal(j):
        p = lintas_unit(j)
        return services.permohonan_batalkan(actor=users["pimpinan"], permohonan_id=p.pk,
                                            alasan="Kegiatan ditunda ke tahun anggaran berikutnya.")
    skenario("dibatalkan", "Survei kepuasan layanan digital", batal)

    # 7. finished: approved in-unit assignment closed by the requester
    def selesai(j):
        p = services.permohonan_buat(actor=users["pimpinan"], rute="penunjukan_dalam_unit", judul=j,
                                     pegawai_diminta=rekan_pelaksana[:1] or [pelaksana],
                                     maksud_tujuan="Pendataan aset TIK", **isi)
        return services.permohonan_selesaikan(actor=users["pimpinan"], permohonan_id=p.pk,
                                              catatan="Pendataan selesai.")
    skenario("selesai", "Pendataan aset TIK", selesai)

    # 8. volunteering: the JF asks to join work in the Pimpinan's unit (cross-unit, first step waiting)
    def sukarela(j):
        return services.permohonan_buat(actor=users["jf"], rute="sukarela_lintas_unit", judul=j,
                                        unit_tujuan=unit["pimpinan"],
                                        maksud_tujuan="Ingin terlibat dalam pengembangan aplikasi layanan", **isi)
    skenario("sukarela", "Pengajuan sukarela: pengembangan aplikasi", sukarela)

    # 9. cross-agency: Teluk Saijaan asks Gading Kencana; the Bupati agreed, the Walikota decides next
    def lintas_instansi(j):
        p = services.permohonan_buat(
            actor=users["pimpinan"], rute="penunjukan_lintas_instansi", judul=j, unit_tujuan=unit["pimpinan2"],
            kriteria="Pranata Komputer berpengalaman integrasi data", kriteria_jenis_jabatan="fungsional",
            maksud_tujuan="Berbagi pengalaman integrasi Satu Data", **isi)
        return services.permohonan_setujui(actor=_penentu(p), permohonan_id=p.pk, catatan="Diteruskan ke Walikota")
    skenario("lintas_instansi", "Pelibatan lintas instansi: Satu Data", lintas_instansi)

    konteks["permohonan"] = dibuat
    status = sorted({p.status for p in dibuat.values()})
    logger.info("Demo penugasan: %d permohonan, status %s", len(dibuat), ", ".join(status))
    return konteks


STATUS_DEMO = set(StatusPermohonan)  # every state, so a new state without a demo scenario fails the test
