"""What reviewers take from an input: passages, redactions, mappings to topics, notes and suggestions."""

from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reference.models import SubTopic, TopicArea
from submissions.models import Answer, Attachment, Submission


class PassageSource(models.TextChoices):
    ANSWER = "answer", _("Answer")
    GENERAL_COMMENT = "general_comment", _("General comment")
    ATTACHMENT = "attachment", _("Attachment")


class Passage(models.Model):
    """An excerpt of an input (of an answer, the general comment or an attachment's text).

    Passages are what compilations quote and recommendations cite: they are never deleted. `text` is what
    the reviewer selected; when the submitter edits the input, `start`/`end` follow those words, or the
    passage is out of date when they are no longer in its source.
    """

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="passages")
    source = models.CharField(max_length=20, choices=PassageSource.choices)
    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, null=True, blank=True, related_name="passages")
    attachment = models.ForeignKey(Attachment, on_delete=models.PROTECT, null=True, blank=True, related_name="passages")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()
    is_outdated = models.BooleanField(
        _("out of date"),
        default=False,
        help_text=_("Its words are no longer in the input, since the submitter edited it."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("passage")
        ordering = ["submission", "source", "start"]
        constraints = [models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="passage_not_empty")]

    def __str__(self):
        return f"{self.submission} [{self.start}:{self.end}]"


class RedactionCategory(models.TextChoices):
    """Why words are redacted, as the public reads it in their place ("[redacted: personal data]")."""

    PERSONAL_DATA = "personal_data", _("personal data")
    SAFETY = "safety", _("safety of a person")
    DEFAMATION = "defamation", _("defamatory or abusive")
    CONFIDENTIAL = "confidential", _("confidential information")


class Redaction(models.Model):
    """Words of an input hidden from publication, and why: the passage holding them (mapped or not) and a
    reason. The category is disclosed in the words' place; the free-text reason stays with reviewers."""

    passage = models.OneToOneField(Passage, on_delete=models.PROTECT, related_name="redaction")
    category = models.CharField(
        _("category"),
        max_length=20,
        choices=RedactionCategory.choices,
        blank=True,
        help_text=_("Shown to the public in place of the words; without one they read “[redacted]”."),
    )
    reason = models.CharField(_("reason"), max_length=500)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("redaction")

    def __str__(self):
        return f"{self.passage}: {self.reason}"


class Stance(models.TextChoices):
    SUPPORTS = "supports", _("Supports")
    OPPOSES = "opposes", _("Opposes")
    MIXED = "mixed", _("Mixed")
    NEUTRAL = "neutral", _("Neutral or a question")


class MappingOrigin(models.TextChoices):
    REVIEWER = "reviewer", _("Made by a reviewer")
    SUGGESTION = "suggestion", _("Accepted suggestion")


class TaggedMapping(TaggedItemBase):
    content_object = models.ForeignKey("review.Mapping", on_delete=models.CASCADE, related_name="tagged_items")


class Mapping(models.Model):
    """An input, or one of its passages, mapped to a topic area (and sub-topic)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="mappings")
    passage = models.ForeignKey(Passage, on_delete=models.PROTECT, null=True, blank=True, related_name="mappings")
    topic_area = models.ForeignKey(TopicArea, on_delete=models.PROTECT, related_name="mappings")
    sub_topic = models.ForeignKey(SubTopic, on_delete=models.PROTECT, null=True, blank=True, related_name="mappings")
    stance = models.CharField(_("stance"), max_length=20, choices=Stance.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    origin = models.CharField(max_length=20, choices=MappingOrigin.choices, default=MappingOrigin.REVIEWER)
    tags = TaggableManager(through=TaggedMapping, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("mapping")
        indexes = [models.Index(fields=["topic_area", "sub_topic"], name="mapping_topic_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "passage", "topic_area", "sub_topic"],
                name="mapping_unique",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return f"{self.submission} → {self.topic_area.code}"


class Note(models.Model):
    """A reviewer's private note on an input; never published."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reviewer note")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.submission}: {self.text[:40]}"


class SuggestionDecision(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class Suggestion(models.Model):
    """A topic the model suggests for an input, with its confidence, until a reviewer decides."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="suggestions")
    topic_area = models.ForeignKey(TopicArea, on_delete=models.CASCADE, related_name="+")
    sub_topic = models.ForeignKey(SubTopic, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    confidence = models.FloatField()
    model_version = models.CharField(max_length=40)
    decision = models.CharField(max_length=20, choices=SuggestionDecision.choices, default=SuggestionDecision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("suggestion")
        ordering = ["-confidence"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "topic_area", "sub_topic"], name="suggestion_unique", nulls_distinct=False
            )
        ]
        # The dashboard's week of decisions (review/dashboard_queries.py), read without the pending ones.
        indexes = [
            models.Index(
                fields=["decided_at"], name="suggestion_decided_idx", condition=models.Q(decided_at__isnull=False)
            )
        ]

    def __str__(self):
        return f"{self.submission} → {self.topic_area.code} ({self.confidence:.0%})"
