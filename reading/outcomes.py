"""What the public reads of the outcomes: live recommendations with their alternatives and the citations
that may be shown, the implementation tracker (now, at a past date, or frozen in a snapshot), the meetings
and the members. Drafts never reach here: only `live` recommendations, and only their tasks."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from outcomes.citations import CitationRead, citations_read
from outcomes.models import (
    Agreement,
    Citation,
    Meeting,
    Member,
    Progress,
    Recommendation,
    ResponsibleBody,
    Snapshot,
    Task,
    TaskStatus,
    number_slug,
)
from outcomes.services import task_row, tasks_of
from outcomes.tracker import ORDER, RollUp, progress_series, roll_up, snapshots_compared
from reference.models import Process, TopicArea

TRACKER_COLUMNS = [
    ("task", _("Task code")),
    ("recommendation", _("Recommendation")),
    ("topic_area", _("Topic area")),
    ("description", _("Task")),
    ("bodies", _("Responsible")),
    ("milestone", _("Target")),
    ("due_on", _("Target date")),
    ("has_cost", _("Cost")),
    ("status", _("Status")),
]


def recommendations_live(process: Process) -> QuerySet[Recommendation]:
    return (
        Recommendation.objects.filter(process=process, live=True)
        .select_related("topic_area", "meeting")
        .prefetch_related("supporting_groups", "supporting_countries")
    )


@dataclass
class AreaRecommendations:
    topic_area: TopicArea
    recommendations: list[Recommendation]
    roll_up: RollUp


def recommendations_by_area(process: Process, *, topic_area: str = "", query: str = "") -> list[AreaRecommendations]:
    """The live recommendations per topic area, each area with its tasks' roll-up (as the tracker shows)."""
    recommendations = recommendations_live(process).prefetch_related("tasks", "alternatives")
    if topic_area:
        recommendations = recommendations.filter(topic_area__code=topic_area)
    if query:
        words = query.strip()
        recommendations = recommendations.filter(Q(title__icontains=words) | Q(text__icontains=words))
    areas: dict[int, AreaRecommendations] = {}
    for recommendation in recommendations.order_by("topic_area__sort_order", "sort_order", "number"):
        area = areas.get(recommendation.topic_area_id)
        if area is None:
            area = areas[recommendation.topic_area_id] = AreaRecommendations(recommendation.topic_area, [], roll_up([]))
        area.recommendations.append(recommendation)
    for area in areas.values():
        area.roll_up = roll_up([task.status for item in area.recommendations for task in item.tasks.all()])
    return list(areas.values())


@dataclass
class RecommendationRead:
    recommendation: Recommendation
    alternatives: list
    citations: list[CitationRead]
    tasks: list[Task]
    hidden_citations: int = 0


def recommendation_read(process: Process, slug: str) -> RecommendationRead | None:
    """One live recommendation, found by its number as its address writes it (`number_slug`), as the
    public reads it; citations whose words may no longer be shown are counted, not listed."""
    numbers = Recommendation.objects.filter(process=process, live=True).values_list("number", flat=True)
    number = next((item for item in numbers if number_slug(item) == slug), None)
    if number is None:
        return None
    reads = recommendations_read(process, number=number)
    return reads[0] if reads else None


def recommendations_read(process: Process, *, topic_area: str = "", number: str = "") -> list[RecommendationRead]:
    """The live recommendations of a process (of one topic area, or the one numbered `number`) as the
    public reads them, with a fixed number of queries however many there are."""
    recommendations = recommendations_live(process).prefetch_related(
        "alternatives__supporting_groups",
        "alternatives__supporting_countries",
        Prefetch(
            "tasks",
            queryset=Task.objects.select_related("milestone").prefetch_related(
                "bodies", Prefetch("progress", queryset=Progress.objects.order_by("-on", "-pk"))
            ),
        ),
    )
    if topic_area:
        recommendations = recommendations.filter(topic_area__code=topic_area)
    if number:
        recommendations = recommendations.filter(number=number)
    recommendations = list(recommendations.order_by("topic_area__sort_order", "sort_order", "number"))
    cited: dict[int, list[CitationRead]] = {item.pk: [] for item in recommendations}
    citations = Citation.objects.filter(recommendation__in=recommendations).order_by("sort_order", "pk")
    for read in citations_read(citations):
        cited[read.citation.recommendation_id].append(read)
    reads = []
    for item in recommendations:
        shown = [read for read in cited[item.pk] if read.is_shown]
        hidden = len(cited[item.pk]) - len(shown)
        reads.append(RecommendationRead(item, list(item.alternatives.all()), shown, list(item.tasks.all()), hidden))
    return reads


