"""Cached public pages answered before Wagtail routes the page.

Routing a page costs Wagtail a handful of queries and most of a cached page's CPU, so an anonymous reader
(no session, no sign-in) asking for an address whose copy is still current gets it here: one cache read and
one query for the versions of the scopes the copy was built from. Anything else (no copy, a copy of
older versions, a page whose key has a variant only its route can compute, a signed-in reader) goes on to
the route, whose `public_response` decides as before.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseNotModified

from .public_cache import address_key, entity_tag, is_revalidation, public_versions, revalidated, stored_response

# Cookies that make a request someone's: its content may differ (the user bar, a message shown once).
PERSONAL_COOKIES = ("messages",)
# The API's answers go on to their route even when a copy is current: its throttle (reading/throttling.py) counts
# every request there, the cached ones too.
ROUTED_PREFIXES = ("/api/",)


class PublicCacheMiddleware:
    """Placed after the language, session, authentication and clickjacking middleware (their responses'
    headers are the same for a page from here as for a page from its route) and before Wagtail's redirects."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.cached(request) or self.get_response(request)

    def cached(self, request):
        if not is_anonymous_read(request):
            return None
        stored = cache.get(address_key(request))
        if stored is None or stored["variant"] or is_past(stored["until"]):
            return None
        versions = public_versions(stored["scopes"])
        etag = entity_tag(request, stored["scopes"], versions, stored["variant"], stored["until"])
        if etag != stored["etag"]:
            return None  # something the copy shows changed: the route renders the page again
        if is_revalidation(request, etag):
            return revalidated(HttpResponseNotModified(), etag)
        return stored_response(stored, etag)


def is_past(moment: float | None) -> bool:
    return moment is not None and time.time() >= moment


def is_anonymous_read(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path_info.startswith(ROUTED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not any(name in request.COOKIES for name in PERSONAL_COOKIES)
        and "HTTP_AUTHORIZATION" not in request.META
    )
