"""Demo of a year in progress (Kinerja II), built through the real services on top of the
Kinerja I demo (``kinerja.demo``: the Diskominfo PK cascaded, "Tim Integrasi Layanan Publik
Elektronik" serving the Kabid Aplikasi Informatika's share): the in-unit assignment
"[Demo] Pemeliharaan laman resmi" linked to that share too; reports (anggota → ketua accepted,
ketua → Pimpinan Unit waiting, the ketua's note on the member for the member's PPK), an open report
request, one decided and one open kendala, the team's results returned for rework, the individual
results accepted (the dashboard then has data). Idempotent: nothing is built when the demo kendala
exists; a failing scenario is logged and skipped (the rest of the demo still loads)."""
from __future__ import annotations

import datetime
import logging

from django.db import transaction

from inti import waktu
from penugasan.models import AnggotaTim, Penugasan, PeranTim, TimKerja

from . import services
from .models import Kendala
from .services.matriks import target_tim

logger = logging.getLogger(__name__)

NAMA_TIM = "Tim Integrasi Layanan Publik Elektronik"  # fixtures/demo/kinerja.yaml
KENDALA = "Server uji coba belum tersedia"


def _langkah(nama: str, fn):
    try:
        with transaction.atomic():
            return fn()
    except Exception:  # a demo scenario must never break the whole demo load
        logger.exception("Skenario demo kinerja II '%s' gagal dibuat.", nama)
        return None


def muat(konteks: dict) -> dict:
    users = konteks.get("users", {})
    tim = TimKerja.objects.filter(nama=NAMA_TIM).order_by("pk").first()
    if tim is None or "kadis" not in users or "pimpinan" not in users:
        return konteks
    if Kendala.objects.filter(tim=tim, uraian=KENDALA).exists():
        return konteks
    kadis, pimpinan = users["kadis"], users["pimpinan"]
    target = target_tim(tim).order_by("pk").first()
    if target is None:
        return konteks
    tahun = waktu.hari_ini().year
    individu = Penugasan.objects.filter(permohonan__judul="[Demo] Pemeliharaan laman resmi").first()
    ketua = AnggotaTim.objects.filter(tim=tim, peran=PeranTim.KETUA).select_related("pegawai__user").first()
    anggota = AnggotaTim.objects.filter(tim=tim, peran=PeranTim.ANGGOTA).select_related("pegawai__user").first()
    if ketua is None or anggota is None or ketua.pegawai.user is None or anggota.pegawai.user is None:
        return konteks
    k_user, a_user = ketua.pegawai.user, anggota.pegawai.user
    if individu is not None:
        _langkah("tautan individu", lambda: services.tautkan(actor=pimpinan, target_id=target.pk,
                                                             penugasan_id=individu.pk))
    hari = waktu.hari_ini()

    def laporan():
        lap = services.laporan_kirim(actor=a_user, jenis="anggota_ke_ketua", tim_id=tim.pk,
                                     ringkasan="Analisis kebutuhan selesai; dokumen spesifikasi terlampir.")
        services.laporan_terima(actor=k_user, laporan_id=lap.pk, catatan="Baik, lanjutkan ke uji coba.")
        services.laporan_kirim(actor=k_user, jenis="tim", tim_id=tim.pk, target_id=target.pk, realisasi="3",
                               ringkasan="Tiga aplikasi terintegrasi; uji coba aplikasi keempat berjalan.")
        services.laporan_kirim(actor=k_user, jenis="catatan_anggota", tim_id=tim.pk,
                               tentang_pegawai_id=anggota.pegawai_id,
                               ringkasan="Menguasai integrasi API dan selalu tepat waktu.")
    _langkah("laporan", laporan)
    _langkah("permintaan", lambda: services.permintaan_buat(
        actor=pimpinan, tim_id=tim.pk, kepada_id=ketua.pegawai_id, uraian="Capaian integrasi untuk rapat pimpinan",
        tenggat=hari + datetime.timedelta(days=5)))

    def kendala():
        opsi = [{"uraian": "Minta Pranata Komputer dari Bidang Persandian", "butuh_pegawai_lain": True},
                {"uraian": "Geser uji coba dua minggu"}]
        k = services.kendala_ajukan(actor=k_user, tim_id=tim.pk, target_id=target.pk, opsi=opsi, uraian=KENDALA)
        services.kendala_putuskan(actor=pimpinan, kendala_id=k.pk, opsi_id=k.opsi.get(urutan=2).pk,
                                  catatan="Geser jadwal; server tersedia akhir bulan.")
        services.kendala_ajukan(actor=k_user, tim_id=tim.pk, target_id=target.pk, opsi=opsi,
                                uraian="Akses data kependudukan belum dibuka")
    _langkah("kendala", kendala)

    def hasil_tim():
        h = services.hasil_serahkan(actor=k_user, target_id=target.pk, tim_id=tim.pk, realisasi="5",
                                    uraian_hasil="Lima aplikasi layanan terintegrasi")
        services.hasil_kembalikan(actor=pimpinan, penyerahan_id=h.pk, langkah=0,
                                  alasan="Lampirkan berita acara uji coba setiap aplikasi.")
    _langkah("hasil tim dikembalikan", hasil_tim)
    if individu is not None and individu.pegawai.user is not None:
        def hasil_individu():
            h = services.hasil_serahkan(actor=individu.pegawai.user, target_id=target.pk, penugasan_id=individu.pk,
                                        realisasi="1", uraian_hasil="Laman resmi terintegrasi layanan pengaduan")
            services.hasil_teruskan(actor=pimpinan, penyerahan_id=h.pk, langkah=0, catatan="Sesuai target")
            services.hasil_terima(actor=kadis, penyerahan_id=h.pk, langkah=1)
        _langkah("hasil individu diterima", hasil_individu)
    logger.info("Demo kinerja II: tahun %s, target %s", tahun, target.pk)
    return konteks
