"""Rate limits per client address, counted in the cache; a cache outage never blocks an input.

When the cache cannot be reached the limit is not checked (logged as a warning): the honeypot, the minimum
fill time and the signed form token still guard the form, and intake goes on.
"""

import logging

from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)


def client_usage(request, *, group: str, rate: str, increment: bool) -> dict | None:
    """This address's count of `group` in the current window, or None when the cache cannot be reached.

    The address is REMOTE_ADDR (or RATELIMIT_IP_META_KEY behind a proxy), never a header the client
    writes itself such as X-Forwarded-For.
    """
    try:
        usage = get_usage(request, group=group, key="ip", rate=rate, method="POST", increment=increment)
    except Exception:  # the cache's transport errors that its client does not turn into a miss
        usage = None
    if usage is None:
        logger.warning("Rate limit of %s not checked: the cache is unavailable", group)
    return usage


def client_rate_reached(request, *, group: str, rate: str) -> bool:
    """True when this address has already used its `rate` (e.g. "10/h") of `group`; counts nothing."""
    usage = client_usage(request, group=group, rate=rate, increment=False)
    return usage is not None and usage["count"] >= usage["limit"]


def client_rate_count(request, *, group: str, rate: str) -> None:
    """Count one use of `group` by this address (a form that succeeded)."""
    client_usage(request, group=group, rate=rate, increment=True)


def client_rate_limited(request, *, group: str, rate: str) -> bool:
    """Count this request and say whether it goes over `rate`: for forms whose every request counts."""
    usage = client_usage(request, group=group, rate=rate, increment=True)
    return usage is not None and usage["should_limit"]
