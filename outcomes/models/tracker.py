"""The implementation tracker: tasks per recommendation with their responsible bodies, targets, cost and
status, dated progress, and snapshots of the whole tracker frozen for a report."""

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from reference.models import Process, code_validator

from .recommendations import Recommendation


class TaskStatus(models.TextChoices):
    TO_BE_STARTED = "to_be_started", _("To be started")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    UNCERTAIN = "uncertain", _("Uncertain")


class ResponsibleBody(models.Model):
    """Who carries out a task: the Secretariat, the MAG, the community, member states …"""

    code = models.CharField(_("code"), max_length=30, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=255)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("responsible body")
        verbose_name_plural = _("responsible bodies")
        ordering = ["sort_order", "code"]

    def __str__(self):
        """The name in the reader's language: the shipped bodies' names are in the interface's catalogues."""
        return gettext(self.name)


class Milestone(models.Model):
    """A named target, such as "before the Bali IGF", with the date it stands for when there is one."""

    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="milestones", verbose_name=_("process"))
    code = models.CharField(_("code"), max_length=30, validators=[code_validator])
    name = models.CharField(_("name"), max_length=255)
    due_on = models.DateField(_("date"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["process", "sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["process", "code"], name="milestone_code_unique")]

    def __str__(self):
        return self.name


class Task(ClusterableModel):
    """One task of a recommendation's implementation, with its dated progress (edited on the same form)."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("recommendation")
    )
    code = models.CharField(
        _("code"),
        max_length=30,
        validators=[code_validator],
        help_text=_("Stable within the process, e.g. I.1-A; the import finds tasks by it."),
    )
    description = models.TextField(_("task"))
    bodies = models.ManyToManyField(ResponsibleBody, related_name="tasks", verbose_name=_("responsible"))
    milestone = models.ForeignKey(
        Milestone, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks", verbose_name=_("target")
    )
    target_on = models.DateField(_("target date"), null=True, blank=True)
    has_cost = models.BooleanField(_("cost"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.TO_BE_STARTED)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    panels = [
        FieldRowPanel([FieldPanel("recommendation"), FieldPanel("code")]),
        FieldPanel("description"),
        FieldPanel("bodies"),
        FieldRowPanel([FieldPanel("milestone"), FieldPanel("target_on"), FieldPanel("has_cost")]),
        InlinePanel("progress", label=_("Progress"), help_text=_("The newest progress sets the task's status.")),
    ]

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["recommendation__topic_area__sort_order", "recommendation__sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["recommendation", "code"], name="task_code_unique")]

    def __str__(self):
        return f"{self.code} {self.description[:60]}"

    def clean(self):
        if self.milestone_id and self.recommendation_id and self.milestone.process_id != self.recommendation.process_id:
            raise ValidationError({"milestone": _("This milestone belongs to another process.")})

    @property
    def due_on(self):
        """The date the task is due: its own target date, else its milestone's."""
        return self.target_on or (self.milestone.due_on if self.milestone_id else None)


class Progress(models.Model):
    """A dated note on a task's progress, with the status it left the task in and evidence links."""

    task = ParentalKey(Task, on_delete=models.CASCADE, related_name="progress", verbose_name=_("task"))
    on = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=20, choices=TaskStatus.choices)
    note = models.TextField(_("note"), blank=True)
    evidence_url = models.URLField(_("evidence"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )

    panels = [FieldRowPanel([FieldPanel("on"), FieldPanel("status")]), FieldPanel("note"), FieldPanel("evidence_url")]

    class Meta:
        verbose_name = _("progress")
        verbose_name_plural = _("progress")
        ordering = ["task", "on", "pk"]

    def __str__(self):
        return f"{self.task.code} {self.on}: {self.get_status_display()}"


class Snapshot(models.Model):
    """The tracker of a process frozen at a date, for a report (e.g. to the CSTD): one row per task."""

    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="snapshots", verbose_name=_("process"))
    title = models.CharField(_("title"), max_length=255)
    taken_on = models.DateField(_("as of"))
    rows = models.JSONField(_("tasks"), default=list, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        ordering = ["process", "-taken_on", "-pk"]

    def __str__(self):
        return self.title


# The bodies every deployment ships with (migration 0004), for the interface's catalogues.
SHIPPED_NAMES = [
    gettext_noop("Secretariat"),
    gettext_noop("Multistakeholder Advisory Group (MAG)"),
    gettext_noop("Community"),
    gettext_noop("Member States"),
    gettext_noop("Host country"),
    gettext_noop("UN DESA"),
]
