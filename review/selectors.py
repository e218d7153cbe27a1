"""Reads of the review screen, with their related rows fetched once here."""

from submissions.models import Entry, Submission

from .decisions import status_options
from .models import Mapping, Note, Passage, Redaction, Review, SubmissionLogEntry, Suggestion, SuggestionDecision
from .workbench import review_sources, tags_used, topic_choices


def review_screen_data(submission: Submission) -> dict:
    review = (
        Review.objects.select_related("assigned_to", "cluster", "cluster__representative")
        .filter(submission=submission)
        .first()
    )
    answers = list(submission.answers.select_related("question", "question__topic_area"))
    attachments = list(submission.current_attachments())
    return {
        "review": review,
        "entered": Entry.objects.select_related("entered_by").filter(submission=submission).first(),
        "answers": answers,
        "attachments": attachments,
        "sources": review_sources(submission, answers, attachments),
        "topics": topic_choices(submission),
        "status_options": status_options(submission, review) if review else [],
        "tags_used": tags_used(submission.call.process_id),
        "mappings": Mapping.objects.filter(submission=submission)
        .select_related("topic_area", "sub_topic", "passage", "passage__redaction", "created_by")
        .prefetch_related("tags")
        .order_by("topic_area__sort_order", "pk"),
        "passages": Passage.objects.filter(submission=submission).select_related("redaction"),
        # Out of date and still mapped: what stops the publication until a reviewer maps the words again.
        "outdated_passages": Passage.objects.filter(submission=submission, is_outdated=True, mappings__isnull=False)
        .select_related("redaction")
        .distinct(),
        "redactions": Redaction.objects.filter(passage__submission=submission)
        .select_related("passage", "passage__answer__question", "passage__attachment", "created_by")
        .order_by("passage__source", "passage__start"),
        "notes": Note.objects.filter(submission=submission).select_related("author"),
        "suggestions": Suggestion.objects.filter(
            submission=submission, decision=SuggestionDecision.PENDING
        ).select_related("topic_area", "sub_topic"),
        "history": SubmissionLogEntry.objects.filter(submission=submission)
        .select_related("user")
        .order_by("-timestamp")[:50],
    }
