"""A private link works until PRIVATE_LINK_DAYS after its call closes; the receipt is no private link."""

import re
from datetime import timedelta

import pytest
import time_machine

from django.core.files.uploadedfile import SimpleUploadedFile

from submissions.models import Submission, SubmissionStatus
from tests.intake import PDF, form_data, open_call, outbox_deliver, stored_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(call_index):
    return open_call(call_index)


def send_input(client, call, capture, **overrides) -> dict:
    """Send an input with an attachment through the form; its receipt page and the links of its receipt mail."""
    attachment = SimpleUploadedFile("paper.pdf", PDF, content_type="application/pdf")
    with capture(execute=True):
        response = client.post(f"{call.url}submit/", form_data(call, attachments=[attachment], **overrides))
    [email] = outbox_deliver()
    return {"receipt": response["Location"], "manage": manage_link(email.body)}


def manage_link(body: str) -> str:
    return re.search(r"http://testserver(/\S+/input/[^/\s]+/)", body).group(1)


def private_answers(client, manage_url: str, attachment) -> dict:
    """The status of each page the private link opens, and of the attachment downloaded by its token."""
    token = manage_url.rstrip("/").rsplit("/", 1)[1]
    return {
        "view": client.get(manage_url).status_code,
        "edit": client.get(f"{manage_url}edit/").status_code,
        "withdraw": client.post(f"{manage_url}withdraw/").status_code,
        "attachment": client.get(f"/attachments/{attachment.pk}/", {"t": token}).status_code,
    }


def test_the_private_link_works_until_the_period_after_closing_ends(
    client, call, settings, django_capture_on_commit_callbacks
):
    settings.PRIVATE_LINK_DAYS = 7
    links = send_input(client, call, django_capture_on_commit_callbacks)
    submission = Submission.objects.get()
    attachment = submission.attachments.get()
    ends_at = call.closes_at + timedelta(days=7)
    before = stored_state()

    with time_machine.travel(ends_at - timedelta(microseconds=1), tick=False):
        just_before = private_answers(client, links["manage"], attachment)
    with time_machine.travel(ends_at, tick=False):
        at_the_end = private_answers(client, links["manage"], attachment)
        page = client.get(links["manage"])
        receipt = client.get(links["receipt"])

    # Closed: the input is read and downloaded, no longer changed.
    assert just_before == {"view": 200, "edit": 403, "withdraw": 403, "attachment": 200}
    assert at_the_end == {"view": 410, "edit": 410, "withdraw": 410, "attachment": 404}
    html = page.content.decode()
    assert "This private link has expired" in html
    assert "The call closed on" in html and "work for 7 days after the call closes" in html
    for private in ("More tangible outputs", "paper.pdf", "Peter Major", submission.reference):
        assert private not in html
    assert receipt.status_code == 200  # the receipt is not a private link
    assert stored_state() == before
    assert Submission.objects.get().status == SubmissionStatus.UNCONFIRMED


def test_the_private_page_says_until_when_the_link_works(client, call, settings, django_capture_on_commit_callbacks):
    settings.PRIVATE_LINK_DAYS = 30
    links = send_input(client, call, django_capture_on_commit_callbacks)
    ends_at = call.closes_at + timedelta(days=30)

    html = client.get(links["manage"]).content.decode()

    assert "This private link works until" in html
    assert f'<time datetime="{ends_at.isoformat()}">' in html


def test_a_mistyped_private_link_says_so_without_the_input(client, call, django_capture_on_commit_callbacks):
    links = send_input(client, call, django_capture_on_commit_callbacks)

    response = client.get(links["manage"][:-3] + "x/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "This private link does not work" in html and "mistyped" in html
    assert "More tangible outputs" not in html
