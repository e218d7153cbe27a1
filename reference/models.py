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
from django.core.validators import RegexValidator, validate_email
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


def lines_of(text: str) -> list[str]:
    """The non-empty lines of a text field, trimmed and in lower case (addresses and domains)."""
    return [line.strip().lower() for line in text.splitlines() if line.strip()]


DOMAIN = RegexValidator(r"^([a-z0-9-]+\.)+[a-z]{2,}$", _("Give a mail domain such as mfa.gov.example."))


class FocalPointQuerySet(models.QuerySet):
    def matching(self, *, country, organisation: str, email: str):
        """The active focal point an official input names and whose address (or domain) it was sent from.

        A State's input is matched on its country; an intergovernmental organisation's, which names no
        country, on the organisation's name or acronym.
        """
        email = email.strip().lower()
        if country is not None:
            candidates = self.filter(is_active=True, country=country)
        else:
            wanted = organisation.strip().casefold()
            candidates = [
                point
                for point in self.filter(is_active=True, country__isnull=True)
                if wanted and wanted in (point.organisation.strip().casefold(), point.acronym.strip().casefold())
            ]
        return next((point for point in candidates if point.covers(email)), None)


class FocalPoint(models.Model):
    """Who speaks officially for a member State or an intergovernmental organisation (IGO), and from which
    confirmed addresses or official mail domains. A State's focal point names its country; an IGO's names the
    organisation and no country."""

    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="focal_points",
        verbose_name=_("country"),
        help_text=_("For a State. Leave empty for an intergovernmental organisation."),
    )
    organisation = models.CharField(
        _("organisation or office"),
        max_length=255,
        blank=True,
        help_text=_("The IGO's name (required without a country), or the State's office, e.g. its Permanent Mission."),
    )
    acronym = models.CharField(_("acronym"), max_length=30, blank=True, help_text=_("An IGO's short name, e.g. ITU."))
    emails = models.TextField(
        _("confirmed email addresses"),
        blank=True,
        help_text=_("One per line: addresses the secretariat has confirmed with the focal point."),
    )
    domains = models.TextField(
        _("official mail domains"),
        blank=True,
        help_text=_("One per line, e.g. mfa.gov.example: every address at such a domain (or a subdomain) counts."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = FocalPointQuerySet.as_manager()

    panels = [
        FieldPanel("country"),
        FieldPanel("organisation"),
        FieldPanel("acronym"),
        FieldPanel("emails"),
        FieldPanel("domains"),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        ordering = ["country__name", "organisation"]

    def __str__(self):
        if self.country_id:
            return f"{self.country}" + (f" — {self.organisation}" if self.organisation else "")
        return self.organisation

    def clean(self):
        errors = {}
        if self.country_id is None and not self.organisation.strip():
            errors["organisation"] = _("Name the intergovernmental organisation, or choose the State.")
        if not lines_of(self.emails) and not lines_of(self.domains):
            errors["emails"] = _("Give at least one confirmed address or official mail domain.")
        for address in lines_of(self.emails):
            try:
                validate_email(address)
            except ValidationError:
                errors["emails"] = _("“%(value)s” is not an email address.") % {"value": address}
        for domain in lines_of(self.domains):
            try:
                DOMAIN(domain)
            except ValidationError:
                errors["domains"] = _("“%(value)s” is not a mail domain such as mfa.gov.example.") % {"value": domain}
        if errors:
            raise ValidationError(errors)
        self.emails = "\n".join(lines_of(self.emails))
        self.domains = "\n".join(lines_of(self.domains))

    def covers(self, email: str) -> bool:
        """`email` is one of the confirmed addresses, or at one of the official domains (or below one)."""
        email = email.strip().lower()
        domain = email.rpartition("@")[2]
        return email in lines_of(self.emails) or any(
            domain == allowed or domain.endswith("." + allowed) for allowed in lines_of(self.domains)
        )


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
