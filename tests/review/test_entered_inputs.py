"""The secretariat enters an input received by letter or email on its author's behalf, through the admin, with
the original document attached (private), and the author gets the same receipt."""

from datetime import timedelta

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from home.models import InputIndexPage
from reference.models import Country
from review.models import Review, ReviewStatus, SubmissionLogEntry
from review.services import mapping_create, review_status_set
from submissions.models import Entry, Submission, SubmissionStatus
from tests.factories import stakeholder_group
from tests.intake import PDF, outbox_deliver, stored_state

pytestmark = pytest.mark.django_db


def letter(call, **overrides) -> dict:
    """The admin form as the secretariat fills it in from a scanned letter."""
    question = call.questions.first()
    data = {
        "stakeholder_group": stakeholder_group("GOVERNMENT").pk,
        "organisation": "Permanent Mission of Hungary",
        "country": Country.objects.get(iso3="HUN").pk,
        "is_official": "on",
        "official_role": "Ambassador",
        "contact_name": "Ambassador Kovács",
        "contact_email": "mission@hungary.example",
        "language": "en",
        f"answer_{question.pk}": "Hungary asks for tangible outputs.",
        "general_comment": "",
        "publication": "named",
        "channel": "letter",
        "received_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "official_reason": "Letter on letterhead of the Permanent Mission",
        "document": SimpleUploadedFile("scan of the letter.pdf", PDF, content_type="application/pdf"),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def enter(client, call, capture=None, **overrides):
    if capture is None:
        return client.post(f"/admin/entries/{call.pk}/", letter(call, **overrides))
    with capture(execute=True):
        return client.post(f"/admin/entries/{call.pk}/", letter(call, **overrides))


def test_the_secretariat_enters_a_letter_which_gets_a_receipt_and_reaches_the_reviewers(
    client, call, people, django_capture_on_commit_callbacks
):
    client.force_login(people["secretariat"])
    assert call.title in client.get("/admin/entries/").content.decode()
    assert client.get(f"/admin/entries/{call.pk}/").status_code == 200

    response = enter(client, call, django_capture_on_commit_callbacks)

    submission = Submission.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/inputs/{submission.pk}/review/"
    assert submission.status == SubmissionStatus.RECEIVED and submission.channel == "letter"
    assert submission.official_verified and submission.fingerprint
    entry = Entry.objects.get(submission=submission)
    assert entry.entered_by == people["secretariat"] and entry.name == "scan of the letter.pdf"
    assert Review.objects.filter(submission=submission).exists()  # no email confirmation needed
    assert SubmissionLogEntry.objects.filter(submission=submission, action="submissions.enter").exists()

    [receipt] = [mail for mail in outbox_deliver() if "was received" in mail.subject]  # reviewers get their alert
    assert receipt.to == ["mission@hungary.example"] and submission.reference in receipt.subject
    assert submission.fingerprint in receipt.body and "entered by the secretariat on your behalf" in receipt.body
    assert "/confirm/" not in receipt.body and "official submission of Hungary, verified" in receipt.body

    screen = client.get(f"/admin/inputs/{submission.pk}/review/").content.decode()
    assert "entered by the secretariat (secretariat" in screen and "scan of the letter.pdf" in screen
    original = client.get(f"/admin/inputs/{submission.pk}/original/")
    assert original.status_code == 200 and b"".join(original.streaming_content) == PDF

    client.force_login(people["call_reviewer"])
    assert client.get(f"/admin/inputs/{submission.pk}/original/").status_code == 200  # reviewers read it
    for role in ("other_reviewer", "staff"):
        client.force_login(people[role])
        assert client.get(f"/admin/inputs/{submission.pk}/original/").status_code == 404
    client.logout()
    assert client.get(f"/admin/inputs/{submission.pk}/original/").status_code == 302  # to the sign-in page

    call.get_parent().get_parent().add_child(instance=InputIndexPage(title="Published inputs", slug="inputs"))
    mapping_create(submission=submission, topic_area=call.questions.first().topic_area, by=people["administrator"])
    review_status_set(submission=submission, status=ReviewStatus.PUBLISHED, by=people["administrator"])
    public = client.get(f"/en/inputs/{submission.reference}/").content.decode()
    assert "Received by letter, entered by the secretariat" in public and "Official submission" in public
    assert "scan of the letter.pdf" not in public and "/original/" not in public
    assert client.get(f"/api/v1/inputs/{submission.reference}").json()["received"] == "letter"


def test_a_letter_without_an_address_is_entered_without_mail(client, call, people, django_capture_on_commit_callbacks):
    client.force_login(people["secretariat"])
    response = enter(client, call, django_capture_on_commit_callbacks, contact_email="", official_reason="")
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.is_official and not submission.official_verified  # no reason given: unverified
    assert not [mail for mail in outbox_deliver() if "was received" in mail.subject]


def test_only_the_calls_secretariat_may_enter_and_nothing_is_stored_otherwise(client, call, people):
    before = stored_state()
    for role in ("call_reviewer", "other_secretariat", "staff"):
        client.force_login(people[role])
        for response in (client.get(f"/admin/entries/{call.pk}/"), enter(client, call)):
            # The admin's answer to a refusal: back to its dashboard, with "you do not have permission".
            assert (response.status_code, response["Location"]) == (302, "/admin/"), role
    client.logout()
    assert enter(client, call).status_code == 302 and "/login/" in enter(client, call)["Location"]
    assert stored_state() == before and not Entry.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"document": SimpleUploadedFile("letter.pdf", b"<html><script>alert(1)</script>", "application/pdf")},
            "“letter.pdf” is not a valid PDF file",
        ),
        ({"document": None}, "This field is required."),
        ({"received_on": (timezone.localdate() + timedelta(days=2)).isoformat()}, "cannot be in the future"),
        ({"is_official": None, "official_role": ""}, "Only an official submission can be verified."),
    ],
)
def test_a_bad_entry_is_refused_with_a_message_and_nothing_is_stored(client, call, people, overrides, message):
    client.force_login(people["secretariat"])
    before = stored_state()
    response = enter(client, call, **overrides)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert stored_state() == before and not Entry.objects.exists()


def test_a_letter_received_before_the_deadline_is_entered_after_the_call_closed(
    client, call, people, django_capture_on_commit_callbacks
):
    now = timezone.now()
    call.opens_at, call.closes_at = now - timedelta(days=30), now - timedelta(days=3)
    call.save()
    client.force_login(people["secretariat"])
    late = enter(client, call, received_on=(timezone.localdate() - timedelta(days=1)).isoformat())
    assert late.status_code == 400 and "a letter received after that is not an input" in late.content.decode()
    assert not Submission.objects.exists()

    in_time = enter(client, call, django_capture_on_commit_callbacks, received_on=(now - timedelta(days=5)).date())
    assert in_time.status_code == 302
    assert Entry.objects.get().received_on == (now - timedelta(days=5)).date()
