"""Role × action × status, against a table written here, not derived from the code under test."""

import itertools

import pytest

from django.contrib.auth.models import AnonymousUser

from review import permissions
from review.models import Note, ReviewStatus
from submissions.models import Submission, SubmissionStatus
from tests.review.conftest import input_in_status

pytestmark = pytest.mark.django_db

ACTIONS = ["view", "map", "note", "status", "assign", "publish", "redact", "lift", "contact"]
ROLES = [
    "administrator",
    "secretariat",
    "other_secretariat",
    "call_reviewer",
    "assigned_reviewer",
    "other_reviewer",
    "staff",
    "anonymous",
]
STATUSES = [
    SubmissionStatus.UNCONFIRMED,
    SubmissionStatus.RECEIVED,
    SubmissionStatus.WITHDRAWN,
    SubmissionStatus.EXPIRED,
]

ROLE_MAY = {
    "administrator": set(ACTIONS),
    "secretariat": set(ACTIONS),
    "call_reviewer": {"view", "map", "note", "status", "publish", "redact"},
    "assigned_reviewer": {"view", "map", "note", "status", "publish", "redact"},
}
STATUS_ALLOWS = {
    SubmissionStatus.UNCONFIRMED: {"view", "contact"},
    SubmissionStatus.RECEIVED: set(ACTIONS),
    SubmissionStatus.WITHDRAWN: {"view", "note"},
    SubmissionStatus.EXPIRED: {"view"},
}
# Reviewers are handed confirmed inputs only (received, and withdrawn after that).
REVIEWERS_SEE = {SubmissionStatus.RECEIVED, SubmissionStatus.WITHDRAWN}


def expected(role, action, status) -> bool:
    if action not in ROLE_MAY.get(role, set()) or action not in STATUS_ALLOWS[status]:
        return False
    return not (role.endswith("reviewer") and status not in REVIEWERS_SEE)


@pytest.fixture
def inputs(client, call, people):
    return {
        status: input_in_status(client, call, status, assigned_to=people["assigned_reviewer"]) for status in STATUSES
    }


def test_every_role_action_and_status_follows_the_table(people, inputs):
    users = {**people, "anonymous": AnonymousUser()}
    wrong = [
        (role, action, status)
        for role, action, status in itertools.product(ROLES, ACTIONS, STATUSES)
        if permissions.can(users[role], action, inputs[status]) != expected(role, action, status)
    ]
    assert wrong == []


def test_the_set_of_inputs_a_role_may_act_on_is_the_table_too(people, inputs):
    """`submissions_actionable_by` (one query, for bulk selections) answers as `can` does, input by input."""
    users = {**people, "anonymous": AnonymousUser()}
    wrong = [
        (role, action, status)
        for role, action, status in itertools.product(ROLES, ACTIONS, STATUSES)
        if permissions.submissions_actionable_by(users[role], action).filter(pk=inputs[status].pk).exists()
        != expected(role, action, status)
    ]
    assert wrong == []


@pytest.mark.parametrize(("role", "queries"), [("administrator", 1), ("secretariat", 2), ("call_reviewer", 3)])
def test_remembered_roles_answer_as_the_rules_do_reading_each_role_once(
    people, inputs, role, queries, django_assert_num_queries
):
    """What a bulk job asks for each of thousands of inputs: the place in the call is read once per block (the
    inputs coded blind, the process's secretariat, the call's reviewers), whatever the inputs and actions."""
    cases = list(itertools.product(ACTIONS, STATUSES))
    loaded = Submission.objects.select_related("call", "call__process").in_bulk([item.pk for item in inputs.values()])
    with permissions.roles_remembered(), django_assert_num_queries(queries):
        answers = [permissions.can(people[role], action, loaded[inputs[status].pk]) for action, status in cases]
    assert answers == [expected(role, action, status) for action, status in cases]


@pytest.mark.parametrize("role", ROLES)
def test_the_review_screen_answers_each_role_as_the_table_says(client, people, inputs, role):
    submission = inputs[SubmissionStatus.RECEIVED]
    if role != "anonymous":
        client.force_login(people[role])

    screen = client.get(f"/admin/inputs/{submission.pk}/review/")
    note = client.post(f"/admin/inputs/{submission.pk}/review/", {"action": "note", "text": f"Note by {role}"})

    if role == "anonymous":
        assert screen.status_code == 302 and "/admin/login/" in screen["Location"]
    else:
        assert screen.status_code == (200 if expected(role, "view", SubmissionStatus.RECEIVED) else 404)
    assert Note.objects.filter(text=f"Note by {role}").exists() == expected(role, "note", SubmissionStatus.RECEIVED)
    assert note.status_code in (302, 404) or role == "anonymous"


@pytest.mark.parametrize("role", ["secretariat", "call_reviewer", "other_reviewer"])
def test_only_the_inputs_reviewers_and_secretariat_publish_it(client, people, inputs, role, call):
    from review.services import mapping_create

    submission = inputs[SubmissionStatus.RECEIVED]
    mapping_create(submission=submission, topic_area=call.questions.first().topic_area, by=people["secretariat"])
    client.force_login(people[role])
    submission.review.refresh_from_db()

    client.post(
        f"/admin/inputs/{submission.pk}/review/",
        {"action": "status", "status": "published", "revision": submission.review.revision},
    )

    submission.review.refresh_from_db()
    assert (submission.review.status == ReviewStatus.PUBLISHED) == (role != "other_reviewer")


def test_guessing_another_inputs_id_finds_nothing(client, people, inputs):
    client.force_login(people["other_reviewer"])
    for submission in inputs.values():
        assert client.get(f"/admin/inputs/{submission.pk}/review/").status_code == 404
    assert client.get("/admin/inputs/999999/review/").status_code == 404


def test_the_list_shows_each_role_only_its_inputs(client, people, inputs):
    listed = {}
    for role in ("secretariat", "call_reviewer", "assigned_reviewer", "other_reviewer"):
        client.force_login(people[role])
        html = client.get("/admin/inputs/").content.decode()
        listed[role] = {status for status, submission in inputs.items() if submission.reference in html}
    assert listed == {
        "secretariat": set(STATUSES),
        "call_reviewer": REVIEWERS_SEE,
        "assigned_reviewer": REVIEWERS_SEE,
        "other_reviewer": set(),
    }
