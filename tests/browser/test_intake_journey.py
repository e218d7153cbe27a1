"""A stakeholder sends an input with an attachment, confirms the address and edits it, by keyboard only."""

import hashlib
import re

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from reference.models import Country
from submissions.models import PublicationChoice, Submission, SubmissionStatus
from tests.intake import PDF, open_call, outbox_deliver, stored_state

# Committed data the live server can see; the migrations' rows are restored after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REQUIRED = "This field is required."


def tab_to(page, target, max_presses=80, key="Tab"):
    """Press Tab (or Shift+Tab) until `target` has the focus, as a keyboard user does."""
    for _ in range(max_presses):
        page.keyboard.press(key)
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{target} never got the focus in {max_presses} presses of {key}")


def tab_next(page, target):
    """The next Tab lands on `target`: the keyboard order follows the form."""
    page.keyboard.press("Tab")
    expect(target).to_be_focused()


def link_in(email_body, path, live_server):
    """A link from the email, pointed at the live server instead of settings.WAGTAILADMIN_BASE_URL."""
    url = re.search(rf"http://testserver/\S+/{path}/\S+/", email_body).group(0)
    return url.replace("http://testserver", live_server.url, 1)


def test_stakeholder_sends_an_input_with_a_file_confirms_and_edits_it_by_keyboard_only(
    page, live_server, call_index, tmp_path
):
    call = open_call(call_index)
    paper = tmp_path / "position-paper.pdf"
    paper.write_bytes(PDF)

    page.goto(live_server.url + call.url)
    submit_link = page.get_by_role("link", name="Submit an input")
    tab_to(page, submit_link)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Submit an input")

    government = page.get_by_role("radio", name="Government", exact=True)
    tab_to(page, government)
    page.keyboard.press("Space")
    expect(government).to_be_checked()
    tab_next(page, page.get_by_label("Organisation, government or institution"))
    page.keyboard.type("Permanent Mission of Hungary")
    country = page.get_by_label("Country", exact=True)
    tab_next(page, country)
    page.keyboard.type("Hungary")
    expect(country).to_have_value(str(Country.objects.get(iso3="HUN").pk))
    official = page.get_by_label("I am submitting officially")
    tab_next(page, official)
    page.keyboard.press("Space")
    expect(official).to_be_checked()
    tab_next(page, page.get_by_label("Your role or title"))
    page.keyboard.type("Special Advisor")
    tab_next(page, page.get_by_label("Your name"))
    page.keyboard.type("Peter Major")
    tab_next(page, page.get_by_label("Your email address"))
    page.keyboard.type("peter@example.org")
    language = page.get_by_label("Language of your input")
    tab_next(page, language)
    page.keyboard.type("English")
    expect(language).to_have_value("en")
    tab_next(page, page.get_by_label("A. Outcomes?"))
    page.keyboard.type("More tangible outputs, please.")
    attachments = page.get_by_label("Attachments")
    tab_to(page, attachments, max_presses=3)  # past the optional question B and the general comment
    attachments.set_input_files(paper)  # the one exception: a native file dialog cannot be driven
    tab_next(page, page.get_by_role("radio", name="Publish with my organisation and name"))
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Publish without personal names")).to_be_checked()
    expect(page.get_by_role("radio", name="Publish without personal names")).to_be_focused()
    updates = page.get_by_label("Email me when recommendations cite my input")
    tab_next(page, updates)
    expect(updates).to_be_checked()  # asked for unless the submitter says no
    notice = page.get_by_text("Privacy notice", exact=True)
    tab_next(page, notice)
    page.keyboard.press("Enter")
    expect(page.get_by_text("They are never published.")).to_be_visible()
    privacy = page.get_by_label("I have read and accept the privacy notice")
    tab_next(page, privacy)
    page.keyboard.press("Space")
    expect(privacy).to_be_checked()
    send = page.get_by_role("button", name="Send my input")
    tab_next(page, send)
    expect(send).to_have_css("outline-style", "solid")  # the focus is visible
    page.keyboard.press("Enter")

    reference = f"WGIGF-{timezone.now().year}-000001"
    expect(page.get_by_role("heading", level=1)).to_have_text("Your input was received")
    receipt = page.get_by_role("main")
    expect(receipt).to_contain_text(reference)
    expect(page.get_by_role("term").filter(has_text="Attachment")).to_have_text("Attachment: position-paper.pdf")
    expect(page.get_by_role("code").first).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    expect(receipt).to_contain_text(hashlib.sha256(PDF).hexdigest())
    expect(receipt).to_contain_text("One more step: confirm your email address")

    [email] = outbox_deliver()
    assert email.to == ["peter@example.org"] and reference in email.subject
    page.goto(link_in(email.body, "confirm", live_server))
    confirm = page.get_by_role("button", name="Confirm my email address")
    tab_to(page, confirm)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("your email address is confirmed")

    page.goto(link_in(email.body, "input", live_server))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Your input {reference}")
    expect(page.get_by_role("link", name="position-paper.pdf")).to_be_visible()
    tab_to(page, page.get_by_role("link", name="Edit my input"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Edit your input {reference}")
    answer = page.get_by_label("A. Outcomes?")
    tab_to(page, answer)
    expect(answer).to_have_value("More tangible outputs, please.")
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("Fewer meetings, more outcomes.")
    tab_to(page, page.get_by_role("button", name="Save the changes"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("Your changes were saved.")
    expect(page.get_by_role("main")).to_contain_text("Fewer meetings, more outcomes.")
    expect(page.get_by_role("main")).not_to_contain_text("More tangible outputs, please.")

    submission = Submission.objects.get()
    assert submission.reference == reference
    assert submission.status == SubmissionStatus.RECEIVED
    assert submission.versions.count() == 2
    assert [answer.text for answer in submission.answers.all()] == ["Fewer meetings, more outcomes."]
    assert (submission.stakeholder_group.code, submission.country.iso3) == ("GOVERNMENT", "HUN")
    assert (submission.is_official, submission.official_role) == (True, "Special Advisor")
    assert (submission.contact_email, submission.language) == ("peter@example.org", "en")
    assert submission.publication == PublicationChoice.ANONYMOUS
    assert [attachment.name for attachment in submission.current_attachments()] == ["position-paper.pdf"]


def test_an_empty_form_is_refused_with_an_announced_summary_and_each_error_at_its_field(page, live_server, call_index):
    call = open_call(call_index)
    before = stored_state()
    page.goto(live_server.url + call.url + "submit/")

    tab_to(page, page.get_by_role("button", name="Send my input"))
    page.keyboard.press("Enter")

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()  # read out first, and the keyboard starts from it
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(summary).to_contain_text("Your input was not sent yet. Please correct:")
    expect(summary).to_contain_text("Answer at least one question, or write a general comment.")
    expect(summary.get_by_role("link")).to_have_text(
        [
            f"You are sending this input as: {REQUIRED}",
            f"Your name: {REQUIRED}",
            f"Your email address: {REQUIRED}",
            f"Publication: {REQUIRED}",
            f"I have read and accept the privacy notice: {REQUIRED}",
        ]
    )
    for name in ("stakeholder_group", "contact_name", "contact_email", "publication", "accept_privacy"):
        expect(page.locator(f"#id_{name}_group .errors")).to_have_text(REQUIRED)
    for label in ("Your name", "Your email address", "I have read and accept the privacy notice"):
        expect(page.get_by_label(label)).to_have_attribute("aria-invalid", "true")
        expect(page.get_by_label(label)).to_have_accessible_description(re.compile(REQUIRED))
    expect(page.get_by_label("Language of your input")).not_to_have_attribute("aria-invalid", "true")

    # A summary link takes the keyboard to its field.
    tab_to(page, summary.get_by_role("link", name=f"Your name: {REQUIRED}"))
    page.keyboard.press("Enter")
    expect(page.get_by_label("Your name")).to_be_focused()

    assert stored_state() == before


def test_a_file_over_the_limit_is_named_before_anything_is_sent_and_the_form_keeps_what_was_typed(
    page, live_server, call_index, settings, tmp_path
):
    call = open_call(call_index)
    large = tmp_path / "annual-report.pdf"
    large.write_bytes(PDF + b"0" * settings.SUBMISSION_MAX_FILE_BYTES)
    before = stored_state()
    page.goto(live_server.url + call.url + "submit/")
    page.get_by_label("Your name").fill("Peter Major")
    page.get_by_label("A. Outcomes?").fill("More tangible outputs, please.")
    uploads = []
    page.on("request", lambda request: uploads.append(request) if request.method == "POST" else None)

    page.get_by_label("Attachments").set_input_files(str(large))
    page.get_by_role("button", name="Send my input").click()

    alert = page.get_by_role("alert").filter(has_text="each file must be at most 10 MB")
    expect(alert).to_contain_text("annual-report.pdf")
    expect(page.get_by_label("Attachments")).to_be_focused()
    expect(page.get_by_label("Attachments")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Your name")).to_have_value("Peter Major")
    expect(page.get_by_label("A. Outcomes?")).to_have_value("More tangible outputs, please.")
    assert page.url.endswith("/submit/") and uploads == []  # nothing was sent
    assert stored_state() == before
