"""Who reviews: a call's reviewers, a process's secretariat, and each reviewer's choice of alerts."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reference.models import Process


class CallReviewer(models.Model):
    """A reviewer of a call: told of its new inputs, and may review them."""

    call = models.ForeignKey(
        "home.CallPage", on_delete=models.CASCADE, related_name="reviewers", verbose_name=_("call")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewed_calls", verbose_name=_("reviewer")
    )

    class Meta:
        verbose_name = _("call reviewer")
        verbose_name_plural = _("call reviewers")
        constraints = [models.UniqueConstraint(fields=["call", "user"], name="call_reviewer_unique")]

    def __str__(self):
        return f"{self.user} — {self.call}"


class ProcessSecretariat(models.Model):
    """A member of a process's secretariat: may do everything with the inputs to its calls."""

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="secretariat", verbose_name=_("process")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="secretariat_of", verbose_name=_("member")
    )

    class Meta:
        verbose_name = _("secretariat member")
        verbose_name_plural = _("secretariat members")
        constraints = [models.UniqueConstraint(fields=["process", "user"], name="secretariat_member_unique")]

    def __str__(self):
        return f"{self.user} — {self.process}"


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
