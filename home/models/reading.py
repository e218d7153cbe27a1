"""The public reading of published inputs: the listing, each input's page, downloads and statistics."""

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from django.http import Http404
from django.utils.translation import gettext_lazy as _


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
    def listing(self, request):
        from home.inputs import PublishedInputFilters, published_page
        from review.selectors import published_submissions

        filters = PublishedInputFilters(request.GET)
        inputs, next_before = [], None
        if filters.is_valid():
            inputs, next_before = published_page(
                filters.apply(published_submissions()), before=filters.cleaned_data["before"]
            )
        query = request.GET.copy()
        query["before"] = next_before
        context = {"filters": filters, "inputs": inputs, "next_query": query.urlencode() if next_before else ""}
        return self.render(request, context_overrides=context)

    @path("download/<str:kind>/", name="download")
    def download(self, request, kind):
        """All published inputs matching the listing's filters, as CSV, XLSX or JSON."""
        from home.exports import EXPORTS
        from home.inputs import PublishedInputFilters
        from review.selectors import published_records, published_submissions

        filters = PublishedInputFilters(request.GET)
        if kind not in EXPORTS or not filters.is_valid():
            raise Http404
        inputs = filters.apply(published_submissions()).order_by("-pk")
        return EXPORTS[kind](published_records(inputs))

    @path("statistics/", name="statistics")
    def statistics(self, request):
        from home.statistics import statistics_tables
        from review.selectors import published_statistics

        context = {"tables": statistics_tables(published_statistics())}
        return self.render(request, context_overrides=context, template="pages/statistics.html")

    @path("statistics/csv/", name="statistics_csv")
    def statistics_download(self, request):
        from home.statistics import statistics_csv
        from review.selectors import published_statistics

        return statistics_csv(published_statistics())

    @path("data-dictionary/", name="data_dictionary")
    def data_dictionary(self, request):
        from home.exports import COLUMNS

        return self.render(request, context_overrides={"columns": COLUMNS}, template="pages/data_dictionary.html")

    @path("<str:reference>/", name="input")
    def published_input(self, request, reference):
        from review.selectors import published_submission_view, published_submissions

        submission = published_submissions().filter(reference=reference).first()
        if submission is None:
            raise Http404
        context = {"submission": submission, **published_submission_view(submission)}
        return self.render(request, context_overrides=context, template="pages/published_input.html")
