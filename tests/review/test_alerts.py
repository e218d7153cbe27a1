"""Reviewers hear of confirmed inputs at once or in a daily digest, as each of them chose."""

from datetime import timedelta

import pytest

from django.contrib.auth import get_user_model
from django.utils import timezone

from review.models import AlertFrequency, CallReviewer, ReviewerPreference
from review.notifications import reviewer_digests_send
from submissions.models import Submission
from submissions.services import submission_confirm
from tests.intake import form_data, open_call, outbox_deliver

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(call_index):
    return open_call(call_index)


def call_reviewer(call, username, alert):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    CallReviewer.objects.create(call=call, user=user)
    ReviewerPreference.objects.update_or_create(user=user, defaults={"alert": alert})
    return user


def confirmed_input(client, call):
    client.post(f"{call.url}submit/", form_data(call))
    submission = Submission.objects.order_by("-pk").first()
    submission_confirm(submission=submission)
    submission.refresh_from_db()
    return submission


def test_an_immediate_reviewer_is_told_when_an_input_is_confirmed_not_before(client, call):
    call_reviewer(call, "ana", AlertFrequency.IMMEDIATE)
    call_reviewer(call, "ben", AlertFrequency.DAILY)
    call_reviewer(call, "cy", AlertFrequency.NEVER)
    client.post(f"{call.url}submit/", form_data(call))
    assert [m.to for m in outbox_deliver()] == [["peter@example.org"]]  # the receipt only

    submission = Submission.objects.get()
    submission_confirm(submission=submission)
    submission_confirm(submission=submission)  # a second click changes nothing

    alerts = [m for m in outbox_deliver() if m.to != ["peter@example.org"]]
    assert [m.to for m in alerts] == [["ana@example.org"]]
    assert submission.reference in alerts[0].subject and f"/admin/inputs/{submission.pk}/review/" in alerts[0].body


def test_a_daily_reviewer_gets_one_digest_a_day_with_the_new_inputs(client, call):
    ben = call_reviewer(call, "ben", AlertFrequency.DAILY)
    ReviewerPreference.objects.filter(user=ben).update(digest_sent_until=timezone.now() - timedelta(days=1, minutes=1))
    first, second = confirmed_input(client, call), confirmed_input(client, call)

    assert reviewer_digests_send() == 1
    assert reviewer_digests_send() == 0  # not twice the same day
    digest = [m for m in outbox_deliver() if m.to == ["ben@example.org"]]
    assert len(digest) == 1
    assert "2 new inputs to review" in digest[0].subject
    assert first.reference in digest[0].body and second.reference in digest[0].body

    later = timezone.now() + timedelta(days=1, minutes=1)
    assert reviewer_digests_send(now=later) == 0  # nothing new: no empty digest


def test_a_reviewer_chooses_the_alerts_in_account_settings(client, call):
    ana = call_reviewer(call, "ana", AlertFrequency.IMMEDIATE)
    ana.is_superuser = True
    ana.save()
    client.force_login(ana)

    page = client.get("/admin/account/")
    assert "A daily digest" in page.content.decode()
    response = client.post(
        "/admin/account/",
        {
            "new_input_alerts-alert": "daily",
            "name_email-first_name": "Ana",
            "name_email-last_name": "R",
            "name_email-email": "ana@example.org",
            "locale-preferred_language": "en",
            "locale-current_time_zone": "",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_shortcuts": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ReviewerPreference.objects.get(user=ana).alert == AlertFrequency.DAILY


def test_a_daily_reviewer_finds_assignments_in_the_digest_not_in_a_separate_mail(client, call):
    from review.services import review_assign

    ben = call_reviewer(call, "ben", AlertFrequency.DAILY)
    boss = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    ReviewerPreference.objects.filter(user=ben).update(digest_sent_until=timezone.now() - timedelta(days=2))
    submission = confirmed_input(client, call)
    outbox_deliver()

    review_assign(submissions=[submission], reviewer=ben, by=boss)
    assert outbox_deliver() == []  # no mail at once for a daily reviewer

    reviewer_digests_send()
    [digest] = [m for m in outbox_deliver() if m.to == ["ben@example.org"]]
    assert "Inputs assigned to you since your last digest:" in digest.body and submission.reference in digest.body


def test_each_reviewer_is_written_to_in_the_language_of_their_admin_account(client, call):
    from wagtail.users.models import UserProfile

    from django.utils import translation
    from django.utils.translation import gettext

    for username, language in [("ana", "ru"), ("bo", "")]:
        user = call_reviewer(call, username, AlertFrequency.IMMEDIATE)
        UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    confirmed_input(client, call)

    alerts = {message.to[0]: message for message in outbox_deliver() if message.to != ["peter@example.org"]}
    reference = Submission.objects.get().reference
    with translation.override("ru"):
        russian = gettext("New input %(reference)s") % {"reference": reference}
    assert russian != f"New input {reference}"
    assert alerts["ana@example.org"].subject == russian and alerts["bo@example.org"].subject == f"New input {reference}"
