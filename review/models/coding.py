"""Second coding: samples of a call's inputs coded again blind, and the secretariat's adjudications."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reference.models import SubTopic, TopicArea
from submissions.models import Submission


class CodingSample(models.Model):
    """A random share of a call's inputs sent to second coders: `population` (ids, in order) and `seed` replay it,
    `random.Random(seed).sample(population, size)`."""

    call = models.ForeignKey(
        "home.CallPage", on_delete=models.CASCADE, related_name="coding_samples", verbose_name=_("call")
    )
    share = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=2)
    seed = models.BigIntegerField()
    population = models.JSONField(default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("second-coding sample")
        constraints = [
            models.CheckConstraint(condition=models.Q(share__gt=0, share__lte=100), name="coding_sample_share_range")
        ]

    def __str__(self):
        return f"{self.call}: {self.share}% ({self.created_at:%Y-%m-%d})"


class SecondCoding(models.Model):
    """A second reviewer's blind coding of a whole input: the topic areas they see in it, without the first review."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="second_codings")
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="second_codings", verbose_name=_("coder")
    )
    sample = models.ForeignKey(CodingSample, on_delete=models.CASCADE, null=True, blank=True, related_name="codings")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(_("coded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("second coding")
        constraints = [models.UniqueConstraint(fields=["submission", "coder"], name="second_coding_unique")]

    def __str__(self):
        return f"{self.submission} — {self.coder}"


class SecondCodedTopic(models.Model):
    """A topic area (or one of its sub-topics) the second coder saw in the input."""

    coding = models.ForeignKey(SecondCoding, on_delete=models.CASCADE, related_name="topics")
    topic_area = models.ForeignKey(TopicArea, on_delete=models.PROTECT, related_name="+")
    sub_topic = models.ForeignKey(SubTopic, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["coding", "topic_area", "sub_topic"], name="second_coded_topic_unique", nulls_distinct=False
            )
        ]

    def __str__(self):
        return f"{self.coding}: {self.sub_topic or self.topic_area}"


class AdjudicationOutcome(models.TextChoices):
    KEPT = "kept", _("The first review stands")
    CHANGED = "changed", _("The first review was changed")


class Adjudication(models.Model):
    """The secretariat's decision on a disagreement about one topic area of an input; `first_said` keeps what the
    first review said then, so that agreement is measured on the codings, not on their correction."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="adjudications")
    topic_area = models.ForeignKey(TopicArea, on_delete=models.PROTECT, related_name="+")
    first_said = models.BooleanField()
    outcome = models.CharField(_("outcome"), max_length=20, choices=AdjudicationOutcome.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("adjudication")
        constraints = [models.UniqueConstraint(fields=["submission", "topic_area"], name="adjudication_unique")]

    def __str__(self):
        return f"{self.submission} · {self.topic_area.code}: {self.outcome}"
