"""The outcomes in the open-data API, through its real URLs: published recommendations only (never a draft,
nor a newer draft of a published text), citations that may be shown, the tracker, snapshots, meetings."""

from datetime import date

import pytest

from outcomes.models import Alternative, Citation, Meeting, TaskStatus
from outcomes.services import progress_record, snapshot_take
from review.redactions import passage_redact
from review.services import passage_create, review_status_set
from tests.factories import ProcessFactory, TopicAreaFactory, stakeholder_group
from tests.outcomes.conftest import recommendation_make
from tests.outcomes.test_public import task_make

pytestmark = pytest.mark.django_db

API = "/api/v1/processes/WGIGF"


def test_recommendations_show_published_text_alternatives_and_shown_citations(client, call, published):
    cited = published(**{f"answer_{call.questions.first().pk}": "Fund the forum. Call Jane Doe on 555-0100."})
    shown = passage_create(submission=cited, source="answer", excerpt="Fund the forum.", by=published.admin)
    secret = passage_create(submission=cited, source="answer", excerpt="Call Jane Doe on 555-0100.", by=published.admin)
    unpublished = published()
    recommendation = recommendation_make(call.process, number="I.1", text="Secure stable funding.", live=False)
    alternative = Alternative(text="Voluntary contributions only.")
    alternative.supporting_groups = [stakeholder_group("GOVERNMENT")]
    recommendation.alternatives.add(alternative)
    for citation in (Citation(submission=cited, passage=shown), Citation(submission=cited, passage=secret)):
        recommendation.citations.add(citation)
    recommendation.citations.add(Citation(submission=unpublished))
    recommendation.save_revision().publish()
    passage_redact(passage=secret, reason="personal data", by=published.admin)
    review_status_set(submission=unpublished, status="not_published", reason="out_of_scope", by=published.admin)
    recommendation.text = "A newer draft, not agreed yet."
    recommendation.save_revision()
    recommendation_make(call.process, number="I.2", text="Only a draft.", live=False)
    other = ProcessFactory(code="OTHER", name="Another body")
    recommendation_make(other, number="I.1", text="Another body's words.", area=TopicAreaFactory(process=other))

    listed = client.get(f"{API}/recommendations").json()
    assert [item["number"] for item in listed] == ["I.1"]
    item = client.get(f"{API}/recommendations/I-1").json()
    assert item == listed[0]
    assert item["text"] == "Secure stable funding." and item["slug"] == "I-1"
    assert item["alternatives"] == [
        {"text": "Voluntary contributions only.", "supporting_groups": ["GOVERNMENT"], "supporting_countries": []}
    ]
    assert item["citations"] == [{"input": cited.reference, "passage": shown.pk, "words": "Fund the forum."}]
    assert item["citations_no_longer_shown"] == 2
    assert "Jane Doe" not in str(listed) and unpublished.reference not in str(listed)
    assert client.get(f"{API}/recommendations/I-2").status_code == 404
    assert client.get("/api/v1/processes/NOPE/recommendations").status_code == 404
    assert client.get(f"{API}/recommendations", {"topic_area": "ZZ"}).json() == []


def test_the_tracker_snapshots_and_meetings(client, call):
    first = recommendation_make(call.process, number="I.1")
    draft = recommendation_make(call.process, number="I.2", live=False)
    task = task_make(first, "I.1-A", due=date(2026, 2, 1))
    task_make(draft, "I.2-A")
    january = snapshot_take(process=call.process, title="January", taken_on=date(2026, 1, 15))
    progress_record(task=task, on=date(2026, 3, 1), status=TaskStatus.ONGOING)
    march = snapshot_take(process=call.process, title="March", taken_on=date(2026, 3, 2))
    Meeting.objects.create(
        process=call.process, number=3, title="Third meeting", starts_on=date(2011, 10, 31), ends_on=date(2011, 11, 2)
    )

    rows = client.get(f"{API}/tracker").json()
    assert [(row["task"], row["status"]) for row in rows] == [("I.1-A", "ongoing")]
    assert client.get(f"{API}/tracker", {"on": "2026-02-01"}).json()[0]["status"] == "to_be_started"
    assert client.get(f"{API}/tracker", {"status": "completed"}).json() == []
    assert client.get(f"{API}/tracker", {"status": "finished"}).status_code == 422
    assert client.get(f"{API}/tracker", {"on": "yesterday"}).status_code == 422

    assert [item["title"] for item in client.get(f"{API}/snapshots").json()] == ["March", "January"]
    assert client.get(f"{API}/snapshots/{january.pk}").json()["rows"][0]["status"] == "to_be_started"
    changes = client.get(f"{API}/snapshots/compare", {"from": march.pk, "to": january.pk}).json()
    assert changes == [
        {"task": "I.1-A", "before": "to_be_started", "after": "ongoing", "due_on": "2026-02-01", "slipped": True}
    ]
    assert client.get(f"{API}/snapshots/compare", {"from": january.pk, "to": 999999}).status_code == 404
    assert client.get(f"{API}/snapshots/999999").status_code == 404

    meetings = client.get(f"{API}/meetings").json()
    assert [(item["number"], item["starts_on"]) for item in meetings] == [(3, "2011-10-31")]


def test_the_meetings_answer_costs_the_same_queries_however_many_meetings(client, call):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{API}/meetings").status_code == 200
        return len(captured)

    def meeting(number):
        made = Meeting.objects.create(
            process=call.process,
            number=number,
            title=f"Meeting {number}",
            starts_on=date(2012, 1, number),
            ends_on=date(2012, 1, number),
        )
        made.agreements.create(topic_area=call.process.topic_areas.first(), text="Agreed.")
        made.documents.create(title="Agenda", url="https://example.org/agenda.pdf")
        made.save()

    meeting(1)
    one = queries()
    for number in (2, 3, 4):
        meeting(number)
    assert queries() == one