def recommendations_citing(submission) -> list[Recommendation]:
    """The live recommendations that cite a (published) input, for its page's "How this input was used",
    each with its tasks' roll-up (as `roll_up`)."""
    recommendations = list(
        Recommendation.objects.filter(live=True, citations__submission=submission)
        .select_related("topic_area", "process")
        .prefetch_related("tasks")
        .distinct()
        .order_by("process", "topic_area__sort_order", "sort_order", "number")
    )
    for recommendation in recommendations:
        recommendation.roll_up = roll_up([task.status for task in recommendation.tasks.all()])
    return recommendations


@dataclass
class TrackerFilters:
    topic_area: str = ""
    status: str = ""
    body: str = ""
    milestone: str = ""
    on: date | None = None
    errors: list[str] = field(default_factory=list)


def tracker_filters(query, process: Process) -> TrackerFilters:
    """The tracker's filters from the query string; a value that is not a known code is reported, not guessed."""
    filters = TrackerFilters()
    areas = set(process.topic_areas.values_list("code", flat=True))
    bodies = set(ResponsibleBody.objects.values_list("code", flat=True))
    checks = [
        ("topic_area", areas, _("Topic area")),
        ("status", set(TaskStatus.values), _("Status")),
        ("body", bodies, _("Responsible")),
        ("milestone", set(process.milestones.values_list("code", flat=True)), _("Target")),
    ]
    for name, known, label in checks:
        value = query.get(name, "")
        if value and value not in known:
            filters.errors.append(str(label))
        elif value:
            setattr(filters, name, value)
    if query.get("on"):
        try:
            filters.on = date.fromisoformat(query["on"])
        except ValueError:
            filters.errors.append(str(_("As of")))
    return filters


def live_tasks(process: Process) -> list[Task]:
    """The tasks of the process's published recommendations, with what the tracker shows of them."""
    return list(tasks_of(process).filter(recommendation__live=True))


def tracker_rows(process: Process, filters: TrackerFilters, tasks: list[Task] | None = None) -> list[dict]:
    """The tracker's rows of the live recommendations, at a past date if asked, filtered."""
    rows = [task_row(task, filters.on) for task in (live_tasks(process) if tasks is None else tasks)]
    return [row for row in rows if row_matches(row, filters)]


def row_matches(row: dict, filters: TrackerFilters) -> bool:
    return (
        (not filters.topic_area or row["topic_area"] == filters.topic_area)
        and (not filters.body or filters.body in row["bodies"])
        and (not filters.milestone or row["milestone"] == filters.milestone)
        and (not filters.status or row["status"] == filters.status)
    )


def tracker_series(process: Process, days: list[date], tasks: list[Task] | None = None) -> list[dict]:
    """Tasks per status at the end of each of `days`, over the whole tracker (filters aside)."""
    tasks = live_tasks(process) if tasks is None else tasks
    return progress_series(
        [([(item.on, item.status) for item in task.progress.all()], task.status) for task in tasks], days
    )


def series_chart(series: list[dict]) -> dict:
    """The progress over time as the chart script reads it (the page shows the same numbers as a table)."""
    return {
        "labels": [point["on"].isoformat() for point in series],
        "series": [
            {"label": label, "data": [point[status] for point in series]} for status, label in status_labels().items()
        ],
    }


def rows_by_area(rows: list[dict]) -> list[tuple[str, RollUp, list[dict]]]:
    """Tracker rows per topic area with the area's roll-up; each row also gets its status and its bodies in
    words."""
    labels = status_labels()
    names = {body.code: str(body) for body in ResponsibleBody.objects.all()}  # in the reader's language
    areas: dict[str, list[dict]] = {}
    for row in rows:
        shown = {"status_label": labels.get(row["status"], ""), "body_names": [names.get(c, c) for c in row["bodies"]]}
        areas.setdefault(row["topic_area"], []).append({**row, **shown})
    return [(code, roll_up([row["status"] for row in items]), items) for code, items in areas.items()]


