"""The public view of an input, built in one place: its page, the API, the downloads and the public search
index all read an input through `public_view`, `public_views` or `public_views_chunked`, so they show the same words."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from reference.models import TopicArea
from review.models import Mapping, Passage
from review.publication import RedactedSpans, RedactionMark, public_answers, public_text, redacted_text
from submissions.models import Answer, Attachment, Submission

Pieces = list[tuple[str, RedactionMark | bool]]  # the text cut into (piece, mark), see review.publication.public_text


@dataclass(frozen=True)
class PublicAnswer:
    answer: Answer
    pieces: Pieces

    @property
    def question(self):
        return self.answer.question

    @property
    def text(self) -> str:
        """The answer with each redaction read as its mark ("[redacted: personal data]")."""
        return redacted_text(self.pieces)


@dataclass(frozen=True)
class PublicView:
    """What the public may read of a published input: redactions applied, names only when the submitter
    chose publication with names, attachments holding a redacted passage withheld as files and read as their
    text with the redactions applied (`redacted_attachments`)."""

    submission: Submission
    answers: list[PublicAnswer]
    general_comment: Pieces
    attachments: list[Attachment]
    topic_areas: list[TopicArea]
    redacted_attachments: list[tuple[Attachment, Pieces]] = ()

    @property
    def organisation(self) -> str:
        return self.submission.organisation if self.submission.shows_names else ""

    @property
    def name(self) -> str:
        return self.submission.contact_name if self.submission.shows_names else ""

    @property
    def general_comment_text(self) -> str:
        return redacted_text(self.general_comment)

    def words(self) -> str:
        """Every word the public may read, without the redaction marks: what the public search indexes."""
        parts = [self.organisation]
        for item in self.answers:
            parts += [item.question.text, redacted_text(item.pieces, mark="")]
        parts.append(redacted_text(self.general_comment, mark=""))
        return "\n".join(part for part in parts if part)


def lookups() -> list[Prefetch]:
    return [
        Prefetch("answers", queryset=public_answers(), to_attr="public_answers"),
        Prefetch("attachments", queryset=Attachment.objects.filter(removed_at__isnull=True), to_attr="current"),
        Prefetch("mappings", queryset=Mapping.objects.select_related("topic_area"), to_attr="public_mappings"),
        Prefetch(
            "passages",
            queryset=Passage.objects.filter(redaction__isnull=False).select_related("redaction"),
            to_attr="redacted",
        ),
    ]


def view_built(submission: Submission) -> PublicView:
    """The view of a submission whose related rows `lookups()` fetched."""
    redacted = RedactedSpans(submission.redacted)
    areas = {mapping.topic_area for mapping in submission.public_mappings}
    return PublicView(
        submission=submission,
        answers=[
            PublicAnswer(answer, public_text(answer.text, redacted.answer(answer)))
            for answer in submission.public_answers
        ],
        general_comment=public_text(submission.general_comment, redacted.general_comment()),
        attachments=[item for item in submission.current if item.pk not in redacted.withheld_attachments],
        topic_areas=sorted(areas, key=lambda area: (area.sort_order, area.code)),
        redacted_attachments=[
            (item, public_text(item.text, redacted.attachment(item)))
            for item in submission.current
            if item.pk in redacted.withheld_attachments
        ],
    )


def public_view(submission: Submission) -> PublicView:
    """The public view of one input (four queries)."""
    return public_views([submission])[0]


def public_views(submissions: list[Submission]) -> list[PublicView]:
    """The public views of a page of inputs (four queries, whatever their number)."""
    prefetch_related_objects(submissions, *lookups())
    return [view_built(submission) for submission in submissions]


def public_views_chunked(inputs: QuerySet[Submission]):
    """The public views of `inputs`, read in chunks: a fixed number of queries per 500 inputs."""
    for submission in inputs.prefetch_related(*lookups()).iterator(chunk_size=500):
        yield view_built(submission)
