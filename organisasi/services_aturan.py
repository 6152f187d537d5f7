"""Writes of the dated rule sets (DOMAIN §9). A change never edits a version: it appends one.

``aturan_tetapkan`` is the only writer of ``AturanInstansi``; ``services.instansi_terapkan_preset``
and the Instansi admin go through it. After each new version the Instansi's own fields are set to
the version in force today (the mirror read by screens that show "the current rules"). Every version
writes an audit row with its actor in the same transaction (the rules decide who may decide).
"""
from __future__ import annotations

import copy
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from inti import waktu
from inti.jejak import jejak_catat
from inti.models import AksiAudit

from . import kedudukan
from .models import Instansi, Preset
from .models_aturan import FIELD_ATURAN, AturanInstansi
from .presets import KUTIPAN, PERATURAN, PRESETS
from .rute import rute_validasi
from .selectors_aturan import aturan_pada


def nilai_instansi(instansi: Instansi) -> dict:
    """The rule-set fields of an Instansi as a plain dict (a deep copy)."""
    return {f: copy.deepcopy(getattr(instansi, f)) for f in FIELD_ATURAN}


def _validasi(nilai: dict) -> None:
    tidak_dikenal = sorted(set(nilai) - set(FIELD_ATURAN))
    if tidak_dikenal:
        raise ValidationError({"nilai": _("Pengaturan tidak dikenal: %(f)s.") % {"f": ", ".join(tidak_dikenal)}})
    salah = kedudukan.validasi_data(nilai.get("aturan_kedudukan") or {})
    if salah:
        raise ValidationError({"aturan_kedudukan": salah})
    if "langkah_rute" in nilai:
        # an invalid route is refused naming the route, the step and the field (organisasi.rute)
        rute_validasi(nilai["langkah_rute"])


def _cermin(instansi: Instansi) -> None:
    """Set the Instansi's fields to the version in force today."""
    versi = aturan_pada(instansi=instansi, tanggal=waktu.hari_ini())
    if versi is None:
        return
    for f in FIELD_ATURAN:
        setattr(instansi, f, copy.deepcopy(getattr(versi, f)))
    instansi.preset = versi.preset
    instansi.save(update_fields=[*FIELD_ATURAN, "preset", "updated_at"])


@transaction.atomic
def aturan_tetapkan(*, instansi: Instansi, nilai: dict, berlaku_mulai: datetime.date, peraturan: str,
                    actor=None, preset: str | None = None, nomor: str = "", tahun: int | None = None,
                    pasal_berlaku: str = "", kutipan: dict | None = None, catatan: str = "",
                    aksi: AksiAudit | None = None) -> AturanInstansi:
    """Append a new dated version of the Instansi's rule set. Settings not given keep the value of
    the version in force on ``berlaku_mulai``. A version may not take effect before the latest one
    already recorded (that would rewrite the rules under which past requests were decided).
    ``preset`` defaults to the preset of the version it adjusts (the admin keeps "Preset X, adjusted").
    Audited as ``aksi`` (default: a route edit when ``langkah_rute`` is given, else a settings edit)."""
    Instansi.objects.select_for_update().filter(pk=instansi.pk).first()  # one writer per Instansi
    if not peraturan.strip():
        raise ValidationError({"peraturan": _("Sebutkan peraturan yang menetapkan aturan ini.")})
    _validasi(nilai)
    terakhir = AturanInstansi.objects.filter(instansi=instansi).order_by("-berlaku_mulai").first()
    if terakhir is not None and berlaku_mulai < terakhir.berlaku_mulai:
        raise ValidationError({"berlaku_mulai": _(
            "Versi baru tidak boleh berlaku sebelum versi terakhir (%(v)s); aturan yang pernah berlaku tidak "
            "diubah.") % {"v": terakhir.sebutan}})
    dasar = aturan_pada(instansi=instansi, tanggal=berlaku_mulai)
    lengkap = {f: copy.deepcopy(getattr(dasar, f)) for f in FIELD_ATURAN} if dasar else nilai_instansi(instansi)
    lengkap.update(copy.deepcopy(nilai))
    versi = (AturanInstansi.objects.filter(instansi=instansi).aggregate(m=Max("versi"))["m"] or 0) + 1
    hasil = AturanInstansi.objects.create(
        instansi=instansi, versi=versi, berlaku_mulai=berlaku_mulai,
        preset=preset or (dasar.preset if dasar else instansi.preset or Preset.KUSTOM), peraturan=peraturan.strip(),
        nomor=nomor, tahun=tahun, pasal_berlaku=pasal_berlaku,
        kutipan=kutipan if kutipan is not None else (dict(dasar.kutipan) if dasar else {}),
        nilai=lengkap, catatan=catatan, dibuat_oleh=actor if actor is not None and actor.pk else None)
    preset_lama = instansi.preset
    _cermin(instansi)
    if aksi is None:
        aksi = AksiAudit.INSTANSI_UBAH_RUTE if "langkah_rute" in nilai else AksiAudit.INSTANSI_UBAH_PENGATURAN
    jejak_catat(actor=actor, objek=instansi, aksi=aksi, diizinkan=True, status_dari=preset_lama,
                status_ke=hasil.preset, alasan=_("Aturan %(v)s: %(f)s") % {
                    "v": hasil.sebutan, "f": ", ".join(sorted(nilai))})
    return hasil


def aturan_dari_preset(*, instansi: Instansi, preset: str, actor=None,
                       berlaku_mulai: datetime.date | None = None, catatan: str = "") -> AturanInstansi:
    """A version holding one preset's rules, dated from the regulation's own date when it is the
    Instansi's first version, otherwise from ``berlaku_mulai`` (today by default)."""
    if preset not in PRESETS:
        raise ValidationError({"preset": _("Preset '%(p)s' tidak dikenal.") % {"p": preset}})
    meta = PERATURAN[preset]
    if berlaku_mulai is None:
        ada = AturanInstansi.objects.filter(instansi=instansi).exists()
        berlaku_mulai = waktu.hari_ini() if ada else meta["berlaku_mulai"]
    return aturan_tetapkan(
        instansi=instansi, nilai=copy.deepcopy(PRESETS[preset]), berlaku_mulai=berlaku_mulai, actor=actor,
        preset=preset, peraturan=meta["peraturan"], nomor=meta["nomor"], tahun=meta["tahun"],
        pasal_berlaku=meta["pasal_berlaku"], kutipan=dict(KUTIPAN[preset]),
        catatan=catatan or _("Preset %(p)s diterapkan.") % {"p": Preset(preset).label},
        aksi=AksiAudit.INSTANSI_TERAPKAN_PRESET)
