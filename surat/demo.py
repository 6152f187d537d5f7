"""Demo letters: make sure every letter issued by ``penugasan.demo`` has its PDF (rendered
in-process, so the demo works without a Celery worker), and add one revoked letter to show
the verification page's "DICABUT" state. Idempotent."""
from __future__ import annotations

import datetime
import logging


from django.db import transaction

from inti import waktu
from organisasi import selectors as org
from organisasi.permissions import pastikan_grup

from .models import StatusSurat, Surat
from .konteks import daftar_dasar
from .services import surat_cabut, surat_render, surat_terbitkan

logger = logging.getLogger(__name__)

PERIHAL_DICABUT = "[Demo] Surat Tugas yang dicabut"


def _surat_dicabut(konteks: dict) -> Surat | None:
    ada = Surat.objects.filter(perihal=PERIHAL_DICABUT).first()
    if ada is not None:
        return ada
    pegawai = konteks.get("pegawai", {})
    jf, pimpinan = pegawai.get("jf"), pegawai.get("pimpinan")
    jabatan = (konteks.get("jabatan") or {}).get("pimpinan")
    if jf is None or jabatan is None or pimpinan is None or pimpinan.user is None:
        return None
    pejabat = org.pejabat_berwenang(jabatan=jabatan)
    if pejabat is None:
        return None
    pd = jabatan.unit.perangkat_daerah
    hari_ini = waktu.hari_ini()
    with transaction.atomic():
        surat = surat_terbitkan(
            jenis="surat_tugas", instansi=pd.instansi, perangkat_daerah=pd, perihal=PERIHAL_DICABUT,
            konteks={
                "dasar": daftar_dasar(aturan=pd.instansi),
                "kepada": [{"nama": jf.nama_lengkap, "nip": jf.nip, "pangkat": jf.pangkat_golongan,
                            "jabatan": "Pejabat Fungsional"}],
                "peran": ["Anggota Tim Uji Coba Layanan"], "uraian_tugas": ["Menguji aplikasi layanan"],
                "mulai": hari_ini, "selesai": hari_ini + datetime.timedelta(days=30),
            },
            penandatangan=pejabat, tembusan=["Yang bersangkutan"], actor=pimpinan.user, pihak=[jf],
        )
    surat_render(surat_id=surat.pk)
    return surat_cabut(surat_id=surat.pk, actor=pimpinan.user,
                       alasan="Diterbitkan ganda; diganti dengan surat tugas yang baru (contoh demo).")


def muat(konteks: dict) -> dict:
    pastikan_grup()  # the Auditor group (auditors read the letters of their Instansi)
    try:
        _surat_dicabut(konteks)
    except Exception:  # the demo must still load if the org demo changes shape
        logger.exception("Surat demo yang dicabut tidak dapat dibuat")
    belum = list(Surat.objects.filter(berkas="").values_list("pk", flat=True))
    for pk in belum:
        surat_render(surat_id=pk)
    konteks["surat"] = list(Surat.objects.order_by("pk"))
    konteks["surat_dicabut"] = Surat.objects.filter(status=StatusSurat.DICABUT).count()
    return konteks
