"""Second coding: the secretariat draws a share of a call's inputs, a second reviewer codes them blind, the
disagreements are adjudicated; and suggestions are made as soon as an input is confirmed."""

import math
import random

import pytest

from review.models import (
    Adjudication,
    CodingSample,
    Mapping,
    SecondCodedTopic,
    SecondCoding,
    Suggestion,
    SuggestionDecision,
)
from review.services import mapping_create, note_add
from tests.review.coding import coded_twice, second_coder
from tests.review.conftest import received_input

pytestmark = pytest.mark.django_db


def stored() -> tuple:
    return CodingSample.objects.count(), SecondCoding.objects.count(), SecondCodedTopic.objects.count()


@pytest.fixture
def inputs(client, call):
    return [received_input(client, call, general_comment=f"Input number {number}.") for number in range(5)]


def test_the_secretariat_draws_a_reproducible_share_spread_over_two_reviewers(client, call, people, inputs):
    coder, other = second_coder(call), second_coder(call, "coder2")
    client.force_login(people["secretariat"])

    response = client.post(
        f"/admin/reports/coding/{call.pk}/sample/", {"share": "50", "coders": [coder.pk, other.pk], "seed": "42"}
    )

    assert response.status_code == 302
    sample = CodingSample.objects.get()
    assert sample.population == [submission.pk for submission in inputs] and sample.seed == 42
    drawn = sorted(random.Random(42).sample(sample.population, math.ceil(5 * 0.5)))
    codings = list(SecondCoding.objects.filter(sample=sample).order_by("submission_id"))
    assert [coding.submission_id for coding in codings] == drawn
    assert [coding.coder for coding in codings] == [coder, other, coder]  # in turn
    page = client.get(f"/admin/reports/coding/{call.pk}/").content.decode()
    assert "3 inputs sent to second coding (seed 42)." in page


@pytest.mark.parametrize("role", ["call_reviewer", "other_secretariat", "anonymous"])
def test_only_the_secretariat_may_draw_a_sample(client, call, people, inputs, role):
    coder = second_coder(call)
    if role != "anonymous":
        client.force_login(people[role])

    response = client.post(f"/admin/reports/coding/{call.pk}/sample/", {"share": "50", "coders": [coder.pk]})
    report = client.get(f"/admin/reports/coding/{call.pk}/")

    if role == "anonymous":
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
        assert report.status_code == 302
    else:  # Wagtail's answer to PermissionDenied: back to the dashboard, with its message
        assert (response.status_code, response["Location"]) == (302, "/admin/")
        assert (report.status_code, report["Location"]) == (302, "/admin/")
    assert stored() == (0, 0, 0)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"share": "0"}, "The share must be more than 0 and at most 100 percent."),
        ({"share": "100.5"}, "The share must be more than 0 and at most 100 percent."),
        ({"share": "ten"}, "Enter a number."),
        ({"coders": []}, "Choose at least one second reviewer."),
        ({"coders": "other_reviewer"}, "other_reviewer do not review this call."),
    ],
)
def test_a_bad_draw_says_why_and_stores_nothing(client, call, people, inputs, data, message):
    coder = second_coder(call)
    client.force_login(people["secretariat"])
    if data.get("coders") == "other_reviewer":
        data = {"coders": [people["other_reviewer"].pk]}

    response = client.post(f"/admin/reports/coding/{call.pk}/sample/", {"share": "10", "coders": [coder.pk], **data})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert stored() == (0, 0, 0)


def test_no_input_to_draw_from_says_so(client, call, people):
    client.force_login(people["secretariat"])

    response = client.post(
        f"/admin/reports/coding/{call.pk}/sample/", {"share": "10", "coders": [second_coder(call).pk]}
    )

    assert response.status_code == 400 and "No input of this call can be sent" in response.content.decode()
    assert stored() == (0, 0, 0)


