"""What the submitter reads of their input: its status in plain words and, once published, the public page's
address (on the private page and in the mail, in their language); a warning before an edit takes a published
input back to review; a withdrawal that asks first and can be undone until the call closes; and one input
per form, however often the form is sent."""

import re
from datetime import timedelta

import pytest
import time_machine
from post_office.models import Email

from django.utils import timezone

from home.models import InputIndexPage
from review.models import Mapping, NotPublishedReason, Review, ReviewStatus, SubmissionLogEntry
from review.services import mapping_create, review_status_set
from submissions.models import Submission, SubmissionStatus
from submissions.tokens import submission_token
from tests.intake import form_data, open_call, outbox_deliver, stored_state
from tests.review.conftest import received_input, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(call_index):
    call = open_call(call_index)
    call_index.get_parent().add_child(instance=InputIndexPage(title="Published inputs", slug="inputs"))
    return call


@pytest.fixture
def admin():
    return staff_user("boss", is_superuser=True)


def private_url(submission, language="en") -> str:
    return f"/{language}/calls/improvements/input/{submission_token(submission, 'manage')}/"


def publish(submission, admin):
    mapping_create(submission=submission, topic_area=submission.call.questions.first().topic_area, by=admin)
    return review_status_set(submission=submission, status=ReviewStatus.PUBLISHED, by=admin)


def status_of(html: str) -> str:
    return re.search(r'class="status status--[a-z_]+">([^<]+)<', html).group(1)


def test_the_private_page_says_each_status_in_plain_words(client, call, admin):
    client.post(f"{call.url}submit/", form_data(call))
    submission = Submission.objects.get()
    assert status_of(client.get(private_url(submission)).content.decode()) == "Email not confirmed"

    submission = received_input(client, call)
    page = client.get(private_url(submission)).content.decode()
    assert status_of(page) == "Received, awaiting review" and ">Received<" not in page

    mapping_create(submission=submission, topic_area=call.questions.first().topic_area, by=admin)
    assert status_of(client.get(private_url(submission)).content.decode()) == "In review"

    review_status_set(submission=submission, status=ReviewStatus.NOT_PUBLISHED, reason="spam", by=admin)
    page = client.get(private_url(submission)).content.decode()
    assert status_of(page) == "Not published" and "spam" not in page.lower()  # not the submitter's business

    private = received_input(client, call, publication="private")
    review_status_set(
        submission=private, status=ReviewStatus.NOT_PUBLISHED, reason=NotPublishedReason.SUBMITTER_CHOICE, by=admin
    )
    page = client.get(private_url(private)).content.decode()
    assert status_of(page) == "Not published" and "You chose not to publish it." in page


def test_after_publication_the_page_and_the_mail_link_to_the_public_page_in_the_submitters_language(
    client, call, admin
):
    submission = received_input(client, call)
    Submission.objects.filter(pk=submission.pk).update(correspondence_language="fr")  # sent from the French site
    submission.refresh_from_db()
    outbox_deliver()

    publish(submission, admin)

    [mail] = outbox_deliver()
    public = f"http://testserver/fr/inputs/{submission.reference}/"
    assert public in mail.body and "Statut: Publiée" in mail.body
    assert private_url(submission, "fr") in mail.body
    assert client.get(public.removeprefix("http://testserver")).status_code == 200
    french = client.get(private_url(submission, "fr")).content.decode()
    assert status_of(french) == "Publiée" and f'href="/fr/inputs/{submission.reference}/"' in french
    english = client.get(private_url(submission)).content.decode()
    assert status_of(english) == "Published" and f'href="/en/inputs/{submission.reference}/"' in english
    assert "Read your input on the public site" in english


def test_the_edit_form_warns_before_saving_that_a_published_input_leaves_the_site(client, call, admin):
    untouched = received_input(client, call, contact_email="other@example.org")
    assert "If you save changes" not in client.get(f"{private_url(untouched)}edit/").content.decode()
    submission = received_input(client, call)
    publish(submission, admin)
    public = f"/en/inputs/{submission.reference}/"
    outbox_deliver()

    form = client.get(f"{private_url(submission)}edit/").content.decode()
    assert "Your input is published." in form
    assert "If you save changes, it goes back to the reviewers and leaves the public site" in form

    response = client.post(
        f"{private_url(submission)}edit/", form_data(call, form_token=None, general_comment="One more thought.")
    )

    assert response.status_code == 302
    assert Review.objects.get(submission=submission).status == ReviewStatus.IN_REVIEW
    assert client.get(public).status_code == 404
    [mail] = outbox_deliver()
    assert "is no longer on the public site, until they publish it again" in mail.body
    assert status_of(client.get(private_url(submission)).content.decode()) == "In review"


