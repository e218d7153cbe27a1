"""Language handling of the site."""

from django.middleware.locale import LocaleMiddleware

from .i18n import REQUEST_MEMO

# Paths outside the language-prefixed site: their 404s stay 404s instead of redirecting to /en/….
UNPREFIXED = ("/admin/", "/api/", "/attachments/", "/documents/", "/healthz", "/sitemap", "/i18n/", "/static/")


class PortalLocaleMiddleware(LocaleMiddleware):
    def __call__(self, request):
        """A reading request (GET, HEAD) looks each locale and each page's translations up once."""
        if request.method not in ("GET", "HEAD"):
            return super().__call__(request)
        token = REQUEST_MEMO.set({})
        try:
            return super().__call__(request)
        finally:
            REQUEST_MEMO.reset(token)

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)
