"""The read-only open-data API under /api/v1/: topic areas, published inputs and their statistics (the
calls, which are pages of the site, are added to it by `home.api`).

Anonymous and read-only. Inputs come only from `review.publication.published_submissions()`, through the
same public view as the input's page (`reading.public_view`); contact emails, notes and reviewers' work are
never part of a schema.
"""

import base64
import json
from datetime import datetime

from ninja import Field, Query, Schema
from ninja.decorators import decorate_view
from ninja.errors import HttpError

from django.conf import settings
from django.db import connection
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from reading.api_docs import ApiDocs
from reading.listing import fact_values, facts_filtered, submissions_filtered
from reading.public_cache import cached_view_for_public
from reading.public_view import PublicView, public_view, public_views
from reading.statistics import published_statistics
from reading.throttling import ThrottledAPI, api_throttles
from reference.models import TopicArea
from review.publication import published_submissions

REDACTED = '"[redacted]", or "[redacted: personal data]" where the redaction gives its category'
NUL = "\x00"  # PostgreSQL text cannot hold it, so no code, slug or reference has one: such a value matches nothing

# Anonymous GETs are served from the public page cache (reading/public_cache.py), exact to the last publication.
api = ThrottledAPI(
    title="Multi-stakeholder input portal",
    version="1",
    urls_namespace="api_v1",
    description="Published inputs, calls, topic areas, statistics and the outcomes of each process; read-only.",
    docs=ApiDocs(),
    throttle=api_throttles(),  # per client address, API_RATE_ANON; a 429 says when to retry (reading/throttling.py)
    openapi_extra={
        "info": {
            "license": {"name": settings.API_LICENCE_NAME, "url": settings.API_LICENCE_URL},
            "contact": {"email": settings.API_CONTACT_EMAIL},
        }
    },
)


class SubTopicOut(Schema):
    code: str
    title: str


class TopicAreaOut(Schema):
    process: str
    code: str
    title: str
    description: str
    language: str
    sub_topics: list[SubTopicOut]


class StakeholderGroupOut(Schema):
    code: str
    name: str


class CountryOut(Schema):
    iso3: str
    name: str
    regional_group: str


class AnswerOut(Schema):
    question: int
    question_text: str
    text: str = Field(description=f"Redacted words read {REDACTED}.")


class AttachmentOut(Schema):
    name: str
    size: int
    sha256: str
    url: str = Field(description="Where the file downloads.")


class InputOut(Schema):
    reference: str
    call: str
    stakeholder_group: StakeholderGroupOut
    country: CountryOut | None
    language: str
    is_official: bool = Field(
        description="True when the input is a verified official submission of a government or an intergovernmental "
        "organisation (sent from a focal point's confirmed address, or verified by the secretariat). An official "
        "claim not verified is false here."
    )
    received: str = Field(
        description="`form` (sent through the form), or `letter` or `email` (entered by the secretariat on the "
        "author's behalf)."
    )
    published_at: datetime | None
    organisation: str | None = Field(description="Only when the submitter chose to publish with names.")
    name: str | None = Field(description="Only when the submitter chose to publish with names.")
    topic_areas: list[str]
    answers: list[AnswerOut]
    general_comment: str = Field(description=f"Redacted words read {REDACTED}.")
    attachments: list[AttachmentOut]


class InputPage(Schema):
    items: list[InputOut]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")


class ErrorOut(Schema):
    detail: str


class InvalidParameter(Schema):
    loc: list[str | int] = Field(description='Where, e.g. `["query", "limit"]`.')
    msg: str
    type: str


class InvalidParametersOut(Schema):
    detail: list[InvalidParameter]


class InputFilters(Schema):
    """The listing's filters, by the same codes as its page's URL (an empty value is no filter)."""

    q: str | None = Field(None, description="Words, stemmed in each input's language; redacted words never match.")
    call: str | None = Field(None, description="A call's slug.")
    topic_area: str | None = Field(None, description="A topic area's code, e.g. `A`.")
    sub_topic: str | None = Field(None, description="A sub-topic's code, e.g. `A.1`.")
    stakeholder_group: str | None = Field(None, description="e.g. `GOVERNMENT`.")
    regional_group: str | None = Field(None, description="e.g. `WEOG`.")
    country: str | None = Field(None, description="ISO 3166 alpha-3, e.g. `HUN`.")
    language: str | None = Field(None, description="`ar`, `zh-hans`, `en`, `fr`, `ru` or `es`.")
    official: bool | None = Field(
        None, description="Verified official submissions only (true), or none of them (false)."
    )


class GroupCount(Schema):
    code: str | None
    count: int


class TableRow(Schema):
    stakeholder_group: str
    topic_area: str | None
    regional_group: str | None
    count: int


class StatisticsOut(Schema):
    total: int
    by_stakeholder_group: list[GroupCount]
    by_regional_group: list[GroupCount]
    by_topic_area: list[GroupCount]
    table: list[TableRow]


def country_out(country) -> dict:
    return {"iso3": country.iso3, "name": country.name, "regional_group": country.regional_group.code}


