"""A reviewer maps a passage of an input to a topic area, publishes it and redacts other words, in chromium."""

import re

import pytest
from playwright.sync_api import expect

from review.models import CallReviewer, Mapping, Redaction, Review, ReviewStatus
from tests.factories import CallIndexPageFactory, HomePageFactory
from tests.review.conftest import received_input, staff_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSAGE = "The MAG should rotate its members yearly."


@pytest.fixture
def submission(client):
    from wagtail.models import Page, Site

    from tests.intake import open_call

    home = HomePageFactory(parent=Page.get_first_root_node(), slug="portal")
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    call = open_call(CallIndexPageFactory(parent=home))
    question = call.questions.get(topic_area__code="B")
    return received_input(client, call, **{f"answer_{question.pk}": f"We ask for a stronger Secretariat. {PASSAGE}"})


def test_a_reviewer_maps_selected_words_to_topic_b_publishes_the_input_and_redacts_other_words(
    page, live_server, submission
):
    reviewer = staff_user("reviewer")
    CallReviewer.objects.create(call=submission.call, user=reviewer)

    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("reviewer")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name=re.compile("Sign in")).click()
    page.goto(f"{live_server.url}/admin/inputs/")
    page.get_by_role("link", name=submission.reference).click()
    expect(page.get_by_role("heading", name="What the input says")).to_be_visible()

    answer = page.locator(".review-source[data-source=answer]", has_text=PASSAGE).locator(".review-text")
    words_select(answer, PASSAGE)
    form = page.locator("#map-form")
    expect(form.get_by_label("Passage", exact=True)).to_have_value(PASSAGE)
    topic_b = submission.call.questions.get(topic_area__code="B").topic_area
    form.locator(f'button[name=pick][value="{topic_b.pk}:"]').click()

    expect(page.get_by_text(f"Mapped to {topic_b}.")).to_be_visible()
    expect(page.locator(".mappings")).to_contain_text(f"«{PASSAGE}»")

    page.get_by_role("button", name="Publish").click()

    expect(page.get_by_text("The input is now “Published”.")).to_be_visible()
    mapping = Mapping.objects.get()
    assert (mapping.topic_area.code, mapping.passage.text, mapping.created_by) == ("B", PASSAGE, reviewer)
    assert Review.objects.get(submission=submission).status == ReviewStatus.PUBLISHED

    # Other words, selected the same way, are redacted without a topic.
    words_select(answer, "stronger Secretariat")
    form = page.locator("#redact-form")
    expect(form.get_by_label("Words to redact")).to_have_value("stronger Secretariat")
    form.get_by_label("Shown to the public as").select_option("confidential")
    form.get_by_label("Reason for the redaction").fill("Not yet announced")
    form.get_by_role("button", name="Redact").click()

    expect(page.get_by_text("Words redacted.")).to_be_visible()
    redaction = Redaction.objects.get()
    assert (redaction.passage.text, redaction.passage.answer.question.topic_area.code) == ("stronger Secretariat", "B")
    assert not redaction.passage.mappings.exists() and redaction.category == "confidential"


def words_select(element, words: str):
    """Select `words` in the element's text as a reader's mouse does."""
    element.evaluate(
        """(element, words) => {
            const node = element.firstChild;
            const start = node.textContent.indexOf(words);
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + words.length);
            window.getSelection().removeAllRanges();
            window.getSelection().addRange(range);
            element.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
        }""",
        words,
    )
