"""The reviewer's dashboard (/admin/): their queue counted by call and status, each count a link to that list;
assignments due, overdue ones said so; inputs back after a submitter's edit; the week's suggestions. Each user
sees only the inputs they may see, and one who edits no page is spared Wagtail's page panels and search."""

import html
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from review.models import CallReviewer, Review, ReviewStatus, Suggestion, SuggestionDecision
from tests.review.conftest import received_input
from tests.review.queue import inputs_make, listed_ids
from tests.review.test_submitter_edits import edit, publish, sent

pytestmark = pytest.mark.django_db

NEW, IN_REVIEW, MAPPED = ReviewStatus.NEW, ReviewStatus.IN_REVIEW, ReviewStatus.MAPPED
PUBLISHED, NOT_PUBLISHED = ReviewStatus.PUBLISHED, ReviewStatus.NOT_PUBLISHED


@pytest.fixture
def other_call(people, call):
    return people["other_reviewer"].reviewed_calls.get().call


@pytest.fixture
def queue(call, other_call, people):
    """In the call reviewed by `call_reviewer`: 3 received (one assigned to them), 2 in review (one assigned), 1
    mapped, 2 published, 1 not published. In the other call: 2 received, 1 in review, 1 assigned to
    `other_reviewer`."""
    reviewer = people["call_reviewer"]
    made = {
        "new": inputs_make(call, NEW, 2) + inputs_make(call, NEW, assigned_to=reviewer),
        "in_review": inputs_make(call, IN_REVIEW) + inputs_make(call, IN_REVIEW, assigned_to=reviewer),
        "mapped": inputs_make(call, MAPPED),
        "decided": inputs_make(call, PUBLISHED, 2) + inputs_make(call, NOT_PUBLISHED),
        "other": inputs_make(other_call, NEW, 2, prefix="OTHER")
        + inputs_make(other_call, IN_REVIEW, prefix="OTHER", assigned_to=people["other_reviewer"]),
    }
    return made


