"""Shared bases of the kinerja models (from the bottom app ``inti``)."""
from __future__ import annotations

from inti.models import AppendOnlyModel, TimestampedModel

__all__ = ["TimestampedModel", "AppendOnlyModel", "FsmReloadMixin"]


class FsmReloadMixin:
    """A protected FSM field refuses assignment once loaded; let a reload replace it."""

    def refresh_from_db(self, *args, **kwargs):
        fields = kwargs.get("fields")
        if fields is None or "status" in fields:
            self.__dict__.pop("status", None)
        super().refresh_from_db(*args, **kwargs)
