"""Every public page and form passes axe's WCAG 2.2 A and AA checks in the six languages: no serious or
critical violation."""

import pytest

from demo.content import demo_content_load
from outcomes.models import Meeting, Recommendation, Snapshot
from review.publication import published_submissions
from tests.browser.axe import axe_violations
from tests.factories import stakeholder_group

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LANGUAGES = ["en", "fr", "es", "ru", "ar", "zh-hans"]
CALL = "calls/improvements-to-the-igf/"


def input_send(page) -> None:
    """Fill the input form with a valid input by the fields' names (the labels are translated) and send it."""
    page.locator(f"input[name=stakeholder_group][value='{stakeholder_group('CIVIL_SOCIETY').pk}']").check()
    page.locator("[name=contact_name]").fill("Peter Major")
    page.locator("[name=contact_email]").fill("peter@example.org")
    page.locator("textarea[name^=answer_]").first.fill("More tangible outputs, please.")
    page.locator("input[name=publication][value=named]").check()
    page.locator("[name=accept_privacy]").check()
    page.locator("form.input-form [type=submit]").click()


@pytest.fixture
def paths():
    """Addresses (after the language prefix) of one page of every public type, on the demo's content."""
    demo_content_load()
    reference = published_submissions().order_by("pk").first().reference
    recommendation = Recommendation.objects.filter(live=True).order_by("pk").first()
    meeting = Meeting.objects.order_by("number").first()
    snapshots = list(Snapshot.objects.order_by("taken_on").values_list("pk", flat=True))
    return {
        "home": "",
        "mandate": "mandate/",
        "topic areas": "topics/",
        "a topic area": "topics/a/",
        "calls": "calls/",
        "a call": CALL,
        "the form": f"{CALL}submit/",
        "a fresh private link": f"{CALL}link/",
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


# Forms sent empty, to check them showing their errors: (address, the form).
FORMS = {
    "the input form": (f"{CALL}submit/", "form.input-form"),
    "the request of a fresh private link": (f"{CALL}link/", "form.link-request-form"),
}


def test_every_public_page_and_form_has_no_serious_accessibility_violation(page, live_server, paths):
    found = []

    def check(what: str) -> None:
        found.extend({"page": what, "url": page.url, **violation} for violation in axe_violations(page))

    for language in LANGUAGES:
        for name, path in paths.items():
            page.goto(f"{live_server.url}/{language}/{path}")
            check(name)
        for name, (path, form) in FORMS.items():
            page.goto(f"{live_server.url}/{language}/{path}")
            page.locator(f"{form} [type=submit]").click()
            page.locator(".errors").first.wait_for()
            check(f"{name} showing its errors")
        page.goto(f"{live_server.url}/{language}/{CALL}submit/")
        input_send(page)
        page.locator(".receipt").wait_for()
        check("the receipt")
    page.goto(f"{live_server.url}/api/v1/docs")
    check("the API's documentation")
    page.get_by_role("button", name="Open the interactive explorer").click()
    page.locator(".swagger-ui .opblock-summary-control").filter(has_text="/api/v1/inputs").first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    page.locator(".swagger-ui .live-responses-table").wait_for()
    check("the API's interactive explorer, a request tried")

    report = "\n".join(
        f"{item['page']} ({item['url']}): {item['id']} [{item['impact']}] {item['help']}: {item['targets'][:5]}"
        for item in found
    )
    assert [item for item in found if item["impact"] in ("serious", "critical")] == [], report
