"""Recommendations, drafted per topic area through Wagtail's revisions, locking and workflow: the text (by
consensus or by majority), alternative texts where there is dissent, who supports each, and citations of
the inputs and passages they draw on."""

import re

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, RevisionMixin, WorkflowMixin
from wagtail.search import index

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from reference.models import Country, Process, StakeholderGroup, TopicArea
from review.models import Passage
from submissions.models import Submission

from ..panels import CitationChecksPanel
from .meetings import Meeting


def number_slug(number: str) -> str:
    """A recommendation's number as it appears in an address: page paths hold letters, digits and hyphens
    only, so I.1 becomes I-1."""
    return re.sub(r"[^\w-]+", "-", number).strip("-")


class Standing(models.TextChoices):
    CONSENSUS = "consensus", _("Consensus")
    MAJORITY = "majority", _("Majority")
    ALTERNATIVE = "alternative", _("Alternative")


class Recommendation(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """One recommendation of a process, numbered as the body numbers it (I.1, II.3 …).

    The row holds the published text once there is one; drafts live in revisions until the workflow
    publishes them, so nothing in draft is ever read by the public (which reads `live` rows only).
    """

    process = models.ForeignKey(
        Process, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("process")
    )
    topic_area = models.ForeignKey(
        TopicArea, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("topic area")
    )
    number = models.CharField(_("number"), max_length=20, help_text=_("As the body numbers it, e.g. I.1."))
    sort_order = models.PositiveSmallIntegerField(_("order within the topic area"), default=0)
    title = models.CharField(_("heading"), max_length=255)
    text = models.TextField(_("text"))
    rationale = models.TextField(_("rationale"), blank=True)
    standing = models.CharField(
        _("standing"),
        max_length=20,
        choices=[(Standing.CONSENSUS, Standing.CONSENSUS.label), (Standing.MAJORITY, Standing.MAJORITY.label)],
        default=Standing.CONSENSUS,
    )
    supporting_groups = ParentalManyToManyField(
        StakeholderGroup, blank=True, related_name="+", verbose_name=_("supporting stakeholder groups")
    )
    supporting_countries = ParentalManyToManyField(
        Country,
        blank=True,
        related_name="+",
        verbose_name=_("supporting member states"),
        help_text=_("Only when they say so."),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("drafted at"),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="recommendation")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="recommendation",
        for_concrete_model=False,
    )

    panels = [
        FieldRowPanel([FieldPanel("process"), FieldPanel("topic_area")]),
        FieldRowPanel([FieldPanel("number"), FieldPanel("sort_order"), FieldPanel("meeting")]),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("rationale"),
        MultiFieldPanel(
            [FieldPanel("standing"), FieldPanel("supporting_groups"), FieldPanel("supporting_countries")],
            heading=_("Who supports this text"),
        ),
        InlinePanel("alternatives", label=_("Alternative texts")),
        CitationChecksPanel(heading=_("Citations to check")),
        InlinePanel("citations", label=_("Citations of inputs and passages")),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("text"),
        index.AutocompleteField("number"),
        index.FilterField("process"),
        index.FilterField("topic_area"),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["process", "topic_area__sort_order", "sort_order", "number"]
        constraints = [models.UniqueConstraint(fields=["process", "number"], name="recommendation_number_unique")]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def slug(self) -> str:
        return number_slug(self.number)

    @property
    def revisions(self):
        return self._revisions

    def clean(self):
        errors = {}
        if self.topic_area_id and self.process_id and self.topic_area.process_id != self.process_id:
            errors["topic_area"] = _("This topic area belongs to another process.")
        if self.meeting_id and self.process_id and self.meeting.process_id != self.process_id:
            errors["meeting"] = _("This meeting belongs to another process.")
        if errors:
            raise ValidationError(errors)


class Alternative(ClusterableModel, Orderable):
    """An alternative text beside the recommendation's own, where there is dissent."""

    recommendation = ParentalKey(Recommendation, on_delete=models.CASCADE, related_name="alternatives")
    text = models.TextField(_("alternative text"))
    supporting_groups = ParentalManyToManyField(
        StakeholderGroup, blank=True, related_name="+", verbose_name=_("supporting stakeholder groups")
    )
    supporting_countries = ParentalManyToManyField(
        Country, blank=True, related_name="+", verbose_name=_("supporting member states")
    )

    panels = [FieldPanel("text"), FieldPanel("supporting_groups"), FieldPanel("supporting_countries")]

    class Meta(Orderable.Meta):
        verbose_name = _("alternative text")

    @property
    def standing(self) -> str:
        return Standing.ALTERNATIVE


class Citation(Orderable):
    """An input, or one passage of it, that the recommendation draws on.

    What the public sees of it is decided when it is read (`outcomes.citations`): a passage unpublished,
    redacted or out of date since it was cited is flagged to the drafters and its words are never shown.
    """

    recommendation = ParentalKey(Recommendation, on_delete=models.CASCADE, related_name="citations")
    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, related_name="citations", verbose_name=_("input")
    )
    passage = models.ForeignKey(
        Passage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("passage"),
        help_text=_("Leave empty to cite the whole input."),
    )

    panels = [FieldPanel("submission"), FieldPanel("passage")]

    class Meta(Orderable.Meta):
        verbose_name = _("citation")

    def clean(self):
        if self.passage_id and self.submission_id and self.passage.submission_id != self.submission_id:
            raise ValidationError({"passage": _("This passage belongs to another input.")})
