"""The outcomes in the open-data API (`reading.api`): a process's published recommendations with their
alternatives and the citations that may be shown, its tracker (now or at a date), snapshots and what
changed between two, and its meetings. Drafts are never read here (see `reading.outcomes`).

As for the inputs, a filter code that names nothing matches nothing, and an unknown process, recommendation
or snapshot is a 404."""

from datetime import date

from ninja import Field, Query, Schema
from ninja.decorators import decorate_view

from django.http import Http404

from outcomes.models import TaskStatus
from outcomes.pages import recommendation_index_url, recommendation_url
from reference.models import Process
from review.publication import redacted_text

from . import outcomes
from .api import NUL, REDACTED, ErrorOut, InvalidParametersOut, api
from .public_cache import cached_view_for_public


class AlternativeOut(Schema):
    text: str
    supporting_groups: list[str]
    supporting_countries: list[str] = Field(description="ISO 3166 alpha-3 codes.")


class CitationOut(Schema):
    input: str = Field(description="The cited input's reference (`/api/v1/inputs/{reference}`).")
    passage: int | None = Field(description="The cited passage's id (`#passage-<id>` on the input's page).")
    words: str | None = Field(description=f"The passage's words, redactions read {REDACTED}; null for a whole input.")


class RecommendationOut(Schema):
    number: str
    slug: str = Field(description="The number as addresses write it (I.1 → I-1).")
    url: str | None = Field(description="Its page on the site, if the site has one.")
    topic_area: str
    title: str
    text: str
    rationale: str
    standing: str = Field(description="`consensus` or `majority`.")
    supporting_groups: list[str]
    supporting_countries: list[str]
    meeting: int | None = Field(description="The number of the meeting that drafted it.")
    alternatives: list[AlternativeOut]
    citations: list[CitationOut]
    citations_no_longer_shown: int = Field(description="Cited inputs or passages the public may no longer read.")
    published_at: str | None


class TaskRowOut(Schema):
    task: str
    recommendation: str
    topic_area: str
    description: str
    bodies: list[str]
    milestone: str | None
    due_on: str | None
    has_cost: bool
    status: TaskStatus


class SnapshotSummaryOut(Schema):
    id: int
    title: str
    taken_on: date


class SnapshotOut(SnapshotSummaryOut):
    rows: list[TaskRowOut]


class ChangeOut(Schema):
    task: str
    before: str | None = Field(description="Null: the task is new since the earlier snapshot.")
    after: str | None = Field(description="Null: the task is gone from the later snapshot.")
    due_on: str | None
    slipped: bool = Field(description="Due by the later snapshot's date and not completed then.")


class AgreementOut(Schema):
    topic_area: str
    text: str


class DocumentOut(Schema):
    title: str
    url: str


class MeetingOut(Schema):
    number: int
    title: str
    starts_on: date
    ends_on: date
    place: str
    summary: str = Field(description="The chair's summary, as HTML.")
    agenda: list[str]
    agreements: list[AgreementOut]
    documents: list[DocumentOut]
    recommendations: list[str] = Field(description="Numbers of the published recommendations it drafted.")


class TrackerFilters(Schema):
    topic_area: str | None = Field(None, description="A topic area's code, e.g. `A`.")
    status: TaskStatus | None = None
    body: str | None = Field(None, description="A responsible body's code, e.g. `SECRETARIAT`.")
    milestone: str | None = Field(None, description="A target's code, e.g. `BEFORE_BALI`.")
    on: date | None = Field(None, description="The tracker as it stood at the end of this day.")


def process_found(code: str) -> Process:
    process = None if NUL in code else Process.objects.filter(code=code).order_by("pk").first()
    if process is None:
        raise Http404
    return process


def recommendation_out(read: outcomes.RecommendationRead, index_url: str | None) -> dict:
    item = read.recommendation
    return {
        "number": item.number,
        "slug": item.slug,
        "url": recommendation_url(item, "", index_url) if index_url else None,
        "topic_area": item.topic_area.code,
        "title": item.title,
        "text": item.text,
        "rationale": item.rationale,
        "standing": item.standing,
        "supporting_groups": [group.code for group in item.supporting_groups.all()],
        "supporting_countries": [country.iso3 for country in item.supporting_countries.all()],
        "meeting": item.meeting.number if item.meeting_id else None,
        "alternatives": [
            {
                "text": alternative.text,
                "supporting_groups": [group.code for group in alternative.supporting_groups.all()],
                "supporting_countries": [country.iso3 for country in alternative.supporting_countries.all()],
            }
            for alternative in read.alternatives
        ],
        "citations": [
            {
                "input": cited.citation.submission.reference,
                "passage": cited.citation.passage_id,
                "words": redacted_text(cited.pieces) if cited.citation.passage_id else None,
            }
            for cited in read.citations
        ],
        "citations_no_longer_shown": read.hidden_citations,
        "published_at": item.last_published_at.isoformat() if item.last_published_at else None,
    }


