"""The reviewers' workbench in chromium: passages mapped beside the text with the mouse or the keyboard alone,
sub-topics narrowed to their area, a topic found by typing, publication after an edit, and a refused
publication that says why instead of being offered."""

import re

import pytest
from playwright.sync_api import expect

from bench.workbench import ANSWERS, PLAN, Actions, passages_map_and_publish
from review.models import CallReviewer, Mapping, Review, ReviewStatus
from tests.browser.axe import axe_violations
from tests.factories import CallIndexPageFactory, HomePageFactory, QuestionFactory, SubTopicFactory, TopicAreaFactory
from tests.review.conftest import received_input, staff_user
from tests.review.test_submitter_edits import edit

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SUB_TOPICS = {
    "A": ["Develop more tangible outputs", "Formulate a set of policy questions"],
    "B": ["Improve the preparatory process", "Improve the working methods of the MAG", "Strengthen the Secretariat"],
    "C": ["Encourage voluntary contributions", "Enhance accountability and transparency"],
}


@pytest.fixture
def call(client):
    from wagtail.models import Page, Site

    from tests.intake import open_call

    home = HomePageFactory(parent=Page.get_first_root_node(), slug="portal")
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    call = open_call(CallIndexPageFactory(parent=home))
    areas = {question.topic_area.code: question.topic_area for question in call.questions.all()}
    areas["C"] = TopicAreaFactory(process=call.process, code="C", title="Funding")
    QuestionFactory(call=call, topic_area=areas["C"], text="Funding?")
    for code, titles in SUB_TOPICS.items():
        for number, title in enumerate(titles, start=1):
            SubTopicFactory(topic_area=areas[code], code=f"{code}.{number}", title=title, sort_order=number)
    return call


def answered(client, call, texts: dict):
    questions = {question.topic_area.code: question for question in call.questions.select_related("topic_area")}
    return received_input(client, call, **{f"answer_{questions[code].pk}": text for code, text in texts.items()})


@pytest.fixture
def screen(page, live_server, call):
    """The reviewer of the call, signed in; returns the address of an input's review screen."""
    CallReviewer.objects.create(call=call, user=staff_user("reviewer"))
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("reviewer")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name=re.compile("Sign in")).click()
    expect(page.get_by_role("link", name="Inputs")).to_be_visible()
    return lambda submission: f"{live_server.url}/admin/inputs/{submission.pk}/review/"


def mapped(submission) -> list[tuple[str, str]]:
    return [
        (mapping.passage.text if mapping.passage else "", (mapping.sub_topic or mapping.topic_area).code)
        for mapping in Mapping.objects.filter(submission=submission)
        .select_related("passage", "sub_topic")
        .order_by("pk")
    ]


def test_three_passages_are_mapped_with_a_drag_and_a_number_each_and_published_with_p(client, page, call, screen):
    submission = answered(client, call, ANSWERS)

    actions = passages_map_and_publish(page, screen(submission))

    assert mapped(submission) == PLAN
    assert Review.objects.get(submission=submission).status == ReviewStatus.PUBLISHED
    # One drag and the number the screen showed beside the sub-topic, per passage; then p.
    assert actions.log[::2] == ["drag", "drag", "drag", "p"] and all(key.isdigit() for key in actions.log[1::2])
    for words, code in PLAN:
        expect(page.locator(f'mark[data-topics="{code}"]')).to_have_text(words)
    page.wait_for_timeout(1000)  # the message bar slides in: measured once it stands
    assert axe_violations(page) == []  # the highlighted passages and the full panel


def test_a_reviewer_maps_sentence_after_sentence_and_publishes_with_the_keyboard_alone(client, page, call, screen):
    sentences = ["The IGF should publish short messages.", "The MAG should rotate yearly.", "Donors should be named."]
    submission = answered(client, call, {"A": "", "B": " ".join(sentences)})
    page.goto(screen(submission))
    keys = Actions(page)

    for code in ["A.1", "B.2", "C.2"]:
        keys.press("j")
        keys.topic_pick(code)
        expect(page.locator(".messages .success")).to_contain_text(f"Mapped to {code}")

    keys.press("p", navigates=True)

    assert mapped(submission) == list(zip(sentences, ["A.1", "B.2", "C.2"], strict=True))
    assert Review.objects.get(submission=submission).status == ReviewStatus.PUBLISHED
    expect(page.get_by_text("The input is now “Published”.")).to_be_visible()


def test_the_selections_area_comes_first_and_a_topic_is_found_by_typing(client, page, call, screen):
    submission = answered(client, call, {"A": "", "B": "The Secretariat needs more staff."})
    page.goto(screen(submission))
    keys = Actions(page)
    keys.press("j")
    first = page.locator("#topic-picks li:not([hidden]) button").first
    expect(first).to_contain_text("B")  # the area of the answer's question, before A
    expect(page.locator("#selection-news")).to_contain_text("The Secretariat needs more staff.")

    keys.press("f")
    page.keyboard.type("b.3")
    expect(page.locator("#topic-picks li:not([hidden])")).to_have_count(1)
    keys.press("Enter", navigates=True)

    assert mapped(submission) == [("The Secretariat needs more staff.", "B.3")]


def test_the_sub_topic_list_offers_the_chosen_areas_sub_topics_only(client, page, call, screen):
    submission = answered(client, call, {"A": "Outputs."})
    page.goto(screen(submission))
    page.get_by_text("Or choose a topic area and sub-topic").click()
    area = page.locator("#map-form [name=topic_area]")
    offered = page.locator("#map-form [name=sub_topic] option[data-area]:not([disabled])")

    area.select_option(label=str(call.questions.get(topic_area__code="B").topic_area))
    expect(offered).to_have_count(3)
    assert all(text.startswith("B.") for text in offered.all_inner_texts())

    area.select_option(label=str(call.questions.get(topic_area__code="A").topic_area))
    expect(offered).to_have_count(2)
    assert all(text.startswith("A.") for text in offered.all_inner_texts())


def test_an_edited_input_is_published_again_with_one_key_and_its_banner_goes(client, page, call, screen):
    from django.test import Client

    submission = answered(client, call, {"A": "Outputs, please."})
    page.goto(screen(submission))
    keys = Actions(page)
    keys.press("1", navigates=True)  # nothing selected: the whole input
    keys.press("p", navigates=True)
    edit(Client(), call, submission, **{f"answer_{call.questions.first().pk}": "Outputs, please, soon."})
    assert Review.objects.get(submission=submission).status == ReviewStatus.IN_REVIEW

    page.goto(screen(submission))
    expect(page.locator("[data-review-edited]")).to_be_visible()
    keys.press("p", navigates=True)

    expect(page.get_by_text("The input is now “Published”.")).to_be_visible()
    expect(page.locator("[data-review-edited]")).to_have_count(0)
    assert Review.objects.get(submission=submission).status == ReviewStatus.PUBLISHED


def test_publication_is_not_offered_before_its_time_and_p_shows_why(client, page, call, screen):
    submission = answered(client, call, {"A": "Outputs, please."})
    page.goto(screen(submission))

    expect(page.get_by_role("button", name="Publish")).to_have_count(0)
    page.keyboard.press("p")

    blocked = page.locator("#publish-blocked")
    expect(blocked).to_be_focused()
    expect(blocked).to_contain_text("Map a passage, or the whole input, to a topic area first.")
    expect(page.get_by_role("button", name="Assign")).to_have_count(0)  # the secretariat's
    assert axe_violations(page) == []
    assert Review.objects.get(submission=submission).status == ReviewStatus.NEW
