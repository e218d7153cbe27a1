"""Reference data: processes, their topic areas, stakeholder groups, UN regional groups and states.

The bottom layer: every other app may use it, and it uses none of them.
"""

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from portal.i18n import country_name

code_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9_.-]*$", _("Use capital letters, digits, dots, dashes or underscores.")
)


def validate_time_zone(value):
    import zoneinfo

    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


class Process(TranslatableMixin, models.Model):
    """A body's consultation process (for example a working group): it owns calls and topic areas."""

    code = models.CharField(
        _("code"),
        max_length=20,
        validators=[code_validator],
        help_text=_("Short and stable; it begins every input's reference number, e.g. WGIGF."),
    )
    name = models.CharField(_("name"), max_length=255)
    body = models.CharField(
        _("convening body"), max_length=255, blank=True, help_text=_("Who established the process.")
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Zurich",
        validators=[validate_time_zone],
        help_text=_("Dates are stored in UTC and shown in this time zone as well."),
    )

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("body"), FieldPanel("time_zone")]
    # Codes and the time zone are the same in every language; only the words are translated.
    override_translatable_fields = [SynchronizedField("code"), SynchronizedField("time_zone")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("process")
        verbose_name_plural = _("processes")
        constraints = [models.UniqueConstraint(fields=["code", "locale"], name="process_code_unique")]

    def __str__(self):
        return self.name


class TopicAreaQuerySet(models.QuerySet):
    def originals(self):
        """The areas in their process's language: inputs are mapped to these; translations only show them."""
        return self.filter(locale=models.F("process__locale"))


class TopicArea(TranslatableMixin, index.Indexed, ClusterableModel):
    """One of a process's main topics (A–E for the WGIGF); inputs and passages are mapped to it."""

    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="topic_areas")
    objects = TopicAreaQuerySet.as_manager()
    # A translated topic area belongs to the same process (its translations are `originals()`' complement).
    override_translatable_fields = [SynchronizedField("process"), SynchronizedField("code")]
    code = models.CharField(_("code"), max_length=10, validators=[code_validator])
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("process"),
        FieldPanel("code"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        InlinePanel("sub_topics", label=_("Sub-topics")),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("description"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic area")
        verbose_name_plural = _("topic areas")
        ordering = ["sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["process", "code", "locale"], name="topic_area_code_unique")]

    def __str__(self):
        return f"{self.code}. {self.title}"


class SubTopic(TranslatableMixin, Orderable):
    """An ordered sub-item of a topic area (A.1, A.2, …)."""

    topic_area = ParentalKey(TopicArea, on_delete=models.CASCADE, related_name="sub_topics")
    code = models.CharField(_("code"), max_length=12, validators=[code_validator])
    title = models.CharField(_("title"), max_length=500)

    panels = [FieldPanel("code"), FieldPanel("title")]
    override_translatable_fields = [SynchronizedField("code")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("sub-topic")
        verbose_name_plural = _("sub-topics")

    def __str__(self):
        return f"{self.code} {self.title}"


class StakeholderGroup(TranslatableMixin, models.Model):
    """Who an input comes from: government, intergovernmental organisation, private sector, …"""

    code = models.CharField(_("code"), max_length=30, validators=[code_validator])
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    requires_country = models.BooleanField(
        _("country required"), default=False, help_text=_("Inputs from this group must name a state.")
    )
    allows_official = models.BooleanField(
        _("official submissions"),
        default=False,
        help_text=_("Inputs from this group may be sent officially on behalf of a government or IGO."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("requires_country"),
        FieldPanel("allows_official"),
        FieldPanel("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("stakeholder group")
        verbose_name_plural = _("stakeholder groups")
        ordering = ["sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["code", "locale"], name="stakeholder_group_code_unique")]

    def __str__(self):
        """The name in the reader's language: the shipped names are in the interface's catalogues."""
        return gettext(self.name)


class RegionalGroup(models.Model):
    """A United Nations regional group of member states."""

    code = models.CharField(_("code"), max_length=30, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=255)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("regional group")
        verbose_name_plural = _("regional groups")
        ordering = ["sort_order"]

    def __str__(self):
        """The name in the reader's language: the shipped names are in the interface's catalogues."""
        return gettext(self.name)


class Country(models.Model):
    """A UN member state or observer state, with its regional group."""

    iso3 = models.CharField(_("ISO 3166 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=255, unique=True)
    regional_group = models.ForeignKey(RegionalGroup, on_delete=models.PROTECT, related_name="countries")
    is_member_state = models.BooleanField(_("UN member state"), default=True)

    panels = [FieldPanel("name"), FieldPanel("iso3"), FieldPanel("regional_group"), FieldPanel("is_member_state")]

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]

    def __str__(self):
        """The name in the reader's language (CLDR); the stored name is the UN's, in the default language."""
        return country_name(self.iso3, self.name)


# The names every deployment ships with (home's reference data migration), for the interface's catalogues.
SHIPPED_NAMES = [
    gettext_noop("African States"),
    gettext_noop("Asia-Pacific States"),
    gettext_noop("Eastern European States"),
    gettext_noop("Latin American and Caribbean States"),
    gettext_noop("Western European and other States"),
    gettext_noop("Government"),
    gettext_noop("A UN member or observer state."),
    gettext_noop("Intergovernmental organisation"),
    gettext_noop("Private sector"),
    gettext_noop("Civil society"),
    gettext_noop("Technical and academic community"),
]
