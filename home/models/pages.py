"""The public site's page types: home, mandate, topic areas, calls for input."""

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from home.blocks import BodyBlock, DocumentsBlock
from outcomes.models import Meeting
from portal.i18n import locale_of, localized, localized_all, original, page_url
from reading import compilation_views
from reading.compilations import Scope
from reading.models import CompilationFormat
from reading.participation import participation_counts, participation_version
from reading.public_cache import SITE, cached_for_public, public_response
from reference.models import Process, TopicArea
from submissions import views as intake_views


class TopicAreaIndexPage(RoutablePageMixin, Page):
    """Lists a process's topic areas; each area has its page at `<code>/` (areas are data, not pages)."""

    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="+", verbose_name=_("process"))
    # A translation reads the same process (its inputs, recommendations), not a translated copy of it.
    override_translatable_fields = [SynchronizedField("process")]
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("process"), FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    template = "pages/topic_area_index_page.html"

    class Meta:
        verbose_name = _("topic area index page")

    def topic_areas(self):
        """The process's topic areas (the originals, which inputs are mapped to)."""
        return self.process.topic_areas.originals()

    def topic_areas_shown(self) -> list[TopicArea]:
        """The topic areas in the reader's language where translated."""
        return localized_all(self.topic_areas())

    def topic_area_found(self, code: str) -> TopicArea:
        area = self.topic_areas().select_related("process").filter(code=code.upper()).first()
        if area is None:
            raise Http404
        return area

    @path("<str:code>/", name="topic_area")
    @cached_for_public(scopes=(SITE,))
    def topic_area(self, request, code):
        from home.selectors import questions_for_topic_area

        area = self.topic_area_found(code)
        return self.render(
            request,
            context_overrides={"topic_area": localized(area), "questions": questions_for_topic_area(topic_area=area)},
            template="pages/topic_area_page.html",
        )

    def compilation_urls(self, code: str) -> dict:
        code = code.lower()  # the topic pages' own spelling
        subject = page_url(self) + self.reverse_subpage("topic_area", args=[code])
        return compilation_urls(self, subject, code)

    @path("<str:code>/compilation/", name="compilation")
    @cached_for_public
    def compilation(self, request, code):
        scope = Scope(topic_area=self.topic_area_found(code))
        return compilation_views.compilation_page(request, self, scope, self.compilation_urls(code))

    @path("<str:code>/compilation/<str:kind>/", name="compilation_download")
    def compilation_download(self, request, code, kind):
        scope = Scope(topic_area=self.topic_area_found(code))
        return compilation_views.compilation_download(request, scope, kind, self.compilation_urls(code))

    @path("<str:code>/compilation/<str:kind>/progress/", name="compilation_progress")
    def compilation_progress(self, request, code, kind):
        scope = Scope(topic_area=self.topic_area_found(code))
        return compilation_views.compilation_progress(request, self, scope, kind, self.compilation_urls(code))


class CallIndexPage(Page):
    """All calls for input, grouped by status."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.CallPage"]
    template = "pages/call_index_page.html"

    class Meta:
        verbose_name = _("call index page")

    def serve(self, request, *args, **kwargs):
        from home.selectors import calls_next_change

        render = super().serve
        return public_response(
            request, lambda: render(request, *args, **kwargs), scopes=(SITE,), until=calls_next_change
        )

    def get_context(self, request, *args, **kwargs):
        from home.selectors import calls_for_listing

        context = super().get_context(request, *args, **kwargs)
        context["calls"] = calls_for_listing(locale=locale_of(self), parent=self)
        return context


def compilation_urls(page, subject_url: str, *leading) -> dict:
    """The addresses of a compilation's reading page, downloads and progress pages, routes of `page`."""

    def url(name, *args):
        return page_url(page) + page.reverse_subpage(name, args=[*leading, *args])

    kinds = CompilationFormat.values
    return {
        "subject": subject_url,
        "page": url("compilation"),
        **{kind: url("compilation_download", kind) for kind in kinds},
        **{f"{kind}_progress": url("compilation_progress", kind) for kind in kinds},
    }


