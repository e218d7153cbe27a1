"""Inputs never confirmed expire, then lose their personal data and content after the retention period."""

from datetime import timedelta

import pytest
from wagtail.log_actions import registry

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from submissions.models import Submission, SubmissionStatus
from submissions.services import submissions_expire
from tests.intake import PDF, form_data, open_call

pytestmark = pytest.mark.django_db

CONFIRMATION_DAYS = 7
# What the submitter typed about themselves and said: none of it may be left after erasure.
PERSONAL = {
    "contact_name": "Peter Major",
    "contact_email": "peter@example.org",
    "organisation": "Permanent Mission of Hungary",
    "official_role": "Special Advisor",
    "general_comment": "A marker comment.",
}


@pytest.fixture(autouse=True)
def periods(settings):
    settings.SUBMISSION_CONFIRMATION_DAYS = CONFIRMATION_DAYS


@pytest.fixture
def call(call_index):
    return open_call(call_index)


def submit(client, call) -> Submission:
    """An input sent through the form, with a PDF attachment: unconfirmed until its email is confirmed."""
    attachment = SimpleUploadedFile("position paper.pdf", PDF, content_type="application/pdf")
    response = client.post(f"{call.url}submit/", form_data(call, attachments=[attachment], **PERSONAL))
    assert response.status_code == 302, response.content.decode()[:500]
    return Submission.objects.order_by("-pk").first()


def actions(submission) -> list[str]:
    return sorted(entry.action for entry in registry.get_logs_for_instance(submission))


def after(days: float):
    return timezone.now() + timedelta(days=days)


def test_each_expiry_is_in_the_inputs_history(client, call):
    first, second = submit(client, call), submit(client, call)
    recent = submit(client, call)
    Submission.objects.filter(pk=recent.pk).update(submitted_at=after(CONFIRMATION_DAYS))

    assert submissions_expire(now=after(CONFIRMATION_DAYS + 1)) == 2

    assert actions(first) == actions(second) == ["submissions.expire", "submissions.submit"]
    assert actions(recent) == ["submissions.submit"]
    assert Submission.objects.get(pk=recent.pk).status == SubmissionStatus.UNCONFIRMED
    assert submissions_expire(now=after(CONFIRMATION_DAYS + 1)) == 0
    assert actions(first) == ["submissions.expire", "submissions.submit"]
