"""The review's answers to what the intake reports (submissions.signals), connected in ReviewConfig.ready."""

from portal.queue import enqueue_after_commit
from submissions import signals
from submissions.submitter_status import review_state_provider_register

from .models import Review
from .notifications import reviewers_alert_new_submission
from .search import review_search_index
from .services import review_edited, review_open, review_restored, review_withdrawn
from .submitter_state import review_state_for_submitter
from .tasks import submission_suggestions_make_task


def on_submission_confirmed(sender, submission, **kwargs):
    review_open(submission=submission)
    reviewers_alert_new_submission(submission)
    enqueue_after_commit(submission_suggestions_make_task, submission.pk)


def on_submission_edited(sender, submission, before, **kwargs):
    review_edited(submission=submission, before=before)


def on_submission_withdrawn(sender, submission, **kwargs):
    review_withdrawn(submission=submission)


def on_submission_restored(sender, submission, **kwargs):
    review_restored(submission=submission)


def on_attachments_text_stored(sender, submission_id, **kwargs):
    """Reviewers search the attachments' text too: index it once it is there."""
    review = Review.objects.filter(submission_id=submission_id).select_related("submission").first()
    if review is not None:
        review_search_index(review)


def connect():
    signals.submission_confirmed.connect(on_submission_confirmed, dispatch_uid="review-open")
    signals.submission_edited.connect(on_submission_edited, dispatch_uid="review-edited")
    signals.submission_withdrawn.connect(on_submission_withdrawn, dispatch_uid="review-withdrawn")
    signals.submission_restored.connect(on_submission_restored, dispatch_uid="review-restored")
    signals.attachments_text_stored.connect(on_attachments_text_stored, dispatch_uid="review-reindex")
    # The submitter's private page and mails tell where the input stands in review (the intake asks
    # through this hook: it may not import the review).
    review_state_provider_register(review_state_for_submitter)
