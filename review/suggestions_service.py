"""Suggested mappings in the database: train on reviewers' mappings, suggest, record decisions and rates."""

import logging

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from reference.models import Process, SubTopic, TopicArea
from submissions.models import Submission, SubmissionStatus

from . import services
from .duplicates_service import submission_text
from .models import Mapping, MappingOrigin, Suggestion, SuggestionDecision

logger = logging.getLogger(__name__)

SUGGESTIONS_PER_INPUT = 2
MIN_CONFIDENCE = 0.05  # below this a suggestion is noise; above, reviewers see it ranked with its confidence


def suggester_train(*, process: Process):
    """Topic and sub-topic texts (the cold start) plus every whole-input or passage mapping made so far."""
    from .suggestions import TopicSuggester  # scikit-learn loads only where suggestions are made

    areas = TopicArea.objects.originals().filter(process=process).prefetch_related("sub_topics")
    topics = {area.code: f"{area.title}. {area.description}" for area in areas}
    topics.update({sub.code: sub.title for area in areas for sub in area.sub_topics.all()})
    examples = [
        (
            mapping.passage.text if mapping.passage_id else submission_text(mapping.submission),
            mapping.sub_topic.code if mapping.sub_topic_id else mapping.topic_area.code,
        )
        for mapping in Mapping.objects.filter(topic_area__process=process).select_related(
            "passage", "topic_area", "sub_topic", "submission"
        )
    ]
    return TopicSuggester.train(topics=topics, examples=[(text, code) for text, code in examples if text])


def suggestions_for(suggested: list, areas: dict, sub_topics: dict) -> list[tuple]:
    """(area, best sub-topic of it or None, the area's confidence) for the most likely areas."""
    area_rows = [item for item in suggested if "." not in item.code and item.code in areas]
    rows = []
    for item in area_rows[:SUGGESTIONS_PER_INPUT]:
        best_sub = next((sub for sub in suggested if sub.code.startswith(f"{item.code}.")), None)
        rows.append((areas[item.code], sub_topics.get(best_sub.code) if best_sub else None, item.confidence))
    return rows


def suggestions_refresh(*, process: Process, limit: int = 10_000) -> int:
    """Suggest topics for confirmed inputs that have neither mappings nor pending suggestions."""
    waiting = Submission.objects.filter(call__process=process)
    return suggestions_make(process=process, submissions=waiting, limit=limit)


def submission_suggestions_make(*, submission_id: int) -> int:
    """Suggest topics for one input as soon as it is confirmed (safe to run twice: a suggested or mapped input is
    left alone)."""
    submission = Submission.objects.filter(pk=submission_id).select_related("call__process").first()
    if submission is None:
        return 0
    return suggestions_make(
        process=submission.call.process, submissions=Submission.objects.filter(pk=submission_id), limit=1
    )


def suggestions_make(*, process: Process, submissions, limit: int) -> int:
    """Suggestions for those of `submissions` that are confirmed and have neither mappings nor suggestions.

    The model is trained only when some input waits; with no topic area to suggest, nothing is done (logged).
    """
    waiting = list(
        submissions.handed_over()
        .filter(status=SubmissionStatus.RECEIVED)
        .filter(mappings__isnull=True, suggestions__isnull=True)
        .prefetch_related("answers")[:limit]
    )
    areas = {area.code: area for area in TopicArea.objects.originals().filter(process=process)}
    if not waiting:
        return 0
    if not areas:
        logger.info("No suggestion for %s: its process %s has no topic area yet.", waiting, process)
        return 0
    suggester = suggester_train(process=process)
    sub_topics = {sub.code: sub for sub in SubTopic.objects.filter(topic_area__process=process)}
    batches = suggester.suggest_many(
        [submission_text(submission) for submission in waiting], limit=12, min_confidence=MIN_CONFIDENCE
    )
    created = [
        Suggestion(
            submission=submission,
            topic_area=area,
            sub_topic=sub_topic,
            confidence=confidence,
            model_version=suggester.version,
        )
        for submission, suggested in zip(waiting, batches, strict=True)
        for area, sub_topic, confidence in suggestions_for(suggested, areas, sub_topics)
    ]
    Suggestion.objects.bulk_create(created, ignore_conflicts=True)
    return len(created)


def suggestion_decide(*, suggestion: Suggestion, accept: bool, by) -> Suggestion:
    """One action of the reviewer: accepting maps the input, marked as coming from a suggestion."""
    services.require(by, "map", suggestion.submission)
    with transaction.atomic():
        if accept:
            services.mapping_create(
                submission=suggestion.submission,
                topic_area=suggestion.topic_area,
                sub_topic=suggestion.sub_topic,
                origin=MappingOrigin.SUGGESTION,
                by=by,
            )
        suggestion.decision = SuggestionDecision.ACCEPTED if accept else SuggestionDecision.REJECTED
        suggestion.decided_by = by
        suggestion.decided_at = timezone.now()
        suggestion.save(update_fields=["decision", "decided_by", "decided_at"])
    return suggestion


def suggestion_acceptance_rates(*, process: Process) -> list[dict]:
    """Per topic area: suggestions decided, accepted, and the acceptance rate."""
    rows = (
        Suggestion.objects.filter(topic_area__process=process)
        .exclude(decision=SuggestionDecision.PENDING)
        .values("topic_area__code", "topic_area__title")
        .annotate(decided=Count("pk"), accepted=Count("pk", filter=Q(decision=SuggestionDecision.ACCEPTED)))
        .order_by("topic_area__code")
    )
    return [{**row, "rate": row["accepted"] / row["decided"]} for row in rows]
