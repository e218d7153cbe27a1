"""The public reading of published inputs: the listing, each input's page, downloads and statistics."""

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page

from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _

from outcomes.pages import recommendation_index_url, recommendation_url
from portal.i18n import localized_all
from reading.compilations import mapped_passages
from reading.exports import COLUMNS, EXPORTS, RECORD_SCHEMA, records
from reading.feeds import PublishedInputsFeed
from reading.listing import PublishedInputFilters, listing_context, submissions_filtered
from reading.outcomes import recommendations_citing
from reading.public_cache import SITE, cached_for_public, input_page_scopes
from reading.public_record import public_record, public_record_download
from reading.public_view import public_view
from reading.statistics import published_statistics, statistics_csv, statistics_tables
from review.publication import published_submissions

from .outcomes import filters_refused


class InputIndexPage(RoutablePageMixin, Page):
    """The published inputs: a filtered listing, and each input's page at `<reference>/`."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    template = "pages/input_index_page.html"
    max_count = 1

    class Meta:
        verbose_name = _("published inputs page")

    @path("", name="listing")
    @cached_for_public
    def listing(self, request):
        return self.render(request, context_overrides=listing_context(request.GET))

    @path("download/<str:kind>/", name="download")
    def download(self, request, kind):
        """All published inputs matching the listing's filters, as CSV, XLSX or JSON."""
        if kind not in EXPORTS:
            raise Http404
        filters = PublishedInputFilters(request.GET)
        if filters.ignored():
            return filters_refused(filters.ignored())
        inputs = submissions_filtered(published_submissions(), filters.values()).order_by("-pk")
        return EXPORTS[kind](records(inputs))

    @path("feed/", name="feed")
    @cached_for_public
    def feed(self, request):
        filters = PublishedInputFilters(request.GET)
        if filters.ignored():
            return filters_refused(filters.ignored())
        return PublishedInputsFeed(self, filters)(request)

    @path("statistics/", name="statistics")
    @cached_for_public
    def statistics(self, request):
        context = {"tables": statistics_tables(published_statistics()), "calls": calls_live()}
        return self.render(request, context_overrides=context, template="pages/statistics.html")

    @path("statistics/csv/", name="statistics_csv")
    @cached_for_public
    def statistics_download(self, request):
        return statistics_csv(published_statistics())

    @path("data-dictionary/", name="data_dictionary")
    @cached_for_public(scopes=(SITE,))
    def data_dictionary(self, request):
        return self.render(request, context_overrides={"columns": COLUMNS}, template="pages/data_dictionary.html")

    @path("data-dictionary/schema/", name="json_schema")
    def json_schema(self, request):
        """The JSON download's records as JSON Schema, for the validators of those who read it."""
        return JsonResponse(RECORD_SCHEMA, json_dumps_params={"ensure_ascii": False, "indent": 1})

    @path("<str:reference>/", name="input")
    @cached_for_public(scopes=input_page_scopes)
    def published_input(self, request, reference):
        submission = published_submissions().filter(reference=reference).first()
        if submission is None:
            raise Http404
        public = public_view(submission)
        context = {
            "submission": submission,
            "public": public,
            "record": public_record(public),
            "passages": mapped_passages(submission),
            "used_by": recommendations_with_urls(recommendations_citing(submission), request.LANGUAGE_CODE),
        }
        return self.render(request, context_overrides=context, template="pages/published_input.html")

    @path("<str:reference>/public/", name="input_public")
    @cached_for_public(scopes=input_page_scopes)
    def published_input_document(self, request, reference):
        """The input's public document, whose SHA-256 its page shows."""
        submission = published_submissions().filter(reference=reference).first()
        if submission is None:
            raise Http404
        return public_record_download(public_record(public_view(submission)))


def calls_live() -> list:
    """The live calls in the reader's language, newest deadline first (for the links to what each received)."""
    from .pages import CallPage

    calls = CallPage.objects.live().filter(locale=Locale.get_default()).order_by("-closes_at")
    return localized_all(calls)


def recommendations_with_urls(recommendations, language: str) -> list[tuple]:
    """Each recommendation with its address; each process's recommendations page is looked up once."""
    index_urls: dict[int, str | None] = {}
    for item in recommendations:
        if item.process_id not in index_urls:
            index_urls[item.process_id] = recommendation_index_url(item.process_id, language)
    return [(item, recommendation_url(item, language, index_urls[item.process_id])) for item in recommendations]
