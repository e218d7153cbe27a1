"""Second coding: a random share of a call's inputs coded again, blind, by other reviewers; the agreement between
the codings, the disagreements the secretariat adjudicates, and the suggestions' calibration."""

import math
import random
import secrets
from collections import defaultdict
from decimal import Decimal

from wagtail.log_actions import log

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from reference.models import TopicArea
from submissions.models import Submission, SubmissionStatus

from . import agreement, permissions, services
from .models import (
    Adjudication,
    AdjudicationOutcome,
    CodingSample,
    Mapping,
    ReviewStatus,
    SecondCodedTopic,
    SecondCoding,
    Suggestion,
    SuggestionDecision,
)


def require_manager(user, call) -> None:
    if not permissions.can_manage_coding(user, call):
        raise PermissionDenied(_("Only the secretariat of the call's process sends inputs to second coding."))


def first_coders(submission_ids) -> dict[int, set[int]]:
    """Who did the first review of each input: its assigned reviewer and whoever mapped it."""
    coders = defaultdict(set)
    for submission_id, user_id in Mapping.objects.filter(submission__in=submission_ids).values_list(
        "submission", "created_by"
    ):
        coders[submission_id].add(user_id)
    for submission_id, user_id in Submission.objects.filter(
        pk__in=submission_ids, review__assigned_to__isnull=False
    ).values_list("pk", "review__assigned_to"):
        coders[submission_id].add(user_id)
    return coders


