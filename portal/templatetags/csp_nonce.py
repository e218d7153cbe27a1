"""`{% csp_nonce %}`: the nonce of the request being served, where the template has no `request` (form widgets)."""

from django import template

from portal.csp import current_nonce

register = template.Library()


@register.simple_tag
def csp_nonce() -> str:
    return current_nonce.get()
