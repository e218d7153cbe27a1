"""Reviewers, secretariat members and inputs under review, as the review tests need them."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from review.models import CallReviewer, ProcessSecretariat, Review
from submissions.models import Submission, SubmissionStatus
from tests.factories import ProcessFactory
from tests.intake import form_data, open_call


def staff_user(username: str, **extra):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw", **extra)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def received_input(client, call, **overrides) -> Submission:
    """A confirmed input of `call` with its review opened, as after the submitter's confirmation."""
    from submissions.services import submission_confirm

    response = client.post(f"{call.url}submit/", form_data(call, **overrides))
    assert response.status_code == 302, response.content.decode()[:500]
    submission = Submission.objects.order_by("-pk").first()
    submission_confirm(submission=submission)
    submission.refresh_from_db()
    return submission


@pytest.fixture
def call(call_index):
    return open_call(call_index)


@pytest.fixture
def people(call, call_index):
    """One user per role, for `call` (of process WGIGF) and for another call and process."""
    from tests.factories import CallPageFactory

    other_call = CallPageFactory(parent=call_index, process=call.process, title="Other call")
    other_process = ProcessFactory(code="OTHER", name="Another body")
    users = {
        "administrator": staff_user("admin", is_superuser=True),
        "secretariat": staff_user("secretariat"),
        "other_secretariat": staff_user("other_secretariat"),
        "call_reviewer": staff_user("call_reviewer"),
        "assigned_reviewer": staff_user("assigned_reviewer"),
        "other_reviewer": staff_user("other_reviewer"),
        "staff": staff_user("staff"),
    }
    ProcessSecretariat.objects.create(process=call.process, user=users["secretariat"])
    ProcessSecretariat.objects.create(process=other_process, user=users["other_secretariat"])
    CallReviewer.objects.create(call=call, user=users["call_reviewer"])
    CallReviewer.objects.create(call=other_call, user=users["assigned_reviewer"])
    CallReviewer.objects.create(call=other_call, user=users["other_reviewer"])
    return users


def input_in_status(client, call, status: str, assigned_to=None) -> Submission:
    submission = received_input(client, call)
    Review.objects.filter(submission=submission).update(assigned_to=assigned_to)
    if status != SubmissionStatus.RECEIVED:
        Submission.objects.filter(pk=submission.pk).update(status=status)
        submission.refresh_from_db()
    return submission
