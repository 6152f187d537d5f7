from django import template

from ..permissions import boleh_memeriksa

register = template.Library()


@register.simple_tag(takes_context=True)
def adalah_pemeriksa(context) -> bool:
    """Whether the current user sees the auditor pages (menu entry). Auditors are staff
    (``beri_auditor``), so the group lookup runs only for staff accounts, not on every page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and (user.is_superuser or user.is_staff)
                and boleh_memeriksa(user))
