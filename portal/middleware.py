"""Language handling of the site."""

from django.middleware.locale import LocaleMiddleware

# Paths outside the language-prefixed site: their 404s stay 404s instead of redirecting to /en/….
UNPREFIXED = ("/admin/", "/api/", "/attachments/", "/documents/", "/healthz", "/sitemap", "/i18n/", "/static/")


class PortalLocaleMiddleware(LocaleMiddleware):
    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)
