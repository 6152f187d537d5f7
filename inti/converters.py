"""Path converters. ``<id:pk>``: a database id in a URL, at most 18 digits, so that a number
beyond the 64-bit key range is simply "not found" (404) instead of overflowing the database
driver (500). Importing this module registers the converter; each urls module that uses it
imports it explicitly."""
from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(IdConverter, "id")
