"""Which submitters were told that a recommendation cites their input: each pair once."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from submissions.models import Submission

from .recommendations import Recommendation


class CitationNotice(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="citation_notices")
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="notices")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("citation notice")
        constraints = [models.UniqueConstraint(fields=["submission", "recommendation"], name="citation_notice_once")]

    def __str__(self):
        return f"{self.submission} ← {self.recommendation}"