def test_withdrawal_asks_first_then_can_be_undone_and_comes_back_to_review_not_to_the_site(client, call, admin):
    submission = received_input(client, call)
    publish(submission, admin)
    outbox_deliver()
    page = client.get(private_url(submission)).content.decode()
    assert f'href="{private_url(submission)}withdraw/"' in page
    assert f'action="{private_url(submission)}withdraw/"' not in page  # no one-click withdrawal

    question = client.get(f"{private_url(submission)}withdraw/").content.decode()
    assert f"Withdraw input {submission.reference}?" in question
    assert "it leaves the site at once" in question and "until the call closes" in question
    assert Submission.objects.get().status == SubmissionStatus.RECEIVED  # asking changed nothing

    withdrawn = client.post(f"{private_url(submission)}withdraw/").content.decode()
    assert status_of(withdrawn) == "Withdrawn" and "Restore my input" in withdrawn
    assert client.get(f"/en/inputs/{submission.reference}/").status_code == 404
    [withdrawal_mail] = outbox_deliver()
    assert "Restore my input" in withdrawal_mail.body and private_url(submission) in withdrawal_mail.body

    restored = client.post(f"{private_url(submission)}restore/").content.decode()

    assert "Your input is restored." in restored and status_of(restored) == "In review"
    submission.refresh_from_db()
    assert (submission.status, submission.withdrawn_at) == (SubmissionStatus.RECEIVED, None)
    review = Review.objects.get(submission=submission)
    assert (review.status, review.reason, review.published_at) == (ReviewStatus.IN_REVIEW, "", None)
    assert Mapping.objects.filter(submission=submission).exists()  # the reviewers' work is kept
    assert client.get(f"/en/inputs/{submission.reference}/").status_code == 404  # not straight back on the site
    assert SubmissionLogEntry.objects.filter(submission=submission, action="submissions.restore").exists()
    [restore_mail] = outbox_deliver()
    assert "is restored" in restore_mail.subject and "It is back with the reviewers" in restore_mail.body


def test_after_the_deadline_a_withdrawal_is_final_and_restoring_changes_nothing(client, call):
    submission = received_input(client, call)
    client.post(f"{private_url(submission)}withdraw/")
    outbox_deliver()
    before = stored_state()

    with time_machine.travel(call.closes_at + timedelta(minutes=1), tick=False):
        page = client.get(private_url(submission)).content.decode()
        refused = client.post(f"{private_url(submission)}restore/")

    assert "Restore my input" not in page
    assert refused.status_code == 403
    assert "The call has closed: a withdrawn input can no longer be restored." in refused.content.decode()
    assert Submission.objects.get(pk=submission.pk).status == SubmissionStatus.WITHDRAWN
    assert stored_state() == before and Email.objects.count() == before["mails"]


def test_forged_and_expired_private_links_restore_nothing(client, call, settings):
    submission = received_input(client, call)
    client.post(f"{private_url(submission)}withdraw/")
    forged = private_url(submission).replace("/input/", "/input/x").rstrip("/") + "x/"

    assert client.post(f"{forged}restore/").status_code == 404
    assert client.get(f"{forged}withdraw/").status_code == 404
    with time_machine.travel(call.closes_at + timedelta(days=settings.PRIVATE_LINK_DAYS), tick=False):
        assert client.post(f"{private_url(submission)}restore/").status_code == 410
    assert Submission.objects.get().status == SubmissionStatus.WITHDRAWN


def test_an_input_withdrawn_before_confirmation_comes_back_unconfirmed(client, call):
    client.post(f"{call.url}submit/", form_data(call))
    submission = Submission.objects.get()
    client.post(f"{private_url(submission)}withdraw/")
    confirm = f"{call.url}confirm/{submission_token(submission, 'confirm')}/"
    not_handed = client.post(confirm).content.decode()
    assert "was not handed to the reviewers" in not_handed and not Review.objects.exists()
    outbox_deliver()

    restored = client.post(f"{private_url(submission)}restore/").content.decode()

    assert status_of(restored) == "Email not confirmed"
    assert Submission.objects.get().status == SubmissionStatus.UNCONFIRMED and not Review.objects.exists()
    [mail] = outbox_deliver()
    assert f"http://testserver{confirm}" in mail.body
    assert "is now with the reviewers" in client.post(confirm).content.decode()
    assert Review.objects.filter(submission=submission).exists()


def test_the_same_form_sent_again_shows_the_receipt_of_its_input_whatever_would_refuse_it(client, call, settings):
    settings.SUBMISSION_RATE = "1/h"
    data = form_data(call)
    first = client.post(f"{call.url}submit/", data)
    assert first.status_code == 302 and "/receipt/" in first["Location"]

    again = client.post(f"{call.url}submit/", data)  # Back and send: the rate is used up
    settings.SUBMISSION_MIN_FILL_SECONDS = 3600  # … and the fill time would refuse it
    later = client.post(f"{call.url}submit/", data)
    with time_machine.travel(timezone.now() + timedelta(days=10)):  # … and the form is too old
        much_later = client.post(f"{call.url}submit/", data)

    assert again["Location"] == later["Location"] == much_later["Location"] == first["Location"]
    assert Submission.objects.count() == 1 and Submission.objects.get().versions.count() == 1
    another = client.post(f"{call.url}submit/", form_data(call))  # another form is limited as before
    assert another.status_code == 429 and Submission.objects.count() == 1


def test_an_altered_form_key_is_refused_with_a_message_and_stores_nothing(client, call):
    client.post(f"{call.url}submit/", form_data(call))
    token = form_data(call)["form_token"]
    before = stored_state()

    response = client.post(f"{call.url}submit/", form_data(call, form_token=token[:-3] + "abc"))

    assert response.status_code == 400
    assert "The form could not be checked. Reload the page and send it again." in response.content.decode()
    assert stored_state() == before