def signed_in(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def dashboard(browser) -> BeautifulSoup:
    response = browser.get("/admin/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def row_cells(row) -> list[tuple[str, str | None]]:
    """Each count of a row of the queue: its number, and the address it links to (None when not a link)."""
    return [(cell.get_text(strip=True), cell.a and html.unescape(cell.a["href"])) for cell in row.find_all("td")]


def test_a_reviewer_sees_the_inputs_of_their_call_awaiting_a_decision_counted_by_status(queue, call, people):
    browser = signed_in(people["call_reviewer"])
    page = dashboard(browser)

    table = page.select_one("[data-review-queue]")
    assert [th.get_text(strip=True) for th in table.thead.find_all("th")] == [
        "Call",
        "Received",
        "In review",
        "Mapped",
        "All awaiting a decision",
    ]
    calls = table.tbody.find_all("tr")
    assert [row["data-call"] for row in calls] == [str(call.pk)]  # their call alone
    cells = row_cells(calls[0])
    assert [number for number, _url in cells] == ["3", "2", "1", "6"]
    expected = [queue["new"], queue["in_review"], queue["mapped"], queue["new"] + queue["in_review"] + queue["mapped"]]
    for (_number, url), inputs in zip(cells, expected, strict=True):
        assert f"call={call.pk}" in url
        assert listed_ids(browser, url) == {s.pk for s in inputs}, url

    mine = row_cells(table.select_one("[data-mine]"))
    assert [number for number, _url in mine] == ["1", "1", "0", "2"]
    assert mine[2][1] is None  # nothing to list: no link
    assert listed_ids(browser, mine[0][1]) == {queue["new"][2].pk}
    assert listed_ids(browser, mine[3][1]) == {queue["new"][2].pk, queue["in_review"][1].pk}
    assert "mine=true" in mine[3][1]


def test_a_reviewer_of_another_call_sees_none_of_the_first_calls_inputs(queue, call, other_call, people):
    page = dashboard(signed_in(people["other_reviewer"]))

    table = page.select_one("[data-review-queue]")
    assert [row["data-call"] for row in table.tbody.find_all("tr")] == [str(other_call.pk)]
    assert [number for number, _url in row_cells(table.tbody.tr)] == ["2", "1", "0", "3"]
    assert [number for number, _url in row_cells(table.select_one("[data-mine]"))] == ["0", "1", "0", "1"]
    text = str(page)
    assert f"call={call.pk}" not in html.unescape(text)
    assert not any(s.reference in text for s in queue["new"] + queue["in_review"] + queue["mapped"])


def test_the_secretariat_sees_every_call_of_its_process_and_their_totals(queue, call, other_call, people):
    table = dashboard(signed_in(people["secretariat"])).select_one("[data-review-queue]")

    rows = {row["data-call"]: [n for n, _url in row_cells(row)] for row in table.tbody.find_all("tr")}
    assert rows == {str(call.pk): ["3", "2", "1", "6"], str(other_call.pk): ["2", "1", "0", "3"]}
    assert [number for number, _url in row_cells(table.select_one("[data-total]"))] == ["5", "3", "1", "9"]


def test_a_user_who_may_not_use_the_review_admin_sees_no_review_panel(queue, people):
    response = signed_in(people["staff"]).get("/admin/")

    assert response.status_code == 200
    page = response.content.decode()
    for panel in ("review-queue", "review-assignments-due", "review-back-after-edit", "review-suggestions"):
        assert f'id="{panel}-section"' not in page
    assert not any(s.reference in page for s in queue["new"])


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_assignments_due_are_listed_soonest_first_overdue_ones_said_so(call, other_call, people):
    reviewer = people["call_reviewer"]
    today = timezone.localdate()
    late = inputs_make(call, IN_REVIEW, assigned_to=reviewer, due_on=today - timedelta(days=2))[0]
    soon = inputs_make(call, NEW, assigned_to=reviewer, due_on=today + timedelta(days=1))[0]
    later = inputs_make(call, MAPPED, assigned_to=reviewer, due_on=today + timedelta(days=9))[0]
    inputs_make(call, NEW, assigned_to=reviewer)  # no due date
    inputs_make(call, PUBLISHED, assigned_to=reviewer, due_on=today - timedelta(days=5))  # decided
    someone_elses = inputs_make(call, NEW, assigned_to=people["secretariat"], due_on=today)[0]
    browser = signed_in(reviewer)

    panel = dashboard(browser).select_one("#review-assignments-due-section")

    rows = panel.select("[data-assignments-due] tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == [late.reference, soon.reference, later.reference]
    assert [row.th.a["href"] for row in rows] == [f"/admin/inputs/{s.pk}/review/" for s in (late, soon, later)]
    assert "Overdue" in rows[0].get_text() and rows[0].has_attr("data-overdue")
    assert not any("Overdue" in row.get_text() for row in rows[1:])
    assert someone_elses.reference not in str(panel)
    assert panel.select_one("[data-due-count]").get_text(strip=True) == "3"
    overdue = panel.select_one("[data-overdue-count] a")
    assert overdue.get_text(strip=True) == "1"
    assert listed_ids(browser, html.unescape(overdue["href"])) == {late.pk}


def test_assignments_due_are_capped_with_a_link_to_all_of_them(call, people):
    reviewer = people["call_reviewer"]
    due = inputs_make(call, NEW, 12, assigned_to=reviewer, due_on=timezone.localdate() + timedelta(days=3))
    browser = signed_in(reviewer)

    panel = dashboard(browser).select_one("#review-assignments-due-section")

    assert len(panel.select("[data-assignments-due] tbody tr")) == 10
    assert panel.select_one("[data-due-count]").get_text(strip=True) == "12"
    link = panel.find("a", string="All of them in the list of inputs")
    assert listed_ids(browser, html.unescape(link["href"])) == {s.pk for s in due}


def test_counts_stop_where_the_lists_do(call, people, settings):
    """Beyond the list's bound a count says "more than" it, as the list does: an exact count of a million inputs
    would read them all."""
    settings.REVIEW_LIST_COUNT_LIMIT = 2
    reviewer = people["call_reviewer"]
    inputs_make(call, NEW, 3, assigned_to=reviewer)
    inputs_make(call, IN_REVIEW, 2)
    table = dashboard(signed_in(reviewer)).select_one("[data-review-queue]")

    cells = [number for number, _url in row_cells(table.tbody.tr)]
    assert cells == ["more than 2", "2", "0", "more than 2"]
    assert [number for number, _url in row_cells(table.select_one("[data-mine]"))] == [
        "more than 2",
        "0",
        "0",
        "more than 2",
    ]


def test_an_input_back_after_an_edit_is_listed_until_a_reviewer_publishes_it_again(client, call, people):
    reviewer = people["call_reviewer"]
    browser = signed_in(reviewer)
    submission = received_input(client, call, **sent(call))
    publish(browser, call, submission)
    untouched = received_input(client, call, **sent(call))  # never reviewed: an edit does not bring it back
    assert "review-back-after-edit" in str(dashboard(browser))
    assert dashboard(browser).select("[data-back-after-edit] a") == []

    assert edit(client, call, submission, general_comment="Changed my mind.").status_code == 302
    assert edit(client, call, untouched, general_comment="Changed my mind.").status_code == 302

    links = dashboard(browser).select("[data-back-after-edit] tbody a")
    assert [(a.get_text(strip=True), a["href"]) for a in links] == [
        (submission.reference, f"/admin/inputs/{submission.pk}/review/")
    ]
    assert dashboard(signed_in(people["other_reviewer"])).select("[data-back-after-edit] a") == []

    publish(browser, call, submission)  # mapped again (the edit left it in review), then published

    assert Review.objects.get(submission=submission).status == ReviewStatus.PUBLISHED
    assert dashboard(browser).select("[data-back-after-edit] a") == []


def test_the_weeks_suggestions_count_those_decided_on_visible_inputs_and_the_reviewers_own(call, other_call, people):
    reviewer = people["call_reviewer"]
    topic = call.questions.first().topic_area
    now = timezone.now()

    def suggestion(submission, decision, by, days_ago=1):
        return Suggestion.objects.create(
            submission=submission,
            topic_area=topic,
            confidence=0.5,
            model_version="test",
            decision=decision,
            decided_by=by,
            decided_at=now - timedelta(days=days_ago) if by else None,
        )

    own = inputs_make(call, MAPPED, 6)
    suggestion(own[0], SuggestionDecision.ACCEPTED, reviewer)
    suggestion(own[1], SuggestionDecision.REJECTED, reviewer)
    suggestion(own[2], SuggestionDecision.ACCEPTED, people["secretariat"])
    suggestion(own[3], SuggestionDecision.ACCEPTED, people["secretariat"])
    suggestion(own[4], SuggestionDecision.ACCEPTED, reviewer, days_ago=8)  # last week
    suggestion(own[5], SuggestionDecision.PENDING, None)
    suggestion(inputs_make(other_call, MAPPED)[0], SuggestionDecision.REJECTED, people["other_reviewer"])

    panel = dashboard(signed_in(reviewer)).select_one("#review-suggestions-section")

    cells = [td.get_text(strip=True) for td in panel.select("[data-everyone] td")]
    assert cells == ["4", "3", "75%"]
    assert [td.get_text(strip=True) for td in panel.select("[data-mine] td")] == ["2", "1", "50%"]
    assert panel.find("a", href="/admin/reports/suggestions/") is not None


def test_a_reviewer_who_edits_no_page_has_no_page_search_and_an_administrator_keeps_it(queue, people):
    reviewer_page = dashboard(signed_in(people["call_reviewer"]))
    admin_page = dashboard(signed_in(people["administrator"]))

    assert reviewer_page.select("form[role=search]") == []
    assert admin_page.select_one("form[role=search]")["action"].startswith("/admin/pages/")
    assert admin_page.select_one("#review-queue-section") is not None  # an administrator has both


def test_the_dashboards_queries_do_not_grow_with_the_number_of_inputs(call, other_call, people):
    reviewer = people["call_reviewer"]
    CallReviewer.objects.create(call=other_call, user=reviewer)
    browser = signed_in(reviewer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            dashboard(browser)
        return len(captured)

    due, edited = timezone.localdate() + timedelta(days=1), timezone.now()
    inputs_make(call, IN_REVIEW, 10, assigned_to=reviewer, due_on=due, edited_after_review_at=edited)
    few = queries()
    inputs_make(call, IN_REVIEW, 30, assigned_to=reviewer, due_on=due, edited_after_review_at=edited)
    inputs_make(other_call, NEW, 5)
    inputs_make(other_call, MAPPED, 5, assigned_to=reviewer)

    assert queries() == few


def test_the_list_filters_the_dashboard_links_to(call, people):
    """Has a due date, overdue (past it and still awaiting a decision), changed by the submitter after review."""
    reviewer = people["call_reviewer"]
    today = timezone.localdate()
    late = inputs_make(call, NEW, assigned_to=reviewer, due_on=today - timedelta(days=1))[0]
    late_but_decided = inputs_make(call, PUBLISHED, assigned_to=reviewer, due_on=today - timedelta(days=1))[0]
    due = inputs_make(call, MAPPED, assigned_to=reviewer, due_on=today)[0]
    undated = inputs_make(call, NEW, assigned_to=reviewer)[0]
    edited = inputs_make(call, IN_REVIEW, edited_after_review_at=timezone.now())[0]
    browser = signed_in(reviewer)

    assert listed_ids(browser, "/admin/inputs/?due=true") == {late.pk, late_but_decided.pk, due.pk}
    assert listed_ids(browser, "/admin/inputs/?mine=true&due=false") == {undated.pk}
    assert listed_ids(browser, "/admin/inputs/?overdue=true") == {late.pk}
    assert late.pk not in listed_ids(browser, "/admin/inputs/?overdue=false")
    assert {late_but_decided.pk, due.pk, undated.pk, edited.pk} <= listed_ids(browser, "/admin/inputs/?overdue=false")
    assert listed_ids(browser, "/admin/inputs/?edited_after_review=true") == {edited.pk}
    assert edited.pk not in listed_ids(browser, "/admin/inputs/?edited_after_review=false")
