"""A private link works until PRIVATE_LINK_DAYS after its call closes (the receipt is no private link), and a
fresh one, asked for on the private page or on the call's link/ page, makes the older ones stop working."""

import re
from contextlib import nullcontext
from datetime import UTC, timedelta

import pytest
import time_machine
from post_office.models import Email
from wagtail.log_actions import registry as log_registry

from django.core.files.uploadedfile import SimpleUploadedFile

from submissions.models import Submission, SubmissionStatus
from tests.factories import CallPageFactory, QuestionFactory
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
        renew = client.post(f"{links['manage']}renew/")
        call_page = client.get(call.url).content.decode()
        link_page = client.get(f"{call.url}link/").content.decode()

    # Closed: the input is read and downloaded, no longer changed.
    assert just_before == {"view": 200, "edit": 403, "withdraw": 403, "attachment": 200}
    assert at_the_end == {"view": 410, "edit": 410, "withdraw": 410, "attachment": 404}
    html = page.content.decode()
    assert "This private link has expired" in html
    assert "The call closed on" in html and "work for 7 days after the call closes" in html
    for private in ("More tangible outputs", "paper.pdf", "Peter Major", submission.reference):
        assert private not in html
    assert receipt.status_code == 200  # the receipt is not a private link
    assert renew.status_code == 410
    assert f'href="{call.url}link/"' not in call_page and "No fresh link can be sent." in link_page
    assert stored_state() == before
    assert Submission.objects.get().status == SubmissionStatus.UNCONFIRMED


def test_the_private_page_says_until_when_the_link_works(client, call, settings, django_capture_on_commit_callbacks):
    settings.PRIVATE_LINK_DAYS = 30
    links = send_input(client, call, django_capture_on_commit_callbacks)
    ends_at = call.closes_at + timedelta(days=30)

    html = client.get(links["manage"]).content.decode()

    assert "This private link works until" in html
    assert f'<time datetime="{ends_at.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}">' in html  # valid HTML: no microseconds


