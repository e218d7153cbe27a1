"""Every public page and form passes axe's WCAG 2.2 A and AA checks in the six languages: no serious or
critical violation."""

import pytest

from tests.browser.axe import axe_violations
from tests.factories import stakeholder_group

# On the shared demo (tests/browser/conftest.py); it sends inputs, so the demo is loaded afresh after it.
pytestmark = pytest.mark.changes_demo

LANGUAGES = ["en", "fr", "es", "ru", "ar", "zh-hans"]


def input_send(page) -> None:
    """Fill the input form with a valid input by the fields' names (the labels are translated) and send it."""
    page.locator(f"input[name=stakeholder_group][value='{stakeholder_group('CIVIL_SOCIETY').pk}']").check()
    page.locator("[name=contact_name]").fill("Peter Major")
    page.locator("[name=contact_email]").fill("peter@example.org")
    page.locator("textarea[name^=answer_]").first.fill("More tangible outputs, please.")
    page.locator("input[name=publication][value=named]").check()
    page.locator("[name=accept_privacy]").check()
    page.locator("form.input-form [type=submit]").click()


# Forms sent empty, to check them showing their errors: (the page in public_paths, the form).
FORMS = {"the form": "form.input-form", "a fresh private link": "form.link-request-form"}


def test_every_public_page_and_form_has_no_serious_accessibility_violation(page, demo_site, public_paths):
    found = []

    def check(what: str) -> None:
        found.extend({"page": what, "url": page.url, **violation} for violation in axe_violations(page))

    for language in LANGUAGES:
        for name, path in public_paths.items():
            page.goto(f"{demo_site.url}/{language}/{path}")
            check(name)
        for name, form in FORMS.items():
            page.goto(f"{demo_site.url}/{language}/{public_paths[name]}")
            page.locator(f"{form} [type=submit]").click()
            page.locator(".errors").first.wait_for()
            check(f"{name}, showing its errors")
        page.goto(f"{demo_site.url}/{language}/{public_paths['the form']}")
        input_send(page)
        page.locator(".receipt").wait_for()
        check("the receipt")
    page.goto(f"{demo_site.url}/api/v1/docs")
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
