"""Where an input stands in review, in the words its submitter reads (filled into the intake's hook,
`submissions.submitter_status`, by `receivers.connect`: the intake may not import the review)."""

from django.utils.translation import gettext as _

from submissions.models import Submission
from submissions.submitter_status import ReviewState, Stage

from .models import NotPublishedReason, Review, ReviewStatus

STAGES = {
    ReviewStatus.NEW: Stage.AWAITING_REVIEW,
    ReviewStatus.IN_REVIEW: Stage.IN_REVIEW,
    ReviewStatus.MAPPED: Stage.IN_REVIEW,  # the submitter reads "in review" until a decision
    ReviewStatus.PUBLISHED: Stage.PUBLISHED,
    ReviewStatus.NOT_PUBLISHED: Stage.NOT_PUBLISHED,
}


def reason_for_submitter(reason: str) -> str:
    """The reason not to publish in plain words, where it is the submitter's business; "" for spam (a person
    wrongly caught is told nothing hurtful, a sender of spam nothing useful)."""
    words = {
        NotPublishedReason.SUBMITTER_CHOICE: _("You chose not to publish it."),
        NotPublishedReason.WITHDRAWN: _("You withdrew it."),
        NotPublishedReason.OUT_OF_SCOPE: _("It is outside the scope of this call."),
        NotPublishedReason.DUPLICATE: _("It repeats another input."),
    }
    return str(words.get(reason, ""))


def review_state_for_submitter(submission: Submission) -> ReviewState | None:
    review = Review.objects.filter(submission=submission).only("status", "reason").first()
    if review is None:
        return None
    return ReviewState(
        stage=STAGES[review.status],
        reason=reason_for_submitter(review.reason) if review.status == ReviewStatus.NOT_PUBLISHED else "",
        edit_reopens=review.status in (ReviewStatus.MAPPED, ReviewStatus.PUBLISHED),
    )
