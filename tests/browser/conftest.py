"""Playwright driving Debian's chromium (no browser download) against the live test server."""

import pytest
from playwright.sync_api import sync_playwright

from django.db import connections

from demo.content import demo_content_load
from outcomes.models import Meeting, Recommendation, Snapshot
from review.publication import published_submissions

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def page(transactional_db, live_server):
    """A fresh browser page for one test.

    Playwright's sync API runs an event loop in the test thread, and while it runs Django hands out
    context-local database connections. So the browser starts after the database is set up for the test
    and stops before it is flushed and restored; a browser shared across tests broke the restore.
    """
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"]
        )
        context = browser.new_context(locale="en-GB")
        page = context.new_page()
        page.set_default_timeout(10_000)
        yield page
        context.close()
        browser.close()
        connections.close_all()  # the context-local connections opened while the loop ran


@pytest.fixture
def public_paths():
    """Addresses (after the language prefix) of one page of every public type, on the demo's content."""
    demo_content_load()
    reference = published_submissions().order_by("pk").first().reference
    recommendation = Recommendation.objects.filter(live=True).order_by("pk").first()
    meeting = Meeting.objects.order_by("number").first()
    snapshots = list(Snapshot.objects.order_by("taken_on").values_list("pk", flat=True))
    call = "calls/improvements-to-the-igf/"
    return {
        "home": "",
        "mandate": "mandate/",
        "topic areas": "topics/",
        "a topic area": "topics/a/",
        "calls": "calls/",
        "a call": call,
        "the form": f"{call}submit/",
        "a fresh private link": f"{call}link/",
        "inputs received": f"{call}participation/",
        "a closed call": "calls/third-meeting-main-topics/",
        "a closed call's form": "calls/third-meeting-main-topics/submit/",
        "inputs, filtered": "inputs/?topic_area=A&stakeholder_group=GOVERNMENT",
        "a published input": f"inputs/{reference}/",
        "statistics": "inputs/statistics/",
        "data dictionary": "inputs/data-dictionary/",
        "a compilation": "topics/a/compilation/",
        "recommendations": "recommendations/",
        "a recommendation": f"recommendations/{recommendation.slug}/",
        "the tracker": "recommendations/tracker/",
        "snapshots compared": f"recommendations/tracker/snapshots/?from={snapshots[0]}&to={snapshots[-1]}",
        "a snapshot": f"recommendations/tracker/snapshots/{snapshots[0]}/",
        "meetings": "meetings/",
        "a meeting": f"meetings/{meeting.number}/",
        "not found": "no-such-page/",
    }
