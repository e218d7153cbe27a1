"""What the reviewer's dashboard counts and lists, over the inputs the user may see (`review.permissions`): capped
lists and counts that stop at the list's bound, each query on an index, so that a million inputs cost no more."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from portal.keyset import bounded_count
from submissions.models import call_page_model

from . import permissions
from .models import CallReviewer, ReviewStatus, Suggestion, SuggestionDecision
from .models.reviews import AWAITING_DECISION

SUGGESTION_DAYS = 7
# What a panel shows of each input it lists (not the review's search vectors, nor the call page's columns).
LISTED_FIELDS = ("reference", "call__title", "review__status", "review__due_on", "review__edited_after_review_at")


def awaiting_decision_visible_to(user):
    """The inputs `user` may see whose review awaits a decision."""
    return permissions.submissions_visible_to(user).filter(review__status__in=AWAITING_DECISION)


def calls_worked_on(user):
    """The calls whose inputs `user` works on: those of their process's secretariat and those they review (every
    call for an administrator). An input assigned to them in another call is counted among theirs alone."""
    calls = call_page_model().objects.only("pk", "title").order_by("title", "pk")
    if permissions.is_administrator(user):
        return calls
    return calls.filter(
        Q(process__in=permissions.secretariat_processes(user))
        | Q(pk__in=CallReviewer.objects.filter(user=user).values("call_id"))
    )


def queue_counts(user, *, limit: int) -> dict:
    """How many inputs await a decision, by call and review status, and how many of them are assigned to `user`,
    by status: each counted no further than `limit` + 1, as the list counts (one query per call and status, each
    on an index; an exact count of a call's million inputs would read them all)."""
    awaiting = awaiting_decision_visible_to(user)
    calls = []
    for call in calls_worked_on(user):
        counts = {
            status: bounded_count(awaiting.filter(call=call, review__status=status), limit)
            for status in AWAITING_DECISION
        }
        if any(counts.values()):
            calls.append((call, counts))
    mine = awaiting.filter(review__assigned_to=user)
    return {
        "calls": calls,
        "mine": {status: bounded_count(mine.filter(review__status=status), limit) for status in AWAITING_DECISION},
    }


def assignments_due(user, *, listed: int, limit: int) -> dict:
    """The inputs assigned to `user` that await a decision and have a due date, soonest due first (at most
    `listed`), with how many there are and how many are overdue, each counted no further than `limit` + 1."""
    due = awaiting_decision_visible_to(user).filter(review__assigned_to=user, review__due_on__isnull=False)
    today = timezone.localdate()
    submissions = list(
        due.select_related("review", "call").only(*LISTED_FIELDS).order_by("review__due_on", "pk")[:listed]
    )
    return {
        "submissions": submissions,
        "today": today,
        "total": bounded_count(due, limit),
        "overdue": bounded_count(due.filter(review__due_on__lt=today), limit),
    }


def back_after_edit(user, *, listed: int, limit: int) -> dict:
    """The inputs `user` may see that the submitter changed after reviewers began on them, and that are back in
    review: the last changed first (at most `listed`), and how many there are (no further than `limit` + 1)."""
    edited = permissions.submissions_visible_to(user).filter(
        review__status=ReviewStatus.IN_REVIEW, review__edited_after_review_at__isnull=False
    )
    listed_first = edited.select_related("review", "call").only(*LISTED_FIELDS)
    submissions = list(listed_first.order_by("-review__edited_after_review_at", "-pk")[:listed])
    total = len(submissions) if len(submissions) < listed else bounded_count(edited, limit)
    return {"submissions": submissions, "total": total}


def suggestions_this_week(user) -> dict:
    """Of the suggestions decided in the last seven days on inputs `user` may see: how many were decided and
    accepted, by everyone and by `user` (one aggregate query, from the index on the time of the decision and a
    semi-join to the inputs they may see)."""
    since = timezone.now() - timedelta(days=SUGGESTION_DAYS)
    accepted = Q(decision=SuggestionDecision.ACCEPTED)
    mine = Q(decided_by=user)
    counts = Suggestion.objects.filter(
        decided_at__gte=since, submission__in=permissions.submissions_visible_to(user).values("pk")
    ).aggregate(
        decided=Count("pk"),
        accepted=Count("pk", filter=accepted),
        mine_decided=Count("pk", filter=mine),
        mine_accepted=Count("pk", filter=accepted & mine),
    )
    return {
        **counts,
        "rate": rate(counts["accepted"], counts["decided"]),
        "mine_rate": rate(counts["mine_accepted"], counts["mine_decided"]),
        "days": SUGGESTION_DAYS,
    }


def rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None
