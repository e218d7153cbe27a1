"""What a compilation holds: the published passages mapped to a topic area or a call, by stakeholder group.

A passage mapped to the topic is quoted as the reviewer selected it; an input mapped as a whole is quoted
by its answers to the topic's guiding questions (or all its answers and its comment when none is on the
topic). Redactions apply everywhere, as on the input's public page, and an entry that would read only
redactions is left out (an input left with no entry is then not listed). Every entry cites its input's
permanent reference, and its passage where there is one: what recommendations will cite.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from portal.i18n import localized
from review.models import Mapping, Passage, PassageSource
from review.publication import RedactedSpans, has_public_words, public_answers, public_text, published_submissions
from submissions.models import Answer, Submission

from .pages import input_index_page

CHUNK = 200  # inputs read at a time when a whole document is built


@dataclass(frozen=True)
class Scope:
    """A compilation's subject: exactly one of a topic area or a call (in any of their translations)."""

    topic_area: object = None
    call: object = None

    @property
    def subject(self):
        return self.topic_area or self.call

    @property
    def process(self):
        return self.subject.process

    def title(self) -> str:
        if self.topic_area:
            return str(localized(self.topic_area))
        return localized(self.call).title

    def file_name(self, language: str, extension: str) -> str:
        name = self.topic_area.code if self.topic_area else self.call.slug
        return f"{self.process.code}-compilation-{name}-{language}.{extension}"

    def mappings(self) -> QuerySet[Mapping]:
        """The mappings of published inputs within the scope (never of a passage an edit made out of date)."""
        mappings = Mapping.objects.filter(submission__in=published_submissions().values("pk"))
        mappings = mappings.exclude(passage__is_outdated=True)
        if self.topic_area:
            return mappings.filter(topic_area__translation_key=self.topic_area.translation_key)
        return mappings.filter(submission__call__translation_key=self.call.translation_key)

    def inputs(self) -> QuerySet[Submission]:
        """Published inputs with at least one mapping in the scope, in the compilation's order."""
        inputs = published_submissions().filter(pk__in=self.mappings().values("submission_id"))
        return inputs.order_by("stakeholder_group__sort_order", "stakeholder_group_id", "pk")


@dataclass
class Entry:
    """One quotation: a passage, an answer or a general comment, with the topics it is mapped to."""

    submission: Submission
    source: str
    pieces: list
    passage_id: int | None = None
    topics: list[str] = field(default_factory=list)
    order: tuple = ()


@dataclass
class Group:
    stakeholder_group: object
    entries: list[Entry]


def submissions_after(inputs: QuerySet, after: Submission | None) -> QuerySet:
    """The inputs following `after` in the compilation's order (keyset: no OFFSET)."""
    if after is None:
        return inputs
    group = after.stakeholder_group
    return inputs.filter(
        Q(stakeholder_group__sort_order__gt=group.sort_order)
        | Q(stakeholder_group__sort_order=group.sort_order, stakeholder_group_id__gt=group.pk)
        | Q(stakeholder_group=group, pk__gt=after.pk)
    )


def passage_source(passage: Passage) -> tuple[str, tuple]:
    """The label and sort position of what a passage quotes."""
    if passage.source == PassageSource.ANSWER:
        return passage.answer.question.text, (0, passage.answer.question.sort_order, passage.start)
    if passage.source == PassageSource.GENERAL_COMMENT:
        return str(_("General comment")), (1, 0, passage.start)
    return str(_("Attachment: %(name)s") % {"name": passage.attachment.name}), (2, passage.attachment_id, passage.start)


def topic_label(mapping: Mapping) -> str:
    return mapping.sub_topic.code if mapping.sub_topic else mapping.topic_area.code


def whole_input_entries(submission, answers: list[Answer], mapping: Mapping, redacted: RedactedSpans) -> list[Entry]:
    """An input mapped as a whole: its answers on the mapped topic, else all it says."""
    key = mapping.topic_area.translation_key
    on_topic = [
        answer
        for answer in answers
        if answer.question.topic_area_id and answer.question.topic_area.translation_key == key
    ]
    chosen = on_topic or answers
    entries = [
        Entry(
            submission,
            answer.question.text,
            public_text(answer.text, redacted.answer(answer)),
            order=(0, answer.question.sort_order, 0),
        )
        for answer in chosen
    ]
    if not on_topic and submission.general_comment:
        entries.append(
            Entry(
                submission,
                str(_("General comment")),
                public_text(submission.general_comment, redacted.general_comment()),
                order=(1, 0, 0),
            )
        )
    return entries


