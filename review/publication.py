"""What publication means: which inputs the public may read, which of their answers, and which words.

The public reading (`reading.public_view`) builds every public view of an input from these rules.
"""

from submissions.models import Answer, PublicationChoice, Submission, SubmissionStatus

from .models import ReviewStatus


def published_submissions():
    """Inputs the public may read: confirmed, published by a reviewer, and not kept private by the submitter."""
    return (
        Submission.objects.filter(status=SubmissionStatus.RECEIVED, review__status=ReviewStatus.PUBLISHED)
        .exclude(publication=PublicationChoice.PRIVATE)
        .select_related("call", "stakeholder_group", "country", "country__regional_group", "review")
        .defer("review__search_vector", "review__public_vector")
    )


def public_answers():
    """Answers the public may read, with their questions: an answer emptied in an edit, kept only for a
    reviewer's passage, is not one of them."""
    return Answer.objects.exclude(text="").select_related("question", "question__topic_area")


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


def redacted_text(pieces: list[tuple[str, bool]], mark: str = "[redacted]") -> str:
    """Pieces from `public_text` as one string, each redacted span read as `mark`."""
    return "".join(mark if redacted else piece for piece, redacted in pieces)


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