def test_a_mistyped_private_link_says_so_without_the_input(client, call, django_capture_on_commit_callbacks):
    links = send_input(client, call, django_capture_on_commit_callbacks)

    response = client.get(links["manage"][:-3] + "x/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "This private link does not work" in html and "mistyped" in html
    assert "More tangible outputs" not in html


def main(response) -> str:
    return re.search(r"<main.*</main>", response.content.decode(), re.S).group(0)


def test_a_fresh_link_from_the_private_page_replaces_the_old_one_everywhere(
    client, call, django_capture_on_commit_callbacks
):
    links = send_input(client, call, django_capture_on_commit_callbacks)
    submission = Submission.objects.get()
    attachment = submission.attachments.get()
    assert "Send me a fresh link (this one stops working)" in client.get(links["manage"]).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(f"{links['manage']}renew/")

    assert answer.status_code == 200
    assert "A fresh private link is on its way to the address the input was sent from." in answer.content.decode()
    [email] = outbox_deliver()
    assert email.to == ["peter@example.org"]
    assert email.subject == f"A fresh private link to your input {submission.reference}"
    fresh = manage_link(email.body)
    assert fresh != links["manage"]
    assert private_answers(client, links["manage"], attachment) == dict.fromkeys(
        ("view", "edit", "withdraw", "attachment"), 404
    )
    assert "This private link does not work" in client.get(links["manage"]).content.decode()
    assert client.post(f"{links['manage']}renew/").status_code == 404
    assert client.get(fresh).status_code == 200 and client.get(f"{fresh}edit/").status_code == 200
    token = fresh.rstrip("/").rsplit("/", 1)[1]
    assert client.get(f"/attachments/{attachment.pk}/", {"t": token}).status_code == 200
    submission.refresh_from_db()
    assert submission.link_version == 1 and submission.status == SubmissionStatus.UNCONFIRMED
    [entry] = log_registry.get_logs_for_instance(submission).filter(action="submissions.link_renew")
    assert entry.message == "A fresh private link was sent; older ones stopped"
    assert client.get(links["receipt"]).status_code == 200  # the receipt is no private link


def test_the_call_page_leads_to_a_form_that_sends_a_fresh_link_for_the_reference_and_address(
    client, call, django_capture_on_commit_callbacks
):
    links = send_input(client, call, django_capture_on_commit_callbacks)
    submission = Submission.objects.get()
    assert f'href="{call.url}link/"' in client.get(call.url).content.decode()
    assert f'href="{call.url}link/"' in client.get(links["manage"][:-3] + "x/").content.decode()
    form = client.get(f"{call.url}link/")
    assert form.status_code == 200 and "Reference of your input" in form.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(f"{call.url}link/", {"reference": submission.reference, "email": "Peter@EXAMPLE.org"})

    assert answer.status_code == 200
    assert "If an input to this call with this reference was sent from this address" in answer.content.decode()
    [email] = outbox_deliver()
    assert email.to == ["peter@example.org"]
    fresh = manage_link(email.body)
    assert client.get(fresh).status_code == 200
    assert client.get(links["manage"]).status_code == 404
    assert Submission.objects.get().link_version == 1


def other_call_input(client, call, capture) -> Submission:
    """An input from the same address to another call of the same process."""
    other = CallPageFactory(parent=call.get_parent(), process=call.process, title="Other", slug="other")
    QuestionFactory(call=other, text="First?")
    QuestionFactory(call=other, text="Second?")
    send_input(client, other, capture)
    return Submission.objects.get(call=other)


@pytest.mark.parametrize(
    "case", ["wrong email", "unknown reference", "another call's input", "after the period", "withdrawn"]
)
def test_a_request_that_opens_no_input_gets_the_same_answer_and_changes_nothing(
    client, call, case, settings, django_capture_on_commit_callbacks
):
    links = send_input(client, call, django_capture_on_commit_callbacks)
    submission = Submission.objects.get()
    data = {"reference": submission.reference, "email": "peter@example.org"}
    if case == "wrong email":
        data["email"] = "someone.else@example.org"
    elif case == "unknown reference":
        data["reference"] = submission.reference[:-1] + "9"
    elif case == "another call's input":
        data["reference"] = other_call_input(client, call, django_capture_on_commit_callbacks).reference
    elif case == "withdrawn":
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"{links['manage']}withdraw/")
        outbox_deliver()
    versions = dict(Submission.objects.values_list("reference", "link_version"))
    mails = Email.objects.count()

    clock = time_machine.travel(call.closes_at + timedelta(days=settings.PRIVATE_LINK_DAYS), tick=False)
    with clock if case == "after the period" else nullcontext(), django_capture_on_commit_callbacks(execute=True):
        answer = client.post(f"{call.url}link/", data)

    assert answer.status_code == 200
    assert dict(Submission.objects.values_list("reference", "link_version")) == versions
    assert Email.objects.count() == mails and outbox_deliver() == []
    with django_capture_on_commit_callbacks(execute=True):
        matching = client.post(f"{call.url}link/", {"reference": submission.reference, "email": "peter@example.org"})
    assert main(answer) == main(matching)  # nothing tells a match from a miss


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({}, {"reference": "This field is required.", "email": "This field is required."}),
        (
            {"reference": "WGIGF-2026\n-000001", "email": "not an address"},
            {"reference": "Use a single line", "email": "Enter a valid email address."},
        ),
    ],
    ids=["empty", "invalid"],
)
def test_an_empty_or_invalid_request_is_refused_with_errors_at_its_fields(
    client, call, data, errors, django_capture_on_commit_callbacks
):
    send_input(client, call, django_capture_on_commit_callbacks)
    before = stored_state()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{call.url}link/", data)

    assert response.status_code == 400
    html = response.content.decode()
    for field, error in errors.items():
        at_field = re.search(rf'<ul class="errors" id="id_{field}_errors">(.*?)</ul>', html, re.S)
        assert at_field and error in at_field.group(1)
    assert stored_state() == before
    assert Submission.objects.get().link_version == 0


def test_too_many_requests_from_one_address_are_refused(client, call, settings, django_capture_on_commit_callbacks):
    settings.SUBMISSION_RATE = "2/h"
    send_input(client, call, django_capture_on_commit_callbacks)
    submission = Submission.objects.get()
    data = {"reference": submission.reference, "email": "nobody@example.org"}
    assert [client.post(f"{call.url}link/", data).status_code for _ in range(2)] == [200, 200]

    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(f"{call.url}link/", {**data, "email": "peter@example.org"})

    assert refused.status_code == 429
    assert "Too many forms from your connection" in refused.content.decode()
    assert outbox_deliver() == [] and Submission.objects.get().link_version == 0
