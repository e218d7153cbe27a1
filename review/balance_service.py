"""Participation balance of a call, read from the database: the secretariat's tables, their download, and
the alerts a set number of days before the deadline for the cells under target.

What counts: confirmed inputs (published or not); never unconfirmed, expired or withdrawn ones. An input's
topic areas are those of the guiding questions it answered (a non-empty answer) and those reviewers
mapped it, or one of its passages, to.
"""

import logging
from collections import defaultdict
from datetime import timedelta

from wagtail.models import Locale

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from reference.models import RegionalGroup, StakeholderGroup, TopicArea
from submissions.models import Answer, Submission, SubmissionStatus
from submissions.notifications import absolute, outbox_queue

from .balance import (
    ANY,
    NO_REGION,
    NO_TOPIC,
    BalanceInput,
    balance_counts,
    balance_tables,
    target_cell,
    targets_under,
)
from .models import BALANCE_ALERT_DAYS, BalanceAlert, BalanceTarget, Mapping
from .notifications import reviewer_language

logger = logging.getLogger(__name__)


def balance_inputs(call) -> list[BalanceInput]:
    """The call's confirmed inputs, each with its stakeholder group, regional group and topic areas."""
    confirmed = Submission.objects.filter(call=call, status=SubmissionStatus.RECEIVED)
    topics = defaultdict(set)
    answered = Answer.objects.filter(submission__in=confirmed, question__topic_area__isnull=False).exclude(text="")
    for pk, code in answered.values_list("submission_id", "question__topic_area__code"):
        topics[pk].add(code)
    for pk, code in Mapping.objects.filter(submission__in=confirmed).values_list("submission_id", "topic_area__code"):
        topics[pk].add(code)
    rows = confirmed.values_list("pk", "stakeholder_group__code", "country__regional_group__code")
    return [BalanceInput(group, region or NO_REGION, frozenset(topics[pk])) for pk, group, region in rows]


def balance_targets(call) -> list[BalanceTarget]:
    return list(call.balance_targets.select_related("topic_area", "stakeholder_group", "regional_group"))


def balance_dimensions(call) -> dict:
    """The (code, name) pairs of each dimension in the order shown, the totals and "none" included."""
    areas = TopicArea.objects.originals().filter(process_id=call.process_id)
    groups = StakeholderGroup.objects.filter(locale=Locale.get_default())
    return {
        "topics": [(ANY, _("All topic areas")), *((area.code, str(area)) for area in areas)]
        + [(NO_TOPIC, _("No topic area yet"))],
        "groups": [*((group.code, str(group)) for group in groups), (ANY, _("Total"))],
        "regions": [*((region.code, str(region)) for region in RegionalGroup.objects.all())]
        + [(NO_REGION, _("No region")), (ANY, _("Total"))],
    }


def call_balance(call) -> dict:
    """Everything the secretariat's balance page shows of one call."""
    targets = balance_targets(call)
    counts = balance_counts(balance_inputs(call))
    dimensions = balance_dimensions(call)
    return {
        "total": counts[ANY, ANY, ANY],
        "tables": balance_tables(counts, targets, **dimensions),
        "targets": targets,
        "under": targets_under(counts, targets),
        "counts": counts,
        "dimensions": dimensions,
    }


def balance_rows(balance: dict):
    """Every cell as a row of codes ("any" for a total, "none" for no topic area or no region), with its
    count and target, for the download."""
    minimums = {target_cell(target): target.minimum for target in balance["targets"]}
    dimensions = balance["dimensions"]
    for topic, _topic_name in dimensions["topics"]:
        for group, _group_name in dimensions["groups"]:
            for region, _region_name in dimensions["regions"]:
                count, minimum = balance["counts"][topic, group, region], minimums.get((topic, group, region))
                yield [code_shown(topic), code_shown(group), code_shown(region), count, minimum]


def code_shown(code) -> str:
    return "any" if code is ANY else (code or "none")


def alert_due(call, now) -> bool:
    """The call is open and within its alert days of the deadline."""
    settings = getattr(call, "balance_settings", None)
    days = settings.alert_days if settings else BALANCE_ALERT_DAYS
    return call.opens_at <= now < call.closes_at and now >= call.closes_at - timedelta(days=days)


def balance_alerts_send(*, now=None) -> int:
    """Mail the secretariat of each call within its alert days about every cell under target not alerted yet.

    Each target's alert row and its mails are written in one transaction on the locked target row, and the
    alert row is unique per target: two runs at once, or a run repeated, never tell a cell twice.
    """
    now = now or timezone.now()
    pending = BalanceTarget.objects.filter(alert__isnull=True, call__closes_at__gt=now, call__opens_at__lte=now)
    sent = 0
    for call_id in pending.values_list("call_id", flat=True).distinct().order_by("call_id"):
        call = BalanceTarget._meta.get_field("call").related_model.objects.select_related("process").get(pk=call_id)
        if not alert_due(call, now):
            continue
        members = list(
            get_user_model()
            .objects.filter(secretariat_of__process_id=call.process_id, is_active=True)
            .exclude(email="")
            .order_by("pk")
        )
        if not members:
            continue  # told once someone can hear it
        counts = balance_counts(balance_inputs(call))
        for target, count in targets_under(counts, balance_targets(call)):
            sent += balance_alert_send(call=call, target=target, count=count, members=members)
    if sent:
        logger.info("Told the secretariat of %d cell(s) under target", sent)
    return sent


def balance_alert_send(*, call, target: BalanceTarget, count: int, members: list) -> int:
    try:
        with transaction.atomic():
            locked = BalanceTarget.objects.select_for_update(skip_locked=True, of=("self",))
            if locked.filter(pk=target.pk, alert__isnull=True).values_list("pk", flat=True).first() is None:
                return 0  # another run is telling, or told, this cell
            BalanceAlert.objects.create(target=target, count=count)
            url = absolute(reverse("balance_report", args=[target.call_id]))
            for user in members:  # each in the language of their admin account
                outbox_queue(
                    to=user.email,
                    language=reviewer_language(user),
                    template="review/email/balance_alert.txt",
                    context={"target": target, "call": call, "count": count, "url": url},
                )
    except IntegrityError:
        return 0  # a run that began as this one did told it first: its alert row is unique, the mails went with it
    return 1
