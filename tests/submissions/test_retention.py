"""Inputs never confirmed expire, then lose their personal data and content after the retention period."""

import os
from datetime import timedelta

import pytest
import time_machine
from wagtail.log_actions import registry

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from review.models import Passage, PassageSource
from submissions.models import Answer, Attachment, Submission, SubmissionStatus, SubmissionVersion
from submissions.retention import submissions_erase_expired
from submissions.services import submission_confirm, submission_withdraw, submissions_expire
from submissions.tasks import submissions_erase_expired as erase_task
from submissions.tokens import submission_token
from tests.intake import PDF, form_data, open_call
from tests.review.conftest import staff_user

pytestmark = pytest.mark.django_db

CONFIRMATION_DAYS = 7
RETENTION_DAYS = 30
# What the submitter typed about themselves and said: none of it may be left after erasure.
PERSONAL = {
    "contact_name": "Peter Major",
    "contact_email": "peter@example.org",
    "organisation": "Permanent Mission of Hungary",
    "official_role": "Special Advisor",
    "general_comment": "A marker comment.",
}
ANSWER = "More tangible outputs, please."


@pytest.fixture(autouse=True)
def periods(settings):
    settings.SUBMISSION_CONFIRMATION_DAYS = CONFIRMATION_DAYS
    settings.SUBMISSION_RETENTION_DAYS = RETENTION_DAYS


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


def expired(client, call) -> Submission:
    submission = submit(client, call)
    assert submissions_expire(now=after(CONFIRMATION_DAYS + 1)) == 1
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.EXPIRED
    return submission


def erased(client, call, django_capture_on_commit_callbacks) -> Submission:
    submission = expired(client, call)
    with django_capture_on_commit_callbacks(execute=True):
        assert submissions_erase_expired(now=after(CONFIRMATION_DAYS + RETENTION_DAYS + 1)) == 1
    submission.refresh_from_db()
    return submission


def stored(submission) -> dict:
    """The input's row and what hangs from it, as stored."""
    row = Submission.objects.filter(pk=submission.pk).values().get()
    return {
        "row": row,
        "answers": list(Answer.objects.filter(submission=submission).values_list("text", flat=True)),
        "attachments": list(Attachment.objects.filter(submission=submission).values_list("name", "file")),
        "versions": SubmissionVersion.objects.filter(submission=submission).count(),
        "history": actions(submission),
    }


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