def compilation_entries(mappings: QuerySet[Mapping], submissions: list[Submission]) -> dict[int, list[Entry]]:
    """The entries of each of `submissions` from `mappings`, in reading order; five queries in all."""
    ids = [submission.pk for submission in submissions]
    by_id = {submission.pk: submission for submission in submissions}
    rows = mappings.filter(submission_id__in=ids).select_related(
        "topic_area", "sub_topic", "passage__answer__question", "passage__attachment"
    )
    rows = list(rows.order_by("pk"))
    redacted_rows = Passage.objects.filter(submission_id__in=ids, redaction__isnull=False).select_related("redaction")
    redacted = {pk: [] for pk in ids}
    for passage in redacted_rows:
        redacted[passage.submission_id].append(passage)
    spans = {pk: RedactedSpans(passages) for pk, passages in redacted.items()}
    whole = {row.submission_id for row in rows if row.passage_id is None}
    answers = {pk: [] for pk in whole}
    for answer in public_answers().filter(submission_id__in=whole):
        answers[answer.submission_id].append(answer)

    entries: dict[int, dict] = {pk: {} for pk in ids}
    for row in rows:
        submission, found = by_id[row.submission_id], entries[row.submission_id]
        if row.passage_id:
            passage = row.passage
            source, order = passage_source(passage)
            pieces = public_text(passage.text, spans[submission.pk].within(passage))
            made = [(("passage", passage.pk), Entry(submission, source, pieces, passage.pk, order=order))]
        else:
            made = [
                ((entry.order[0], entry.source), entry)
                for entry in whole_input_entries(submission, answers[submission.pk], row, spans[submission.pk])
            ]
        for key, entry in made:
            if not has_public_words(entry.pieces):
                continue  # redactions alone: nothing to quote
            entry = found.setdefault(key, entry)
            if topic_label(row) not in entry.topics:
                entry.topics.append(topic_label(row))
    return {pk: sorted(found.values(), key=lambda entry: entry.order) for pk, found in entries.items()}


def mapped_passages(submission: Submission) -> list[Entry]:
    """The passages of a published input that reviewers mapped to topics: what compilations quote."""
    mappings = Mapping.objects.filter(submission=submission, passage__isnull=False, passage__is_outdated=False)
    return compilation_entries(mappings, [submission])[submission.pk]


def compilation_groups(scope: Scope, submissions: list[Submission]) -> list[Group]:
    """`submissions` (in the compilation's order) and their entries, under their stakeholder groups."""
    entries = compilation_entries(scope.mappings(), submissions)
    groups: list[Group] = []
    for submission in submissions:
        if not groups or groups[-1].stakeholder_group.pk != submission.stakeholder_group_id:
            groups.append(Group(submission.stakeholder_group, []))
        groups[-1].entries += entries[submission.pk]
    return groups


def compilation_chunks(scope: Scope, size: int = CHUNK):
    """The whole compilation, `size` inputs at a time: (groups, number of inputs read so far)."""
    last, read = None, 0
    while True:
        chunk = list(submissions_after(scope.inputs(), last)[:size])
        if not chunk:
            return
        read += len(chunk)
        yield compilation_groups(scope, chunk), read
        last = chunk[-1]


def input_index_url() -> str:
    """Where the inputs' permanent pages start (e.g. /en/inputs/); "" without a published inputs page."""
    index = input_index_page()
    return index.get_url() if index else ""


def compilation_summary(scope: Scope) -> list[dict]:
    """Inputs per stakeholder group in the compilation (one query)."""
    rows = (
        scope.inputs()
        .order_by()
        .values("stakeholder_group__code", "stakeholder_group__name", "stakeholder_group__sort_order")
        .annotate(count=Count("pk"))
        .order_by("stakeholder_group__sort_order", "stakeholder_group__code")
    )
    return [
        {"code": row["stakeholder_group__code"], "name": row["stakeholder_group__name"], "count": row["count"]}
        for row in rows
    ]
