"""The demo's outcomes: the seventeen headings of the chair's slides under the five topic areas, published;
their implementation as the working group evaluated it; the meetings; two snapshots; loading twice
changes nothing, and the public pages serve them and the rest of the demo site."""

from collections import Counter

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

from home.models import CallPage, MandatePage
from outcomes.models import Citation, Meeting, Member, Recommendation, Snapshot, Task
from outcomes.tracker import roll_up
from review.publication import published_submissions
from submissions.models import Submission

# Under pytest-xdist one worker runs them all, on one load of the demo (`seeded`).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo_outcomes")]


def counts():
    return {
        "recommendations": Recommendation.objects.count(),
        "tasks": Task.objects.count(),
        "meetings": Meeting.objects.count(),
        "members": Member.objects.count(),
        "snapshots": Snapshot.objects.count(),
        "citations": Citation.objects.count(),
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module's tests in a transaction rolled back after the last of them.

    Each test runs in a savepoint inside it (pytest-django's django_db), so what one test changes, the next
    does not see.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo")
        yield
        transaction.set_rollback(True)


def test_the_demo_outcomes_follow_the_slides_and_load_once(seeded):
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    assert first["recommendations"] == 17 and first["meetings"] == 3 and first["snapshots"] == 2
    live = Recommendation.objects.filter(live=True)
    assert live.count() == 17
    assert Counter(live.values_list("topic_area__code", flat=True)) == {"A": 4, "B": 3, "C": 3, "D": 4, "E": 3}
    assert live.get(number="I.1").title == "Develop more tangible outputs"
    assert set(Task.objects.values_list("status", flat=True)) == {"completed", "ongoing", "to_be_started", "uncertain"}
    by_area = {
        code: roll_up(list(Task.objects.filter(recommendation__topic_area__code=code).values_list("status", flat=True)))
        for code in "ABCDE"
    }
    assert by_area["C"].label == "uncertain"  # funding, as the evaluation found it


def test_the_demo_alternative_keeps_its_supporters_and_citations_are_of_published_inputs(seeded):
    funding = Recommendation.objects.get(number="III.1")
    alternative = funding.alternatives.get()
    assert funding.standing == "majority"
    assert [group.code for group in alternative.supporting_groups.all()] == ["GOVERNMENT"]
    citations = Citation.objects.all()
    assert citations.exists() and citations.filter(passage__isnull=False).exists()
    assert set(citations.values_list("submission", flat=True)) <= set(
        published_submissions().values_list("pk", flat=True)
    )


def test_the_two_demo_snapshots_show_what_moved(client, seeded):
    earlier, later = Snapshot.objects.order_by("taken_on")
    assert {row["status"] for row in earlier.rows} != {
        row["status"] for row in later.rows
    } or earlier.rows != later.rows
    page = client.get("/en/recommendations/tracker/snapshots/", {"from": earlier.pk, "to": later.pk})
    assert page.status_code == 200 and "Completed" in page.content.decode()


@pytest.mark.parametrize(
    "url, words",
    [
        ("/en/recommendations/", "Strengthen and expand the Secretariat"),
        ("/en/recommendations/III-1/", "regular budget of the United Nations"),
        ("/en/recommendations/tracker/", "Before the Bali IGF"),
        ("/en/meetings/", "Third meeting of the working group"),
        ("/en/meetings/3/", "Consensus on exploring funding by the United Nations."),
        ("/en/mandate/", "Peter Major"),
    ],
)
def test_the_demo_outcomes_are_served(client, seeded, url, words):
    response = client.get(url)
    assert response.status_code == 200
    assert words in response.content.decode()


def test_the_demo_site_serves_its_pages(client, seeded):
    mandate = MandatePage.objects.get(locale__language_code="en")
    for url in [
        "/en/",
        "/en/mandate/",
        "/en/topics/",
        "/en/topics/e/",
        "/en/calls/",
        "/en/calls/improvements-to-the-igf/",
        "/en/calls/improvements-to-the-igf/participation/",
        "/en/inputs/",
        f"/en/inputs/{Submission.objects.filter(review__status='published').first().reference}/",
    ]:
        assert client.get(url).status_code == 200, url
    assert "not a decision-taking forum" in client.get(mandate.url).content.decode()
    client.force_login(get_user_model().objects.get(username="admin"))
    call = CallPage.objects.get(locale__language_code="en", slug="improvements-to-the-igf")
    assert "under target" in client.get(f"/admin/reports/balance/{call.pk}/").content.decode()
