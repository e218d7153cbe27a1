"""The tracker's arithmetic, on plain rows: a task's status at a date, the roll-up of a topic area,
progress over time, and what moved between two snapshots. No database here (see `outcomes.services`)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from .models import TaskStatus

ORDER = [TaskStatus.COMPLETED, TaskStatus.ONGOING, TaskStatus.TO_BE_STARTED, TaskStatus.UNCERTAIN]


def status_on(progress: list[tuple[date, str]], on: date, current: str) -> str:
    """A task's status at the end of `on`, from its dated progress (date, status) in any order: the last
    one on or before that day; before the first, "to be started"; with no progress at all, `current`."""
    if not progress:
        return current
    earlier = [(day, status) for day, status in progress if day <= on]
    return max(earlier, key=lambda item: item[0])[1] if earlier else TaskStatus.TO_BE_STARTED


@dataclass(frozen=True)
class RollUp:
    """A topic area's tasks counted by status, and the one word the tracker table shows for them."""

    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def label(self) -> str:
        statuses = {status for status, count in self.counts.items() if count}
        if not statuses:
            return str(_("no tasks yet"))
        if TaskStatus.UNCERTAIN in statuses:
            return str(_("uncertain"))
        if statuses == {TaskStatus.COMPLETED}:
            return str(_("completed"))
        if statuses <= {TaskStatus.ONGOING, TaskStatus.COMPLETED}:
            return str(_("ongoing/completed"))
        if statuses == {TaskStatus.TO_BE_STARTED}:
            return str(_("to be started"))
        return str(_("partly to be started"))


def roll_up(statuses: list[str]) -> RollUp:
    counted = Counter(statuses)
    return RollUp(counts={status.value: counted.get(status.value, 0) for status in ORDER})


def progress_series(tasks: list[tuple[list[tuple[date, str]], str]], days: list[date]) -> list[dict]:
    """For each of `days`, how many tasks stood in each status (tasks as (progress, current status))."""
    series = []
    for day in days:
        counted = Counter(status_on(progress, day, current) for progress, current in tasks)
        series.append({"on": day, **{status.value: counted.get(status.value, 0) for status in ORDER}})
    return series


@dataclass(frozen=True)
class Change:
    task: str
    before: str | None  # None: the task is new since the earlier snapshot
    after: str | None  # None: the task is gone from the later one
    due_on: str | None
    slipped: bool  # due by the later snapshot's date and not completed then


def snapshots_compared(earlier: list[dict], later: list[dict], later_on: date) -> list[Change]:
    """What moved between two snapshots' rows (each row: task, status, due_on as ISO date or None), and
    which tasks slipped past their target; tasks that neither moved nor slipped are left out."""
    before = {row["task"]: row for row in earlier}
    after = {row["task"]: row for row in later}
    changes = []
    for code in sorted(before.keys() | after.keys()):
        old, new = before.get(code), after.get(code)
        due = (new or old).get("due_on")
        slipped = bool(new and due and date.fromisoformat(due) <= later_on and new["status"] != TaskStatus.COMPLETED)
        old_status, new_status = old and old["status"], new and new["status"]
        if old_status != new_status or slipped:
            changes.append(Change(code, old_status, new_status, due, slipped))
    return changes
