"""An input never confirmed never reaches reviewers, even once withdrawn or expired: no list, count, search,
screen, bulk action, history, digest or alert of theirs names it. Inputs confirmed and withdrawn since stay
theirs to read."""

from datetime import timedelta

import pytest

from django.utils import timezone

from review.models import AlertFrequency, CallReviewer, ReviewerPreference
from review.notifications import reviewer_digests_send
from submissions.models import Submission, SubmissionStatus
from submissions.tokens import submission_token
from tests.intake import form_data, outbox_deliver
from tests.review.conftest import received_input, staff_user

pytestmark = pytest.mark.django_db

WORD = "zanzibarite"


def sent(client, call, email) -> Submission:
    question = call.questions.first()
    client.post(f"{call.url}submit/", form_data(call, contact_email=email, **{f"answer_{question.pk}": WORD}))
    return Submission.objects.get(contact_email=email)


@pytest.fixture
def reviewers(call):
    """A call reviewer reading a daily digest, and one alerted at once."""
    rita, ivan = staff_user("rita"), staff_user("ivan")
    for user, alert in ((rita, AlertFrequency.DAILY), (ivan, AlertFrequency.IMMEDIATE)):
        CallReviewer.objects.create(call=call, user=user)
        ReviewerPreference.objects.create(user=user, alert=alert, digest_sent_until=timezone.now() - timedelta(days=2))
    return rita, ivan


@pytest.fixture
def inputs(client, call, reviewers):
    """Inputs in each state, sent, withdrawn and confirmed through the public URLs as their submitters would."""
    gone = sent(client, call, "gone@example.org")
    client.post(f"{call.url}input/{submission_token(gone, 'manage')}/withdraw/")
    client.post(f"{call.url}confirm/{submission_token(gone, 'confirm')}/")  # too late: withdrawn already
    expired = sent(client, call, "expired@example.org")
    Submission.objects.filter(pk=expired.pk).update(status=SubmissionStatus.EXPIRED)
    kept = received_input(
        client, call, contact_email="kept@example.org", **{f"answer_{call.questions.first().pk}": WORD}
    )
    later = received_input(client, call, contact_email="later@example.org")
    client.post(f"{call.url}input/{submission_token(later, 'manage')}/withdraw/")
    items = {"gone": gone, "expired": expired, "kept": kept, "withdrawn_later": later}
    return {name: Submission.objects.get(pk=item.pk) for name, item in items.items()}


def test_the_call_reviewer_never_meets_an_input_withdrawn_or_expired_before_confirmation(
    client, call, reviewers, inputs
):
    rita, _ivan = reviewers

    def references(html: str) -> set[str]:
        return {name for name, item in inputs.items() if item.reference in html}

    assert inputs["gone"].status == SubmissionStatus.WITHDRAWN and inputs["gone"].confirmed_at is None
    client.force_login(rita)

    listing = client.get("/admin/inputs/")
    results = client.get("/admin/inputs/results/")
    found = client.get(f"/admin/inputs/?q={WORD}")
    by_reference = client.get(f"/admin/inputs/?q={inputs['gone'].reference}")
    withdrawn_filter = client.get("/admin/inputs/?status=withdrawn")
    bulk_all = client.get("/admin/bulk/submissions/submission/review_status/?id=all")
    history = client.get("/admin/reports/site-history/?export=csv")

    visible = {"kept", "withdrawn_later"}
    assert references(listing.content.decode()) == visible
    assert listing.context["paginator"].count == 2  # the count the list shows
    assert references(results.content.decode()) == visible
    assert references(found.content.decode()) == {"kept"}
    assert by_reference.context["paginator"].count == 0  # its reference stands only in the search box
    assert references(withdrawn_filter.content.decode()) == {"withdrawn_later"}
    assert references(bulk_all.content.decode()) == visible
    assert references(b"".join(history.streaming_content).decode()) == visible
    for name in ("gone", "expired"):
        pk = inputs[name].pk
        for url in (
            f"/admin/inputs/{pk}/review/",
            f"/admin/inputs/inspect/{pk}/",
            f"/admin/inputs/history/{pk}/",
            f"/admin/bulk/submissions/submission/review_status/?id={pk}",
        ):
            assert client.get(url).status_code == 404, url

    assert reviewer_digests_send() == 1
    mails = outbox_deliver()
    [digest] = [mail for mail in mails if mail.to == ["rita@example.org"]]
    assert references(digest.body) == {"kept"}  # withdrawn since: no longer new to review
    alerts = " ".join(mail.subject + mail.body for mail in mails if mail.to == ["ivan@example.org"])
    assert references(alerts) == {"kept", "withdrawn_later"}


def test_the_secretariat_still_finds_it_to_answer_its_sender(client, call, inputs):
    """The secretariat answers submitters about inputs never confirmed ("contact"): it lists them, marked by
    their intake status, but no review is opened for them."""
    from review.models import ProcessSecretariat

    member = staff_user("sam")
    ProcessSecretariat.objects.create(process=call.process, user=member)
    client.force_login(member)

    page = client.get("/admin/inputs/?status=withdrawn").content.decode()

    assert inputs["gone"].reference in page and not hasattr(Submission.objects.get(pk=inputs["gone"].pk), "review")
