"""Reminders before a call closes (once per call and address) and the expiry of unconfirmed inputs."""

import re
from datetime import timedelta

import pytest

from django.utils import timezone

from submissions.models import CallSubscription, Submission, SubmissionStatus
from submissions.reminders import call_reminders_send
from submissions.services import submissions_expire
from tests.intake import form_data, open_call, outbox_deliver

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(call_index):
    return open_call(call_index, closes_at=timezone.now() + timedelta(days=2))


def subscribe_and_confirm(client, call, email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(f"{call.url}remind/", {"email": email, "website": ""})
    assert "Check your email" in page.content.decode()
    [message] = [m for m in outbox_deliver() if m.to == [email]]
    confirm = re.search(r"http://testserver(/\S+/remind/confirm/\S+/)", message.body).group(1)
    assert "Confirm the reminder" in client.get(confirm).content.decode()
    client.post(confirm)


def test_the_call_page_offers_a_reminder(client, call):
    assert f'action="{call.url}remind/"' in client.get(call.url).content.decode()


def test_a_confirmed_subscriber_is_reminded_once_even_when_beat_runs_twice(
    client, call, django_capture_on_commit_callbacks
):
    subscribe_and_confirm(client, call, "delegate@example.org", django_capture_on_commit_callbacks)
    client.post(f"{call.url}remind/", {"email": "unconfirmed@example.org", "website": ""})

    assert call_reminders_send() == 1
    assert call_reminders_send() == 0  # a beat that restarts, or runs twice, sends nothing more

    reminders = [m for m in outbox_deliver() if "closes soon" in m.subject]
    assert [m.to for m in reminders] == [["delegate@example.org"]]
    assert f"{call.url}submit/" in reminders[0].body


def test_no_reminder_while_the_deadline_is_far(client, call, django_capture_on_commit_callbacks):
    call.closes_at = timezone.now() + timedelta(days=30)
    call.save()
    subscribe_and_confirm(client, call, "early@example.org", django_capture_on_commit_callbacks)
    assert call_reminders_send() == 0


def test_asking_twice_makes_one_subscription_and_one_confirmation(client, call, django_capture_on_commit_callbacks):
    for _ in range(2):
        client.post(f"{call.url}remind/", {"email": "Twice@Example.org", "website": ""})
    assert CallSubscription.objects.filter(email="twice@example.org").count() == 1
    assert len(outbox_deliver()) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "not-an-address", "website": ""}, "Enter a valid email address."),
        ({"email": "bot@example.org", "website": "http://spam"}, "Leave the field “Website” empty"),
    ],
)
def test_a_bad_reminder_request_is_refused_and_stores_nothing(client, call, data, message):
    response = client.post(f"{call.url}remind/", data)
    assert response.status_code == 400 and message in response.content.decode()
    assert CallSubscription.objects.count() == 0 and outbox_deliver() == []


def test_a_closed_call_takes_no_reminder(client, call):
    call.opens_at, call.closes_at = timezone.now() - timedelta(days=9), timezone.now() - timedelta(days=1)
    call.save()
    response = client.post(f"{call.url}remind/", {"email": "late@example.org", "website": ""})
    assert "nothing to remind you of" in response.content.decode()
    assert CallSubscription.objects.count() == 0


def test_unconfirmed_inputs_expire_after_the_confirmation_period_and_are_kept(client, call, settings):
    settings.SUBMISSION_CONFIRMATION_DAYS = 7
    client.post(f"{call.url}submit/", form_data(call))
    client.post(f"{call.url}submit/", form_data(call))
    old, recent = Submission.objects.order_by("pk")
    Submission.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - timedelta(days=8))

    assert submissions_expire() == 1

    assert Submission.objects.get(pk=old.pk).status == SubmissionStatus.EXPIRED
    assert Submission.objects.get(pk=recent.pk).status == SubmissionStatus.UNCONFIRMED
