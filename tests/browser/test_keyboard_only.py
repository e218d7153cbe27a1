"""A stakeholder sends an input with the keyboard alone, from the page's first Tab to the receipt: the skip
link first, the focus always visible, the fields in the form's order, the errors each leading to its field.
And on every public page, wherever the Tab key lands, the focus is seen."""

import re

import pytest
from playwright.sync_api import expect

from submissions.models import Submission
from tests.browser.test_intake_journey import REQUIRED, tab_to
from tests.intake import open_call

# What the focus shows: an outline or a ring drawn as a shadow.
FOCUS_SHOWN = """element => {
    const style = getComputedStyle(element);
    return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
}"""
# The focused element as its name, id or words: what a keyboard user lands on.
FOCUSED = """() => {
    const element = document.activeElement;
    return element.name || element.id || element.textContent.trim();
}"""


def focus_step(page, key="Tab") -> str:
    """Press a key; the element that receives the focus must show it."""
    page.keyboard.press(key)
    assert page.evaluate(f"({FOCUS_SHOWN})(document.activeElement)"), page.evaluate(FOCUSED)
    return page.evaluate(FOCUSED)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_stakeholder_sends_an_input_by_keyboard_alone_and_every_error_leads_to_its_field(
    page, live_server, call_index
):
    call = open_call(call_index)
    page.goto(f"{live_server.url}{call.url}submit/")

    # The first Tab reaches the skip link, which moves the focus to the content.
    focus_step(page)
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    # Tab by Tab, the focus walks the form in its reading order, and is seen at every step.
    answers = [f"answer_{question.pk}" for question in call.questions.all()]
    order = [focus_step(page) for _ in range(17)]
    assert order == [
        call.title,  # the breadcrumb
        "stakeholder_group",  # one stop for the group of radio buttons
        "organisation",
        "country",
        "is_official",
        "official_role",
        "contact_name",
        "contact_email",
        "language",
        *answers,
        "general_comment",
        "attachments",
        "publication",
        "wants_updates",
        "Privacy notice",
        "accept_privacy",
    ]
    expect(page.get_by_label("Your name")).to_have_attribute("autocomplete", "name")
    expect(page.get_by_label("Your email address")).to_have_attribute("autocomplete", "email")
    expect(page.get_by_label("Organisation, government or institution")).to_have_attribute(
        "autocomplete", "organization"
    )
    expect(page.get_by_label("Your role or title")).to_have_attribute("autocomplete", "organization-title")
    expect(page.get_by_label("Country", exact=True)).to_have_attribute("autocomplete", "country-name")

    # Sent empty: the summary of errors takes the focus, and each of its links takes the focus to its field.
    send = page.get_by_role("button", name="Send my input")
    assert focus_step(page) == send.text_content()
    page.keyboard.press("Enter")
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: "))

    def correct(error: str, field, *keys: str, text: str = "") -> None:
        """Follow the summary's link to the field, and put it right with the keyboard."""
        tab_to(page, summary.get_by_role("link", name=f"{error}: {REQUIRED}"), key="Shift+Tab")
        page.keyboard.press("Enter")
        expect(field).to_be_focused()
        for key in keys:
            page.keyboard.press(key)
        page.keyboard.type(text)

    page.keyboard.press("Tab")  # into the summary, from which Shift+Tab walks back to its links
    correct("You are sending this input as", page.get_by_role("radio", name="Government", exact=True))
    civil_society = page.get_by_role("radio", name="Civil society")
    for _ in range(10):  # the arrows move through the group, checking as they go
        if civil_society.is_checked():
            break
        page.keyboard.press("ArrowDown")
    expect(civil_society).to_be_focused()
    correct("Your name", page.get_by_label("Your name"), text="Peter Major")
    correct("Your email address", page.get_by_label("Your email address"), text="peter@example.org")
    correct("Publication", page.get_by_role("radio", name="Publish with my organisation and name"), "Space")
    correct("I have read and accept the privacy notice", page.get_by_label("I have read and accept"), "Space")
    answer = page.get_by_label("A. Outcomes?")
    tab_to(page, answer, key="Shift+Tab")  # "answer at least one question" names no single field
    page.keyboard.type("More tangible outputs, please.")

    tab_to(page, send)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your input was received")
    submission = Submission.objects.get()
    expect(page.get_by_role("main")).to_contain_text(submission.reference)
    assert (submission.contact_name, submission.contact_email) == ("Peter Major", "peter@example.org")
    assert submission.stakeholder_group.code == "CIVIL_SOCIETY" and submission.publication == "named"


def test_on_every_public_page_each_tab_stop_shows_the_focus(page, demo_site, public_paths):
    unseen = []
    for name, path in public_paths.items():
        page.goto(f"{demo_site.url}/en/{path}")
        for _ in range(200):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement === document.body"):
                break  # past the last stop
            if not page.evaluate(f"({FOCUS_SHOWN})(document.activeElement)"):
                unseen.append((name, page.evaluate(FOCUSED)))
    assert unseen == []
