"""The review of one input: its status, assignment, duplicate cluster and search vectors."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from submissions.models import Submission


class ReviewStatus(models.TextChoices):
    NEW = "new", _("Received")
    IN_REVIEW = "in_review", _("In review")
    MAPPED = "mapped", _("Mapped")
    PUBLISHED = "published", _("Published")
    NOT_PUBLISHED = "not_published", _("Not published")


# An input in one of these still awaits a reviewer's decision (published or not).
AWAITING_DECISION = (ReviewStatus.NEW, ReviewStatus.IN_REVIEW, ReviewStatus.MAPPED)


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
    due_on = models.DateField(
        _("review due by"), null=True, blank=True, help_text=_("When the assigned reviewer should have decided.")
    )
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
            models.Index(
                fields=["assigned_to", "due_on"], name="review_due_idx", condition=models.Q(assigned_to__isnull=False)
            ),
            # The dashboard's inputs back after an edit, the last changed first (review/dashboard_queries.py).
            models.Index(
                fields=["-edited_after_review_at"],
                name="review_edited_idx",
                condition=models.Q(edited_after_review_at__isnull=False),
            ),
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
