"""What a citation may show: decided each time it is read, so that a passage unpublished, redacted or out
of date since it was cited shows no words to the public and is flagged to the drafters."""

from dataclasses import dataclass

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from review.models import Passage
from review.publication import RedactedSpans, has_public_words, public_text, published_submissions

from .models import Citation


class CitationState(models.TextChoices):
    SHOWN = "shown", _("Shown")
    INPUT_NOT_PUBLISHED = "input_not_published", _("The input is not published")
    PASSAGE_REDACTED = "passage_redacted", _("The passage is redacted")
    PASSAGE_OUTDATED = "passage_outdated", _("The passage is no longer in the input")


@dataclass(frozen=True)
class CitationRead:
    citation: Citation
    state: str
    pieces: list  # (piece, mark) of the passage's words, redactions inside it applied; empty unless shown

    @property
    def is_shown(self) -> bool:
        return self.state == CitationState.SHOWN

    @property
    def label(self) -> str:
        return CitationState(self.state).label


def citations_read(citations: QuerySet[Citation]) -> list[CitationRead]:
    """Each citation with its state and the words the public may read of it (three queries)."""
    citations = list(citations.select_related("submission", "passage", "passage__redaction"))
    ids = {citation.submission_id for citation in citations}
    published = set(published_submissions().filter(pk__in=ids).values_list("pk", flat=True))
    redacted: dict[int, list[Passage]] = {pk: [] for pk in ids}
    for passage in Passage.objects.filter(submission_id__in=ids, redaction__isnull=False).select_related("redaction"):
        redacted[passage.submission_id].append(passage)
    reads = []
    for citation in citations:
        passage, pieces = citation.passage, []
        if citation.submission_id not in published:
            state = CitationState.INPUT_NOT_PUBLISHED
        elif passage is not None and passage.is_outdated:
            state = CitationState.PASSAGE_OUTDATED
        elif passage is not None:
            pieces = public_text(passage.text, RedactedSpans(redacted[citation.submission_id]).within(passage))
            state = CitationState.SHOWN
            if not has_public_words(pieces):  # its words are all redacted, by one redaction or several
                state, pieces = CitationState.PASSAGE_REDACTED, []
        else:
            state = CitationState.SHOWN
        reads.append(CitationRead(citation, state, pieces))
    return reads


def citations_flagged(citations: QuerySet[Citation]) -> list[CitationRead]:
    """The citations the drafters must look at again: their words can no longer be shown."""
    return [read for read in citations_read(citations) if not read.is_shown]
