"""Private links: they work until PRIVATE_LINK_DAYS after the call closes, whoever asks for the input."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from home.models import CallPage

from .models import Submission
from .tokens import submission_from_token


class PrivateLinkExpired(Exception):
    """The link is one we sent, but its period is over; the input comes along so the page can say when."""

    def __init__(self, submission: Submission):
        super().__init__(submission.reference)
        self.submission = submission


def private_link_ends_at(call: CallPage) -> datetime:
    return call.closes_at + timedelta(days=settings.PRIVATE_LINK_DAYS)


def private_link_is_over(call: CallPage, now: datetime | None = None) -> bool:
    """Over from the instant `closes_at + PRIVATE_LINK_DAYS` on, as a call is closed from `closes_at` on."""
    return (now or timezone.now()) >= private_link_ends_at(call)


def private_link_submission(token: str) -> Submission | None:
    """The input a private link opens, or None when the link is forged, altered or for another purpose.

    Raises PrivateLinkExpired after the link's period: the pages and the attachment download all read
    private links through here, so none of them can forget the period.
    """
    submission = submission_from_token(token, "manage")
    if submission is not None and private_link_is_over(submission.call):
        raise PrivateLinkExpired(submission)
    return submission
