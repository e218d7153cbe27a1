"""Anonymous public pages served from the cache, keyed by the public content version.

Every change to what the public reads adds one to `PublicVersion` in the transaction that makes it, so a
page cached before the change is never served after it: invalidation is exact, not a matter of timeouts.
Browsers get an ETag and revalidate, so a reader on a slow link downloads an unchanged page once.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control

KEPT_HEADERS = ("Content-Type", "Content-Disposition", "X-Content-Type-Options", "Content-Language")


def public_version() -> int:
    from .models import PublicVersion

    return PublicVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0


def public_content_changed() -> None:
    """Call in the transaction of the change: the new number is seen exactly when the change is."""
    from .models import PublicVersion

    if not PublicVersion.objects.filter(pk=1).update(number=F("number") + 1):
        PublicVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def is_cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not getattr(request, "is_preview", False)
        and not request.user.is_authenticated
    )


def public_response(request, render, variant: str = "") -> HttpResponse:
    """The response of `render()` for this URL, from the cache when the public content has not changed.

    `variant` is for a page that also reads what the public content version does not follow (such as the
    counts of inputs received): it names that state, so a copy of another state is never served."""
    if not is_cacheable_request(request):
        return render()
    identity = f"{public_version()}|{variant}|{request.LANGUAGE_CODE}|{request.get_full_path()}"
    digest = hashlib.sha256(identity.encode()).hexdigest()
    etag = f'"{digest[:32]}"'
    if etag in request.headers.get("If-None-Match", ""):
        return revalidated(HttpResponseNotModified(), etag)
    key = f"public-page:{digest}"
    stored = cache.get(key)
    if stored is not None:
        response = HttpResponse(stored["content"])
        for name, value in stored["headers"].items():
            response[name] = value
        return revalidated(response, etag)
    response = render()
    if hasattr(response, "render") and not response.is_rendered:
        response.render()  # a TemplateResponse: its content is what gets cached
    if response.status_code == 200 and not response.streaming and not response.cookies:
        headers = {name: response[name] for name in KEPT_HEADERS if name in response}
        cache.set(key, {"content": response.content, "headers": headers}, settings.PUBLIC_CACHE_SECONDS)
        revalidated(response, etag)
    return response


def revalidated(response, etag: str):
    """Browsers and proxies may keep the page but must ask again each time (a 304 when unchanged)."""
    response["ETag"] = etag
    patch_cache_control(response, no_cache=True)
    return response


def cached_for_public(route):
    """For a page's route method `(page, request, ...)`: anonymous readers get the cached copy."""

    @functools.wraps(route)
    def wrapper(page, request, *args, **kwargs):
        return public_response(request, lambda: route(page, request, *args, **kwargs))

    return wrapper


def cached_view_for_public(view):
    """For a plain view `(request, ...)`, such as an API operation."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        return public_response(request, lambda: view(request, *args, **kwargs))

    return wrapper


def public_content_changed_by_signal(sender, **kwargs):
    """Receiver of Wagtail's page_published and page_unpublished, and of saves of the outcomes."""
    public_content_changed()
