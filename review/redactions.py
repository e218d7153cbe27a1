"""Redactions: words of an input hidden from publication, with the reason kept for reviewers; lifted by the
secretariat. Each service checks the right through `review.permissions` and writes its row of the audit log."""

from wagtail.log_actions import log

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from submissions.models import Submission

from .models import Passage, Redaction, Review
from .services import passage_find, publication_announce, require


def passage_redact(*, passage: Passage, reason: str, by, category: str = "") -> Redaction:
    """Hide a passage from publication, with the reason recorded (the category is what the public reads)."""
    require(by, "redact", passage.submission)
    if passage.is_outdated:
        raise ValidationError(_("These words are no longer in the input. Select them again where they stand now."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for the redaction."))
    with transaction.atomic():
        existing = Redaction.objects.filter(passage=passage).first()
        if existing is not None:
            return existing  # the same words redacted twice: the first redaction stands
        redaction = Redaction(passage=passage, reason=reason.strip(), category=category, created_by=by)
        redaction.full_clean()
        redaction.save()
        log(
            instance=passage.submission,
            action="review.redact",
            user=by,
            data={"passage": passage.pk, "category": category, "reason": redaction.reason},
        )
        publication_announce(Review.objects.get(submission=passage.submission))
    return redaction


def redaction_create(
    *,
    submission: Submission,
    source: str,
    excerpt: str,
    reason: str,
    by,
    category: str = "",
    answer=None,
    attachment=None,
) -> Redaction:
    """Redact any words of an answer, the general comment or an attachment's text, mapped or not.

    The words become a passage (as a reviewer's selection does) that no topic needs; a refused redaction
    leaves no passage behind.
    """
    require(by, "redact", submission)
    if not reason.strip():
        raise ValidationError(_("Give the reason for the redaction."))
    with transaction.atomic():
        passage = passage_find(
            submission=submission, source=source, excerpt=excerpt, by=by, answer=answer, attachment=attachment
        )
        return passage_redact(passage=passage, reason=reason, by=by, category=category)


def redaction_lift(*, redaction: Redaction, reason: str, by) -> None:
    """The secretariat lifts a redaction: the words are public again once the input is published.

    The redaction row goes; the log keeps who redacted them, why, and who lifted it and why.
    """
    submission = redaction.passage.submission
    require(by, "lift", submission)
    if not reason.strip():
        raise ValidationError(_("Give the reason for lifting the redaction."))
    with transaction.atomic():
        log(
            instance=submission,
            action="review.unredact",
            user=by,
            data={
                "passage": redaction.passage_id,
                "reason": reason.strip(),
                "redaction_reason": redaction.reason,
                "category": redaction.category,
                "redacted_by": str(redaction.created_by),
                "redacted_at": redaction.created_at.isoformat(),
            },
        )
        redaction.delete()
        publication_announce(Review.objects.get(submission=submission))