def test_the_second_coder_sees_the_words_but_nothing_of_the_first_review(client, call, people):
    coder = second_coder(call)
    submission = received_input(client, call, general_comment="Hubs for remote participation.")
    area = call.questions.first().topic_area
    mapping = mapping_create(
        submission=submission, topic_area=area, tags=["first-mapping-tag"], by=people["secretariat"]
    )
    note_add(submission=submission, text="FIRST-PRIVATE-NOTE", by=people["secretariat"])
    Suggestion.objects.create(submission=submission, topic_area=area, confidence=0.9, model_version="t")
    client.force_login(people["secretariat"])
    client.post(f"/admin/reports/coding/{call.pk}/sample/", {"share": "100", "coders": [coder.pk]})
    coding = SecondCoding.objects.get(submission=submission, coder=coder)
    client.force_login(coder)
    assert f"/admin/coding/{coding.pk}/" in client.get("/admin/coding/").content.decode()  # their list of codings

    screen = client.get(f"/admin/coding/{coding.pk}/").content.decode()
    assert "Hubs for remote participation." in screen
    for secret in (
        "first-mapping-tag",
        f'name="mapping" value="{mapping.pk}"',
        "FIRST-PRIVATE-NOTE",
        'name="suggestion"',
        "confidence",
        "Mapped",
    ):
        assert secret not in screen
    # Every other admin URL of the input refuses it while the coding is pending: the review screen, its history,
    # the inspect view, and the list (whose topic filter would tell the first review's areas).
    for url in (
        f"/admin/inputs/{submission.pk}/review/",
        f"/admin/inputs/history/{submission.pk}/",
        f"/admin/inputs/inspect/{submission.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    assert submission.reference not in client.get(f"/admin/inputs/?topic_area={area.pk}").content.decode()
    assert (
        client.post(f"/admin/inputs/{submission.pk}/review/", {"action": "unmap", "mapping": mapping.pk}).status_code
        == 404
    )
    assert Mapping.objects.filter(pk=mapping.pk).exists()

    response = client.post(f"/admin/coding/{coding.pk}/", {"topic_areas": [area.pk]})

    assert response.status_code == 302
    coding.refresh_from_db()
    assert coding.done_at and [topic.topic_area for topic in coding.topics.all()] == [area]
    review_screen = client.get(f"/admin/inputs/{submission.pk}/review/").content.decode()
    assert "first-mapping-tag" in review_screen and "FIRST-PRIVATE-NOTE" in review_screen


def test_a_coding_without_a_topic_is_refused_and_nobody_else_opens_the_screen(client, call, people):
    coder = second_coder(call)
    submission = received_input(client, call)
    coding = SecondCoding.objects.create(submission=submission, coder=coder, assigned_by=people["secretariat"])
    client.force_login(coder)

    response = client.post(f"/admin/coding/{coding.pk}/", {"topic_areas": []})

    assert response.status_code == 400 and "Choose at least one topic area." in response.content.decode()
    assert SecondCoding.objects.get().done_at is None and not SecondCodedTopic.objects.exists()
    for role in ("call_reviewer", "secretariat", "other_reviewer"):
        client.force_login(people[role])
        assert client.get(f"/admin/coding/{coding.pk}/").status_code == 404


def test_disagreements_are_listed_and_adjudicated_and_agreement_keeps_the_first_review(client, call, people):
    coder = second_coder(call)
    agreed, disputed = coded_twice(
        client,
        call,
        first_by=people["call_reviewer"],
        coder=coder,
        codes=[("A", "A"), ("A", "B")],
        assigned_by=people["secretariat"],
    )
    areas = {question.topic_area.code: question.topic_area for question in call.questions.all()}
    client.force_login(people["call_reviewer"])  # a reviewer reads no agreement report
    assert client.get(f"/admin/reports/coding/{call.pk}/")["Location"] == "/admin/"
    client.force_login(people["secretariat"])
    assert f"/admin/reports/coding/{call.pk}/" in client.get("/admin/reports/coding/").content.decode()

    page = client.get(f"/admin/reports/coding/{call.pk}/").content.decode()

    assert (
        f'data-disagreement="{disputed.reference}:A"' in page and f'data-disagreement="{disputed.reference}:B"' in page
    )
    assert f'data-disagreement="{agreed.reference}' not in page
    assert f"/admin/inputs/{disputed.pk}/review/" in page
    row = page.split(f'data-disagreement="{disputed.reference}:B"')[1].split("</tr>")[0]
    assert "not mapped (call_reviewer)" in row and "coder: coded" in row

    url = f"/admin/reports/coding/{call.pk}/adjudicate/"
    client.post(url, {"submission": disputed.pk, "topic_area": areas["A"].pk, "outcome": "kept"})
    client.post(url, {"submission": disputed.pk, "topic_area": areas["B"].pk, "outcome": "changed"})

    assert set(Mapping.objects.filter(submission=disputed).values_list("topic_area__code", flat=True)) == {"A", "B"}
    assert set(Adjudication.objects.values_list("topic_area__code", "first_said", "outcome")) == {
        ("A", True, "kept"),
        ("B", False, "changed"),
    }
    page = client.get(f"/admin/reports/coding/{call.pk}/").content.decode()
    assert page.count("data-adjudicated") == 2
    assert "The first review was changed" in page and "The first review stands" in page

    again = client.post(url, {"submission": disputed.pk, "topic_area": areas["B"].pk, "outcome": "kept"}, follow=True)
    assert "There is no open disagreement on this topic area of this input." in again.content.decode()
    assert Adjudication.objects.count() == 2
    client.post(url, {"submission": agreed.pk, "topic_area": areas["A"].pk, "outcome": "changed"})
    assert Adjudication.objects.count() == 2 and Mapping.objects.filter(submission=agreed).exists()


def test_suggestions_are_made_when_an_input_is_confirmed_by_a_real_worker(client, call, celery_worker):
    from tests.workers import wait_for

    for question, (title, description) in zip(
        call.questions.all(),
        [("Funding", "Voluntary financial contributions, donors and budgets."), ("Participation", "Remote hubs.")],
        strict=True,
    ):
        question.topic_area.title, question.topic_area.description = title, description
        question.topic_area.save()

    submission = received_input(client, call, general_comment="More donors and voluntary financial contributions.")

    suggestions = wait_for(lambda: list(Suggestion.objects.filter(submission=submission).order_by("-confidence")))
    assert suggestions[0].topic_area.title == "Funding" and 0 < suggestions[0].confidence <= 1
    assert all(suggestion.decision == SuggestionDecision.PENDING for suggestion in suggestions)
