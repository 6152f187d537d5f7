"""Shared bases of the kinerja models (re-exported from the bottom apps)."""
from __future__ import annotations

from organisasi.models import TimestampedModel
from penugasan.models import AppendOnlyModel

__all__ = ["TimestampedModel", "AppendOnlyModel", "FsmReloadMixin"]


class FsmReloadMixin:
    """A protected FSM field refuses assignment once loaded; let a reload replace it."""

    def refresh_from_db(self, *args, **kwargs):
        fields = kwargs.get("fields")
        if fields is None or "status" in fields:
            self.__dict__.pop("status", None)
        super().refresh_from_db(*args, **kwargs)
