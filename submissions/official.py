"""The official status of an input: a claim is "official, verified" only when it comes from a focal point's
confirmed address (checked when the address is confirmed, never before) or when the secretariat verifies it
with a reason; otherwise it stays "official, unverified" and is never shown or counted as official.

The secretariat's rights are checked by the caller (review), which knows the roles.
"""

from wagtail.log_actions import log

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reference.models import FocalPoint

from .models import Submission, SubmissionStatus
from .notifications import official_status_mail_queue

# What an edit may change that the verification vouched for: changing one of them needs a new verification.
VERIFIED_FIELDS = ("is_official", "stakeholder_group_id", "country_id", "organisation", "contact_email")
REASON_MAX = 500


def focal_point_of(submission: Submission) -> FocalPoint | None:
    """The focal point whose address (or domain) the official input was sent from, for the State or IGO it names."""
    if not submission.is_official or not submission.contact_email:
        return None
    country = submission.country if submission.stakeholder_group.requires_country else None
    return FocalPoint.objects.matching(
        country=country, organisation=submission.organisation, email=submission.contact_email
    )


def official_verify_from_focal_point(submission: Submission) -> bool:
    """Called once the address is confirmed (inside that transaction): verify a claim sent by a focal point."""
    if submission.official_verified or submission.status != SubmissionStatus.RECEIVED:
        return False
    focal_point = focal_point_of(submission)
    if focal_point is None:
        return False
    how = _("Sent from the confirmed address of the focal point of %(focal_point)s.") % {"focal_point": focal_point}
    official_status_write(submission, verified=True, how=how)
    log(
        instance=submission,
        action="submissions.official_verify",
        data={"method": "focal_point", "focal_point": focal_point.pk, "reason": how},
    )
    return True


def reason_checked(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason: it is kept in the input's history."))
    if len(reason) > REASON_MAX:
        raise ValidationError(_("Keep the reason under %(count)d characters.") % {"count": REASON_MAX})
    return reason


def submission_official_verify(*, submission: Submission, by, reason: str) -> Submission:
    """The secretariat verifies an official claim (a letter on letterhead, a call to the mission, …)."""
    reason = reason_checked(reason)
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.status != SubmissionStatus.RECEIVED:
            raise ValidationError(_("Only a confirmed input can be verified."))
        if not submission.is_official:
            raise ValidationError(_("This input does not claim to be an official submission."))
        if submission.official_verified:
            raise ValidationError(_("This input is already verified as official."))
        official_status_write(submission, verified=True, how=reason)
        log(
            instance=submission,
            action="submissions.official_verify",
            user=by,
            data={"method": "secretariat", "reason": reason},
        )
        official_status_mail_queue(submission)
    return submission


def submission_official_revoke(*, submission: Submission, by, reason: str) -> Submission:
    """The secretariat takes the verification back: the input is "official, unverified" again."""
    reason = reason_checked(reason)
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if not submission.official_verified:
            raise ValidationError(_("This input is not verified as official: there is nothing to revoke."))
        official_status_write(submission, verified=False, how="")
        log(
            instance=submission,
            action="submissions.official_revoke",
            user=by,
            data={"method": "secretariat", "reason": reason},
        )
        official_status_mail_queue(submission)
    return submission


def official_after_edit(submission: Submission, before: dict) -> None:
    """An edit that changes what the verification vouched for drops it (the new address is not confirmed);
    a focal point's input that keeps its confirmed address is verified again."""
    if not submission.official_verified or all(getattr(submission, name) == before[name] for name in VERIFIED_FIELDS):
        return
    official_status_write(submission, verified=False, how="")
    log(
        instance=submission,
        action="submissions.official_revoke",
        data={"method": "edit", "reason": "The submitter changed who the input is from."},
    )
    if submission.contact_email == before["contact_email"]:
        official_verify_from_focal_point(submission)


def verified_fields(submission: Submission) -> dict:
    return {name: getattr(submission, name) for name in VERIFIED_FIELDS}


def official_status_write(submission: Submission, *, verified: bool, how: str) -> None:
    submission.official_verified = verified
    submission.official_verified_at = timezone.now() if verified else None
    submission.official_verification = how
    submission.save(update_fields=["official_verified", "official_verified_at", "official_verification"])
