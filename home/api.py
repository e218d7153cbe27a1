"""The calls in the open-data API (`reading.api`): calls are pages of the site, so home adds them."""

from datetime import datetime

from ninja import Schema

from reading.api import api

from .models import CallPage, CallStatus


class QuestionOut(Schema):
    id: int
    text: str
    topic_area: str | None


class CallOut(Schema):
    id: int
    title: str
    slug: str
    url: str
    language: str
    process: str
    opens_at: datetime
    closes_at: datetime
    status: CallStatus
    topic_areas: list[str]
    questions: list[QuestionOut]


@api.get("/calls", response=list[CallOut])
def calls(request):
    """Not cached: a call's status changes at its closing instant, not when something is published."""
    pages = (
        CallPage.objects.live()
        .select_related("process", "locale")
        .prefetch_related("topic_areas", "questions__topic_area")
        .order_by("-opens_at", "pk")
    )
    return [
        {
            "id": call.pk,
            "title": call.title,
            "slug": call.slug,
            "url": call.get_url(request=request),
            "language": call.locale.language_code,
            "process": call.process.code,
            "opens_at": call.opens_at,
            "closes_at": call.closes_at,
            "status": call.status,
            "topic_areas": [area.code for area in call.topic_areas.all()],
            "questions": [
                {"id": item.pk, "text": item.text, "topic_area": item.topic_area and item.topic_area.code}
                for item in call.questions.all()
            ],
        }
        for call in pages
    ]
