"""Anonymous public pages served from the cache, keyed by the versions of what they show.

What the public reads is split into scopes, each with its own number in `PublicVersion` (see
docs/decisions/0021-scoped-public-versions.md): the site (pages, reference data), the outcomes, the
published inputs as a whole, and each published input on its own. Every change adds one to the numbers of
the scopes it touches, in the transaction that makes it, and a page is cached with the numbers of the
scopes it reads; a copy is served only while those numbers are unchanged. So invalidation is exact, not a
matter of timeouts, and publishing one input leaves cold only the pages that show the inputs as a whole and
that input's own page.

One copy is kept per address (host, language, full path), with the scopes and numbers it was built from,
so that `reading.middleware.PublicCacheMiddleware` can answer an anonymous reader before Wagtail routes the
page (one query for the numbers). Browsers get an ETag and revalidate, so a reader on a slow link downloads
an unchanged page once.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control

KEPT_HEADERS = ("Content-Type", "Content-Disposition", "X-Content-Type-Options", "Content-Language")

SITE = "site"  # the Wagtail pages and the reference data (titles, menus, topic areas, groups, countries)
OUTCOMES = "outcomes"  # meetings, recommendations, their citations and the implementation tracker
INPUTS = "inputs"  # the published inputs as a whole: listing, search, API, statistics, feeds, compilations
EVERYTHING = (SITE, OUTCOMES, INPUTS)


def input_scope(reference: str) -> str:
    """One published input's own scope: its page and its public document."""
    return f"input:{reference}"


def input_page_scopes(reference: str) -> tuple[str, ...]:
    """An input's page shows the input, the site's words around it and the recommendations citing it."""
    return (SITE, OUTCOMES, input_scope(reference))


def public_versions(scopes) -> tuple[int, ...]:
    """The numbers of `scopes` (0 for a scope never changed), in one query."""
    from .models import PublicVersion

    found = dict(PublicVersion.objects.filter(scope__in=scopes).values_list("scope", "number"))
    return tuple(found.get(scope, 0) for scope in scopes)


def public_version(*scopes: str) -> int:
    """One number that grows whenever any of `scopes` (by default every shared scope) changes: the sum of
    their numbers, each of which only grows. Compilation documents are keyed by it."""
    return sum(public_versions(scopes or EVERYTHING))


def public_content_changed(*scopes: str) -> None:
    """Call in the transaction of the change, naming the scopes it touches; with none named, the published
    inputs as a whole (what the review's publications change). The new numbers are seen exactly when the
    change is."""
    from .models import PublicVersion

    table = connection.ops.quote_name(PublicVersion._meta.db_table)
    scopes = sorted(set(scopes or (INPUTS,)))  # always in the same order: two changes never wait on each other
    rows = ", ".join(["(%s, 1, CURRENT_TIMESTAMP)"] * len(scopes))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (scope, number, changed_at) VALUES {rows} "  # noqa: S608  (no reader's text)
            f"ON CONFLICT (scope) DO UPDATE SET number = {table}.number + 1, changed_at = CURRENT_TIMESTAMP",
            scopes,
        )


def public_input_changed(reference: str) -> None:
    """What the public may read of one input changed: its own page, and every page of the inputs as a whole."""
    public_content_changed(INPUTS, input_scope(reference))


def is_cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not getattr(request, "is_preview", False)
        and not request.user.is_authenticated
    )


def address_key(request) -> str:
    """The cache key of the one copy kept for this address (the middleware finds it before routing)."""
    address = f"{request.get_host()}|{request.LANGUAGE_CODE}|{request.get_full_path()}"
    return "public-page:" + hashlib.sha256(address.encode()).hexdigest()


def entity_tag(request, scopes, versions, variant: str, until: float | None = None) -> str:
    identity = f"{','.join(scopes)}|{versions}|{variant}|{until}|{request.LANGUAGE_CODE}|{request.get_full_path()}"
    return '"' + hashlib.sha256(identity.encode()).hexdigest()[:32] + '"'


