"""A stakeholder sends an input, gets a receipt, confirms the address, edits and withdraws through the link."""

import re

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from reference.models import Country
from submissions.models import Submission, SubmissionStatus
from tests.intake import PDF, form_data, open_call, outbox_deliver, stored_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(call_index):
    return open_call(call_index)


def submit(client, call, django_capture_on_commit_callbacks, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(f"{call.url}submit/", form_data(call, **overrides))


def link(pattern, text):
    return re.search(pattern, text).group(0).removeprefix("http://testserver")


def test_the_form_states_its_limits_and_questions(client, call):
    response = client.get(f"{call.url}submit/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "A. Outcomes?" in html and "Up to 500 characters." in html
    assert "up to 5 files of 10 MB each" in html
    assert 'maxlength="500"' in html


def test_call_page_offers_the_form_while_open(client, call):
    html = client.get(call.url).content.decode()
    assert f'href="{call.url}submit/"' in html


def test_an_input_is_stored_with_a_receipt_and_a_receipt_email(client, call, django_capture_on_commit_callbacks):
    attachment = SimpleUploadedFile("position paper.pdf", PDF, content_type="application/pdf")

    response = submit(client, call, django_capture_on_commit_callbacks, attachments=[attachment])

    assert response.status_code == 302
    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    submission = Submission.objects.get()
    year = timezone.now().year
    assert submission.reference == f"WGIGF-{year}-000001"
    assert submission.status == SubmissionStatus.UNCONFIRMED
    assert f"WGIGF-{year}-000001" in html and submission.fingerprint in html
    assert "position paper.pdf" in html and submission.attachments.get().sha256 in html
    assert submission.versions.count() == 1
    assert [answer.text for answer in submission.answers.all()] == ["More tangible outputs, please."]

    [email] = outbox_deliver()
    assert email.to == ["peter@example.org"]
    assert submission.reference in email.subject
    assert submission.fingerprint in email.body
    assert f"{call.url}confirm/" in email.body and f"{call.url}input/" in email.body


def test_reference_numbers_follow_each_other(client, call, django_capture_on_commit_callbacks):
    submit(client, call, django_capture_on_commit_callbacks)
    submit(client, call, django_capture_on_commit_callbacks)
    year = timezone.now().year
    assert sorted(Submission.objects.values_list("reference", flat=True)) == [
        f"WGIGF-{year}-000001",
        f"WGIGF-{year}-000002",
    ]


def test_an_input_that_fails_to_be_stored_leaves_nothing_and_its_reference_unused(
    client, call, django_capture_on_commit_callbacks, monkeypatch
):
    """The reference is taken before the input is stored, so that inputs sent at once do not wait for each other
    (docs/decisions/0027): a failure afterwards stores nothing and the next input gets the next number."""
    before = stored_state()

    def broken(*args, **kwargs):
        raise RuntimeError("the mail could not be queued")

    monkeypatch.setattr("submissions.services.receipt_mail_queue", broken)
    with pytest.raises(RuntimeError):
        submit(client, call, django_capture_on_commit_callbacks, attachments=SimpleUploadedFile("paper.pdf", PDF))
    assert stored_state() == before
    monkeypatch.undo()
    submit(client, call, django_capture_on_commit_callbacks)
    assert list(Submission.objects.values_list("reference", flat=True)) == [f"WGIGF-{timezone.now().year}-000002"]


def test_a_refused_form_keeps_the_chosen_country(client, call):
    """The country list is rendered without the template engine: same options, the chosen one still selected."""
    data = form_data(call, **{f"answer_{question.pk}": "" for question in call.questions.all()})
    response = client.post(f"{call.url}submit/", data)
    assert response.status_code == 400
    html = response.content.decode()
    options = re.findall(r'<option value="(\d*)"( selected)?>([^<]+)</option>', html)
    assert len(options) == Country.objects.count() + 1 and options[0][0] == ""
    assert [(name, chosen) for _pk, chosen, name in options if chosen] == [("Hungary", " selected")]
    assert re.search(r'<select name="country" [^>]*aria-describedby="id_country_hint"[^>]*id="id_country"', html)


def test_the_same_form_sent_twice_makes_one_input(client, call, django_capture_on_commit_callbacks):
    data = form_data(call)
    first = client.post(f"{call.url}submit/", data)
    second = client.post(f"{call.url}submit/", data)
    assert Submission.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_confirming_the_address_hands_the_input_to_reviewers(client, call, django_capture_on_commit_callbacks):
    submit(client, call, django_capture_on_commit_callbacks)
    [email] = outbox_deliver()
    confirm_url = link(r"http://testserver/\S+/confirm/\S+/", email.body)

    page = client.get(confirm_url)
    assert "Confirm my email address" in page.content.decode()
    assert Submission.objects.get().status == SubmissionStatus.UNCONFIRMED  # opening the link is not enough

    done = client.post(confirm_url)
    assert "your email address is confirmed" in done.content.decode()
    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.RECEIVED and submission.confirmed_at is not None


def test_a_forged_or_foreign_token_finds_nothing(client, call, django_capture_on_commit_callbacks):
    submit(client, call, django_capture_on_commit_callbacks)
    [email] = outbox_deliver()
    manage_url = link(r"http://testserver/\S+/input/\S+/", email.body)
    assert client.get(manage_url[:-3] + "x/").status_code == 404
    confirm_url = link(r"http://testserver/\S+/confirm/\S+/", email.body)
    token = confirm_url.rstrip("/").rsplit("/", 1)[1]
    assert client.get(f"{call.url}input/{token}/").status_code == 404  # a confirm token is not an edit token


def test_the_private_link_edits_the_input_and_keeps_the_earlier_version(
    client, call, django_capture_on_commit_callbacks
):
    submit(client, call, django_capture_on_commit_callbacks)
    [receipt_email] = outbox_deliver()
    manage_url = link(r"http://testserver/\S+/input/\S+/", receipt_email.body)
    before = Submission.objects.get()
    question = call.questions.first()

    form = client.get(f"{manage_url}edit/")
    assert "More tangible outputs, please." in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{manage_url}edit/",
            form_data(call, form_token=None, accept_privacy=None, **{f"answer_{question.pk}": "Changed."}),
        )

    assert response.status_code == 302
    after = Submission.objects.get()
    assert after.fingerprint != before.fingerprint
    assert [v.content["answers"][str(question.pk)] for v in after.versions.all()] == [
        "More tangible outputs, please.",
        "Changed.",
    ]
    page = client.get(response["Location"]).content.decode()
    assert "Changed." in page and "Your changes were saved." in page
    changed_email = outbox_deliver()[-1]
    assert "was changed" in changed_email.subject and after.fingerprint in changed_email.body


def test_the_private_link_withdraws_the_input(client, call, django_capture_on_commit_callbacks):
    submit(client, call, django_capture_on_commit_callbacks)
    manage_url = link(r"http://testserver/\S+/input/\S+/", outbox_deliver()[0].body)

    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(f"{manage_url}withdraw/")

    assert "Your input is withdrawn." in page.content.decode() and "Restore my input" in page.content.decode()
    assert Submission.objects.get().status == SubmissionStatus.WITHDRAWN
    assert "withdrawn" in outbox_deliver()[-1].subject


def test_after_the_deadline_the_input_can_be_read_but_not_changed(client, call, django_capture_on_commit_callbacks):
    submit(client, call, django_capture_on_commit_callbacks)
    manage_url = link(r"http://testserver/\S+/input/\S+/", outbox_deliver()[0].body)
    call.closes_at = timezone.now()
    call.save()
    before = stored_state()

    page = client.get(manage_url).content.decode()
    edit = client.post(f"{manage_url}edit/", form_data(call, form_token=None, general_comment="Late."))
    withdraw = client.post(f"{manage_url}withdraw/")

    assert "can no longer be changed" in page
    assert edit.status_code == 403 and withdraw.status_code == 403
    assert stored_state() == before
    assert Submission.objects.get().status == SubmissionStatus.UNCONFIRMED
