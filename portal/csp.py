"""The Content-Security-Policy of every response: a nonce of its own for each, and the admin's additions.

The policy itself is in settings (`CONTENT_SECURITY_POLICY`, `CSP_ADMIN_DIRECTIVES`); docs/decisions/0023.
"""

from contextvars import ContextVar

from csp.constants import HEADER
from csp.middleware import CSPMiddleware

from django.conf import settings
from django.utils.safestring import mark_safe

# The nonce of the request being served, for templates rendered without the request in their context (the
# admin's form widgets, which Django's form renderer renders): `{% csp_nonce %}` in portal.templatetags.
current_nonce: ContextVar[str] = ContextVar("current_nonce", default="")


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with a fresh nonce in every response's policy (django-csp names one only when
    a template asked for it) and, under the admin's prefix, the directives the admin needs in place of the site's."""

    def process_request(self, request):
        super().process_request(request)
        request._csp_nonce_token = current_nonce.set(str(request.csp_nonce))

    def process_response(self, request, response):
        if getattr(response, "_csp_set_by_inner_request", False):
            # Wagtail's preview renders the page through the middleware for a request of the page's own URL:
            # the policy of the request the browser made (the admin's, which lets the admin frame it) applies.
            del response[HEADER]
        had_policy = HEADER in response  # the view's own, such as an attachment's: kept
        response = super().process_response(request, response)
        response._csp_set_by_inner_request = not had_policy and HEADER in response
        token = getattr(request, "_csp_nonce_token", None)
        if token is not None:
            current_nonce.reset(token)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(settings.CSP_ADMIN_PREFIX):
            parts.replace = {**settings.CSP_ADMIN_DIRECTIVES, **(parts.replace or {})}
        return parts


def admin_choosers_nonced() -> None:
    """Wagtail's chooser widgets (page, snippet, task) write their initialising `<script>` in Python, not in a
    template we could override: render it with the response's nonce. Called once, in PortalConfig.ready."""
    from wagtail.admin.widgets.chooser import BaseChooser

    def render(self, name, value, attrs=None, renderer=None):
        # BaseChooser.render (Wagtail 8.0), the nonce added.
        try:
            id_ = attrs["id"]
        except (KeyError, TypeError) as error:
            raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from error
        value_data = self.get_value_data(value)
        widget_html = self.render_html(name, value_data, attrs)
        js = self.render_js_init(id_, name, value_data)
        return mark_safe(f'{widget_html}<script nonce="{current_nonce.get()}">{js}</script>')  # noqa: S308 (Wagtail's)

    BaseChooser.render = render
