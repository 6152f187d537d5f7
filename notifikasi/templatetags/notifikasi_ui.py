"""Template tags for the page frame: the unread-notification badge in the navigation."""
from django import template

from notifikasi.selectors import jumlah_belum_dibaca

register = template.Library()


@register.simple_tag(takes_context=True)
def jumlah_notifikasi_belum_dibaca(context) -> int:
    """Unread notifications of the logged-in user (one COUNT query, cached per request)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    if not hasattr(request, "_jumlah_notifikasi_belum_dibaca"):
        request._jumlah_notifikasi_belum_dibaca = jumlah_belum_dibaca(user)
    return request._jumlah_notifikasi_belum_dibaca
