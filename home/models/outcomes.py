"""The public pages of what a process produces: its recommendations with the implementation tracker, and
its meetings. Each page belongs to one process; the reading (`reading.outcomes`) decides what shows."""

from datetime import timedelta

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField

from django.db import models
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.i18n import page_url
from reading import outcomes
from reading.compilations import input_index_url
from reading.exports import download, table_csv, table_xlsx
from reading.feeds import OutcomesFeed
from reading.outcome_documents import REPORTS
from reading.public_cache import OUTCOMES, SITE, cached_for_public
from reference.models import Process

TRACKER_EXPORTS = {"csv": (table_csv, outcomes.table_cells), "xlsx": (table_xlsx, outcomes.table_values)}


class ProcessOutcomesPage(RoutablePageMixin, Page):
    """A page showing one process's outcomes, with an introduction; its routes ask `reading.outcomes`."""

    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="+", verbose_name=_("process"))
    # A translation reads the same process (its inputs, recommendations), not a translated copy of it.
    override_translatable_fields = [SynchronizedField("process")]
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("process"), FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        abstract = True


class RecommendationIndexPage(ProcessOutcomesPage):
    """A process's recommendations by topic area, each at `<number>/`, and the implementation tracker at
    `tracker/` (now or as of a date, filtered, downloadable), with its snapshots."""

    template = "pages/recommendation_index_page.html"

    class Meta:
        verbose_name = _("recommendations page")

    @path("", name="listing")
    @cached_for_public
    def listing(self, request):
        area = request.GET.get("topic_area", "")
        context = {
            "areas": outcomes.recommendations_by_area(self.process, topic_area=area, query=request.GET.get("q", "")),
            "topic_areas": self.process.topic_areas.originals(),
            "chosen_area": area,
            "query": request.GET.get("q", ""),
        }
        return self.render(request, context_overrides=context)

    @path("feed/", name="feed")
    @cached_for_public
    def feed(self, request):
        return OutcomesFeed(self)(request)

    @path("document/<str:kind>/", name="document")
    @cached_for_public
    def document(self, request, kind):
        """Every published recommendation with its alternatives and tasks, as PDF or DOCX."""
        if kind not in REPORTS:
            raise Http404
        filters = outcomes.tracker_filters(request.GET, self.process)
        if filters.errors:
            return filters_refused(filters.errors)
        build, content_type = REPORTS[kind]
        content = build(self.process, request.LANGUAGE_CODE, filters.topic_area)
        name = "-".join(filter(None, ["recommendations", self.process.code.lower(), filters.topic_area.lower()]))
        return download(HttpResponse(content, content_type=content_type), f"{name}.{kind}")

    @path("tracker/", name="tracker")
    @cached_for_public(scopes=(SITE, OUTCOMES))
    def tracker(self, request):
        filters = outcomes.tracker_filters(request.GET, self.process)
        if filters.errors:
            return filters_refused(filters.errors)
        tasks = outcomes.live_tasks(self.process)  # read once for the rows and the chart
        rows = outcomes.tracker_rows(self.process, filters, tasks)
        today = timezone.localdate()
        days = [today - timedelta(days=30 * months) for months in range(12, -1, -3)]
        series = outcomes.tracker_series(self.process, days, tasks)
        context = {
            "filters": filters,
            "areas": outcomes.rows_by_area(rows),
            "count": len(rows),
            "labels": outcomes.status_labels(),
            "series": series,
            "chart": outcomes.series_chart(series),
            "milestones": self.process.milestones.all(),
            "topic_areas": self.process.topic_areas.originals(),
            "bodies": outcomes.responsible_bodies(),
            "snapshots": outcomes.snapshots_public(self.process)[:5],
            "query": request.GET.urlencode(),
        }
        return self.render(request, context_overrides=context, template="pages/tracker.html")

    @path("tracker/download/<str:kind>/", name="tracker_download")
    def tracker_download(self, request, kind):
        if kind not in TRACKER_EXPORTS:
            raise Http404
        filters = outcomes.tracker_filters(request.GET, self.process)
        if filters.errors:
            return filters_refused(filters.errors)
        rows = outcomes.tracker_rows(self.process, filters)
        write, cells_of = TRACKER_EXPORTS[kind]
        header = [str(label) for _name, label in outcomes.TRACKER_COLUMNS]
        cells = ([cells_of(row)[name] for name, _label in outcomes.TRACKER_COLUMNS] for row in rows)
        return write(header, cells, f"tracker-{self.process.code.lower()}.{kind}")

    @path("tracker/snapshots/", name="snapshots")
    @cached_for_public(scopes=(SITE, OUTCOMES))
    def snapshots(self, request):
        snapshots = outcomes.snapshots_public(self.process)
        earlier, later = request.GET.get("from"), request.GET.get("to")
        context = {"snapshots": snapshots}
        if earlier or later:
            pair = {
                str(item.pk): item for item in snapshots.filter(pk__in=[v for v in (earlier, later) if v.isdigit()])
            }
            if earlier not in pair or later not in pair:
                return filters_refused([gettext("Snapshots to compare")])
            first, second = sorted([pair[earlier], pair[later]], key=lambda item: (item.taken_on, item.pk))
            context.update(compared=(first, second), changes=outcomes.snapshots_change(first, second))
        context["labels"] = outcomes.status_labels()
        return self.render(request, context_overrides=context, template="pages/snapshots.html")

    @path("tracker/snapshots/<int:pk>/", name="snapshot")
    @cached_for_public(scopes=(SITE, OUTCOMES))
    def snapshot(self, request, pk):
        snapshot = outcomes.snapshots_public(self.process).filter(pk=pk).first()
        if snapshot is None:
            raise Http404
        context = {
            "snapshot": snapshot,
            "areas": outcomes.rows_by_area(snapshot.rows),
            "labels": outcomes.status_labels(),
        }
        return self.render(request, context_overrides=context, template="pages/snapshot.html")

    @path("<slug:slug>/", name="recommendation")
    @cached_for_public
    def recommendation(self, request, slug):
        read = outcomes.recommendation_read(self.process, slug)
        if read is None:
            raise Http404
        context = {"read": read, "recommendation": read.recommendation, "input_base": input_index_url()}
        return self.render(request, context_overrides=context, template="pages/recommendation.html")

    def get_sitemap_urls(self, request=None):
        """The page, its tracker and each published recommendation's page."""
        page = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        extra = [{"location": base + self.reverse_subpage("tracker")}]
        extra += [
            {
                "location": base + self.reverse_subpage("recommendation", args=[item.slug]),
                "lastmod": item.last_published_at,
            }
            for item in outcomes.recommendations_live(self.process)
        ]
        return page + extra


