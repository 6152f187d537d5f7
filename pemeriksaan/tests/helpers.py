"""Two Pemda with real workflow data (through the services): the auditor of the first must
never see anything of the second."""
from __future__ import annotations

import csv
import io
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied

from organisasi.permissions import beri_auditor
from organisasi.tests.factories import UserFactory
from penugasan import services
from penugasan.tests.helpers import ajukan, bangun_pemda

RAHASIA_B = "Tim Rahasia Pemda B"


def _isi_pemda(d, nama_tim: str) -> SimpleNamespace:
    p = ajukan(d.kabid[0], "penunjukan_lintas_unit", unit_tujuan=d.bidang[1],
               pegawai_diminta=[d.jf_muda[1], d.pelaksana[1]], nama_tim=nama_tim, ketua_tim=d.jf_pertama[0],
               judul=f"Permohonan {nama_tim}")
    services.permohonan_setujui(actor=d.kabid[1].user, permohonan_id=p.pk)
    q = ajukan(d.jf_pertama[0], "sukarela_dalam_unit", judul=f"Sukarela {nama_tim}")
    try:  # a refused attempt: not the decider
        services.permohonan_setujui(actor=d.jf_muda[0].user, permohonan_id=q.pk)
    except PermissionDenied:
        pass
    return SimpleNamespace(permohonan=p, sukarela=q)


def dua_pemda() -> SimpleNamespace:
    a = bangun_pemda("belu", kode="pemda-a")
    b = bangun_pemda("belu", kode="pemda-b")
    a.isi = _isi_pemda(a, "Tim Renstra Pemda A")
    b.isi = _isi_pemda(b, RAHASIA_B)
    auditor = UserFactory(username="inspektorat-a")
    beri_auditor(auditor, a.instansi, keterangan="Inspektorat Pemda A")
    return SimpleNamespace(a=a, b=b, auditor=auditor)


def penanda_b(w) -> list[str]:
    """Strings that only the second Pemda's data contains."""
    b = w.b
    return [RAHASIA_B, b.instansi.nama, *(p.nip for p in (b.jf_muda[1], b.pelaksana[1], b.jf_pertama[0]))]


def baca_csv(data: bytes) -> list[list[str]]:
    teks = data.decode("utf-8")
    assert teks.startswith("\ufeff")
    return list(csv.reader(io.StringIO(teks[1:])))
