"""Reads of the review screen, with their related rows fetched once here."""

from wagtail.models import ModelLogEntry

from django.contrib.contenttypes.models import ContentType

from submissions.models import Submission

from .models import Mapping, Note, Passage, Review, Suggestion, SuggestionDecision


def review_screen_data(submission: Submission) -> dict:
    review = (
        Review.objects.select_related("assigned_to", "cluster", "cluster__representative")
        .filter(submission=submission)
        .first()
    )
    return {
        "review": review,
        "answers": submission.answers.select_related("question", "question__topic_area"),
        "attachments": submission.current_attachments(),
        "mappings": Mapping.objects.filter(submission=submission)
        .select_related("topic_area", "sub_topic", "passage", "passage__redaction", "created_by")
        .prefetch_related("tags")
        .order_by("topic_area__sort_order", "pk"),
        "passages": Passage.objects.filter(submission=submission).select_related("redaction"),
        "notes": Note.objects.filter(submission=submission).select_related("author"),
        "suggestions": Suggestion.objects.filter(
            submission=submission, decision=SuggestionDecision.PENDING
        ).select_related("topic_area", "sub_topic"),
        "history": ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Submission), object_id=str(submission.pk)
        )
        .select_related("user")
        .order_by("-timestamp")[:50],
    }
