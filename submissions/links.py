"""Private links: they work until PRIVATE_LINK_DAYS after the call closes, and a fresh one revokes the older.

A fresh link is asked for on the private page (a link that may have been forwarded) or on the call's
`link/` page with the input's reference and address (a lost link); it goes only to the input's address.
"""

import logging
from datetime import datetime, timedelta

from wagtail.log_actions import log

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Submission, SubmissionStatus
from .notifications import link_mail_queue
from .tokens import submission_from_token

logger = logging.getLogger(__name__)


class PrivateLinkExpired(Exception):
    """The link is one we sent, but its period is over; the input comes along so the page can say when."""

    def __init__(self, submission: Submission):
        super().__init__(submission.reference)
        self.submission = submission


def private_link_ends_at(call) -> datetime:
    return call.closes_at + timedelta(days=settings.PRIVATE_LINK_DAYS)


def private_link_is_over(call, now: datetime | None = None) -> bool:
    """Over from the instant `closes_at + PRIVATE_LINK_DAYS` on, as a call is closed from `closes_at` on."""
    return (now or timezone.now()) >= private_link_ends_at(call)


def private_links_work(call) -> bool:
    """Whether links to the call's inputs open them now: from its opening until their period is over."""
    return call.status != "upcoming" and not private_link_is_over(call)


def private_link_submission(token: str) -> Submission | None:
    """The input a private link opens, or None when the link is forged, altered, replaced or for another purpose.

    Raises PrivateLinkExpired after the link's period: the pages and the attachment download all read
    private links through here, so none of them can forget the period.
    """
    submission = submission_from_token(token, "manage")
    if submission is not None and private_link_is_over(submission.call):
        raise PrivateLinkExpired(submission)
    return submission


def private_link_renew(*, submission: Submission) -> None:
    """Mail a fresh private link to the input's address; every older link stops working at once."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        submission.link_version += 1
        submission.save(update_fields=["link_version"])
        log(instance=submission, action="submissions.link_renew", data={"link_version": submission.link_version})
        link_mail_queue(submission, ends_at=private_link_ends_at(submission.call))
    logger.info("Input %s: private link renewed", submission.reference)


def private_link_request(*, call, reference: str, email: str) -> None:
    """A fresh link when `reference` and `email` (in any case) are those of an input to this call.

    Nothing happens for a withdrawn or erased input, or once the link period is over. The page answers
    the same either way, so that nobody learns from it who sent which input.
    """
    if private_link_is_over(call):
        return
    submission = (
        Submission.objects.filter(call=call, reference=reference, contact_email__iexact=email, erased_at__isnull=True)
        .exclude(status=SubmissionStatus.WITHDRAWN)
        .first()
    )
    if submission is not None:
        private_link_renew(submission=submission)
