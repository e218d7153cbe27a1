"""The Content-Security-Policy in chromium: one page of every public type and the admin pages reviewers and the
secretariat use, each used as a person would (a chooser opened, a panel added, a preview shown, the API tried),
with no violation reported and a policy of its own (a fresh nonce, no 'unsafe-inline' for scripts)."""

import re

from playwright.sync_api import expect
from wagtail.models import Locale

from home.models import CallPage
from outcomes.models import Meeting
from review.publication import published_submissions

VIOLATION_LISTENER = """document.addEventListener('securitypolicyviolation', event => window.cspViolation(
    [location.pathname, event.violatedDirective, event.blockedURI, event.sourceFile + ':' + event.lineNumber].join(' ')
));"""


def test_no_page_breaks_its_content_security_policy(page, demo_site, public_paths):
    violations, policies = [], []
    page.expose_function("cspViolation", lambda report: violations.append(report))
    page.add_init_script(VIOLATION_LISTENER)
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    page.on("response", lambda response: response.request.resource_type == "document" and policies.append(response))

    def visit(path: str):
        page.goto(f"{demo_site.url}{path}")

    for path in public_paths.values():
        visit(f"/en/{path}")
    visit(f"/en/{public_paths['a published input']}")  # now from the public cache, under a fresh nonce
    visit("/receipts/chain/")
    visit(f"/en/{public_paths['the form']}")  # sent empty: its errors shown
    page.locator("form.input-form [type=submit]").click()
    page.locator(".errors").first.wait_for()
    visit(f"/en/{public_paths['statistics']}")
    page.locator("button", has_text=re.compile("chart", re.IGNORECASE)).first.click()
    page.locator("canvas").first.wait_for()
    visit("/api/v1/docs")
    page.get_by_role("button", name="Open the interactive explorer").click()
    page.locator(".swagger-ui .opblock-summary-control").filter(has_text="/api/v1/inputs").first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    page.locator(".swagger-ui .live-responses-table").wait_for()

    sign_in(page, demo_site, "reviewer")
    visit("/admin/")
    visit("/admin/inputs/")
    visit(f"/admin/inputs/{published_submissions().order_by('pk').first().pk}/review/")
    visit("/admin/coding/")
    sign_in(page, demo_site, "admin")
    call = CallPage.objects.get(slug="improvements-to-the-igf", locale=Locale.get_default())
    visit(f"/admin/reports/balance/{call.pk}/")
    visit(f"/admin/entries/{call.pk}/")  # a date field and its picker
    page.locator("input[name=received_on]").click()
    visit(f"/admin/pages/{call.pk}/edit/")  # date and time fields, rich text, inline panels, the preview
    page.locator("[data-side-panel-toggle='preview']").click()
    page.frame_locator("#w-preview-iframe").locator("main").wait_for()
    visit(f"/admin/snippets/outcomes/meeting/edit/{Meeting.objects.order_by('pk').first().pk}/")
    page.locator("button[id$='-ADD']").first.click()  # a new inline form, its scripts run as it is added
    visit("/admin/balance_targets/new/")
    page.locator("[data-chooser-action-choose]:visible").first.click()  # a chooser's modal, loaded by script
    expect(page.locator(".modal-content")).to_be_visible()

    assert violations == []
    nonces = []
    for response in policies:
        policy = response.headers.get("content-security-policy", "")
        assert "'unsafe-eval'" not in policy, response.url
        assert "'unsafe-inline'" not in directive(policy, "script-src"), response.url
        if "/admin/" not in response.url:
            assert "'unsafe-inline'" not in policy, response.url
        nonces.append(re.search(r"'nonce-([^']+)'", directive(policy, "script-src")).group(1))
    assert len(nonces) == len(set(nonces)) > 30  # a fresh one in each


def directive(policy: str, name: str) -> str:
    return next((part.strip() for part in policy.split(";") if part.strip().startswith(f"{name} ")), "")


def sign_in(page, demo_site, username: str):
    page.context.clear_cookies()
    page.goto(f"{demo_site.url}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(f"{username}-demo")
    page.locator("form [type=submit]").click()
    page.wait_for_url(f"{demo_site.url}/admin/")