def intake_links():
    """The private links' rules, imported late for the same reason."""
    from submissions import links

    return links


class CallStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class CallPage(RoutablePageMixin, Page):
    """A call for input: its background, guiding questions, documents and the window it is open.

    Its routes (submit/, receipt/, confirm/, input/, link/, remind/) are the intake's pages (receipt/ and
    input/ also serve each version's receipt files); they live in
    `submissions.views` and are only wired here.
    """

    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="calls", verbose_name=_("process"))
    # A translation reads the same process (its inputs, recommendations), not a translated copy of it.
    override_translatable_fields = [SynchronizedField("process")]
    summary = models.TextField(_("summary"), max_length=1000, help_text=_("One or two sentences for listings."))
    background = StreamField(BodyBlock(), blank=True, verbose_name=_("background"))
    documents = StreamField(DocumentsBlock(), blank=True, verbose_name=_("documents"))
    opens_at = models.DateTimeField(_("opens at"), help_text=_("Entered in your time zone, stored in UTC."))
    closes_at = models.DateTimeField(_("closes at"), help_text=_("Inputs are refused from this instant on."))
    topic_areas = ParentalManyToManyField(TopicArea, blank=True, related_name="calls", verbose_name=_("topic areas"))
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("opened by the meeting"),
        help_text=_("The meeting of the body that decided this call, if any."),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("process"), FieldPanel("meeting")]),
        FieldPanel("summary"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")])], heading=_("Window")),
        FieldPanel("topic_areas"),
        InlinePanel("questions", label=_("Guiding questions")),
        FieldPanel("background"),
        FieldPanel("documents"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("background")]
    parent_page_types = ["home.CallIndexPage"]
    subpage_types = []
    template = "pages/call_page.html"

    class Meta:
        verbose_name = _("call for input")
        verbose_name_plural = _("calls for input")
        indexes = [models.Index(fields=["opens_at", "closes_at"], name="call_window_idx")]

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A call must close after it opens.")})
        if self.meeting_id and self.process_id and self.meeting.process_id != self.process_id:
            raise ValidationError({"meeting": _("This meeting belongs to another process.")})

    def status_at(self, moment) -> CallStatus:
        """Open from `opens_at` inclusive until `closes_at` exclusive; the server's clock decides."""
        if moment < self.opens_at:
            return CallStatus.UPCOMING
        if moment < self.closes_at:
            return CallStatus.OPEN
        return CallStatus.CLOSED

    @cached_property
    def original_call(self) -> "CallPage":
        """The call in the site's default language: inputs, questions answered and the window belong to it."""
        return original(self)

    @property
    def status(self) -> CallStatus:
        return self.original_call.status_at(timezone.now())

    @property
    def is_open(self) -> bool:
        return self.status == CallStatus.OPEN

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["questions"] = self.questions.select_related("topic_area")
        context["topic_areas"] = localized_all(self.original_call.topic_areas.all())
        context["private_links_work"] = intake_links().private_links_work(self.original_call)
        context["meeting_url"] = meeting_url(self.meeting, locale_of(self)) if self.meeting_id else None
        return context

    @path("submit/", name="submit")
    def submit(self, request):
        return intake_views.submission_form(request, self.original_call)

    @path("receipt/<str:token>/", name="receipt")
    def receipt(self, request, token):
        return intake_views.submission_receipt(request, self.original_call, token)

    @path("receipt/<str:token>/v<int:version>/<str:kind>/", name="receipt_file")
    def receipt_file(self, request, token, version, kind):
        return intake_views.submission_receipt_file(request, self.original_call, token, version, kind)

    @path("confirm/<str:token>/", name="confirm")
    def confirm(self, request, token):
        return intake_views.submission_confirm(request, self.original_call, token)

    @path("input/<str:token>/", name="input")
    def manage(self, request, token):
        return intake_views.submission_manage(request, self.original_call, token)

    @path("input/<str:token>/v<int:version>/<str:kind>/", name="input_receipt_file")
    def manage_receipt_file(self, request, token, version, kind):
        return intake_views.submission_manage_receipt_file(
            request, self.original_call, token, version=version, kind=kind
        )

    @path("input/<str:token>/edit/", name="input_edit")
    def edit(self, request, token):
        return intake_views.submission_edit(request, self.original_call, token)

    @path("input/<str:token>/withdraw/", name="input_withdraw")
    def withdraw(self, request, token):
        return intake_views.submission_withdraw(request, self.original_call, token)

    @path("input/<str:token>/restore/", name="input_restore")
    def restore(self, request, token):
        return intake_views.submission_restore(request, self.original_call, token)

    @path("input/<str:token>/renew/", name="input_renew")
    def renew(self, request, token):
        return intake_views.submission_link_renew(request, self.original_call, token)

    @path("updates/<str:token>/", name="updates")
    def updates(self, request, token):
        return intake_views.submission_updates(request, self.original_call, token)

    @path("link/", name="link")
    def link_request(self, request):
        return intake_views.call_link_request(request, self.original_call)

    def compilation_urls(self) -> dict:
        return compilation_urls(self, page_url(self))

    @path("compilation/", name="compilation")
    @cached_for_public
    def compilation(self, request):
        scope = Scope(call=self.original_call)
        return compilation_views.compilation_page(request, self, scope, self.compilation_urls())

    @path("compilation/<str:kind>/", name="compilation_download")
    def compilation_download(self, request, kind):
        scope = Scope(call=self.original_call)
        return compilation_views.compilation_download(request, scope, kind, self.compilation_urls())

    @path("compilation/<str:kind>/progress/", name="compilation_progress")
    def compilation_progress(self, request, kind):
        scope = Scope(call=self.original_call)
        return compilation_views.compilation_progress(request, self, scope, kind, self.compilation_urls())

    @path("participation/", name="participation")
    def participation(self, request):
        """Inputs received so far per stakeholder group and regional group (counts only)."""
        call = self.original_call

        def render():
            context = {"participation": participation_counts(call)}
            return self.render(request, context_overrides=context, template="pages/participation.html")

        return public_response(request, render, variant=participation_version(call))

    @path("remind/", name="remind")
    def remind(self, request):
        return intake_views.call_subscribe(request, self.original_call)

    @path("remind/confirm/<str:token>/", name="remind_confirm")
    def remind_confirm(self, request, token):
        return intake_views.call_subscription_confirm(request, self.original_call, token)


class Question(TranslatableMixin, Orderable):
    """A guiding question of a call; every answer in an input belongs to one."""

    call = ParentalKey(CallPage, on_delete=models.CASCADE, related_name="questions")
    topic_area = models.ForeignKey(
        TopicArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("topic area"),
    )
    text = models.TextField(_("question"))
    help_text = models.TextField(_("guidance"), blank=True)
    max_length = models.PositiveIntegerField(_("maximum length (characters)"), default=5000)

    panels = [FieldPanel("topic_area"), FieldPanel("text"), FieldPanel("help_text"), FieldPanel("max_length")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("guiding question")
        verbose_name_plural = _("guiding questions")

    def __str__(self):
        return self.text


def meeting_url(meeting: Meeting, locale) -> str | None:
    """A meeting's page on its process's meetings page, in `locale` where there is one."""
    from .outcomes import MeetingIndexPage

    pages = MeetingIndexPage.objects.live().filter(process_id=meeting.process_id)
    page = pages.filter(locale=locale).first() or pages.first()
    return page_url(page) + page.reverse_subpage("meeting", args=[meeting.number]) if page else None
