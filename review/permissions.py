"""Who may do what with an input under review. Every view and bulk action asks here, never ad hoc.

Roles: an administrator (superuser) may do everything; a secretariat member everything with the inputs to
the calls of their process; a reviewer may review, map and publish the inputs assigned to them or to the
calls they review, redact any of their words, but assigns nothing, lifts no redaction and does not see the
submitter's private contact details.
A second coder codes an input blind: until their coding is done, the input is out of their sight everywhere in
the review admin (list, filters, review screen, history) except on the second-coding screen.
"""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from reference.models import Process
from submissions.models import Submission, SubmissionStatus, call_page_model, handed_over_condition

from .models.jobs import BulkJob  # the modules, not the package: review.models.log imports this module
from .models.roles import CallReviewer

REVIEWER_ACTIONS = {"view", "map", "note", "status", "publish", "redact"}
# "lift": undo a redaction; "official": verify an input's official status, or revoke the verification.
SECRETARIAT_ACTIONS = REVIEWER_ACTIONS | {"assign", "contact", "lift", "official"}
# Inputs reviewers may see at all are those handed over to them (`Submission.objects.handed_over()`): confirmed
# ones, received or withdrawn since. An input never confirmed, even if withdrawn or expired, never reaches them.
# What the input's own state still allows, whoever asks: a withdrawn input is only read and annotated.
ACTIONS_BY_STATUS = {
    SubmissionStatus.UNCONFIRMED: {"view", "contact"},
    SubmissionStatus.EXPIRED: {"view"},
    SubmissionStatus.WITHDRAWN: {"view", "note"},
    SubmissionStatus.RECEIVED: SECRETARIAT_ACTIONS,
}


# What `roles_remembered` keeps for the length of its block: {key: answer}; None outside any block.
remembered_answers: ContextVar[dict | None] = ContextVar("review_permissions_remembered", default=None)


@contextmanager
def roles_remembered():
    """Inside the block, a user's place in a call (secretariat of its process, reviewer of it) and the inputs they
    code blind are each read once: for a worker acting on thousands of inputs for one user. The rules are the
    same; a role given or taken meanwhile counts from the next block."""
    token = remembered_answers.set({})
    try:
        yield
    finally:
        remembered_answers.reset(token)


def remembered(key: tuple, answer: Callable):
    answers = remembered_answers.get()
    if answers is None:
        return answer()
    if key not in answers:
        answers[key] = answer()
    return answers[key]


def is_administrator(user) -> bool:
    return user.is_active and user.is_superuser


def coded_blind_by(user) -> QuerySet[Submission]:
    """The inputs `user` still has to code blind (a second coding not yet done)."""
    return Submission.objects.filter(second_codings__coder=user, second_codings__done_at__isnull=True)


def is_coding_blind(user, submission: Submission) -> bool:
    if not user.is_authenticated:
        return False
    if remembered_answers.get() is None:
        return coded_blind_by(user).filter(pk=submission.pk).exists()
    blind = remembered(("blind", user.pk), lambda: set(coded_blind_by(user).values_list("pk", flat=True)))
    return submission.pk in blind


def submissions_visible_to(user) -> QuerySet[Submission]:
    """The inputs `user` may list: everything for administrators, their process for the secretariat,
    their calls and assignments for reviewers; nothing for anyone else; never those they code blind."""
    if not (user.is_authenticated and user.is_active):
        return Submission.objects.none()
    submissions = Submission.objects.exclude(pk__in=coded_blind_by(user).values("pk"))
    if is_administrator(user):
        return submissions
    # Semi-joins rather than joins: no row repeats, so no DISTINCT, and the list keeps its index order.
    calls = call_page_model().objects
    return submissions.filter(
        Q(call__in=calls.filter(process__secretariat__user=user).values("pk"))
        | (
            handed_over_condition()
            & (
                Q(call__in=calls.filter(reviewers__user=user).values("pk"))
                | Q(review__assigned_to=user)  # one review per input: this join repeats no row
            )
        )
    )


def processes_visible_to(user) -> QuerySet[Process]:
    """The processes whose reports `user` reads: all for administrators, else those they work in."""
    if not (user.is_authenticated and user.is_active):
        return Process.objects.none()
    if is_administrator(user):
        return Process.objects.all()
    return Process.objects.filter(Q(secretariat__user=user) | Q(calls__reviewers__user=user)).distinct()


def role_for(user, submission: Submission) -> str | None:
    """ "administrator", "secretariat", "reviewer" or None, for this input."""
    if not (user.is_authenticated and user.is_active) or is_coding_blind(user, submission):
        return None
    if is_administrator(user):
        return "administrator"
    call = submission.call_id
    is_secretariat = lambda: submission.call.process.secretariat.filter(user=user).exists()  # noqa: E731
    if remembered(("secretariat", user.pk, call), is_secretariat):
        return "secretariat"
    if submission.is_handed_over and (
        remembered(("reviewer", user.pk, call), lambda: submission.call.reviewers.filter(user=user).exists())
        or Submission.objects.filter(pk=submission.pk, review__assigned_to=user).exists()
    ):
        return "reviewer"
    return None


