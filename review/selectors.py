"""Reads of the review screen, with their related rows fetched once here."""

from reference.models import TopicArea
from submissions.models import Answer, Submission

from .models import Mapping, Note, Passage, Review, SubmissionLogEntry, Suggestion, SuggestionDecision


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
        "outdated_passages": Passage.objects.filter(submission=submission, is_outdated=True).select_related(
            "redaction"
        ),
        "notes": Note.objects.filter(submission=submission).select_related("author"),
        "suggestions": Suggestion.objects.filter(
            submission=submission, decision=SuggestionDecision.PENDING
        ).select_related("topic_area", "sub_topic"),
        "history": SubmissionLogEntry.objects.filter(submission=submission)
        .select_related("user")
        .order_by("-timestamp")[:50],
    }


def published_submissions():
    """Inputs the public may read: confirmed, published by a reviewer, and not kept private by the submitter."""
    from submissions.models import PublicationChoice, SubmissionStatus

    from .models import ReviewStatus

    return (
        Submission.objects.filter(status=SubmissionStatus.RECEIVED, review__status=ReviewStatus.PUBLISHED)
        .exclude(publication=PublicationChoice.PRIVATE)
        .select_related("call", "stakeholder_group", "country", "country__regional_group", "review")
        .defer("review__search_vector", "review__public_vector")
    )


def public_text(text: str, redacted_spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """The text cut into (piece, is_redacted) so that a template shows redacted spans as redacted."""
    pieces, position = [], 0
    for start, end in sorted(redacted_spans):
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append(("", True))
        position = max(position, end)
    pieces.append((text[position:], False))
    return [piece for piece in pieces if piece[0] or piece[1]]


def public_answers():
    """Answers the public may read, with their questions: an answer emptied in an edit, kept only for a
    reviewer's passage, is not one of them."""
    return Answer.objects.exclude(text="").select_related("question", "question__topic_area")


class RedactedSpans:
    """Where an input's redacted passages lie, by source; built once from its redacted passages.

    A passage out of date (its words gone in an edit) hides nothing: its offsets no longer point at them.
    """

    def __init__(self, passages):
        self.spans, self.withheld_attachments = {}, set()
        for passage in passages:
            if passage.is_outdated:
                continue
            key = (passage.source, passage.answer_id or passage.attachment_id)
            self.spans.setdefault(key, []).append((passage.start, passage.end))
            if passage.attachment_id:
                self.withheld_attachments.add(passage.attachment_id)

    def answer(self, answer) -> list[tuple[int, int]]:
        return self.spans.get(("answer", answer.pk), [])

    def general_comment(self) -> list[tuple[int, int]]:
        return self.spans.get(("general_comment", None), [])

    def within(self, passage) -> list[tuple[int, int]]:
        """The redacted spans inside `passage` (another passage of the same input), relative to its start."""
        key = (passage.source, passage.answer_id or passage.attachment_id)
        return [
            (max(start, passage.start) - passage.start, min(end, passage.end) - passage.start)
            for start, end in self.spans.get(key, [])
            if start < passage.end and end > passage.start
        ]


def published_submission_view(submission: Submission) -> dict:
    """What the public page of an input shows: answers with redactions applied, mapped topics, attachments.

    An answer emptied in an edit but kept for a reviewer's passage is not shown.
    """
    redacted = RedactedSpans(Passage.objects.filter(submission=submission, redaction__isnull=False))
    answers = [
        (answer, public_text(answer.text, redacted.answer(answer)))
        for answer in public_answers().filter(submission=submission)
    ]
    return {
        "answers": answers,
        "general_comment": public_text(submission.general_comment, redacted.general_comment()),
        "attachments": [
            item for item in submission.current_attachments() if item.pk not in redacted.withheld_attachments
        ],
        "topic_areas": TopicArea.objects.filter(mappings__submission=submission).distinct().order_by("sort_order"),
    }


def published_records(inputs):
    """Published inputs as plain dicts for downloads, with redactions applied; a fixed number of queries
    whatever the number of inputs (related rows are prefetched per chunk of 500)."""
    from django.db.models import Prefetch

    inputs = inputs.prefetch_related(
        Prefetch("answers", queryset=public_answers()),
        Prefetch("passages", queryset=Passage.objects.filter(redaction__isnull=False), to_attr="redacted"),
        Prefetch("mappings", queryset=Mapping.objects.select_related("topic_area")),
    )
    for submission in inputs.iterator(chunk_size=500):
        redacted = RedactedSpans(submission.redacted)
        named = submission.publication == "named"
        yield {
            "reference": submission.reference,
            "call": submission.call.title,
            "stakeholder_group": submission.stakeholder_group.name,
            "country": submission.country.name if submission.country else "",
            "regional_group": submission.country.regional_group.name if submission.country else "",
            "language": submission.language,
            "official": submission.is_official,
            "organisation": submission.organisation if named else "",
            "name": submission.contact_name if named else "",
            "published_at": submission.review.published_at.isoformat() if submission.review.published_at else "",
            "topic_areas": sorted({mapping.topic_area.code for mapping in submission.mappings.all()}),
            "answers": {
                answer.question.text: redacted_text(answer.text, redacted.answer(answer))
                for answer in submission.answers.all()
            },
            "general_comment": redacted_text(submission.general_comment, redacted.general_comment()),
        }


def redacted_text(text: str, spans: list[tuple[int, int]]) -> str:
    return "".join("[redacted]" if redacted else piece for piece, redacted in public_text(text, spans))


def published_statistics() -> dict:
    """Counts of published inputs by stakeholder group, regional group and topic area, and their full table.

    An input mapped to several topic areas counts once in each; inputs without a country count under None.
    """
    from django.db.models import Count

    published = published_submissions().order_by()

    def counted(*fields):
        return list(published.values(*fields).annotate(count=Count("pk", distinct=True)).order_by(*fields))

    def by(field):
        return [{"code": row[field], "count": row["count"]} for row in counted(field)]

    table = counted("stakeholder_group__code", "mappings__topic_area__code", "country__regional_group__code")
    return {
        "total": published.count(),
        "by_stakeholder_group": by("stakeholder_group__code"),
        "by_regional_group": by("country__regional_group__code"),
        "by_topic_area": by("mappings__topic_area__code"),
        "table": [
            {
                "stakeholder_group": row["stakeholder_group__code"],
                "topic_area": row["mappings__topic_area__code"],
                "regional_group": row["country__regional_group__code"],
                "count": row["count"],
            }
            for row in table
        ],
    }


def public_document(submission: Submission) -> str:
    """All the public may read of an input, redactions applied: what the public search indexes."""
    view = published_submission_view(submission)
    parts = [submission.organisation if submission.publication == "named" else ""]
    for answer, pieces in view["answers"]:
        parts += [answer.question.text, "".join("" if redacted else piece for piece, redacted in pieces)]
    parts.append("".join("" if redacted else piece for piece, redacted in view["general_comment"]))
    return "\n".join(part for part in parts if part)
