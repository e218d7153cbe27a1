"""The reviewers' list of inputs pages by cursor: every input once, in order, under every sort and filter,
without OFFSET and without counting the whole table; a broken page link shows the first page."""

import html
import re
from datetime import timedelta

import pytest

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reference.models import Country
from review.admin_views import SubmissionIndexView
from review.models import CallReviewer, Mapping, Review, ReviewStatus
from submissions.models import Submission, SubmissionStatus
from tests.factories import CallPageFactory, SubTopicFactory, stakeholder_group
from tests.review.conftest import staff_user

pytestmark = pytest.mark.django_db

ROW = re.compile(r'href="/admin/inputs/(\d+)/review/(?:\?queue=[^"]*)?"')
NEXT = re.compile(r'<a href="([^"]+)" rel="next">')
PREVIOUS = re.compile(r'<a href="([^"]+)" rel="prev">')


@pytest.fixture
def listing(call, call_index, settings):
    """45 inputs of the reviewer's call (ties in time and in organisation included) and 5 of a call they do
    not review; pages of 10."""
    settings.REVIEW_LIST_PAGE_SIZE = 10
    reviewer = staff_user("reviewer")
    CallReviewer.objects.create(call=call, user=reviewer)
    other_call = CallPageFactory(parent=call_index, process=call.process, title="Other", slug="other")
    group, country = stakeholder_group("GOVERNMENT"), Country.objects.get(iso3="HUN")
    topic = call.questions.first().topic_area
    start = timezone.now() - timedelta(days=1)
    statuses = [ReviewStatus.NEW, ReviewStatus.IN_REVIEW, ReviewStatus.PUBLISHED]
    submissions = Submission.objects.bulk_create(
        Submission(
            call=call if n < 45 else other_call,
            reference=f"T-{n:03d}",
            status=SubmissionStatus.RECEIVED,
            confirmed_at=start,
            submitted_at=start + timedelta(minutes=n // 3),  # three inputs share each minute
            organisation=["", "Mission", "Alpha", "Zeta"][n % 4],
            stakeholder_group=group,
            country=country,
            contact_name="Someone",
            language=["en", "fr"][n % 2],
            publication="named",
            privacy_notice_version="test",
            fingerprint="0" * 64,
        )
        for n in range(50)
    )
    Review.objects.bulk_create(Review(submission=s, status=statuses[n % 3]) for n, s in enumerate(submissions))
    sub_topic = SubTopicFactory(topic_area=topic)
    Mapping.objects.bulk_create(  # twice each: to the topic area, and to one of its sub-topics
        Mapping(submission=s, topic_area=topic, sub_topic=sub, created_by=reviewer)
        for s in submissions[::4]
        for sub in (None, sub_topic)
    )
    Review.objects.filter(submission__in=submissions[::5]).update(
        search_vector=SearchVector("status", config="simple")  # "new", "in_review" or "published"
    )
    return {"reviewer": reviewer, "own": [s for s in submissions if s.call_id == call.pk]}


def walk(client, url: str) -> tuple[list[int], list[list], list[str]]:
    """Follow "Next" from `url` to the end, then "Previous" back to the start: the ids in the order shown,
    the SQL of every request, and the pages met going back (as id lists)."""
    shown, queries, pages, links = [], [], [], []
    while url:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        ids = [int(pk) for pk in ROW.findall(page)]
        shown += ids
        pages.append(ids)
        queries.append([q["sql"] for q in captured])
        links.append(page)
        url = html.unescape(NEXT.search(page).group(1)) if NEXT.search(page) else None
    back, url = [], html.unescape(PREVIOUS.search(links[-1]).group(1)) if PREVIOUS.search(links[-1]) else None
    while url:
        page = client.get(url).content.decode()
        back.append([int(pk) for pk in ROW.findall(page)])
        url = html.unescape(PREVIOUS.search(page).group(1)) if PREVIOUS.search(page) else None
    assert back == pages[-2::-1], "going back shows the same pages as going forward"
    return shown, queries, pages


def expected(submissions, key: str, keep=lambda s: True) -> list[int]:
    name = key.removeprefix("-")
    rows = sorted((s for s in submissions if keep(s)), key=lambda s: (getattr(s, name), s.pk))
    return [s.pk for s in (rows[::-1] if key.startswith("-") else rows)]


def test_every_sort_and_filter_shows_each_visible_input_once_in_order_without_offset_or_full_count(
    client, listing, monkeypatch
):
    client.force_login(listing["reviewer"])
    own = listing["own"]
    mapped = set(Mapping.objects.values_list("submission_id", flat=True))
    status = dict(Review.objects.values_list("submission_id", "status"))
    topic = Mapping.objects.first().topic_area_id
    cases = [
        ("", "-submitted_at", lambda s: True),
        ("?ordering=submitted_at", "submitted_at", lambda s: True),
        ("?ordering=organisation", "organisation", lambda s: True),
        ("?ordering=-organisation", "-organisation", lambda s: True),
        ("?review_status=new", "-submitted_at", lambda s: status[s.pk] == "new"),
        (f"?topic_area={topic}&ordering=organisation", "organisation", lambda s: s.pk in mapped),
        (
            "?review_status=published&language=fr",
            "-submitted_at",
            lambda s: status[s.pk] == "published" and s.language == "fr",
        ),
        ("?q=new", "-submitted_at", lambda s: s in own[::5] and status[s.pk] == "new"),
    ]
    for query, key, keep in cases:
        shown, queries, pages = walk(client, f"/admin/inputs/{query}")
        assert shown == expected(own, key, keep), query
        assert all(len(page) <= 10 for page in pages)
        sql = [statement.upper() for request in queries for statement in request]
        assert not [s for s in sql if " OFFSET " in s], query
        assert not [s for s in sql if "COUNT(" in s and "LIMIT 1001" not in s], query
        # The same number of queries on every page, however deep.
        assert len({len(request) for request in queries}) == 1, (query, [len(r) for r in queries])
        assert len(queries[0]) <= 40  # the admin chrome and the filter choices, none per row
    # A search with more matches than it lists by id walks the order instead: the same inputs, in order.
    monkeypatch.setattr(SubmissionIndexView, "search_few", 2)
    shown, queries, _pages = walk(client, "/admin/inputs/?q=new")
    assert shown == expected(own, "-submitted_at", lambda s: s in own[::5] and status[s.pk] == "new")
    assert not [s for request in queries for s in request if " OFFSET " in s.upper() or "COUNT(" in s.upper()]
    # The first page says how many inputs there are; the reviewer never sees the other call's inputs.
    page = client.get("/admin/inputs/").content.decode()
    assert "45 inputs" in page
    assert "T-045" not in page and "T-049" not in page


def test_a_broken_page_link_shows_the_first_page_with_a_message(client, listing):
    client.force_login(listing["reviewer"])
    first = [int(pk) for pk in ROW.findall(client.get("/admin/inputs/").content.decode())]
    for cursor in ("garbage!", "WyItc3VibWl0dGVkX2F0IiwibmV4dCIsIm5vdCBhIGRhdGUiLDFd", "W10"):
        response = client.get("/admin/inputs/", {"cursor": cursor})
        assert response.status_code == 200
        page = response.content.decode()
        assert "That page link is not valid" in page
        assert [int(pk) for pk in ROW.findall(page)] == first
    # A link made under another sort (kept by the sort links) simply starts that sort from the top.
    next_link = html.unescape(NEXT.search(client.get("/admin/inputs/").content.decode()).group(1))
    response = client.get(next_link + "&ordering=organisation")
    assert "That page link is not valid" not in response.content.decode()
    assert [int(pk) for pk in ROW.findall(response.content.decode())] == expected(listing["own"], "organisation")[:10]