def allowed_actions(user, submission: Submission) -> set[str]:
    """Everything `user` may do with this input now: the role's actions that its status still allows."""
    role = role_for(user, submission)
    if role is None:
        return set()
    return (REVIEWER_ACTIONS if role == "reviewer" else SECRETARIAT_ACTIONS) & ACTIONS_BY_STATUS[submission.status]


def can(user, action: str, submission: Submission) -> bool:
    return action in allowed_actions(user, submission)


def submissions_actionable_by(user, action: str) -> QuerySet[Submission]:
    """The inputs `user` may do `action` with now: `can` as one query, for selections of thousands."""
    statuses = [status for status, actions in ACTIONS_BY_STATUS.items() if action in actions]
    submissions = submissions_visible_to(user).filter(status__in=statuses)
    if action in REVIEWER_ACTIONS or (action in SECRETARIAT_ACTIONS and is_administrator(user)):
        return submissions
    if action in SECRETARIAT_ACTIONS:  # a reviewer's role does not reach it: only the process's secretariat
        return submissions.filter(call__in=call_page_model().objects.filter(process__in=secretariat_processes(user)))
    return Submission.objects.none()


def actions_in_bulk_for(user, actions: set[str]) -> set[str]:
    """Which of `actions` the list offers `user` in bulk: assigning to the secretariat and administrators, the
    review's other actions to everyone with a role (each input is still checked when it is acted on)."""
    if not can_use_review_admin(user):
        return set()
    offered = actions & REVIEWER_ACTIONS
    if actions & (SECRETARIAT_ACTIONS - REVIEWER_ACTIONS) and secretariat_processes(user).exists():
        offered |= actions & (SECRETARIAT_ACTIONS - REVIEWER_ACTIONS)
    return offered


def can_act_in_bulk(user, action: str) -> bool:
    return action in actions_in_bulk_for(user, {action})


def reviewers_assignable_by(user) -> QuerySet:
    """The reviewers of the calls of the processes whose secretariat work `user` does."""
    calls = call_page_model().objects.filter(process__in=secretariat_processes(user))
    return get_user_model().objects.filter(pk__in=CallReviewer.objects.filter(call__in=calls).values("user"))


def bulk_job_get_for(user, pk) -> BulkJob:
    """The bulk job, for the user who started it and administrators; 404 for anyone else (jobs cannot be
    probed)."""
    job = BulkJob.objects.filter(pk=pk).first() if is_id(str(pk)) else None
    if job is None or not (user.is_authenticated and user.is_active):
        raise Http404
    if job.created_by_id != user.pk and not is_administrator(user):
        raise Http404
    return job


def is_id(value: str) -> bool:
    """A database id as a URL or query string may carry it: ASCII digits that fit a bigint."""
    return value.isascii() and value.isdigit() and 0 < len(value) <= 18


def submission_get_for(user, pk, action: str = "view") -> Submission:
    """The input, if `user` may do `action` with it: 404 when they may not even see it (ids cannot be
    probed), 403 when they see it but may not act."""
    submission = Submission.objects.select_related("call", "call__process").filter(pk=pk).first()
    if submission is None or not can(user, "view", submission):
        raise Http404
    if not can(user, action, submission):
        raise PermissionDenied
    return submission


def can_use_review_admin(user) -> bool:
    return user.is_active and (is_administrator(user) or user.secretariat_of.exists() or user.reviewed_calls.exists())


def secretariat_processes(user) -> QuerySet[Process]:
    """The processes whose secretariat work `user` does: all for administrators, else those whose
    secretariat they belong to (reviewers of a call are not among them)."""
    if not (user.is_authenticated and user.is_active):
        return Process.objects.none()
    if is_administrator(user):
        return Process.objects.all()
    return Process.objects.filter(secretariat__user=user)


def can_enter(user, call) -> bool:
    """Entering an input received by letter or email on its author's behalf: the call's secretariat."""
    return secretariat_processes(user).filter(pk=call.process_id).exists()


def can_manage_coding(user, call) -> bool:
    """Second coding is sent, and its agreement read and adjudicated, by the call's secretariat."""
    return secretariat_processes(user).filter(pk=call.process_id).exists()


def calls_coding_managed_by(user):
    """The calls whose second coding `user` manages."""
    return call_page_model().objects.filter(process__in=secretariat_processes(user))


def can_code_blind(user, submission: Submission) -> bool:
    """The second coder of the input, while they still review its call (or run its process)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return submission.second_codings.filter(coder=user).exists() and (
        is_administrator(user)
        or submission.call.reviewers.filter(user=user).exists()
        or submission.call.process.secretariat.filter(user=user).exists()
    )


def call_get_for_secretariat(user, pk):
    """The call (a `home.CallPage`, named by its label), if `user` does its process's secretariat work;
    404 otherwise, so that calls cannot be probed."""
    if not is_id(str(pk)):
        raise Http404
    call = (
        call_page_model()
        .objects.filter(pk=pk, process__in=secretariat_processes(user))
        .select_related("process")
        .first()
    )
    if call is None:
        raise Http404
    return call
