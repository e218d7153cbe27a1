"""The API's throttle: requests per client address, counted in the cache, refused with a 429 that says when
to come back (JSON `detail` and `retry_after`, and a `Retry-After` header), as its OpenAPI document states."""

import copy
import functools
import math

from ninja import NinjaAPI
from ninja.errors import Throttled
from ninja.throttling import AnonRateThrottle

from django.conf import settings
from django.http import HttpResponse

from portal.signin import client_address

THROTTLED = "Throttled"
THROTTLED_SCHEMA = {
    "title": THROTTLED,
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "What happened and when to try again, in words."},
        "retry_after": {"type": "integer", "minimum": 0, "description": "Seconds to wait before the next request."},
    },
    "required": ["detail", "retry_after"],
}


class ClientRateThrottle(AnonRateThrottle):
    """Ninja's throttle for anonymous clients, at `API_RATE_ANON` (read at each request, so it follows the
    settings), counting per the address the other rate limits count (`portal.signin.client_address`: never
    the X-Forwarded-For a client writes itself, which ninja's own would trust)."""

    def __init__(self):
        super().__init__(rate=settings.API_RATE_ANON)

    def allow_request(self, request) -> bool:
        if getattr(request, "_api_throttle_counted", False):
            return True  # counted once already, before the public cache (ThrottledAPI.throttled_first)
        self.rate = settings.API_RATE_ANON
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_ident(self, request) -> str | None:
        return client_address(request)


def api_throttles() -> list:
    return [ClientRateThrottle()]


def seconds_to_wait(exc: Throttled) -> int:
    return max(1, math.ceil(exc.wait)) if exc.wait is not None else 1


class ThrottledAPI(NinjaAPI):
    """A NinjaAPI whose refusals for too many requests say what happened and when to retry, and whose OpenAPI
    document states that answer (429, its body and its `Retry-After` header) on every operation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_exception_handler(Throttled, self.throttled)
        self.add_decorator(self.throttled_first, mode="view")

    def throttled_first(self, run):
        """Ninja checks throttles inside the operation, where the public cache's wrapper (`decorate_view`)
        would serve a cached answer without counting it: the API's throttles are checked around it instead,
        once per request (applied when the URLs are built, so outside every operation's own decorators)."""

        @functools.wraps(run)
        def checked(request, *args, **kwargs):
            # A copy per request: a throttle keeps the request's count on itself while it decides.
            throttles = [copy.copy(throttle) for throttle in (self.throttle if isinstance(self.throttle, list) else [])]
            waits = [throttle.wait() for throttle in throttles if not throttle.allow_request(request)]
            request._api_throttle_counted = True
            if waits:
                known = [wait for wait in waits if wait is not None]
                return self.throttled(request, Throttled(wait=max(known) if known else None))
            return run(request, *args, **kwargs)

        return checked

    def throttled(self, request, exc: Throttled) -> HttpResponse:
        wait = seconds_to_wait(exc)
        count, seconds = ClientRateThrottle().parse_rate(settings.API_RATE_ANON)
        detail = (
            f"Too many requests: the API answers at most {count} requests in {seconds} seconds from one address. "
            f"Try again in {wait} seconds."
        )
        response = self.create_response(request, {"detail": detail, "retry_after": wait}, status=429)
        response["Retry-After"] = str(wait)
        return response

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema["components"].setdefault("schemas", {})[THROTTLED] = THROTTLED_SCHEMA
        throttled = {
            "description": "Too many requests from this client address (API_RATE_ANON): wait, then try again.",
            "headers": {
                "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer", "minimum": 0}}
            },
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{THROTTLED}"}}},
        }
        for methods in schema["paths"].values():
            for operation in methods.values():
                operation.setdefault("responses", {})[429] = throttled
        return schema
