"""The site's home page and the mandate of the body it serves, with its composition."""

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from django.db import models
from django.utils.translation import gettext_lazy as _

from home.blocks import BodyBlock
from portal.i18n import locale_of
from reading.outcomes import members_public
from reading.public_cache import OUTCOMES, SITE, public_response
from reference.models import Process, StakeholderGroup


class HomePage(Page):
    """The portal's front page: its purpose, the open calls and where to go next."""

    intro = RichTextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    subpage_types = [
        "home.MandatePage",
        "home.TopicAreaIndexPage",
        "home.CallIndexPage",
        "home.InputIndexPage",
        "home.RecommendationIndexPage",
        "home.MeetingIndexPage",
    ]
    parent_page_types = ["wagtailcore.Page"]
    template = "pages/home_page.html"
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def serve(self, request, *args, **kwargs):
        from home.selectors import calls_next_change

        render = super().serve
        return public_response(
            request, lambda: render(request, *args, **kwargs), scopes=(SITE,), until=calls_next_change
        )

    def get_context(self, request, *args, **kwargs):
        from home.selectors import calls_for_listing

        context = super().get_context(request, *args, **kwargs)
        context["calls"] = calls_for_listing(locale=locale_of(self))
        return context


class MandatePage(Page):
    """A process's mandate, the basic features it must keep, and its composition."""

    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="+", verbose_name=_("process"))
    # A translation reads the same process (its inputs, recommendations), not a translated copy of it.
    override_translatable_fields = [SynchronizedField("process")]
    mandate = RichTextField(_("mandate"))
    basic_features = RichTextField(
        _("basic features to keep"), blank=True, help_text=_("What the process must not change.")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("process"),
        FieldPanel("mandate"),
        FieldPanel("basic_features"),
        InlinePanel("seats", label=_("Composition by stakeholder group")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("mandate"), index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    template = "pages/mandate_page.html"

    class Meta:
        verbose_name = _("mandate page")

    def serve(self, request, *args, **kwargs):
        render = super().serve
        return public_response(request, lambda: render(request, *args, **kwargs), scopes=(SITE, OUTCOMES))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["seats"] = self.seats.select_related("stakeholder_group")
        context["members"] = members_public(self.process)
        return context


class CompositionSeat(Orderable):
    """How many members of one stakeholder group sit on the body, and who they are."""

    page = ParentalKey(MandatePage, on_delete=models.CASCADE, related_name="seats")
    stakeholder_group = models.ForeignKey(
        StakeholderGroup, on_delete=models.PROTECT, related_name="+", verbose_name=_("stakeholder group")
    )
    seats = models.PositiveSmallIntegerField(_("members"))
    members = models.TextField(_("who"), blank=True)

    panels = [FieldRowPanel([FieldPanel("stakeholder_group"), FieldPanel("seats")]), FieldPanel("members")]
