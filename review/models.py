"""Who reviews which call, and how each reviewer wants to hear of new inputs."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import CallPage


class CallReviewer(models.Model):
    """A reviewer of a call: told of its new inputs, and (later) assigned them."""

    call = models.ForeignKey(CallPage, on_delete=models.CASCADE, related_name="reviewers", verbose_name=_("call"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewed_calls", verbose_name=_("reviewer")
    )

    class Meta:
        verbose_name = _("call reviewer")
        verbose_name_plural = _("call reviewers")
        constraints = [models.UniqueConstraint(fields=["call", "user"], name="call_reviewer_unique")]

    def __str__(self):
        return f"{self.user} — {self.call}"


class AlertFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("At once, one email per input")
    DAILY = "daily", _("A daily digest")
    NEVER = "never", _("No email")


class ReviewerPreference(models.Model):
    """A reviewer's choice of alerts; `digest_sent_until` makes each input appear in one digest only."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_preference")
    alert = models.CharField(
        _("new-input alerts"), max_length=20, choices=AlertFrequency.choices, default=AlertFrequency.IMMEDIATE
    )
    digest_sent_until = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reviewer preference")

    def __str__(self):
        return f"{self.user}: {self.alert}"
