"""Reads of the dated rule sets (DOMAIN §9): which version of an Instansi's rules is in force on a date."""
from __future__ import annotations

import datetime


from inti import waktu

from .kedudukan import label_subjek, uraian_aturan
from .models import Instansi
from .models_aturan import FIELD_ATURAN, AturanInstansi
from .selectors import diingat


def aturan_pada(*, instansi: Instansi | int, tanggal: datetime.date | None = None) -> AturanInstansi | None:
    """The version in force on ``tanggal`` (today when omitted): the latest by effective date, then by
    version number. A date before the first version falls back to the first version (the region had
    no recorded rule set yet; the product applies its first one rather than none)."""
    tanggal = tanggal or waktu.hari_ini()
    instansi_id = instansi if isinstance(instansi, int) else instansi.pk

    def baca():
        qs = AturanInstansi.objects.filter(instansi_id=instansi_id)
        berlaku = qs.filter(berlaku_mulai__lte=tanggal).order_by("-berlaku_mulai", "-versi").first()
        return berlaku or qs.order_by("berlaku_mulai", "versi").first()

    return diingat(("aturan_pada", instansi_id, tanggal), baca)  # once per decision (ingat_resolusi)


def aturan_riwayat(*, instansi: Instansi) -> list[AturanInstansi]:
    """Every version, newest effective date first."""
    return list(AturanInstansi.objects.filter(instansi=instansi).select_related("dibuat_oleh")
                .order_by("-berlaku_mulai", "-versi"))


def _tampil(instansi_field, nilai) -> str:
    choices = dict(instansi_field.choices or [])
    if isinstance(nilai, bool):
        return "ya" if nilai else "tidak"
    if isinstance(nilai, list):
        return ", ".join(str(dict(getattr(instansi_field, "choices", None) or []).get(v, v)) for v in nilai) or "—"
    if isinstance(nilai, dict):
        return ""
    return str(choices.get(nilai, nilai)) if nilai not in ("", None) else "—"


def aturan_uraian(*, versi: AturanInstansi) -> dict:
    """A version laid out for people: each setting with its label, value and article; each route
    with its steps and article; the placement rules with theirs."""
    pengaturan = []
    for f in versi.nilai:
        if f in ("langkah_rute", "aturan_kedudukan") or f not in FIELD_ATURAN:  # a setting since removed
            continue
        field = Instansi._meta.get_field(f)
        pengaturan.append({"kunci": f, "label": str(field.verbose_name), "nilai": _tampil(field, versi.nilai[f]),
                           "pasal": versi.kutipan.get(f, "")})
    rute = []
    for kunci, data in (versi.nilai.get("langkah_rute") or {}).items():
        rute.append({"kunci": kunci, "pengaju": data.get("pengaju", ""), "pasal": versi.kutipan.get(f"rute.{kunci}", ""),
                     "langkah": [{"judul": s.get("judul", ""), "peran": s.get("peran", ""), "aksi": s.get("aksi", "")}
                                 for s in data.get("langkah", [])]})
    kedudukan = versi.nilai.get("aturan_kedudukan") or {}
    penempatan = [{"subjek": ", ".join(label_subjek(x) for x in a.get("subjek", [])), "aturan": uraian_aturan(a),
                   "kutipan": a.get("kutipan", ""), "bawaan": bool(a.get("bawaan"))}
                  for a in kedudukan.get("aturan", [])]
    return {"pengaturan": pengaturan, "rute": rute, "kedudukan": penempatan,
            "kedudukan_bebas": not penempatan, "kedudukan_pasal": versi.kutipan.get("aturan_kedudukan", "")}
