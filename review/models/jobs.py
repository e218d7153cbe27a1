"""Bulk jobs: one action of the reviewers' list on many inputs, run by a worker that reports its progress."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BulkJobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for a worker")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    FAILED = "failed", _("Failed")


class BulkJob(models.Model):
    """A bulk action (assign, change status, map, publish) on the inputs a user selected and may act on.

    `submission_ids` is the selection as confirmed; the worker runs the action's service on each, so that every
    rule of one-at-a-time review holds, and counts what was done and what a rule refused.
    """

    action = models.CharField(_("action"), max_length=30)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    submission_ids = models.JSONField(default=list)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    refusals = models.JSONField(default=dict, blank=True)  # reason → how many inputs it refused
    status = models.CharField(max_length=20, choices=BulkJobStatus.choices, default=BulkJobStatus.QUEUED)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bulk_jobs")
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bulk job")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_by", "-created_at"], name="bulk_job_user_idx")]

    def __str__(self):
        return f"{self.action} × {self.total} ({self.status})"

    @property
    def processed(self) -> int:
        return self.done + self.refused

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, self.processed * 100 // self.total)

    @property
    def is_over(self) -> bool:
        return self.status in (BulkJobStatus.FINISHED, BulkJobStatus.FAILED)
