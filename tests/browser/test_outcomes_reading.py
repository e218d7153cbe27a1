"""A member of the public follows a recommendation to the inputs it draws on and back, and reads the
tracker, in chromium."""

import csv
import io
from datetime import date

import pytest
from playwright.sync_api import expect

from home.models import RecommendationIndexPage
from outcomes.models import Citation, ResponsibleBody, Task
from outcomes.services import progress_record
from tests.browser.test_public_reading import PASSAGE, REDACTED, inputs  # noqa: F401  (fixture)
from tests.outcomes.conftest import recommendation_make

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def outcomes(inputs):  # noqa: F811
    hungary = inputs["hungary"]
    process = hungary.call.process
    home = hungary.call.get_parent().get_parent()
    home.add_child(instance=RecommendationIndexPage(title="Recommendations", slug="recommendations", process=process))
    area = process.topic_areas.get(code="A")
    recommendation = recommendation_make(process, number="I.1", text="Rotate the MAG's members.", area=area, live=False)
    passage = hungary.passages.get(text=PASSAGE)
    recommendation.citations.add(Citation(submission=hungary, passage=passage))
    recommendation.citations.add(Citation(submission=inputs["unpublished"]))
    recommendation.save_revision().publish()
    secretariat = ResponsibleBody.objects.get_or_create(code="SECRETARIAT", defaults={"name": "Secretariat"})[0]
    for code, status in (("I.1-A", "completed"), ("I.1-B", "ongoing")):
        task = Task.objects.create(recommendation=recommendation, code=code, description=f"Carry out {code}")
        task.bodies.add(secretariat)
        progress_record(task=task, on=date(2026, 6, 1), status=status)
    return {"recommendation": recommendation, "passage": passage, "hungary": hungary}


def test_a_reader_follows_a_recommendation_to_the_passage_it_cites_and_back(page, live_server, outcomes):
    page.goto(f"{live_server.url}/en/recommendations/")
    page.get_by_role("link", name="I.1 Rotate the MAG").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rotate the MAG's members.")
    quotation = page.locator("blockquote")
    expect(quotation).to_contain_text("proposes that the MAG rotates its members every year")
    expect(quotation).not_to_contain_text(REDACTED)  # the name redacted inside the passage stays hidden
    expect(page.get_by_text("1 further cited input is no longer published.")).to_be_visible()
    expect(page.get_by_text(outcomes["hungary"].reference)).to_be_visible()

    page.get_by_role("link", name=f"Input {outcomes['hungary'].reference}").click()
    assert page.url.endswith(f"/en/inputs/{outcomes['hungary'].reference}/#passage-{outcomes['passage'].pk}")
    used = page.get_by_role("region", name="How this input was used")
    used.get_by_role("link", name="I.1 Rotate the MAG").click()
    assert page.url == f"{live_server.url}/en/recommendations/I-1/"


def test_a_reader_filters_the_tracker_and_downloads_it(page, live_server, outcomes):
    page.goto(f"{live_server.url}/en/recommendations/I-1/")
    page.get_by_role("link", name="The tracker for this topic area").click()
    expect(page.get_by_role("heading", level=2, name="Topic area A: ongoing/completed")).to_be_visible()
    page.get_by_label("Status", exact=True).select_option("completed")
    page.get_by_role("button", name="Show tasks").click()
    rows = page.get_by_role("table", name="Tasks of topic area A").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("I.1-A")
    page.get_by_label("As of").fill("2026-05-01")
    page.get_by_label("Status", exact=True).select_option("")
    page.get_by_role("button", name="Show tasks").click()
    expect(page.get_by_text("As it stood at the end of")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Topic area A: to be started")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV", exact=True).click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    assert {row[0] for row in rows[1:]} == {"I.1-A", "I.1-B"}
    assert {row[-1] for row in rows[1:]} == {"To be started"}  # as of 1 May, before any progress
