from django import template

from surat.pdf import tanggal_indonesia

register = template.Library()


@register.filter
def tgl_id(value):
    """{{ tanggal|tgl_id }} → "23 November 2026"."""
    return tanggal_indonesia(value)


@register.filter
def huruf(index):
    """1 → "a", 2 → "b" … for lettered lists (forloop.counter)."""
    try:
        n = int(index)
    except (TypeError, ValueError):
        return ""
    hasil = ""
    while n > 0:
        n, sisa = divmod(n - 1, 26)
        hasil = chr(97 + sisa) + hasil
    return hasil


@register.filter
def nip_format(nip):
    """198005182010012021 → "19800518 201001 2 021" (as written on letters)."""
    nip = (nip or "").replace(" ", "")
    if len(nip) == 18 and nip.isdigit():
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return nip