def test_after_the_retention_period_the_beat_task_erases_personal_data_and_content(
    client, call, django_capture_on_commit_callbacks
):
    submission = expired(client, call)
    reference, fingerprint = submission.reference, submission.fingerprint
    path = submission.attachments.get().file.path
    assert os.path.exists(path)

    with (
        time_machine.travel(after(CONFIRMATION_DAYS + RETENTION_DAYS + 1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert erase_task() == 1

    submission.refresh_from_db()
    assert {field: getattr(submission, field) for field in PERSONAL} == dict.fromkeys(PERSONAL, "")
    assert not Answer.objects.filter(submission=submission).exists()
    assert not Attachment.objects.filter(submission=submission).exists()
    assert not os.path.exists(path)
    assert not SubmissionVersion.objects.filter(submission=submission).exists()
    assert submission.erased_at is not None
    assert (submission.reference, submission.fingerprint) == (reference, fingerprint)
    assert submission.status == SubmissionStatus.EXPIRED
    assert (submission.call_id, submission.country.iso3, submission.stakeholder_group.code) == (
        call.pk,
        "HUN",
        "GOVERNMENT",
    )
    [entry] = [entry for entry in registry.get_logs_for_instance(submission) if entry.action == "submissions.erase"]
    assert entry.data == {"answers": 1, "attachments": 1, "versions": 1}
    assert not any(value in str(entry.data) + entry.label for value in [*PERSONAL.values(), ANSWER, "paper"])


def test_nothing_is_erased_before_the_retention_period_ends(client, call, django_capture_on_commit_callbacks):
    submission = expired(client, call)
    before = stored(submission)

    with django_capture_on_commit_callbacks(execute=True):
        assert submissions_erase_expired(now=after(CONFIRMATION_DAYS + RETENTION_DAYS - 1)) == 0

    assert stored(submission) == before
    assert os.path.exists(submission.attachments.get().file.path)


def test_confirmed_withdrawn_and_not_yet_expired_inputs_are_never_touched_whatever_their_age(
    client, call, django_capture_on_commit_callbacks
):
    control = submit(client, call)
    confirmed = submit(client, call)
    submission_confirm(submission=confirmed)
    withdrawn = submit(client, call)
    submission_withdraw(submission=withdrawn)
    assert submissions_expire(now=after(CONFIRMATION_DAYS + 1)) == 1
    unconfirmed = submit(client, call)  # old, but no sweep has expired it yet
    Submission.objects.filter(pk=unconfirmed.pk).update(submitted_at=after(-3650))
    kept = [confirmed, withdrawn, unconfirmed]
    before = [stored(submission) for submission in kept]

    with django_capture_on_commit_callbacks(execute=True):
        assert submissions_erase_expired(now=after(3650)) == 1

    assert [stored(submission) for submission in kept] == before
    assert all(os.path.exists(submission.attachments.get().file.path) for submission in kept)
    assert Submission.objects.get(pk=control.pk).erased_at is not None


def test_running_it_twice_changes_nothing_the_second_time(client, call, django_capture_on_commit_callbacks):
    submission = erased(client, call, django_capture_on_commit_callbacks)
    before = stored(submission)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert submissions_erase_expired(now=after(CONFIRMATION_DAYS + RETENTION_DAYS + 2)) == 0

    assert stored(submission) == before
    assert callbacks == []
    assert before["history"].count("submissions.erase") == 1


def test_files_are_deleted_only_once_the_erasure_is_committed(client, call, django_capture_on_commit_callbacks):
    submission = expired(client, call)
    path = submission.attachments.get().file.path

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert submissions_erase_expired(now=after(CONFIRMATION_DAYS + RETENTION_DAYS + 1)) == 1
        assert not Attachment.objects.filter(submission=submission).exists()
        assert os.path.exists(path)

    assert os.path.exists(path)
    for callback in callbacks:
        callback()
    assert not os.path.exists(path)


def test_an_input_whose_content_a_passage_quotes_is_left_whole_and_the_others_are_erased(
    client, call, django_capture_on_commit_callbacks
):
    quoted = submit(client, call)
    other = submit(client, call)
    assert submissions_expire(now=after(CONFIRMATION_DAYS + 1)) == 2
    answer = quoted.answers.get()
    Passage.objects.create(
        submission=quoted,
        source=PassageSource.ANSWER,
        answer=answer,
        start=0,
        end=4,
        text=answer.text[:4],
        created_by=staff_user("admin", is_superuser=True),
    )
    before = stored(quoted)

    with django_capture_on_commit_callbacks(execute=True):
        assert submissions_erase_expired(now=after(CONFIRMATION_DAYS + RETENTION_DAYS + 1)) == 1

    assert stored(quoted) == before
    assert os.path.exists(quoted.attachments.get().file.path)
    assert Submission.objects.get(pk=other.pk).erased_at is not None


def test_the_admin_shows_an_erased_input_without_any_erased_value(client, call, django_capture_on_commit_callbacks):
    submission = expired(client, call)
    client.force_login(staff_user("admin", is_superuser=True))
    shown = client.get(f"/admin/inputs/inspect/{submission.pk}/").content.decode()
    assert PERSONAL["organisation"] in shown and ANSWER in shown and "position paper" in shown
    with django_capture_on_commit_callbacks(execute=True):
        submissions_erase_expired(now=after(CONFIRMATION_DAYS + RETENTION_DAYS + 1))

    pages = {
        "inspect": client.get(f"/admin/inputs/inspect/{submission.pk}/"),
        "list": client.get("/admin/inputs/", {"status": "expired"}),
        "review": client.get(f"/admin/inputs/{submission.pk}/review/"),
    }

    for name, response in pages.items():
        html = response.content.decode()
        assert response.status_code == 200, name
        assert submission.reference in html, name
        assert not [value for value in [*PERSONAL.values(), ANSWER, "position paper"] if value in html], name
    assert "were erased on" in pages["inspect"].content.decode()
    history = pages["review"].content.decode().partition('id="history"')[2]
    assert "the portal · Personal data and content erased after the retention period" in history
    assert "the portal · Expired: the email address was never confirmed" in history


def test_the_private_links_of_an_erased_input_are_not_found(client, call, django_capture_on_commit_callbacks):
    submission = expired(client, call)
    tokens = {purpose: submission_token(submission, purpose) for purpose in ("manage", "receipt", "confirm")}
    urls = [
        f"{call.url}input/{tokens['manage']}/",
        f"{call.url}input/{tokens['manage']}/edit/",
        f"{call.url}receipt/{tokens['receipt']}/",
        f"{call.url}confirm/{tokens['confirm']}/",
    ]
    attachment = submission.attachments.get()
    assert client.get(urls[0]).status_code == 200  # expired, not yet erased: the submitter still reads it

    with django_capture_on_commit_callbacks(execute=True):
        submissions_erase_expired(now=after(CONFIRMATION_DAYS + RETENTION_DAYS + 1))

    assert [client.get(url).status_code for url in urls] == [404] * len(urls)
    assert client.post(urls[3]).status_code == 404
    assert client.get(f"/attachments/{attachment.pk}/", {"t": tokens["manage"]}).status_code == 404
