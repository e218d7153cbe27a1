"""A reviewer's dashboard in chromium: the counts of their queue show, and each leads to the list it counts."""

import re

import pytest
from playwright.sync_api import expect

from review.models import CallReviewer, ReviewStatus
from tests.factories import CallIndexPageFactory, HomePageFactory
from tests.review.conftest import staff_user
from tests.review.queue import inputs_make

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def call():
    from wagtail.models import Page, Site

    from tests.intake import open_call

    home = HomePageFactory(parent=Page.get_first_root_node(), slug="portal")
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    return open_call(CallIndexPageFactory(parent=home))


def test_the_queues_counts_show_and_each_leads_to_the_inputs_it_counts(page, live_server, call):
    reviewer = staff_user("reviewer")
    CallReviewer.objects.create(call=call, user=reviewer)
    received = inputs_make(call, ReviewStatus.NEW, 2) + inputs_make(call, ReviewStatus.NEW, assigned_to=reviewer)
    in_review = inputs_make(call, ReviewStatus.IN_REVIEW)
    published = inputs_make(call, ReviewStatus.PUBLISHED)

    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("reviewer")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name=re.compile("Sign in")).click()

    queue = page.locator("[data-review-queue]")
    row = queue.locator(f"tr[data-call='{call.pk}']")
    expect(row.get_by_role("rowheader")).to_have_text(call.title)
    expect(row.locator("td")).to_have_text(["3", "1", "0", "4"])
    expect(queue.locator("tr[data-mine] td")).to_have_text(["1", "0", "0", "1"])
    expect(page.get_by_role("search")).to_have_count(0)  # no search of pages: they edit none

    row.get_by_role("link", name="3").click()
    expect(page).to_have_url(re.compile(rf"/admin/inputs/\?(?=.*review_status=new)(?=.*call={call.pk})"))
    listed = page.locator("table.listing tbody tr")
    expect(listed).to_have_count(3)
    for submission in received:
        expect(page.get_by_role("link", name=submission.reference)).to_be_visible()
    expect(page.get_by_role("link", name=published[0].reference)).to_have_count(0)

    page.go_back()
    page.locator("[data-review-queue] tr[data-mine]").get_by_role("link", name="1").first.click()
    expect(page).to_have_url(re.compile(r"mine=true"))
    expect(listed).to_have_count(1)
    expect(page.get_by_role("link", name=received[2].reference)).to_be_visible()
    expect(page.get_by_role("link", name=in_review[0].reference)).to_have_count(0)
