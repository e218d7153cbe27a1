"""The call's secretariat verifies an input's official status on the review screen, or revokes it, each time with
a reason kept in the history; nobody else can, and reviewers see and filter the status."""

import pytest
from post_office.models import Email

from home.models import InputIndexPage
from review.models import ReviewStatus, SubmissionLogEntry
from review.services import mapping_create, review_status_set
from submissions.models import Submission
from tests.intake import outbox_deliver
from tests.review.conftest import received_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(client, call):
    """An official claim from an ordinary address: confirmed, "official, unverified", published."""
    call.get_parent().get_parent().add_child(instance=InputIndexPage(title="Published inputs", slug="inputs"))
    submission = received_input(client, call, contact_email="delegate@example.org")
    admin = submission_admin()
    mapping_create(submission=submission, topic_area=call.questions.first().topic_area, by=admin)
    review_status_set(submission=submission, status=ReviewStatus.PUBLISHED, by=admin)
    submission.refresh_from_db()
    assert submission.is_official and not submission.official_verified
    return submission


def submission_admin():
    from tests.review.conftest import staff_user

    return staff_user("boss", is_superuser=True)


def screen(submission):
    return f"/admin/inputs/{submission.pk}/review/"


def stored(submission) -> tuple:
    submission = Submission.objects.get(pk=submission.pk)
    return (
        submission.official_verified,
        submission.official_verification,
        SubmissionLogEntry.objects.filter(submission=submission, action__startswith="submissions.official").count(),
        Email.objects.count(),
    )


def public_page(client, submission) -> str:
    client.logout()
    return client.get(f"/en/inputs/{submission.reference}/").content.decode()


def test_the_secretariat_verifies_then_revokes_with_reasons_kept_in_the_history(
    client, people, claim, django_capture_on_commit_callbacks
):
    client.force_login(people["secretariat"])
    page = client.get(screen(claim)).content.decode()
    assert "official, unverified (not shown as official to the public)" in page and "Verify as official" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            screen(claim), {"action": "official", "reason": "Letter on letterhead of the Permanent Mission"}
        )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.official_verified and claim.official_verification == "Letter on letterhead of the Permanent Mission"
    page = client.get(screen(claim)).content.decode()
    assert "official, verified" in page and "Letter on letterhead of the Permanent Mission" in page
    assert "Official submission" in public_page(client, claim)
    [mail] = [mail for mail in outbox_deliver() if "official status" in mail.subject]
    assert mail.to == ["delegate@example.org"] and "verified: Letter on letterhead" in mail.body

    client.force_login(people["secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(screen(claim), {"action": "official", "revoke": "1", "reason": "The mission denies it"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert not claim.official_verified
    assert "Official submission" not in public_page(client, claim)
    history = SubmissionLogEntry.objects.filter(submission=claim, action__startswith="submissions.official")
    assert [(entry.action, entry.user, entry.data["reason"]) for entry in history.order_by("timestamp", "pk")] == [
        ("submissions.official_verify", people["secretariat"], "Letter on letterhead of the Permanent Mission"),
        ("submissions.official_revoke", people["secretariat"], "The mission denies it"),
    ]
    client.force_login(people["call_reviewer"])
    assert "The mission denies it" in client.get(screen(claim)).content.decode()  # the history shows the reasons


def test_an_empty_reason_is_refused_with_a_message_and_changes_nothing(client, people, claim):
    client.force_login(people["secretariat"])
    before = stored(claim)
    response = client.post(screen(claim), {"action": "official", "reason": "   "})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert stored(claim) == before


def test_only_the_calls_secretariat_may_verify(client, people, claim):
    """A reviewer of the call sees the status but is refused; another call's reviewer, another process's
    secretariat, a staff member without a role and an anonymous reader do not even reach the input."""
    before = stored(claim)
    for role, status in [
        ("call_reviewer", 400),
        ("other_reviewer", 404),
        ("other_secretariat", 404),
        ("staff", 404),
        (None, 302),
    ]:
        client.logout()
        if role:
            client.force_login(people[role])
        response = client.post(screen(claim), {"action": "official", "reason": "I say so"})
        assert response.status_code == status, role
        if status == 400:
            assert "You may not do this" in response.content.decode()
            assert "Verify as official" not in response.content.decode()
        assert stored(claim) == before, role


def test_reviewers_filter_the_list_by_official_status(client, call, people, claim):
    from tests.factories import focal_point

    focal_point(country="HUN", emails="mission@hungary.example")
    verified = received_input(client, call, contact_email="mission@hungary.example")
    not_official = received_input(client, call, is_official=None, official_role="")
    client.force_login(people["call_reviewer"])
    for value, expected in {"verified": verified, "unverified": claim, "none": not_official}.items():
        html = client.get("/admin/inputs/", {"official_status": value}).content.decode()
        shown = {item.reference for item in (verified, claim, not_official) if item.reference in html}
        assert shown == {expected.reference}, value
