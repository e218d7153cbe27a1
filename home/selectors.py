"""Reads of the public site, with their related rows fetched once here."""

from wagtail.models import Locale

from django.db.models import Min, Q
from django.utils import timezone

from portal.i18n import localized_all
from reference.models import TopicArea

from .models import CallPage, CallStatus, Question


def calls_for_listing(*, locale: Locale, parent=None) -> dict[str, list[CallPage]]:
    """Live calls in `locale`, grouped by status: open first (soonest deadline), then upcoming, then closed."""
    calls = CallPage.objects.live().filter(locale=locale).select_related("process")
    if parent is not None:
        calls = calls.child_of(parent)
    now = timezone.now()
    grouped = {status.value: [] for status in (CallStatus.OPEN, CallStatus.UPCOMING, CallStatus.CLOSED)}
    for call in calls.order_by("closes_at"):
        grouped[call.status_at(now).value].append(call)
    grouped[CallStatus.CLOSED.value].reverse()
    return grouped


def calls_next_change():
    """The next instant a live call opens or closes (None if none will): pages that show calls' status are
    cached until then."""
    now = timezone.now()
    moments = CallPage.objects.live().aggregate(
        opens=Min("opens_at", filter=Q(opens_at__gt=now)), closes=Min("closes_at", filter=Q(closes_at__gt=now))
    )
    return min(filter(None, moments.values()), default=None)


def questions_for_topic_area(*, topic_area: TopicArea) -> list[Question]:
    """Guiding questions about `topic_area` (an original) in live calls, newest call first, worded in the
    reader's language where translated."""
    questions = (
        Question.objects.filter(topic_area=topic_area, call__live=True, call__locale=topic_area.locale)
        .select_related("call")
        .order_by("-call__opens_at", "sort_order")
    )
    return localized_all(questions)
