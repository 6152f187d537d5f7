"""Test organisations for the assignment workflow, built through the real organisation services."""
from __future__ import annotations

import datetime

from organisasi.models import Jabatan, JenisJabatan
from organisasi.tests.factories import InstansiFactory, PegawaiFactory, angkat, bangun_pd_dua_level

from penugasan import services

MULAI = datetime.date.today() + datetime.timedelta(days=7)
SELESAI = MULAI + datetime.timedelta(days=90)


def bangun_pemda(preset: str, kode: str | None = None):
    """An Instansi with a regional preset, a Bupati as PyB and one two-level Dinas (see
    ``bangun_pd_dua_level``): kadis → kabid[0..1] → kasi[0..1]; jf_muda[i] in Bidang i,
    jf_pertama[i] and pelaksana[i] in Seksi i."""
    instansi = InstansiFactory.dengan_preset(preset, **({"kode": kode} if kode else {}))
    d = bangun_pd_dua_level(instansi)
    bupati_j = Jabatan.objects.create(instansi=instansi, unit=None, kode=f"BUPATI-{instansi.pk}",
                                      nama=f"Bupati {instansi.nama_daerah}", jenis=JenisJabatan.KEPALA_DAERAH)
    d.bupati = PegawaiFactory(instansi=instansi, nama=f"Bupati {instansi.pk}")
    angkat(d.bupati, bupati_j)
    instansi.jabatan_pyb = bupati_j
    instansi.save(update_fields=["jabatan_pyb"])
    d.jabatan_bupati = bupati_j
    return d


def isi(**kwargs) -> dict:
    """Minimal valid content of a request."""
    data = dict(judul="Penyusunan Renstra", maksud_tujuan="Membantu penyusunan Renstra 2025-2029",
                kompetensi_uraian="Perencanaan pembangunan", hasil_diharapkan="Dokumen Renstra final",
                mulai=MULAI, selesai=SELESAI)
    data.update(kwargs)
    return data


def ajukan(actor_pegawai, rute: str, **kwargs):
    return services.permohonan_buat(actor=actor_pegawai.user, rute=rute, **isi(**kwargs))
