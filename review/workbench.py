"""What the review screen shows beside and in the text: each source cut at its passages (to highlight what is
mapped or redacted), and the topics a reviewer picks from, suggestions first."""

from dataclasses import dataclass, field

from taggit.models import Tag

from reference.models import SubTopic, TopicArea
from submissions.models import Submission

from .models import Passage, PassageSource, Suggestion, SuggestionDecision, TaggedMapping


@dataclass
class Segment:
    text: str
    passages: list = field(default_factory=list)

    @property
    def topics(self) -> str:
        """The topic codes mapped to the passages covering this piece, as the highlight's label."""
        return " · ".join(dict.fromkeys(code for passage in self.passages for code in passage.topic_codes))

    @property
    def is_redacted(self) -> bool:
        return any(getattr(passage, "redaction", None) for passage in self.passages)


@dataclass
class Source:
    kind: str  # a PassageSource value
    pk: int | None
    title: str
    text: str
    segments: list[Segment]
    topic_area_id: int | None = None  # the topic area of the answer's question


def text_segments(text: str, passages: list[Passage]) -> list[Segment]:
    """`text` cut wherever a passage begins or ends, each piece with the passages covering it."""
    cuts = sorted({0, len(text), *(p.start for p in passages), *(min(p.end, len(text)) for p in passages)})
    segments = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [p for p in passages if p.start <= start and end <= p.end]
        segments.append(Segment(text[start:end], covering))
    return segments


def review_sources(submission: Submission, answers, attachments) -> list[Source]:
    """The answers, general comment and attachments' text, each cut at its current passages (mapped or
    redacted); a passage out of date marks nothing, as its words are gone."""
    passages = list(
        Passage.objects.filter(submission=submission, is_outdated=False)
        .select_related("redaction")
        .prefetch_related("mappings__topic_area", "mappings__sub_topic")
    )
    for passage in passages:
        passage.topic_codes = [(m.sub_topic or m.topic_area).code for m in passage.mappings.all()]
    passages = [p for p in passages if p.topic_codes or getattr(p, "redaction", None)]

    def of(kind, pk=None):
        return [p for p in passages if p.source == kind and (p.answer_id or p.attachment_id) == pk]

    sources = []
    for answer in answers:
        question = answer.question
        title = f"{question.topic_area.code}. {question.text}" if question.topic_area else question.text
        segments = text_segments(answer.text, of(PassageSource.ANSWER, answer.pk))
        sources.append(Source("answer", answer.pk, title, answer.text, segments, question.topic_area_id))
    if submission.general_comment:
        text = submission.general_comment
        sources.append(Source("general_comment", None, "", text, text_segments(text, of("general_comment"))))
    for attachment in attachments:
        segments = text_segments(attachment.text, of(PassageSource.ATTACHMENT, attachment.pk))
        sources.append(Source("attachment", attachment.pk, attachment.name, attachment.text, segments))
    return sources


@dataclass
class TopicChoice:
    area: TopicArea
    sub_topic: SubTopic | None
    confidence: float | None = None  # set for a pending suggestion

    @property
    def pick(self) -> str:
        return f"{self.area.pk}:{self.sub_topic.pk if self.sub_topic else ''}"

    @property
    def code(self) -> str:
        return (self.sub_topic or self.area).code

    @property
    def title(self) -> str:
        return (self.sub_topic or self.area).title

    @property
    def is_suggested(self) -> bool:
        return self.confidence is not None


def topic_choices(submission: Submission) -> list[TopicChoice]:
    """The input's pending suggestions (most confident first), then every topic area followed by its sub-topics.

    A topic already suggested is not listed twice."""
    areas = list(
        TopicArea.objects.originals().filter(process_id=submission.call.process_id).prefetch_related("sub_topics")
    )
    suggested = [
        TopicChoice(s.topic_area, s.sub_topic, s.confidence)
        for s in Suggestion.objects.filter(submission=submission, decision=SuggestionDecision.PENDING)
        .select_related("topic_area", "sub_topic")
        .order_by("-confidence")
    ]
    taken = {choice.pick for choice in suggested}
    listed = [
        choice
        for area in areas
        for choice in [TopicChoice(area, None), *(TopicChoice(area, sub) for sub in area.sub_topics.all())]
        if choice.pick not in taken
    ]
    return suggested + listed


def tags_used(process_id: int, limit: int = 200) -> list[str]:
    """The tags reviewers gave mappings in this process, offered as they type (one spelling per tag)."""
    tagged = TaggedMapping.objects.filter(content_object__topic_area__process_id=process_id)
    return list(
        Tag.objects.filter(pk__in=tagged.values("tag_id")).order_by("name").values_list("name", flat=True)[:limit]
    )