def input_out(public: PublicView) -> dict:
    """One input as its public page shows it."""
    submission, country = public.submission, public.submission.country
    return {
        "reference": submission.reference,
        "call": submission.call.slug,
        "stakeholder_group": submission.stakeholder_group,
        "country": country and country_out(country),
        "language": submission.language,
        "is_official": submission.official_verified,
        "received": submission.channel,
        "published_at": submission.review.published_at,
        "organisation": public.organisation or None,
        "name": public.name or None,
        "topic_areas": [area.code for area in public.topic_areas],
        "answers": [
            {"question": item.answer.question_id, "question_text": item.question.text, "text": item.text}
            for item in public.answers
        ],
        "general_comment": public.general_comment_text,
        "attachments": [
            {
                "name": item.name,
                "size": item.size,
                "sha256": item.sha256,
                "url": reverse("attachments:download", args=[item.pk]),
            }
            for item in public.attachments
        ],
    }


def cursor_encode(pk: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"pk": pk}).encode()).decode().rstrip("=")


def cursor_decode(cursor: str) -> int:
    try:
        pk = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))["pk"]
    except (ValueError, TypeError, KeyError):  # bad base64, bad JSON, no "pk"
        pk = None
    if type(pk) is not int or pk < 1:
        raise HttpError(400, "Invalid cursor: pass the next_cursor of a previous page unchanged.")
    return pk


@api.get("/topic-areas", response=list[TopicAreaOut])
@decorate_view(cached_view_for_public)
def topic_areas(request):
    areas = TopicArea.objects.select_related("process", "locale").prefetch_related("sub_topics")
    return [
        {
            "process": area.process.code,
            "code": area.code,
            "title": area.title,
            "description": area.description,
            "language": area.locale.language_code,
            "sub_topics": list(area.sub_topics.all()),
        }
        for area in areas.order_by("process__code", "locale__language_code", "sort_order", "code")
    ]


@api.get("/inputs", response={200: InputPage, 400: ErrorOut, 422: InvalidParametersOut})
@decorate_view(cached_view_for_public)
def inputs(request, filters: Query[InputFilters], cursor: str | None = None, limit: int = Query(50, ge=1, le=100)):
    """Published inputs, newest first; pass `next_cursor` back as `cursor` for the next page."""
    wanted = filters.model_dump(exclude_none=True)
    if connection.vendor != "postgresql":  # the embedded SQLite keeps no published facts
        return inputs_joined(wanted, cursor, limit)
    facts = facts_filtered(fact_values(wanted), q=wanted.get("q", ""))
    if any(NUL in str(value) for value in wanted.values()):
        facts = facts.none()
    if cursor is not None:
        facts = facts.filter(pk__lt=cursor_decode(cursor))
    # one more than asked, to know whether a next page exists; the inputs loaded by id in the same query
    ids = facts.order_by("-pk").values("pk")[: limit + 1]
    page = list(published_submissions().filter(pk__in=ids).order_by("-pk"))
    next_cursor = cursor_encode(page[limit - 1].pk) if len(page) > limit else None
    return {"items": [input_out(item) for item in public_views(page[:limit])], "next_cursor": next_cursor}


def inputs_joined(wanted: dict, cursor: str | None, limit: int) -> dict:
    official = wanted.pop("official", None)
    found = submissions_filtered(published_submissions(), wanted)
    if official is not None:
        found = found.filter(official_verified=official)
    if any(NUL in str(value) for value in wanted.values()):
        found = found.none()
    if cursor is not None:
        found = found.filter(pk__lt=cursor_decode(cursor))
    page = list(found.order_by("-pk")[: limit + 1])
    next_cursor = cursor_encode(page[limit - 1].pk) if len(page) > limit else None
    return {"items": [input_out(item) for item in public_views(page[:limit])], "next_cursor": next_cursor}


@api.get("/inputs/{reference}", response={200: InputOut, 404: ErrorOut})
@decorate_view(cached_view_for_public)
def input_detail(request, reference: str):
    if NUL in reference:
        raise Http404
    return input_out(public_view(get_object_or_404(published_submissions(), reference=reference)))


@api.get("/statistics", response=StatisticsOut)
@decorate_view(cached_view_for_public)
def statistics(request):
    """Counts of published inputs; an input mapped to several topic areas counts once in each."""
    return published_statistics()


class IndexOut(Schema):
    title: str
    version: str
    documentation: str = Field(description="The documentation: every path, and an interactive explorer.")
    openapi: str = Field(description="This API's OpenAPI document.")
    paths: list[str]


@api.get("/", response=IndexOut)
def index(request):
    """Where to start: the documentation, the OpenAPI document and every path."""
    base = reverse("api_v1:api-root")
    schema = api.get_openapi_schema(path_prefix=base)
    return {
        "title": api.title,
        "version": api.version,
        "documentation": reverse("api_v1:openapi-view"),
        "openapi": reverse("api_v1:openapi-json"),
        "paths": sorted(schema["paths"]),
    }
