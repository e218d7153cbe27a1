"""Inputs under review in given states, made in bulk (as the list and dashboard tests need many), and the
inputs a list page shows."""

import re
from datetime import timedelta
from itertools import count

from django.utils import timezone

from reference.models import Country
from review.models import Review
from submissions.models import Submission, SubmissionStatus
from tests.factories import stakeholder_group

LISTED = re.compile(r'href="/admin/inputs/(\d+)/review/(?:\?queue=[^"]*)?"')
NUMBERS = count(1)


def inputs_make(call, status: str, number: int = 1, *, prefix: str = "T", **review) -> list[Submission]:
    """`number` confirmed inputs of `call` whose review is `status` (and the other `review` fields given)."""
    start = timezone.now() - timedelta(days=1)
    submissions = Submission.objects.bulk_create(
        Submission(
            call=call,
            reference=f"{prefix}-{next(NUMBERS):05d}",
            status=SubmissionStatus.RECEIVED,
            confirmed_at=start,
            submitted_at=start,
            stakeholder_group=stakeholder_group("GOVERNMENT"),
            country=Country.objects.get(iso3="HUN"),
            contact_name="Someone",
            language="en",
            publication="named",
            privacy_notice_version="test",
            fingerprint="0" * 64,
        )
        for _ in range(number)
    )
    Review.objects.bulk_create(Review(submission=submission, status=status, **review) for submission in submissions)
    return submissions


def listed_ids(client, url: str) -> set[int]:
    """The inputs the list at `url` shows (on its first page)."""
    response = client.get(url)
    assert response.status_code == 200, url
    return {int(pk) for pk in LISTED.findall(response.content.decode())}