@api.get("/processes/{code}/recommendations", response={200: list[RecommendationOut], 404: ErrorOut})
@decorate_view(cached_view_for_public)
def recommendations(request, code: str, topic_area: str | None = None):
    """A process's published recommendations, in its order (topic area, then number)."""
    process = process_found(code)
    reads = outcomes.recommendations_read(process, topic_area=code_of(topic_area))
    index_url = recommendation_index_url(process.pk, request.LANGUAGE_CODE)
    return [recommendation_out(read, index_url) for read in reads]


@api.get("/processes/{code}/recommendations/{slug}", response={200: RecommendationOut, 404: ErrorOut})
@decorate_view(cached_view_for_public)
def recommendation(request, code: str, slug: str):
    process = process_found(code)
    read = outcomes.recommendation_read(process, slug)
    if read is None:
        raise Http404
    return recommendation_out(read, recommendation_index_url(process.pk, request.LANGUAGE_CODE))


@api.get("/processes/{code}/tracker", response={200: list[TaskRowOut], 404: ErrorOut, 422: InvalidParametersOut})
@decorate_view(cached_view_for_public)
def tracker(request, code: str, filters: Query[TrackerFilters]):
    """The tasks of the published recommendations, with their status today or at the end of `on`."""
    process = process_found(code)
    codes = {name: code_of(value) for name, value in filters.model_dump(exclude={"on"}).items()}
    return outcomes.tracker_rows(process, outcomes.TrackerFilters(**codes, on=filters.on))


def code_of(value) -> str:
    """A filter's code as the query holds it; one with a NUL (which no code has) matches nothing."""
    return "" if value is None else str(value).replace(NUL, "\uffff")


@api.get("/processes/{code}/snapshots", response={200: list[SnapshotSummaryOut], 404: ErrorOut})
@decorate_view(cached_view_for_public)
def snapshots(request, code: str):
    return list(outcomes.snapshots_public(process_found(code)))


@api.get(
    "/processes/{code}/snapshots/compare",
    response={200: list[ChangeOut], 404: ErrorOut, 422: InvalidParametersOut},
)
@decorate_view(cached_view_for_public)
def snapshots_compare(
    request, code: str, earlier: int = Query(..., alias="from", ge=1), later: int = Query(..., alias="to", ge=1)
):
    """What moved between two snapshots (in either order) and which tasks slipped past their target."""
    found = {item.pk: item for item in outcomes.snapshots_public(process_found(code)).filter(pk__in=[earlier, later])}
    if earlier not in found or later not in found:
        raise Http404
    first, second = sorted([found[earlier], found[later]], key=lambda item: (item.taken_on, item.pk))
    return [change.__dict__ for change in outcomes.snapshots_change(first, second)]


@api.get(
    "/processes/{code}/snapshots/{snapshot_id}", response={200: SnapshotOut, 404: ErrorOut, 422: InvalidParametersOut}
)
@decorate_view(cached_view_for_public)
def snapshot(request, code: str, snapshot_id: int):
    found = outcomes.snapshots_public(process_found(code)).filter(pk=snapshot_id).first()
    if found is None:
        raise Http404
    return found


@api.get("/processes/{code}/meetings", response={200: list[MeetingOut], 404: ErrorOut})
@decorate_view(cached_view_for_public)
def meetings(request, code: str):
    """A process's meetings, newest first."""
    process = process_found(code)
    return [meeting_out(meeting) for meeting in outcomes.meetings_read(process)]


def meeting_out(meeting) -> dict:
    return {
        "number": meeting.number,
        "title": meeting.title,
        "starts_on": meeting.starts_on,
        "ends_on": meeting.ends_on,
        "place": meeting.place,
        "summary": meeting.summary,
        "agenda": [item.title for item in meeting.agenda_items.all()],
        "agreements": [{"topic_area": item.topic_area.code, "text": item.text} for item in meeting.agreements.all()],
        "documents": [{"title": item.title, "url": item.url} for item in meeting.documents.all()],
        "recommendations": [item.number for item in meeting.recommendations.all()],
    }
