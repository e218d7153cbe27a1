"""What a reviewer may decide about an input now, and why not: the preconditions of each review status.

`services.review_status_set` refuses a change for the first reason found here, and the review screen offers only
the changes with none (showing the reasons of a refused publication), so nothing offered is then refused.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from submissions.models import PublicationChoice, Submission

from .models import Mapping, Review, ReviewStatus, SecondCoding

# Statuses a reviewer sets by hand. "Received" is where a confirmed input starts; it does not come back to it.
DECIDED = (ReviewStatus.IN_REVIEW, ReviewStatus.MAPPED, ReviewStatus.PUBLISHED, ReviewStatus.NOT_PUBLISHED)


@dataclass(frozen=True)
class StatusOption:
    status: str
    label: str
    reasons: tuple[str, ...]  # why it cannot be chosen now; empty when it can

    @property
    def is_open(self) -> bool:
        return not self.reasons


def status_refusals(submission: Submission, review: Review, status: str) -> list[str]:
    """Why `review` cannot become `status` now, in the words the reviewer reads; [] when it can."""
    if status == review.status:
        return [_("The input is already “%(status)s”.") % {"status": review.get_status_display()}]
    if status not in DECIDED:
        return [_("An input goes back to review as “In review”, not as “Received”.")]
    reasons = []
    needs_mapping = status in (ReviewStatus.MAPPED, ReviewStatus.PUBLISHED)
    if needs_mapping and not Mapping.objects.filter(submission=submission).exists():
        reasons.append(_("Map a passage, or the whole input, to a topic area first."))
    if status == ReviewStatus.PUBLISHED:
        if submission.publication == PublicationChoice.PRIVATE:
            reasons.append(_("The submitter chose not to publish this input."))
        if SecondCoding.objects.filter(submission=submission, done_at__isnull=True).exists():
            # Published, the input would be in the public's reading, where its second coder could read it.
            reasons.append(_("A second reviewer is coding this input blind: publish it once their coding is recorded."))
        if Mapping.objects.filter(submission=submission, passage__is_outdated=True).exists():
            # Compilations quote mapped passages: none may quote words the submitter has since taken out.
            reasons.append(
                _("A mapped passage is no longer in the input: map its words again where they stand, or remove it.")
            )
    return reasons


def status_options(submission: Submission, review: Review) -> list[StatusOption]:
    """Every status the input could take from here, with the reasons it cannot yet (none for the open ones)."""
    return [
        StatusOption(status, ReviewStatus(status).label, tuple(status_refusals(submission, review, status)))
        for status in DECIDED
        if status != review.status
    ]