def status_labels() -> dict[str, str]:
    return {status.value: str(status.label) for status in ORDER}


def table_cells(row: dict) -> dict:
    """A tracker row as the CSV shows it: words, not codes, for the status and the cost."""
    return {
        **row,
        "bodies": "; ".join(row["bodies"]),
        "has_cost": str(_("yes")) if row["has_cost"] else str(_("no")),
        "status": status_labels().get(row["status"], row["status"]),
        "milestone": row["milestone"] or "",
        "due_on": row["due_on"] or "",
    }


def table_values(row: dict) -> dict:
    """A tracker row as the XLSX stores it: the target date a date and the cost a boolean, typed cells the
    spreadsheet sorts and filters by (the import reads them back)."""
    return {
        **table_cells(row),
        "has_cost": row["has_cost"],
        "due_on": date.fromisoformat(row["due_on"]) if row["due_on"] else None,
    }


def snapshots_public(process: Process) -> QuerySet[Snapshot]:
    return Snapshot.objects.filter(process=process).order_by("-taken_on", "-pk")


def snapshots_change(earlier: Snapshot, later: Snapshot):
    return snapshots_compared(earlier.rows, later.rows, later.taken_on)


def meetings_public(process: Process) -> QuerySet[Meeting]:
    return Meeting.objects.filter(process=process).order_by("-starts_on", "-number")


def meetings_read(process: Process) -> QuerySet[Meeting]:
    """A process's meetings with their agenda, agreements, documents and published recommendations, newest
    first, in a fixed number of queries however many there are."""
    return meetings_public(process).prefetch_related(
        "agenda_items__topic_areas",
        "documents",
        Prefetch("agreements", queryset=Agreement.objects.select_related("topic_area")),
        Prefetch("recommendations", queryset=recommendations_live(process)),
    )


def meeting_read(process: Process, number: int) -> Meeting | None:
    return meetings_read(process).filter(number=number).first()


def members_public(process: Process) -> QuerySet[Member]:
    return Member.objects.filter(process=process).select_related("stakeholder_group", "country")


def responsible_bodies() -> QuerySet[ResponsibleBody]:
    return ResponsibleBody.objects.all()


@dataclass(frozen=True)
class OutcomeNews:
    """One entry of the outcomes' feed: a recommendation published, or progress recorded on a task."""

    key: str
    recommendation: Recommendation
    title: str
    text: str
    at: datetime


def outcome_news(process: Process, size: int) -> list[OutcomeNews]:
    """The newest publications of recommendations and progress on their tasks, newest first."""
    news = [
        OutcomeNews(
            f"recommendation-{item.pk}-{item.last_published_at:%Y%m%d%H%M%S}",
            item,
            str(_("Published: %(number)s %(title)s")) % {"number": item.number, "title": item.title},
            item.text,
            item.last_published_at,
        )
        for item in recommendations_live(process).exclude(last_published_at=None).order_by("-last_published_at")[:size]
    ]
    progress = (
        Progress.objects.filter(task__recommendation__process=process, task__recommendation__live=True)
        .select_related("task__recommendation")
        .order_by("-on", "-pk")[:size]
    )
    for item in progress:
        at = datetime.combine(item.on, time(12), tzinfo=UTC)
        title = str(_("%(task)s: %(status)s")) % {"task": item.task.code, "status": item.get_status_display()}
        news.append(OutcomeNews(f"progress-{item.pk}", item.task.recommendation, title, item.note, at))
    return sorted(news, key=lambda entry: entry.at, reverse=True)[:size]


def recommendations_for_document(process: Process, topic_area: str = "") -> list[tuple[TopicArea, list]]:
    """Every live recommendation as the public reads it, by topic area (or of one), for the printed report."""
    areas: dict[int, tuple[TopicArea, list[RecommendationRead]]] = {}
    for read in recommendations_read(process, topic_area=topic_area):
        area = read.recommendation.topic_area
        areas.setdefault(area.pk, (area, []))[1].append(read)
    return list(areas.values())
