"""Dated kinerja rules of an Instansi: a change is a new version, never an edit."""
from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from inti.exceptions import KonflikError
from inti.models import AksiAudit
from organisasi.models import Instansi

from ..models import AturanKinerja
from ..presets import nilai_preset
from ._umum import dengan_jejak, jejak_catat

FIELD_ATURAN = [f.name for f in AturanKinerja._meta.get_fields()
                if f.concrete and f.name not in ("id", "instansi", "dibuat_oleh", "waktu")]


@dengan_jejak(AksiAudit.KINERJA_ATURAN_TETAPKAN, model=Instansi, kunci="instansi_id")
def aturan_kinerja_tetapkan(*, actor, ip: str | None = None, instansi_id: int,
                            berlaku_mulai: datetime.date | None = None, preset: str | None = None,
                            **nilai) -> AturanKinerja:
    """Record a new version of the Instansi's kinerja rules: the values of ``preset`` (default:
    the Instansi's own preset) overridden by ``nilai``, in force from ``berlaku_mulai``.
    Needs the organisation-admin permission on the Instansi."""
    instansi = Instansi.objects.get(pk=instansi_id)
    if actor is not None and not (actor.has_perm("organisasi.kelola_instansi")
                                  or actor.has_perm("organisasi.kelola_instansi", instansi)):
        raise PermissionDenied(_("Anda tidak berwenang mengelola aturan %(i)s.") % {"i": instansi.nama})
    data = nilai_preset(preset or instansi.preset)
    tidak_dikenal = set(nilai) - set(FIELD_ATURAN)
    if tidak_dikenal:
        raise ValidationError({f: [_("Aturan tidak dikenal.")] for f in sorted(tidak_dikenal)})
    data.update(nilai)
    if berlaku_mulai:
        data["berlaku_mulai"] = berlaku_mulai
    if AturanKinerja.objects.filter(instansi=instansi, berlaku_mulai=data["berlaku_mulai"]).exists():
        raise KonflikError(_("Sudah ada aturan kinerja yang berlaku mulai tanggal itu; pilih tanggal lain."))
    aturan = AturanKinerja(instansi=instansi, dibuat_oleh=actor if actor is not None and actor.pk else None, **data)
    aturan.full_clean(exclude=["instansi", "dibuat_oleh"])
    aturan.save()
    jejak_catat(actor=actor, objek=aturan, aksi=AksiAudit.KINERJA_ATURAN_TETAPKAN, diizinkan=True, ip=ip,
                alasan=f"berlaku mulai {aturan.berlaku_mulai:%d-%m-%Y}")
    return aturan
