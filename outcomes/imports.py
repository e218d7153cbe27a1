"""The secretariat's bulk update of the tracker from a spreadsheet (CSV or XLSX), in two steps: every row
is checked first (`import_plan`), and only a file without a single error is applied (`import_apply`), in one
transaction, recording progress through the same service as the admin's form.

The columns are the public tracker's download plus three for progress, so a downloaded tracker can be
edited and sent back; headers are matched by their English label or their code, in any case."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from wagtail.log_actions import log

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reference.models import Process

from .models import Milestone, Recommendation, ResponsibleBody, Task, TaskStatus
from .services import progress_record

# (code, English header, required)
COLUMNS = [
    ("task", "Task code", True),
    ("recommendation", "Recommendation", True),
    ("description", "Task", True),
    ("bodies", "Responsible", False),
    ("milestone", "Target", False),
    ("due_on", "Target date", False),
    ("has_cost", "Cost", False),
    ("status", "Status", True),
    ("progress_on", "Progress date", False),
    ("progress_note", "Progress note", False),
    ("evidence_url", "Evidence", False),
]
IGNORED = {"topic area", "topic_area"}  # in the download, not changed by an import
YES, NO = {"yes", "y", "true", "1", "x"}, {"no", "n", "false", "0", ""}
XLSX_MAGIC = b"PK\x03\x04"


@dataclass
class RowPlan:
    """What one row will do, or why it cannot."""

    number: int  # as the spreadsheet numbers it: the header is row 1
    code: str
    task: Task | None = None
    values: dict = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    progress: dict | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_new(self) -> bool:
        return self.task is None

    @property
    def is_unchanged(self) -> bool:
        return not self.is_new and not self.changes and self.progress is None


@dataclass
class ImportPlan:
    process: Process
    rows: list[RowPlan]
    errors: list[str] = field(default_factory=list)  # errors of the whole file

    @property
    def is_valid(self) -> bool:
        return not self.errors and not any(row.errors for row in self.rows)

    def counts(self) -> dict[str, int]:
        return {
            "new": sum(row.is_new for row in self.rows),
            "changed": sum(not row.is_new and not row.is_unchanged for row in self.rows),
            "unchanged": sum(row.is_unchanged for row in self.rows),
            "progress": sum(row.progress is not None for row in self.rows),
        }


def table_read(content: bytes, name: str) -> list[list[str]]:
    """The file's rows as text cells; a file that is neither CSV nor XLSX is refused with a message."""
    if name.lower().endswith(".xlsx") or content.startswith(XLSX_MAGIC):
        return xlsx_rows(content)
    if not name.lower().endswith(".csv"):
        raise ValidationError(_("Send the tracker as a CSV or XLSX file."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("The CSV file is not UTF-8 text: save it as “CSV UTF-8” and send it again.")) from error
    if "\x00" in text:
        raise ValidationError(_("Send the tracker as a CSV or XLSX file."))
    return list(csv.reader(io.StringIO(text)))


def xlsx_rows(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise ValidationError(_("This XLSX file could not be read. Save it again from the spreadsheet.")) from error
    rows = []
    for values in sheet.iter_rows(values_only=True):
        rows.append(["" if value is None else cell_text(value) for value in values])
        if len(rows) > settings.TRACKER_IMPORT_MAX_ROWS + 1:
            break
    return rows


def cell_text(value) -> str:
    if isinstance(value, date):
        return value.isoformat()[:10]
    return str(value)


def import_plan(process: Process, content: bytes, name: str) -> ImportPlan:
    """Check every row of the file against the process's tracker; nothing is written."""
    try:
        rows = [row for row in table_read(content, name) if any(cell.strip() for cell in row)]
    except ValidationError as error:
        return ImportPlan(process, [], errors=error.messages)
    if not rows:
        return ImportPlan(process, [], errors=[_("The file is empty.")])
    columns, missing = header_read(rows[0])
    if missing:
        return ImportPlan(process, [], errors=[_("Columns missing: %(names)s.") % {"names": ", ".join(missing)}])
    if len(rows) - 1 > settings.TRACKER_IMPORT_MAX_ROWS:
        limit = settings.TRACKER_IMPORT_MAX_ROWS
        return ImportPlan(process, [], errors=[_("At most %(limit)d rows per import.") % {"limit": limit}])
    known = Knowledge(process)
    plans, seen = [], {}
    for number, cells in enumerate(rows[1:], start=2):
        values = {code: (cells[index].strip() if index < len(cells) else "") for code, index in columns.items()}
        plan = row_plan(number, values, known)
        key = (values["recommendation"], values["task"])
        if key in seen:
            plan.errors.append(("task", _("This task is also on row %(row)d.") % {"row": seen[key]}))
        seen.setdefault(key, number)
        plans.append(plan)
    if not plans:
        return ImportPlan(process, [], errors=[_("The file has a header but no rows.")])
    return ImportPlan(process, plans)


def header_read(header: list[str]) -> tuple[dict[str, int], list[str]]:
    names = {}
    for code, label, _required in COLUMNS:
        names[code.lower()] = code
        names |= dict.fromkeys(in_every_language(label), code)  # the download's headers, in any language
    columns = {}
    for index, cell in enumerate(header):
        code = names.get(cell.strip().lower())
        if code and code not in columns:
            columns[code] = index
    missing = [label for code, label, required in COLUMNS if required and code not in columns]
    for code, _label, _required in COLUMNS:
        columns.setdefault(code, len(header) + 1000)  # an optional column absent: read as empty
    return columns, missing


class Knowledge:
    """The process's recommendations, tasks, milestones and the bodies, read once for all rows."""

    def __init__(self, process: Process):
        self.recommendations = {item.number: item for item in Recommendation.objects.filter(process=process)}
        self.tasks = {
            (task.recommendation.number, task.code): task
            for task in Task.objects.filter(recommendation__process=process)
            .select_related("recommendation", "milestone")
            .prefetch_related("bodies")
        }
        self.milestones = {item.code: item for item in Milestone.objects.filter(process=process)}
        bodies = list(ResponsibleBody.objects.all())
        self.bodies = {body.code.lower(): body for body in bodies} | {body.name.lower(): body for body in bodies}
        self.statuses = {}
        for status in TaskStatus:
            self.statuses[status.value] = status.value
            self.statuses[status.value.replace("_", " ")] = status.value
            self.statuses |= dict.fromkeys(in_every_language(status.label), status.value)
        # A download in any of the site's languages imports again.
        self.yes, self.no = YES | in_every_language("yes"), NO | in_every_language("no")


def row_plan(number: int, values: dict, known: Knowledge) -> RowPlan:
    plan = RowPlan(number, values["task"])
    errors = plan.errors
    recommendation = known.recommendations.get(values["recommendation"])
    if recommendation is None:
        errors.append(
            (
                "recommendation",
                _("No recommendation numbered “%(value)s” in this process.") % {"value": values["recommendation"]},
            )
        )
    if not values["task"]:
        errors.append(("task", _("Give the task's code, e.g. I.1-A.")))
    elif len(values["task"]) > 30 or not all(char.isalnum() or char in ".-_" for char in values["task"]):
        errors.append(
            ("task", _("A task code holds letters, digits, dots, hyphens and underscores only (at most 30)."))
        )
    if not values["description"]:
        errors.append(("description", _("Describe the task.")))
    bodies = []
    for name in filter(None, (part.strip() for part in values["bodies"].replace(",", ";").split(";"))):
        body = known.bodies.get(name.lower())
        if body is None:
            errors.append(("bodies", _("No responsible body is called “%(value)s”.") % {"value": name}))
        else:
            bodies.append(body)
    milestone = None
    if values["milestone"]:
        milestone = known.milestones.get(values["milestone"])
        if milestone is None:
            errors.append(("milestone", _("No target “%(value)s” in this process.") % {"value": values["milestone"]}))
    due_on = date_read(values["due_on"], "due_on", errors)
    if values["has_cost"].lower() not in known.yes | known.no:
        errors.append(("has_cost", _("Write yes or no.")))
    status = known.statuses.get(values["status"].lower())
    if status is None:
        choices = ", ".join(str(item.label) for item in TaskStatus)
        errors.append(
            (
                "status",
                _("Unknown status “%(value)s”: use one of %(choices)s.")
                % {"value": values["status"], "choices": choices},
            )
        )
    progress_on = date_read(values["progress_on"], "progress_on", errors)
    if progress_on and progress_on > timezone.localdate():
        errors.append(("progress_on", _("Progress cannot be dated in the future.")))
    if values["evidence_url"]:
        try:
            URLValidator(schemes=["http", "https"])(values["evidence_url"])
        except ValidationError:
            errors.append(("evidence_url", _("Give the evidence as a web address (https://…).")))
    if errors:
        return plan
    plan.task = known.tasks.get((recommendation.number, values["task"]))
    plan.values = {
        "recommendation": recommendation,
        "description": values["description"],
        "bodies": bodies,
        "milestone": milestone,
        "target_on": None if milestone and due_on == milestone.due_on else due_on,
        "has_cost": values["has_cost"].lower() in known.yes,
    }
    if plan.task is not None:
        plan.changes = task_changes(plan.task, plan.values)
    current = plan.task.status if plan.task else TaskStatus.TO_BE_STARTED
    note = values["progress_note"]
    if status != current or (note and not progress_known(plan.task, note)):
        plan.progress = {
            "on": progress_on or timezone.localdate(),
            "status": status,
            "note": note,
            "evidence_url": values["evidence_url"],
        }
    return plan


def date_read(value: str, column: str, errors: list) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        errors.append((column, _("Write the date as YYYY-MM-DD, e.g. 2013-10-21.")))
        return None


def task_changes(task: Task, values: dict) -> list[str]:
    """The columns (codes of COLUMNS) whose value the row changes."""
    changes = []
    if task.description != values["description"]:
        changes.append("description")
    if {body.pk for body in task.bodies.all()} != {body.pk for body in values["bodies"]}:
        changes.append("bodies")
    if task.milestone_id != (values["milestone"].pk if values["milestone"] else None):
        changes.append("milestone")
    if task.target_on != values["target_on"]:
        changes.append("due_on")
    if task.has_cost != values["has_cost"]:
        changes.append("has_cost")
    return changes


def column_labels() -> dict[str, str]:
    return {code: _(label) for code, label, _required in COLUMNS}


def progress_known(task: Task | None, note: str) -> bool:
    return task is not None and task.progress.filter(note=note.strip()).exists()


def import_apply(plan: ImportPlan, *, by) -> dict[str, int]:
    """Write every row of a valid plan in one transaction, or nothing; one entry in the admin's history."""
    if not plan.is_valid:
        raise ValidationError(_("The file has errors: nothing was changed."))
    counts = plan.counts()
    with transaction.atomic():
        for row in plan.rows:
            values = dict(row.values)
            bodies = values.pop("bodies")
            task = row.task
            if task is None:
                task = Task.objects.create(code=row.code, **values)
            elif row.changes:
                for name, value in values.items():
                    setattr(task, name, value)
                task.updated_at = timezone.now()
                task.save()
            if row.task is None or "bodies" in row.changes:
                task.bodies.set(bodies)
            if row.progress is not None:
                progress_record(task=task, by=by, **row.progress)
        log(instance=plan.process, action="outcomes.import", user=by, data=counts)
    return counts


def in_every_language(words) -> set[str]:
    """`words` (a message, or a lazy label) in English and in each of the site's languages, in lower case."""
    found = {str(words).lower()}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            found.add(_(str(words)).lower() if isinstance(words, str) else str(words).lower())
    return found
