"""A reviewer follows a bulk job: the bar moves to the end and the counts appear without the page being reloaded."""

import re

import pytest
from playwright.sync_api import expect

from review.models import BulkJob, BulkJobStatus
from tests.browser.axe import axe_serious
from tests.review.conftest import staff_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

POLL = {"timeout": 10_000}  # the page looks every second and a half


def test_the_bar_moves_to_the_end_and_the_counts_appear_without_a_reload(page, live_server):
    reviewer = staff_user("reviewer")
    job = BulkJob.objects.create(
        action="publish",
        submission_ids=[1, 2, 3, 4],
        total=4,
        done=1,
        status=BulkJobStatus.RUNNING,
        created_by=reviewer,
    )
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("reviewer")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name=re.compile("Sign in")).click()
    page.goto(f"{live_server.url}/admin/inputs/jobs/{job.pk}/")

    news = page.locator("#bulk-job").get_by_role("status")  # Wagtail's messages are another
    bar = page.get_by_role("progressbar", name="Inputs processed")
    expect(news).to_have_text("1 of 4 inputs processed.")
    expect(bar).to_have_attribute("value", "1")
    expect(page.get_by_text("Why inputs were refused")).to_be_hidden()
    page.evaluate("window.sameVisit = true")  # gone if the page were loaded again

    BulkJob.objects.filter(pk=job.pk).update(done=3)
    expect(bar).to_have_attribute("value", "3", **POLL)
    reason = "The submitter chose not to publish this input."
    BulkJob.objects.filter(pk=job.pk).update(done=3, refused=1, refusals={reason: 1}, status=BulkJobStatus.FINISHED)

    expect(news).to_have_text("Finished: 3 inputs done, 1 refused.", **POLL)
    expect(bar).to_have_attribute("value", "4")
    expect(page.get_by_role("list", name="Why inputs were refused")).to_have_text(f"{reason} (1)")
    assert page.evaluate("window.sameVisit") is True
    assert axe_serious(page) == []
