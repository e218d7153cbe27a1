"""What publication means: which inputs the public may read, which of their answers, and which words.

The public reading (`reading.public_view`) builds every public view of an input from these rules.
"""

from django.utils.translation import gettext as _

from submissions.models import Answer, PublicationChoice, Submission, SubmissionStatus

from .models import RedactionCategory, ReviewStatus


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


class RedactionMark:
    """What the public reads in place of redacted words: "[redacted]", or "[redacted: personal data]" with the
    redaction's category (in the reader's language, decided when shown). Never its free-text reason."""

    def __init__(self, category: str = ""):
        self.category = category

    def __bool__(self):
        return True

    def __eq__(self, other):
        return isinstance(other, RedactionMark) and other.category == self.category

    def __hash__(self):
        return hash(self.category)

    def __str__(self):
        if self.category in RedactionCategory.values:
            return _("[redacted: %(category)s]") % {"category": RedactionCategory(self.category).label}
        return _("[redacted]")


Span = tuple[int, int, str]  # start, end and category of redacted words


def public_text(text: str, redacted_spans: list[Span]) -> list[tuple[str, RedactionMark | bool]]:
    """The text cut into (piece, mark): `mark` is False for public words, a `RedactionMark` for redacted ones
    (its piece is empty). Overlapping or touching redactions read as one mark."""
    pieces, position = [], 0
    for start, end, *category in sorted(redacted_spans):
        if start > position or not pieces:
            if start > position:
                pieces.append((text[position:start], False))
            pieces.append(("", RedactionMark(*category)))
        position = max(position, end)
    pieces.append((text[position:], False))
    return [piece for piece in pieces if piece[0] or piece[1]]


def has_public_words(pieces: list[tuple[str, RedactionMark | bool]]) -> bool:
    """Whether anything but redactions (and white space) is left to read: an entry of redactions alone is not
    quoted."""
    return any(piece.strip() for piece, redacted in pieces if not redacted)


def redacted_text(pieces: list[tuple[str, RedactionMark | bool]], mark: str | None = None) -> str:
    """Pieces from `public_text` as one string, each redaction read as its mark (or as `mark` if given)."""
    return "".join((str(redacted) if mark is None else mark) if redacted else piece for piece, redacted in pieces)


class RedactedSpans:
    """Where an input's redacted passages lie, by source; built once from its redacted passages (with their
    `redaction` fetched).

    A passage out of date (its words gone in an edit) hides nothing: its offsets no longer point at them.
    """

    def __init__(self, passages):
        self.spans, self.withheld_attachments = {}, set()
        for passage in passages:
            if passage.is_outdated:
                continue
            key = (passage.source, passage.answer_id or passage.attachment_id)
            self.spans.setdefault(key, []).append((passage.start, passage.end, passage.redaction.category))
            if passage.attachment_id:
                self.withheld_attachments.add(passage.attachment_id)

    def answer(self, answer) -> list[Span]:
        return self.spans.get(("answer", answer.pk), [])

    def general_comment(self) -> list[Span]:
        return self.spans.get(("general_comment", None), [])

    def attachment(self, attachment) -> list[Span]:
        return self.spans.get(("attachment", attachment.pk), [])

    def within(self, passage) -> list[Span]:
        """The redacted spans inside `passage` (another passage of the same input), relative to its start."""
        key = (passage.source, passage.answer_id or passage.attachment_id)
        return [
            (max(start, passage.start) - passage.start, min(end, passage.end) - passage.start, category)
            for start, end, category in self.spans.get(key, [])
            if start < passage.end and end > passage.start
        ]
