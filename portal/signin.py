"""The admin sign-in throttle's hooks into django-axes: which address counts, what a success clears, the lockout
page and its log line."""

import ipaddress
import logging

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt

from django.conf import settings
from django.shortcuts import render

logger = logging.getLogger(__name__)


class SignInAttemptHandler(AxesDatabaseHandler):
    """django-axes' database handler, except for what a successful sign-in clears."""

    def reset_user_attempts(self, request, credentials=None) -> int:
        """Clear the failures on the account that signed in, and only those.

        axes would also clear every failure from the address, on any account: whoever holds one account
        could then sign in to it between guesses at another's password and never reach the limit.
        """
        count, _deleted = AccessAttempt.objects.filter(username=get_client_username(request, credentials)).delete()
        return count


def client_address(request) -> str | None:
    """The address failures are counted for: the one the rate limits count (`RATELIMIT_IP_META_KEY`).

    That is REMOTE_ADDR, or behind a proxy the header the proxy sets; never a header the client writes
    itself such as X-Forwarded-For. A header that does not hold one address falls back to REMOTE_ADDR.
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    key = settings.RATELIMIT_IP_META_KEY
    if not key:
        return remote_addr
    try:
        return str(ipaddress.ip_address(request.META.get(key, "").strip()))
    except ValueError:
        return remote_addr


def lockout_response(request, original_response=None, credentials=None):
    """HTTP 429 saying that sign-in is paused and for how long; never which account or address, nor the limit."""
    return render(request, "portal/login_locked.html", {"minutes": settings.LOGIN_LOCKOUT_MINUTES}, status=429)


def lockout_log(sender, request, username, ip_address, **kwargs):
    """django-axes' `user_locked_out`: sent when sign-in is paused and for each attempt refused while it is."""
    logger.warning("Admin sign-in paused after repeated failures: username=%r address=%s", username, ip_address)
