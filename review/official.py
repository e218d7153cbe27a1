"""The call's secretariat verifies an input's claim to be an official submission, or takes the verification back;
the public reading hears of it as of any change to what it may show."""

from django.db import transaction

from submissions.models import Submission

from .models import Review
from .services import publication_announce, require


def official_verify(*, submission: Submission, reason: str, by) -> Submission:
    """The call's secretariat verifies the input's official claim, with the reason kept in its history."""
    from submissions.official import submission_official_verify

    require(by, "official", submission)
    with transaction.atomic():
        submission = submission_official_verify(submission=submission, by=by, reason=reason)
        for review in Review.objects.filter(submission=submission):
            publication_announce(review)
    return submission


def official_revoke(*, submission: Submission, reason: str, by) -> Submission:
    """The call's secretariat takes the verification back: the public no longer sees the input as official."""
    from submissions.official import submission_official_revoke

    require(by, "official", submission)
    with transaction.atomic():
        submission = submission_official_revoke(submission=submission, by=by, reason=reason)
        for review in Review.objects.filter(submission=submission):
            publication_announce(review)
    return submission
