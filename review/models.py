"""What reviewers decide about inputs: status, assignment, mappings of inputs and passages, notes."""

from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.models.audit_log import BaseLogEntry, BaseLogEntryManager

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reference.models import Process, RegionalGroup, StakeholderGroup, SubTopic, TopicArea
from submissions.models import Answer, Attachment, Submission

from .permissions import submissions_visible_to


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


class ReviewStatus(models.TextChoices):
    NEW = "new", _("Received")
    IN_REVIEW = "in_review", _("In review")
    MAPPED = "mapped", _("Mapped")
    PUBLISHED = "published", _("Published")
    NOT_PUBLISHED = "not_published", _("Not published")


class NotPublishedReason(models.TextChoices):
    OUT_OF_SCOPE = "out_of_scope", _("Out of scope")
    SPAM = "spam", _("Spam")
    DUPLICATE = "duplicate", _("Duplicate")
    WITHDRAWN = "withdrawn", _("Withdrawn by the submitter")
    SUBMITTER_CHOICE = "submitter_choice", _("The submitter chose not to publish")


class DuplicateCluster(models.Model):
    """Identical or near-identical inputs (a campaign), handled together."""

    representative = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="+")
    size = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("duplicate cluster")

    def __str__(self):
        return _("%(size)d inputs like %(reference)s") % {"size": self.size, "reference": self.representative}


class Review(models.Model):
    """The review of one confirmed input; `revision` refuses a save made from an outdated screen."""

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, primary_key=True, related_name="review")
    status = models.CharField(_("review status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.NEW)
    reason = models.CharField(_("reason not published"), max_length=30, choices=NotPublishedReason.choices, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_reviews",
        verbose_name=_("assigned reviewer"),
    )
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    cluster = models.ForeignKey(
        DuplicateCluster, on_delete=models.SET_NULL, null=True, blank=True, related_name="reviews"
    )
    text_hash = models.CharField(max_length=64, blank=True, db_index=True)
    simhash = models.BigIntegerField(null=True, blank=True)
    band0 = models.PositiveIntegerField(null=True, blank=True)
    band1 = models.PositiveIntegerField(null=True, blank=True)
    band2 = models.PositiveIntegerField(null=True, blank=True)
    band3 = models.PositiveIntegerField(null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    edited_after_review_at = models.DateTimeField(
        _("changed by the submitter after review"),
        null=True,
        blank=True,
        help_text=_("The last edit through the private link made after reviewers began work on the input."),
    )
    search_vector = SearchVectorField(null=True, editable=False)
    public_vector = SearchVectorField(null=True, editable=False)  # only what the public page shows
    public_text = models.TextField(blank=True, editable=False)
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("review")
        indexes = [
            models.Index(fields=["status", "assigned_to"], name="review_status_assignee_idx"),
            models.Index(fields=["band0"], name="review_band0_idx"),
            models.Index(fields=["band1"], name="review_band1_idx"),
            models.Index(fields=["band2"], name="review_band2_idx"),
            models.Index(fields=["band3"], name="review_band3_idx"),
            GinIndex(fields=["search_vector"], name="review_search_idx"),
            GinIndex(fields=["public_vector"], name="review_public_search_idx"),
            # The public reading: published inputs alone, and newest publications first (the feed).
            models.Index(fields=["submission"], name="review_published_idx", condition=models.Q(status="published")),
            models.Index(
                fields=["-published_at"], name="review_published_at_idx", condition=models.Q(status="published")
            ),
        ]

    def __str__(self):
        return f"{self.submission}: {self.get_status_display()}"


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

    def __str__(self):
        return f"{self.submission} → {self.topic_area.code} ({self.confidence:.0%})"


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


class BalanceTarget(models.Model):
    """The fewest confirmed inputs a call should receive in one cell of topic area × stakeholder group ×
    regional group; an empty dimension means "any" (the cell is then a total)."""

    call = models.ForeignKey(
        "home.CallPage", on_delete=models.CASCADE, related_name="balance_targets", verbose_name=_("call")
    )
    topic_area = models.ForeignKey(
        TopicArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("topic area")
    )
    stakeholder_group = models.ForeignKey(
        StakeholderGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stakeholder group"),
    )
    regional_group = models.ForeignKey(
        RegionalGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("regional group"),
    )
    minimum = models.PositiveIntegerField(
        _("minimum"), validators=[MinValueValidator(1)], help_text=_("The fewest confirmed inputs wanted; 1 or more.")
    )

    class Meta:
        verbose_name = _("balance target")
        verbose_name_plural = _("balance targets")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "topic_area", "stakeholder_group", "regional_group"],
                name="balance_target_unique_cell",
                nulls_distinct=False,
                violation_error_message=_(
                    "This call already has a target for this topic area, stakeholder group and regional group."
                ),
            ),
            models.CheckConstraint(condition=models.Q(minimum__gte=1), name="balance_target_minimum_positive"),
        ]

    def __str__(self):
        return f"{self.call}: {self.cell_label()} ≥ {self.minimum}"

    def cell_label(self) -> str:
        any_ = gettext("any")
        return " × ".join(
            str(value or any_)
            for value in (
                self.topic_area.code if self.topic_area else None,
                self.stakeholder_group,
                self.regional_group,
            )
        )

    def clean(self):
        if self.topic_area_id and self.call_id and self.topic_area.process_id != self.call.process_id:
            raise ValidationError({"topic_area": _("This topic area belongs to another process than the call's.")})


BALANCE_ALERT_DAYS = 7  # before the deadline, for a call whose settings nobody changed


class BalanceSettings(models.Model):
    """How many days before a call's deadline its secretariat hears of the cells under target."""

    call = models.OneToOneField(
        "home.CallPage", on_delete=models.CASCADE, related_name="balance_settings", verbose_name=_("call")
    )
    alert_days = models.PositiveSmallIntegerField(
        _("alert days before the deadline"),
        default=BALANCE_ALERT_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("The secretariat is mailed this many days before the call closes about every cell under target."),
    )

    class Meta:
        verbose_name = _("balance alert setting")
        verbose_name_plural = _("balance alert settings")

    def __str__(self):
        return f"{self.call}: {self.alert_days}"


class BalanceAlert(models.Model):
    """A cell under target the secretariat was told of: each target is alerted once."""

    target = models.OneToOneField(BalanceTarget, on_delete=models.CASCADE, related_name="alert")
    count = models.PositiveIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("balance alert")

    def __str__(self):
        return f"{self.target}: {self.count}"
