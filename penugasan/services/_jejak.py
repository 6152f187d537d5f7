"""The audit decorator with the assignment workflow's default (the request row); the audit
trail itself and its writers live in ``inti.jejak``."""
from __future__ import annotations

from inti.jejak import dengan_jejak
from inti.models import AksiAudit

from ..models import PermohonanPenugasan


def _dengan_jejak(aksi: AksiAudit, model=PermohonanPenugasan, kunci: str = "permohonan_id"):
    return dengan_jejak(aksi, model=model, kunci=kunci)