def is_revalidation(request, etag: str) -> bool:
    return etag in request.headers.get("If-None-Match", "")


def stored_response(stored: dict, etag: str) -> HttpResponse:
    response = HttpResponse(stored["content"])
    for name, value in stored["headers"].items():
        response[name] = value
    return revalidated(response, etag)


def public_response(request, render, variant: str = "", scopes=EVERYTHING, until=None) -> HttpResponse:
    """The response of `render()` for this URL, from the cache while the scopes it reads have not changed.

    `scopes` names what the page shows (by default every shared scope, which is always exact). `variant`
    is for a page that also reads what no scope follows (such as the counts of inputs received): it names
    that state, so a copy of another state is never served (and the middleware leaves such pages to it).
    `until`, for a page that the clock changes (a call opens or closes), returns the next such instant (or
    None): the copy is not served from then on."""
    if not is_cacheable_request(request):
        return render()
    scopes = tuple(scopes)
    versions = public_versions(scopes)  # read before rendering: a change committed meanwhile retires the copy
    deadline = until() if until is not None else None
    deadline = deadline.timestamp() if deadline is not None else None
    etag = entity_tag(request, scopes, versions, variant, deadline)
    if is_revalidation(request, etag):
        return revalidated(HttpResponseNotModified(), etag)
    key = address_key(request)
    stored = cache.get(key)
    if stored is not None and stored["etag"] == etag:
        return stored_response(stored, etag)
    response = render()
    if hasattr(response, "render") and not response.is_rendered:
        response.render()  # a TemplateResponse: its content is what gets cached
    if is_storable(request, response):
        headers = {name: response[name] for name in KEPT_HEADERS if name in response}
        stored = {"etag": etag, "scopes": scopes, "versions": versions, "variant": variant, "until": deadline}
        cache.set(key, {**stored, "content": response.content, "headers": headers}, settings.PUBLIC_CACHE_SECONDS)
        revalidated(response, etag)
    return response


def is_storable(request, response) -> bool:
    """A complete page that is the same for every anonymous reader: no cookie set by the view or, later,
    by the middleware (a CSRF token rendered, the session written, a message shown)."""
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and not (messages is not None and messages.used)
    )


def revalidated(response, etag: str):
    """Browsers and proxies may keep the page but must ask again each time (a 304 when unchanged)."""
    response["ETag"] = etag
    patch_cache_control(response, no_cache=True)
    return response


def cached_for_public(route=None, *, scopes=None):
    """For a page's route method `(page, request, ...)`: anonymous readers get the cached copy. `scopes` is
    a tuple, or a function of the route's arguments, naming what the page shows (by default everything)."""

    def decorator(route):
        @functools.wraps(route)
        def wrapper(page, request, *args, **kwargs):
            shown = scopes(*args, **kwargs) if callable(scopes) else (scopes or EVERYTHING)
            return public_response(request, lambda: route(page, request, *args, **kwargs), scopes=shown)

        return wrapper

    return decorator(route) if route is not None else decorator


def cached_view_for_public(view=None, *, scopes=None):
    """For a plain view `(request, ...)`, such as an API operation."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            shown = scopes(*args, **kwargs) if callable(scopes) else (scopes or EVERYTHING)
            return public_response(request, lambda: view(request, *args, **kwargs), scopes=shown)

        return wrapper

    return decorator(view) if view is not None else decorator


def site_changed_by_signal(sender, **kwargs):
    """Receiver of Wagtail's page signals (published, unpublished, moved, deleted) and of view restrictions."""
    public_content_changed(SITE)


def outcomes_changed_by_signal(sender, **kwargs):
    """Receiver of saves and deletions of the outcomes (drafts save rows too: that only retires copies early)."""
    public_content_changed(OUTCOMES)


def input_changed_by_signal(sender, review, **kwargs):
    """Receiver of review's publication_changed: that input's own page. The inputs as a whole are changed
    by `reading.receivers` when the input was or is public."""
    public_content_changed(input_scope(review.submission.reference))
