"""Every page type, created and read through its real URL."""

from datetime import UTC, datetime, timedelta

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.models import CompositionSeat
from tests.factories import (
    CallPageFactory,
    MandatePageFactory,
    QuestionFactory,
    SubTopicFactory,
    TopicAreaFactory,
    TopicAreaIndexPageFactory,
    stakeholder_group,
)

pytestmark = pytest.mark.django_db


def test_root_redirects_to_the_visitors_language(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_home_page_lists_open_calls_with_their_deadline(client, call_index):
    CallPageFactory(parent=call_index, title="Views on the forum", closes_at=datetime(2099, 3, 1, 12, 0, tzinfo=UTC))
    CallPageFactory(
        parent=call_index,
        title="An old call",
        opens_at=timezone.now() - timedelta(days=60),
        closes_at=timezone.now() - timedelta(days=30),
    )

    response = client.get("/en/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Open calls for input" in html
    assert "Views on the forum" in html
    assert "<bdi>1 March 2099, 13:00</bdi> <bdi>CET</bdi>" in html  # shown in the process's time zone…
    assert "(<bdi>12:00 UTC</bdi>)" in html  # …and in UTC
    assert "Closed calls" in html and "An old call" in html
    assert html.index("Views on the forum") < html.index("An old call")


def test_home_page_says_when_no_call_is_open(client, home_page):
    response = client.get("/en/")
    assert "No call for input is open at the moment." in response.content.decode()


def test_mandate_page_shows_mandate_basic_features_and_composition(client, home_page):
    page = MandatePageFactory(parent=home_page)
    CompositionSeat.objects.create(page=page, stakeholder_group=stakeholder_group("GOVERNMENT"), seats=22)
    CompositionSeat.objects.create(page=page, stakeholder_group=stakeholder_group("CIVIL_SOCIETY"), seats=5)

    response = client.get("/en/mandate/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "To seek, compile and review inputs." in html
    assert "not a decision-taking forum" in html
    assert '<th scope="row">Government</th><td class="num">22</td>' in html
    assert "Civil society" in html


def test_each_topic_area_has_its_page_with_sub_topics_and_questions(client, call_index):
    index = TopicAreaIndexPageFactory(parent=call_index.get_parent())
    area = TopicAreaFactory(process=index.process, code="B", title="Working modalities")
    SubTopicFactory(topic_area=area, code="B.2", title="Improve the working methods of the MAG")
    call = CallPageFactory(parent=call_index, process=index.process, title="Improvements call")
    QuestionFactory(call=call, topic_area=area, text="What should change in the MAG?")

    listing = client.get("/en/topics/").content.decode()
    detail = client.get("/en/topics/b/")

    assert "Working modalities" in listing and 'href="/en/topics/b/"' in listing
    html = detail.content.decode()
    assert detail.status_code == 200
    assert '<h1><span class="code">B.</span> Working modalities</h1>' in html
    assert "Improve the working methods of the MAG" in html
    assert "What should change in the MAG?" in html and "Improvements call" in html


def test_unknown_topic_area_is_not_found(client, home_page):
    TopicAreaIndexPageFactory(parent=home_page)
    assert client.get("/en/topics/z/").status_code == 404


def test_call_index_groups_calls_by_status(client, call_index):
    now = timezone.now()
    CallPageFactory(parent=call_index, title="Now open")
    CallPageFactory(
        parent=call_index, title="Next year", opens_at=now + timedelta(days=365), closes_at=now + timedelta(days=400)
    )
    CallPageFactory(
        parent=call_index, title="Long ago", opens_at=now - timedelta(days=400), closes_at=now - timedelta(days=365)
    )

    html = client.get("/en/calls/").content.decode()

    assert html.index("Open calls for input") < html.index("Now open") < html.index("Upcoming calls")
    assert html.index("Upcoming calls") < html.index("Next year") < html.index("Closed calls") < html.index("Long ago")


def test_call_page_shows_background_questions_and_window(client, call_index):
    call = CallPageFactory(
        parent=call_index,
        title="Improvements to the forum",
        opens_at=datetime(2026, 1, 5, 8, 0, tzinfo=UTC),
        closes_at=datetime(2099, 6, 30, 21, 59, tzinfo=UTC),
        background=[("paragraph", "<p>Why we ask.</p>")],
    )
    area = TopicAreaFactory(process=call.process, code="C", title="Funding")
    call.topic_areas.add(area)
    call.save()
    QuestionFactory(call=call, topic_area=area, text="How should the forum be funded?", help_text="Be concrete.")

    response = client.get(call.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "This call is open for input." in html
    assert '<time datetime="2026-01-05T08:00:00Z"><bdi>5 January 2026, 09:00</bdi> <bdi>CET</bdi>' in html
    assert "<bdi>30 June 2099, 23:59</bdi> <bdi>CEST</bdi>" in html and "(<bdi>21:59 UTC</bdi>)" in html
    assert "Why we ask." in html
    assert "How should the forum be funded?" in html and "Be concrete." in html
    assert "C. Funding" in html


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (timedelta(microseconds=-1), "upcoming"),
        (timedelta(0), "open"),
        (timedelta(days=10) - timedelta(microseconds=1), "open"),
        (timedelta(days=10), "closed"),
    ],
)
def test_call_status_around_the_open_and_close_instants(offset, expected):
    opens = datetime(2030, 1, 1, 9, 0, tzinfo=UTC)
    call = CallPageFactory.build(opens_at=opens, closes_at=opens + timedelta(days=10))
    assert call.status_at(opens + offset) == expected


@pytest.mark.parametrize(
    ("opens_in", "closes_in", "message"),
    [
        (timedelta(days=2), timedelta(days=3), "This call is not open yet."),
        (timedelta(days=-3), timedelta(days=-2), "This call is closed; inputs are no longer accepted."),
    ],
)
def test_call_page_tells_when_a_call_is_not_open(client, call_index, opens_in, closes_in, message):
    now = timezone.now()
    call = CallPageFactory(parent=call_index, opens_at=now + opens_in, closes_at=now + closes_in)
    assert message in client.get(call.url).content.decode()


def test_arabic_pages_are_right_to_left(client, home_page):
    html = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert 'lang="en" dir="ltr"' in html  # content not yet translated stays marked as English


def queries_for(client, url):
    """The queries of rendering the page (not of answering from the public cache, which the mandate uses)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_call_and_mandate_pages_make_the_same_number_of_queries_whatever_their_length(client, call_index):
    home = call_index.get_parent()
    call = CallPageFactory(parent=call_index)
    mandate = MandatePageFactory(parent=home)
    area = TopicAreaFactory(process=call.process)
    QuestionFactory(call=call, topic_area=area)
    CompositionSeat.objects.create(page=mandate, stakeholder_group=stakeholder_group("IGO"), seats=5)
    client.get(call.url)  # warm the per-process caches (site root paths, content types)
    short = {url: queries_for(client, url) for url in (call.url, mandate.url)}

    for _ in range(5):
        QuestionFactory(call=call, topic_area=TopicAreaFactory(process=call.process))
    for code in ("GOVERNMENT", "CIVIL_SOCIETY", "PRIVATE_SECTOR"):
        CompositionSeat.objects.create(page=mandate, stakeholder_group=stakeholder_group(code), seats=5)

    assert {url: queries_for(client, url) for url in (call.url, mandate.url)} == short
