from django import template

from ..permissions import boleh_memeriksa

register = template.Library()


@register.simple_tag(takes_context=True)
def adalah_pemeriksa(context) -> bool:
    """Whether the current user sees the auditor pages (menu entry)."""
    request = context.get("request")
    return bool(request is not None and boleh_memeriksa(request.user))