def coding_population(*, call, coders) -> tuple[list[int], dict[int, list]]:
    """The inputs of `call` that can be coded blind, in id order, and the coders each may be sent to: confirmed,
    under review and not yet published (a published input's topics are on its public page), and not first
    reviewed or already coded by that coder."""
    ids = list(
        Submission.objects.filter(call=call, status=SubmissionStatus.RECEIVED, review__isnull=False)
        .exclude(review__status=ReviewStatus.PUBLISHED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    first = first_coders(ids)
    coded = defaultdict(set)
    for submission_id, coder_id in SecondCoding.objects.filter(submission__in=ids).values_list("submission", "coder"):
        coded[submission_id].add(coder_id)
    eligible = {
        pk: [coder for coder in coders if coder.pk not in first[pk] and coder.pk not in coded[pk]] for pk in ids
    }
    population = [pk for pk in ids if eligible[pk]]
    return population, eligible


def coding_sample_create(*, call, share: Decimal, coders: list, by, seed: int | None = None) -> CodingSample:
    """Send a random `share` (percent) of the call's inputs to `coders`, spread over them in turn (in their order)."""
    require_manager(by, call)
    if share is None or not Decimal(0) < share <= Decimal(100):
        raise ValidationError(_("The share must be more than 0 and at most 100 percent."))
    if not coders:
        raise ValidationError(_("Choose at least one second reviewer."))
    outsiders = [coder for coder in coders if not call.reviewers.filter(user=coder).exists()]
    if outsiders:
        raise ValidationError(
            _("%(names)s do not review this call.") % {"names": ", ".join(str(coder) for coder in outsiders)}
        )
    seed = secrets.randbelow(2**31) if seed is None else seed
    with transaction.atomic():
        population, eligible = coding_population(call=call, coders=coders)
        if not population:
            raise ValidationError(
                _(
                    "No input of this call can be sent: none is under review and unpublished "
                    "without having been reviewed or coded by the chosen reviewers."
                )
            )
        size = max(1, math.ceil(len(population) * share / 100))
        chosen = random.Random(seed).sample(population, size)  # noqa: S311 (a sample, not a secret)
        sample = CodingSample(call=call, share=share, seed=seed, population=population, created_by=by)
        sample.full_clean()
        sample.save()
        turn = 0
        for submission in Submission.objects.filter(pk__in=chosen).order_by("pk"):
            in_turn = coders[turn:] + coders[:turn]
            coder = next(coder for coder in in_turn if coder in eligible[submission.pk])
            turn = (coders.index(coder) + 1) % len(coders)
            SecondCoding.objects.create(submission=submission, coder=coder, sample=sample, assigned_by=by)
            log(instance=submission, action="review.second_coding_assign", user=by, data={"coder": str(coder)})
    return sample


def second_coding_record(*, coding: SecondCoding, topic_areas, sub_topics, by) -> SecondCoding:
    """The second coder's topic areas (a sub-topic counts for its area); once recorded, the coding is done."""
    if coding.coder_id != by.pk or not permissions.can_code_blind(by, coding.submission):
        raise PermissionDenied(_("This second coding is not yours."))
    areas = {area.pk: area for area in topic_areas}
    for sub_topic in sub_topics:
        areas.setdefault(sub_topic.topic_area_id, sub_topic.topic_area)
    process = coding.submission.call.process
    if not areas:
        raise ValidationError(_("Choose at least one topic area."))
    if any(area.process_id != process.pk for area in areas.values()):
        raise ValidationError(_("Choose topic areas of this call's process."))
    with transaction.atomic():
        coding = SecondCoding.objects.select_for_update().get(pk=coding.pk)
        if coding.done_at is not None:
            raise ValidationError(_("This input's second coding is already recorded."))
        subs_by_area = defaultdict(list)
        for sub_topic in sub_topics:
            subs_by_area[sub_topic.topic_area_id].append(sub_topic)
        SecondCodedTopic.objects.bulk_create(
            SecondCodedTopic(coding=coding, topic_area=area, sub_topic=sub_topic)
            for pk, area in areas.items()
            for sub_topic in (subs_by_area[pk] or [None])
        )
        coding.done_at = timezone.now()
        coding.save(update_fields=["done_at"])
        log(
            instance=coding.submission,
            action="review.second_coding",
            user=by,
            data={"topics": sorted(area.code for area in areas.values())},
        )
    return coding


def codings_compared(*, call) -> dict:
    """Per input of `call` with a done second coding and a first review that mapped it: the first review's areas
    (as they were before any adjudication) and each second coder's."""
    done = (
        SecondCoding.objects.filter(submission__call=call, done_at__isnull=False)
        .select_related("coder", "submission")
        .prefetch_related("topics")
        .order_by("submission", "coder")
    )
    seconds = defaultdict(dict)
    submissions = {}
    for coding in done:
        seconds[coding.submission_id][coding.coder] = {topic.topic_area_id for topic in coding.topics.all()}
        submissions[coding.submission_id] = coding.submission
    first = defaultdict(set)
    first_by = defaultdict(set)
    for mapping in Mapping.objects.filter(submission__in=submissions).select_related("created_by"):
        first[mapping.submission_id].add(mapping.topic_area_id)
        first_by[mapping.submission_id].add(str(mapping.created_by))
    adjudications = {
        (row.submission_id, row.topic_area_id): row
        for row in Adjudication.objects.filter(submission__in=submissions).select_related("decided_by")
    }
    for (submission_id, area_id), row in adjudications.items():
        (first[submission_id].add if row.first_said else first[submission_id].discard)(area_id)
    compared = {
        pk: {
            "submission": submissions[pk],
            "first": first[pk],
            "first_by": sorted(first_by[pk]),
            "seconds": seconds[pk],
        }
        for pk in submissions
        if first[pk]
    }
    return {"inputs": compared, "adjudications": adjudications, "unmapped": len(submissions) - len(compared)}


def coding_agreement(*, call) -> dict:
    """Per topic area of the call's process: Cohen's kappa of the first review against the second coders (each
    pair an item), and Krippendorff's alpha over all coders when an input has more than two."""
    compared = codings_compared(call=call)
    inputs = compared["inputs"].values()
    many = any(len(item["seconds"]) > 1 for item in inputs)
    rows = []
    for area in TopicArea.objects.originals().filter(process=call.process).order_by("sort_order", "code"):
        first, second, units = [], [], []
        for item in inputs:
            said = area.pk in item["first"]
            units.append([said] + [area.pk in areas for areas in item["seconds"].values()])
            for areas in item["seconds"].values():
                first.append(said)
                second.append(area.pk in areas)
        agreed = sum(a == b for a, b in zip(first, second, strict=True))
        rows.append(
            {
                "area": area,
                "pairs": len(first),
                "agreement": agreed / len(first) if first else None,
                "kappa": agreement.cohen_kappa(first, second),
                "alpha": agreement.krippendorff_alpha_nominal(units) if many else None,
            }
        )
    pending = SecondCoding.objects.filter(submission__call=call, done_at__isnull=True).count()
    return {
        "rows": rows,
        "inputs": len(compared["inputs"]),
        "unmapped": compared["unmapped"],
        "pending": pending,
        "many_coders": many,
        "min_pairs": agreement.MIN_PAIRS,
    }


def coding_disagreements(*, call, viewer) -> list[dict]:
    """Every (input, topic area) on which the codings differ, with who said what and its adjudication if any;
    inputs `viewer` codes blind are left out."""
    compared = codings_compared(call=call)
    blind = set(permissions.coded_blind_by(viewer).values_list("pk", flat=True))
    areas = {area.pk: area for area in TopicArea.objects.originals().filter(process=call.process)}
    rows = []
    for pk, item in compared["inputs"].items():
        if pk in blind:
            continue
        for area_id in sorted(item["first"].union(*item["seconds"].values()), key=lambda a: areas[a].code):
            said = area_id in item["first"]
            seconds = [(coder, area_id in codes) for coder, codes in item["seconds"].items()]
            if all(value == said for _coder, value in seconds):
                continue
            rows.append(
                {
                    "submission": item["submission"],
                    "area": areas[area_id],
                    "first": said,
                    "first_by": item["first_by"],
                    "seconds": seconds,
                    "adjudication": compared["adjudications"].get((pk, area_id)),
                }
            )
    return rows


def adjudication_record(*, submission: Submission, topic_area, outcome: str, by) -> Adjudication:
    """The secretariat keeps or changes the first review's mapping of one topic area on which the codings differ."""
    require_manager(by, submission.call)
    if outcome not in AdjudicationOutcome.values:
        raise ValidationError(_("Say whether the first review stands or is changed."))
    disputed = {
        (row["submission"].pk, row["area"].pk)
        for row in coding_disagreements(call=submission.call, viewer=by)
        if row["adjudication"] is None
    }
    if (submission.pk, topic_area.pk) not in disputed:
        raise ValidationError(_("There is no open disagreement on this topic area of this input."))
    mappings = Mapping.objects.filter(submission=submission, topic_area=topic_area)
    first_said = mappings.exists()
    with transaction.atomic():
        if outcome == AdjudicationOutcome.CHANGED:
            if first_said:
                for mapping in mappings:
                    services.mapping_delete(mapping=mapping, by=by)
            else:
                services.mapping_create(submission=submission, topic_area=topic_area, by=by)
        adjudication = Adjudication(
            submission=submission, topic_area=topic_area, first_said=first_said, outcome=outcome, decided_by=by
        )
        adjudication.full_clean()
        adjudication.save()
        log(
            instance=submission,
            action="review.adjudicate",
            user=by,
            data={"topic": topic_area.code, "outcome": outcome},
        )
    return adjudication


def suggestion_calibration(*, call) -> list[agreement.CalibrationBin]:
    """The suggestions made for the call's inputs, by confidence, against whether reviewers confirmed them: accepted,
    or (still pending) its topic area mapped by hand. Rejected ones count as not confirmed; pending suggestions of
    inputs not yet mapped are not counted (nobody has decided)."""
    mapped = defaultdict(set)
    for submission_id, area_id in Mapping.objects.filter(submission__call=call).values_list("submission", "topic_area"):
        mapped[submission_id].add(area_id)
    outcomes = []
    for suggestion in (
        Suggestion.objects.filter(submission__call=call)
        .filter(~Q(decision=SuggestionDecision.PENDING) | Q(submission__mappings__isnull=False))
        .distinct()
    ):
        if suggestion.decision == SuggestionDecision.PENDING:
            confirmed = suggestion.topic_area_id in mapped[suggestion.submission_id]
        else:
            confirmed = suggestion.decision == SuggestionDecision.ACCEPTED
        outcomes.append((suggestion.confidence, confirmed))
    return agreement.calibration_bins(outcomes)
