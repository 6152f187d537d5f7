"""Domain exceptions shared by every app. Services raise these; views and APIs map them to
HTTP through one mapping (``inti.galat``)."""
from __future__ import annotations


class KonflikError(Exception):
    """The action is not possible in the object's current state (HTTP 409).

    Raised for illegal or repeated transitions and when another official already
    decided the same step (concurrent click).
    """

    default_message = "Tindakan tidak dapat dilakukan pada status saat ini."

    def __init__(self, message: str | None = None):
        self.message = message or self.default_message
        super().__init__(self.message)
