"""Reads of the review screen, with their related rows fetched once here."""

from submissions.models import Entry, Submission

from .models import Mapping, Note, Passage, Redaction, Review, SubmissionLogEntry, Suggestion, SuggestionDecision


def review_screen_data(submission: Submission) -> dict:
    review = (
        Review.objects.select_related("assigned_to", "cluster", "cluster__representative")
        .filter(submission=submission)
        .first()
    )
    return {
        "review": review,
        "entered": Entry.objects.select_related("entered_by").filter(submission=submission).first(),
        "answers": submission.answers.select_related("question", "question__topic_area"),
        "attachments": submission.current_attachments(),
        "mappings": Mapping.objects.filter(submission=submission)
        .select_related("topic_area", "sub_topic", "passage", "passage__redaction", "created_by")
        .prefetch_related("tags")
        .order_by("topic_area__sort_order", "pk"),
        "passages": Passage.objects.filter(submission=submission).select_related("redaction"),
        "outdated_passages": Passage.objects.filter(submission=submission, is_outdated=True).select_related(
            "redaction"
        ),
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
