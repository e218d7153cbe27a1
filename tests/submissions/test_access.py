"""Attachments leave only through the checked view; the admin sees every input as it arrived."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from review.models import ProcessSecretariat
from submissions.models import Submission, SubmissionStatus
from submissions.tokens import submission_token
from tests.intake import PDF, form_data, open_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(client, call_index):
    call = open_call(call_index)
    attachment = SimpleUploadedFile("paper.pdf", PDF)
    client.post(f"{call.url}submit/", form_data(call, attachments=[attachment], general_comment="Marker comment."))
    return Submission.objects.get()


def reviewer(client, submission):
    """A member of the secretariat of the input's process."""
    user = get_user_model().objects.create_user("rev", "rev@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    ProcessSecretariat.objects.create(process=submission.call.process, user=user)
    client.force_login(user)
    return user


def test_the_submitter_downloads_an_attachment_through_the_private_link(client, submission):
    attachment = submission.attachments.get()
    token = submission_token(submission, "manage")

    response = client.get(f"/attachments/{attachment.pk}/", {"t": token})

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="paper.pdf"'
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "token", [None, "", "1-forged", "receipt"], ids=["no token", "empty", "forged", "a receipt token"]
)
def test_anyone_else_gets_not_found(client, submission, token):
    attachment = submission.attachments.get()
    if token == "receipt":
        token = submission_token(submission, "receipt")
    response = client.get(f"/attachments/{attachment.pk}/", {"t": token} if token is not None else {}, follow=True)
    assert response.status_code == 404


def test_guessing_another_inputs_attachment_id_finds_nothing(client, submission, call_index):
    call = submission.call
    client.post(f"{call.url}submit/", form_data(call, attachments=[SimpleUploadedFile("other.pdf", PDF)]))
    other = Submission.objects.exclude(pk=submission.pk).get().attachments.get()
    token = submission_token(submission, "manage")
    assert client.get(f"/attachments/{other.pk}/", {"t": token}, follow=True).status_code == 404
    assert client.get("/attachments/999999/", {"t": token}, follow=True).status_code == 404


def test_a_reviewer_downloads_attachments_and_sees_every_input_in_the_admin(client, submission):
    reviewer(client, submission)
    Submission.objects.filter(pk=submission.pk).update(status=SubmissionStatus.WITHDRAWN)

    listing = client.get("/admin/inputs/")
    inspect = client.get(f"/admin/inputs/inspect/{submission.pk}/")
    download = client.get(f"/attachments/{submission.attachments.get().pk}/")

    assert listing.status_code == 200 and submission.reference in listing.content.decode()
    assert "Withdrawn" in listing.content.decode()
    html = inspect.content.decode()
    assert "Marker comment." in html and "More tangible outputs, please." in html and "paper.pdf" in html
    assert download.status_code == 200


def test_the_admin_lists_unconfirmed_inputs_separately(client, submission):
    reviewer(client, submission)
    response = client.get("/admin/inputs/", {"status": "unconfirmed"})
    assert submission.reference in response.content.decode()
    assert client.get("/admin/inputs/", {"status": "received"}).content.decode().count(submission.reference) == 0


def test_nobody_edits_or_deletes_an_input_in_the_admin(client, submission):
    user = reviewer(client, submission)
    user.is_superuser = True
    user.save()
    assert client.get(f"/admin/inputs/edit/{submission.pk}/").status_code == 404
    assert client.post(f"/admin/inputs/delete/{submission.pk}/").status_code == 404
    assert Submission.objects.filter(pk=submission.pk).exists()


def test_a_visitor_without_admin_rights_cannot_list_inputs(client, submission):
    client.force_login(get_user_model().objects.create_user("someone", "s@example.org", "pw"))
    assert client.get("/admin/inputs/").status_code == 302  # sent to the login page