class MeetingIndexPage(ProcessOutcomesPage):
    """A process's meetings, newest first, each at `<number>/` with its agenda, points of agreement,
    documents and the recommendations drafted there."""

    template = "pages/meeting_index_page.html"

    class Meta:
        verbose_name = _("meetings page")

    @path("", name="listing")
    @cached_for_public(scopes=(SITE, OUTCOMES))
    def listing(self, request):
        return self.render(request, context_overrides={"meetings": outcomes.meetings_public(self.process)})

    @path("<int:number>/", name="meeting")
    @cached_for_public(scopes=(SITE, OUTCOMES))
    def meeting(self, request, number):
        meeting = outcomes.meeting_read(self.process, number)
        if meeting is None:
            raise Http404
        recommendations = (
            RecommendationIndexPage.objects.live().filter(process=self.process, locale=self.locale).first()
        )
        calls = meeting.calls.live().filter(locale=self.locale).order_by("opens_at")
        context = {"meeting": meeting, "recommendation_index": recommendations, "calls": calls}
        return self.render(request, context_overrides=context, template="pages/meeting.html")


def recommendation_index_find(process_id: int, language: str) -> str | None:
    """The path of a process's recommendations page in `language` where it is translated, else in any."""
    pages = RecommendationIndexPage.objects.live().filter(process_id=process_id)
    page = pages.filter(locale__language_code=language).first() or pages.first()
    return page_url(page, language) if page is not None else None


def filters_refused(names: list[str]) -> HttpResponseBadRequest:
    """A page, download or feed asked with a filter that is not a known code: say which, rather than guess."""
    message = gettext("These filters could not be understood: %(names)s. Choose them again on the listing.")
    return HttpResponseBadRequest(message % {"names": ", ".join(names)}, content_type="text/plain; charset=utf-8")
