"""Template tags for the page frame: how many requests await the user's decision."""
from django import template

from penugasan.selectors import menunggu_keputusan

register = template.Library()


@register.simple_tag(takes_context=True)
def jumlah_menunggu_keputusan(context) -> int:
    """Requests awaiting a position the logged-in user holds or acts for today (one COUNT)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or getattr(user, "pegawai", None) is None:
        return 0
    if not hasattr(request, "_jumlah_menunggu_keputusan"):
        request._jumlah_menunggu_keputusan = menunggu_keputusan(user).count()
    return request._jumlah_menunggu_keputusan
