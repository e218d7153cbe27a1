"""The working group itself: its members and its meetings, with their agendas and points of agreement."""

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from reference.models import Country, Process, StakeholderGroup, TopicArea


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    MEMBER = "member", _("Member")


class Member(models.Model):
    """A member of the body that runs the process, by stakeholder group (and state, for governments)."""

    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="members", verbose_name=_("process"))
    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    stakeholder_group = models.ForeignKey(
        StakeholderGroup, on_delete=models.PROTECT, related_name="+", verbose_name=_("stakeholder group")
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("country")
    )
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("process"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("stakeholder_group"), FieldPanel("country")]),
        FieldPanel("organisation"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["process", "sort_order", "name"]

    def __str__(self):
        return self.name


class Meeting(ClusterableModel):
    """One meeting of the body: when and where, its agenda by topic area, documents, the chair's summary
    and the points of broad agreement it reached."""

    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("process"))
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("The body's own numbering: 3 for the 3rd."))
    title = models.CharField(_("title"), max_length=255)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    summary = RichTextField(_("chair's summary"), blank=True)

    panels = [
        FieldPanel("process"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("title")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on"), FieldPanel("place")]),
        InlinePanel("agenda_items", label=_("Agenda")),
        InlinePanel("agreements", label=_("Points of broad agreement")),
        InlinePanel("documents", label=_("Documents")),
        FieldPanel("summary"),
    ]

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["process", "number"]
        constraints = [models.UniqueConstraint(fields=["process", "number"], name="meeting_number_unique")]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot be before the first day.")})


class AgendaItem(Orderable):
    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(_("item"), max_length=500)
    topic_areas = ParentalManyToManyField(TopicArea, blank=True, related_name="+", verbose_name=_("topic areas"))

    panels = [FieldPanel("title"), FieldPanel("topic_areas")]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")


class Agreement(Orderable):
    """A point of broad agreement the meeting reached on one topic area."""

    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="agreements")
    topic_area = models.ForeignKey(TopicArea, on_delete=models.PROTECT, related_name="+", verbose_name=_("topic area"))
    text = models.TextField(_("point of broad agreement"))

    panels = [FieldPanel("topic_area"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("point of broad agreement")
        verbose_name_plural = _("points of broad agreement")


class MeetingDocument(Orderable):
    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(_("address"), max_length=500)

    panels = [FieldPanel("title"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
