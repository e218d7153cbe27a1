"""Writes of the tracker: progress recorded on a task, and snapshots taken of a process's tracker.

Each owns its transaction and writes its row of Wagtail's audit log.
"""

from datetime import date

from wagtail.log_actions import log

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reference.models import Process

from .models import Progress, Snapshot, Task, TaskStatus
from .tracker import status_on


def tasks_of(process: Process):
    """The tasks of a process's recommendations, in the tracker's order, with what a row shows."""
    return (
        Task.objects.filter(recommendation__process=process)
        .select_related("recommendation", "recommendation__topic_area", "milestone")
        .prefetch_related("bodies", "progress")
    )


def task_row(task: Task, on: date | None = None) -> dict:
    """One task as the tracker (and a snapshot) records it; its status at the end of `on` if given."""
    progress = [(item.on, item.status) for item in task.progress.all()]
    due = task.due_on
    return {
        "task": task.code,
        "recommendation": task.recommendation.number,
        "topic_area": task.recommendation.topic_area.code,
        "description": task.description,
        "bodies": [body.code for body in task.bodies.all()],
        "milestone": task.milestone.code if task.milestone_id else None,
        "due_on": due.isoformat() if due else None,
        "has_cost": task.has_cost,
        "status": status_on(progress, on, task.status) if on else task.status,
    }


def progress_record(*, task: Task, on: date, status: str, note: str = "", evidence_url: str = "", by=None) -> Progress:
    """Record progress on a task; the latest progress sets the task's status."""
    if status not in TaskStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses listed.")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("Progress cannot be dated in the future.")})
    with transaction.atomic():
        task = Task.objects.select_for_update().get(pk=task.pk)
        progress = Progress.objects.create(
            task=task, on=on, status=status, note=note.strip(), evidence_url=evidence_url, created_by=by
        )
        task_status_settle(task)
        log(instance=task, action="outcomes.progress", user=by, data={"on": on.isoformat(), "status": status})
    return progress


def task_status_settle(task: Task) -> None:
    """The task's status becomes its newest progress's (to be started while it has none)."""
    latest = Progress.objects.filter(task=task).order_by("-on", "-pk").first()
    status = latest.status if latest else TaskStatus.TO_BE_STARTED
    Task.objects.filter(pk=task.pk).update(status=status, updated_at=timezone.now())
    task.status = status


def snapshot_take(*, process: Process, title: str, taken_on: date, by=None) -> Snapshot:
    """Freeze the tracker of `process` as it stood at the end of `taken_on`."""
    if not title.strip():
        raise ValidationError({"title": _("Give the snapshot a title, e.g. the report it is for.")})
    if taken_on > timezone.localdate():
        raise ValidationError({"taken_on": _("A snapshot cannot be dated in the future.")})
    with transaction.atomic():
        rows = [task_row(task, taken_on) for task in tasks_of(process)]
        snapshot = Snapshot.objects.create(process=process, title=title.strip(), taken_on=taken_on, rows=rows)
        log(instance=snapshot, action="wagtail.create", user=by)
    return snapshot


def snapshot_fill(snapshot: Snapshot) -> None:
    """A snapshot made in the admin's form gets its rows, frozen at its date."""
    if snapshot.rows:
        return
    snapshot.rows = [task_row(task, snapshot.taken_on) for task in tasks_of(snapshot.process)]
    snapshot.save(update_fields=["rows"])
