"""Rate limits per client address, counted in the cache; a cache outage never blocks an input."""

import logging

from django_ratelimit.core import is_ratelimited

logger = logging.getLogger(__name__)


def client_rate_limited(request, *, group: str, rate: str) -> bool:
    """True when this address sent more than `rate` (e.g. "10/h") forms of `group`.

    The address is REMOTE_ADDR (or RATELIMIT_IP_META_KEY behind a proxy), never a header the client
    writes itself such as X-Forwarded-For.
    """
    try:
        return is_ratelimited(request, group=group, key="ip", rate=rate, method="POST", increment=True)
    except Exception:  # the cache's transport errors: let the input through, and say so in the log
        logger.warning("Rate limit not checked (cache unavailable)", exc_info=True)
        return False
