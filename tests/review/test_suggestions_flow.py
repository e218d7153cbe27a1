"""Suggested topics: computed locally, accepted or rejected with one action, and the acceptance reported."""

import pytest

from reference.models import SubTopic
from review.models import Mapping, MappingOrigin, Suggestion, SuggestionDecision
from review.suggestions_service import suggestion_acceptance_rates, suggestions_refresh
from tests.review.conftest import received_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics(call):
    """Describe the call's two topic areas as a process would."""
    areas = {question.topic_area.code: question.topic_area for question in call.questions.all()}
    areas["A"].title, areas["A"].description = "Funding", "Voluntary financial contributions, donors and budgets."
    areas["B"].title, areas["B"].description = "Participation", "Remote participation, hubs and newcomers."
    for area in areas.values():
        area.save()
    SubTopic.objects.create(topic_area=areas["A"], code="A.1", title="Encourage voluntary financial contributions")
    SubTopic.objects.create(topic_area=areas["A"], code="A.2", title="Publish the budget and its audit")
    return areas


def test_inputs_get_suggestions_and_a_reviewer_accepts_one_with_one_action(client, call, people, topics):
    funding = received_input(client, call, general_comment="More donors and voluntary financial contributions.")
    suggestions_refresh(process=call.process)
    assert suggestions_refresh(process=call.process) == 0  # nothing new to suggest

    top = Suggestion.objects.filter(submission=funding).order_by("-confidence").first()
    assert top.topic_area.code == "A" and 0 < top.confidence <= 1
    assert top.sub_topic.code == "A.1"  # the sub-topic closest to the input, within the suggested area
    client.force_login(people["call_reviewer"])
    page = client.get(f"/admin/inputs/{funding.pk}/review/").content.decode()
    assert "Suggested topics" in page

    client.post(f"/admin/inputs/{funding.pk}/review/", {"action": "suggestion", "suggestion": top.pk, "accept": "on"})

    top.refresh_from_db()
    assert top.decision == SuggestionDecision.ACCEPTED and top.decided_by == people["call_reviewer"]
    mapping = Mapping.objects.get(submission=funding)
    assert (mapping.topic_area.code, mapping.sub_topic.code, mapping.origin) == ("A", "A.1", MappingOrigin.SUGGESTION)


def test_a_rejected_suggestion_maps_nothing_and_the_report_counts_both(client, call, people, topics):
    first = received_input(client, call, general_comment="Voluntary financial contributions from donors.")
    second = received_input(client, call, general_comment="Budgets and voluntary contributions of donors.")
    suggestions_refresh(process=call.process)
    client.force_login(people["secretariat"])
    for submission, accept in ((first, "on"), (second, "")):
        suggestion = Suggestion.objects.filter(submission=submission, topic_area__code="A").get()
        client.post(
            f"/admin/inputs/{submission.pk}/review/",
            {"action": "suggestion", "suggestion": suggestion.pk, "accept": accept},
        )

    assert not Mapping.objects.filter(submission=second).exists()
    [row] = [row for row in suggestion_acceptance_rates(process=call.process) if row["topic_area__code"] == "A"]
    assert (row["decided"], row["accepted"], row["rate"]) == (2, 1, 0.5)
    report = client.get("/admin/reports/suggestions/").content.decode()
    assert "50%" in report


@pytest.mark.parametrize(
    ("role", "sees_it"),
    [("secretariat", True), ("call_reviewer", True), ("other_secretariat", False), ("other_reviewer", True)],
)
def test_the_acceptance_report_shows_only_the_processes_the_user_works_in(client, call, people, role, sees_it):
    """`other_reviewer` reviews another call of the same process; `other_secretariat` works for another body."""
    client.force_login(people[role])

    report = client.get("/admin/reports/suggestions/")

    assert report.status_code == 200
    assert (call.process.name in report.content.decode()) == sees_it
