"""Bulk jobs: a bulk action of the reviewers' list, stored with its selection and run by a worker in chunks.

The worker calls, for each input, the service a reviewer's single action calls, so every rule holds; what a
rule refuses is counted by its reason, never fatal to the rest. Progress is written after each chunk.
"""

import datetime
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from portal.queue import enqueue, enqueue_after_commit
from reference.models import TopicArea
from submissions.models import Submission

from . import permissions, services
from .models import BulkJob, BulkJobStatus, NotPublishedReason, ReviewStatus
from .notifications import reviewer_language
from .tasks import bulk_job_run_task

logger = logging.getLogger(__name__)

CHUNK = 200  # inputs per chunk: progress is written after each
ACTION_LABELS = {
    "assign": _lazy("Assign"),
    "status": _lazy("Change status"),
    "map": _lazy("Map to a topic area"),
    "publish": _lazy("Publish"),
}
NOT_ALLOWED = _lazy("Your role, or the input's state, does not allow this.")
LOCK_SPACE = 0x42554C4B  # PostgreSQL advisory locks of bulk jobs: (this, job id)
SWEEP_AFTER = datetime.timedelta(minutes=10)


def refusal_reason(error: Exception) -> str:
    """The words a refusal is counted under: the rule's message (a permission refusal names no input)."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(NOT_ALLOWED)


def assign_prepare(user, parameters: dict) -> dict:
    reviewer = permissions.reviewers_assignable_by(user).filter(pk=parameters.get("reviewer") or 0).first()
    if reviewer is None:
        raise ValidationError(_("Choose a reviewer of the calls whose inputs you assign."))
    due_on = parameters.get("due_on") or None
    if due_on is not None:
        due_on = datetime.date.fromisoformat(due_on)
        if due_on < timezone.localdate():
            raise ValidationError(_("The due date is in the past: choose today or a later day."))
    return {"reviewer": reviewer, "due_on": due_on}


def status_prepare(user, parameters: dict) -> dict:
    status, reason = parameters.get("status"), parameters.get("reason") or ""
    if status not in ReviewStatus.values:
        raise ValidationError(_("Choose the new status."))
    if status == ReviewStatus.NOT_PUBLISHED and reason not in NotPublishedReason.values:
        raise ValidationError(_("Say why the inputs are not published."))
    return {"status": status, "reason": reason if status == ReviewStatus.NOT_PUBLISHED else ""}


def map_prepare(user, parameters: dict) -> dict:
    areas = TopicArea.objects.originals().filter(process__in=permissions.processes_visible_to(user))
    topic_area = areas.filter(pk=parameters.get("topic_area") or 0).first()
    if topic_area is None:
        raise ValidationError(_("Choose a topic area of a process you work in."))
    return {"topic_area": topic_area}


def each(submissions: list[Submission], work: Callable) -> tuple[int, Counter]:
    done, refusals = 0, Counter()
    for submission in submissions:
        try:
            work(submission)
        except (ValidationError, PermissionDenied) as error:
            refusals[refusal_reason(error)] += 1
        else:
            done += 1
    return done, refusals


def assign_chunk(submissions, *, user, reviewer, due_on) -> tuple[int, Counter]:
    """One assignment per chunk (the reviewer hears of the chunk's inputs in one mail, not one per input)."""
    allowed = [item for item in submissions if permissions.can(user, "assign", item)]
    refusals = Counter({str(NOT_ALLOWED): len(submissions) - len(allowed)} if len(allowed) < len(submissions) else {})
    if allowed:
        try:
            services.review_assign(submissions=allowed, reviewer=reviewer, by=user, due_on=due_on)
        except (ValidationError, PermissionDenied) as error:
            refusals[refusal_reason(error)] += len(allowed)
            return 0, refusals
    return len(allowed), refusals


def status_chunk(submissions, *, user, status, reason) -> tuple[int, Counter]:
    return each(submissions, lambda s: services.review_status_set(submission=s, status=status, reason=reason, by=user))


def map_chunk(submissions, *, user, topic_area) -> tuple[int, Counter]:
    return each(submissions, lambda s: services.mapping_create(submission=s, topic_area=topic_area, by=user))


def publish_chunk(submissions, *, user) -> tuple[int, Counter]:
    return each(submissions, lambda s: services.review_status_set(submission=s, status=ReviewStatus.PUBLISHED, by=user))


# action → (its parameters checked and loaded, the work on one chunk)
ACTIONS = {
    "assign": (assign_prepare, assign_chunk),
    "status": (status_prepare, status_chunk),
    "map": (map_prepare, map_chunk),
    "publish": (lambda user, parameters: {}, publish_chunk),
}


def bulk_job_create(*, user, action: str, parameters: dict, submission_ids: Iterable[int]) -> BulkJob:
    """A job for the inputs among `submission_ids` (ids, or a query of them) that `user` may now do `action` with;
    the others are left out, as the confirmation page said. Queued for a worker once committed."""
    if action not in ACTIONS or not permissions.can_act_in_bulk(user, action):
        raise PermissionDenied
    prepare, _work = ACTIONS[action]
    prepare(user, parameters)
    actionable = permissions.submissions_actionable_by(user, action).filter(pk__in=submission_ids)
    ids = list(actionable.order_by("pk").values_list("pk", flat=True))
    if not ids:
        raise ValidationError(_("You may not do this with any of the selected inputs."))
    with transaction.atomic():
        job = BulkJob(action=action, parameters=parameters, submission_ids=ids, total=len(ids), created_by=user)
        job.full_clean()
        job.save()
        enqueue_after_commit(bulk_job_run_task, job.pk)
    return job


def bulk_job_run(job_id: int) -> BulkJob | None:
    """Run the job from where it stands (a worker lost mid-job leaves its counts as of its last chunk); a job
    that is over is not run again, and one that another worker is running is left to it."""
    job = BulkJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None or job.is_over:
        return job
    with job_lock(job.pk) as held:
        job.refresh_from_db()
        if not held or job.is_over:
            return job
        try:
            with translation.override(reviewer_language(job.created_by)):
                job_chunks_run(job)
        except Exception as error:  # an unexpected fault: the job says so, and the worker goes on
            logger.exception("Bulk job %s failed", job.pk)
            BulkJob.objects.filter(pk=job.pk).update(
                status=BulkJobStatus.FAILED, error=f"{type(error).__name__}: {error}"[:2000], finished_at=timezone.now()
            )
    job.refresh_from_db()
    return job


def job_chunks_run(job: BulkJob) -> None:
    """Chunk after chunk, each input in its service's own transaction; the counts are written after each chunk."""
    user, (prepare, work) = job.created_by, ACTIONS[job.action]
    job.status, job.started_at = BulkJobStatus.RUNNING, job.started_at or timezone.now()
    job.save(update_fields=["status", "started_at"])
    refusals = Counter(job.refusals)
    try:
        parameters = prepare(user, job.parameters)
    except ValidationError as error:  # the reviewer or topic area is no longer one this user may choose
        refusals[refusal_reason(error)] += job.total - job.processed
        job.refused += job.total - job.processed
    else:
        for start in range(job.processed, job.total, CHUNK):
            ids = job.submission_ids[start : start + CHUNK]
            submissions = Submission.objects.filter(pk__in=ids).select_related("call", "call__process")
            submissions = list(submissions.order_by("pk"))
            with permissions.roles_remembered():
                done, refused = work(submissions, user=user, **parameters)
            refusals.update(refused)
            if len(submissions) < len(ids):
                refusals[_("This input no longer exists.")] += len(ids) - len(submissions)
            job.done, job.refused, job.refusals = job.done + done, job.refused + len(ids) - done, dict(refusals)
            job.save(update_fields=["done", "refused", "refusals"])
    job.refusals, job.status, job.finished_at = dict(refusals), BulkJobStatus.FINISHED, timezone.now()
    job.save(update_fields=["refused", "refusals", "status", "finished_at"])


@contextmanager
def job_lock(pk: int):
    """A PostgreSQL session lock held while a worker runs the job (yields whether it was had): a second delivery
    of its task (Redis hands a task out again after its visibility timeout) finds it held and leaves, and a lost
    worker's lock goes with its connection. On SQLite (`make run`) one process runs everything: always had."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_SPACE, pk])
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_SPACE, pk])


def bulk_jobs_sweep() -> int:
    """Queue again the jobs whose task was lost (the broker was down when they were confirmed, or a machine went
    with its worker and the task): those waiting for longer than `SWEEP_AFTER`, and those marked running that no
    worker holds. A job queued twice runs once; how many were queued again."""
    waiting = BulkJob.objects.filter(status=BulkJobStatus.QUEUED, created_at__lt=timezone.now() - SWEEP_AFTER)
    lost = []
    for pk in BulkJob.objects.filter(status=BulkJobStatus.RUNNING).values_list("pk", flat=True):
        with job_lock(pk) as held:
            if held:
                lost.append(pk)
    pks = [*waiting.values_list("pk", flat=True), *lost]
    for pk in pks:
        enqueue(bulk_job_run_task, pk)
    return len(pks)


def bulk_job_refusals(job: BulkJob) -> list[tuple[str, int]]:
    """The reasons inputs were refused, the most frequent first."""
    return sorted(job.refusals.items(), key=lambda item: (-item[1], item[0]))
