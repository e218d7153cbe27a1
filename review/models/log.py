"""An input's history, kept apart from other models' log entries."""

from wagtail.models.audit_log import BaseLogEntry, BaseLogEntryManager

from django.db import models
from django.utils.translation import gettext_lazy as _

from submissions.models import Submission

from ..permissions import submissions_visible_to


class SubmissionLogEntryManager(BaseLogEntryManager):
    def log_action(self, instance, action, **kwargs):
        kwargs.update(submission=instance)
        return super().log_action(instance, action, **kwargs)

    def viewable_by_user(self, user):
        """An input's history is read by those who may see the input, in every report that lists it."""
        return self.filter(submission__in=submissions_visible_to(user).values("pk"))

    def for_instance(self, instance):
        return self.filter(submission=instance)


class SubmissionLogEntry(BaseLogEntry):
    """An input's history (intake and review), kept apart from other models' so that the site history
    shows each entry only to those who may see its input."""

    submission = models.ForeignKey(Submission, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")

    objects = SubmissionLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("input log entry")
        verbose_name_plural = _("input log entries")

    def __str__(self):
        return f"{self.action} on {self.submission_id}"

    @property
    def object_id(self):
        return self.submission_id
