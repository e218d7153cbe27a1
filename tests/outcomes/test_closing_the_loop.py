"""A submitter whose input a published recommendation cites hears of it once, in their language, with a
lasting link to stop such emails; whoever chose not to hear, withdrew, or is cited only through hidden
words hears nothing."""

import re

import pytest
from post_office.models import Email

from outcomes.models import Citation, CitationNotice
from outcomes.notifications import citation_notices_send
from outcomes.pages import recommendation_index_finder_register
from review.redactions import passage_redact
from review.services import passage_create
from submissions.models import Submission
from submissions.services import submission_withdraw
from tests.intake import form_data
from tests.outcomes.conftest import recommendation_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def recommendation_addresses():
    """Addresses of a known shape (the site's own finder is restored afterwards)."""
    from outcomes import pages

    kept = list(pages._recommendation_index_finders)
    recommendation_index_finder_register(lambda process_id, language: f"/{language}/recommendations/")
    yield
    pages._recommendation_index_finders[:] = kept


def cite(recommendation_or_none, submission, passage=None, *, process=None, number="I.1", live=True):
    """A recommendation citing `submission`, published (or left a draft) as the admin does it."""
    recommendation = recommendation_make(process, number=number, text=f"Recommendation {number}.", live=False)
    Citation.objects.create(recommendation=recommendation, submission=submission, passage=passage)
    if live:
        recommendation.save_revision().publish()
    return recommendation


def mails_to(address: str) -> list[Email]:
    """The emails telling `address` of citations (the receipt and the decision mails are others)."""
    return list(Email.objects.filter(to=address, message__contains="/updates/").order_by("pk"))


def test_one_email_tells_the_submitter_of_the_recommendations_published_together(call, published):
    submission = published(language="fr", contact_email="cited@example.org")
    Submission.objects.filter(pk=submission.pk).update(correspondence_language="fr")  # sent from the French site
    cite(None, submission, process=call.process, number="I.1")
    cite(None, submission, process=call.process, number="I.2")
    cite(None, submission, process=call.process, number="I.3", live=False)  # a draft tells nobody

    assert citation_notices_send() == 1
    assert citation_notices_send() == 0  # told once

    [mail] = mails_to("cited@example.org")
    assert "I.1" in mail.message and "I.2" in mail.message and "I.3" not in mail.message
    assert "http://testserver/fr/recommendations/I-1/" in mail.message  # the page in the submitter's language
    stop = re.search(r"http://testserver(\S+/updates/\S+/)", mail.message).group(1)
    assert stop.startswith("/fr/calls/improvements/updates/")
    assert CitationNotice.objects.filter(submission=submission).count() == 2


def test_a_later_recommendation_is_told_in_a_new_email_naming_only_it(call, published):
    submission = published(contact_email="cited@example.org")
    cite(None, submission, process=call.process, number="I.1")
    citation_notices_send()
    cite(None, submission, process=call.process, number="II.1")

    citation_notices_send()

    first, second = mails_to("cited@example.org")
    assert "II.1" in second.message and "I.1 " not in second.message.replace("II.1", "")


def test_nobody_hears_who_chose_not_to_withdrew_or_is_cited_only_through_hidden_words(call, published):
    quiet = published(contact_email="quiet@example.org")
    Submission.objects.filter(pk=quiet.pk).update(wants_updates=False)
    gone = published(contact_email="gone@example.org")
    submission_withdraw(submission=gone)
    hidden = published(contact_email="hidden@example.org")
    passage = passage_create(
        submission=hidden,
        source="answer",
        excerpt="More tangible outputs",
        by=published.admin,
        answer=hidden.answers.first(),
    )
    passage_redact(passage=passage, reason="personal detail", by=published.admin)
    cite(None, quiet, process=call.process, number="I.1")
    recommendation = cite(None, gone, process=call.process, number="I.2")
    Citation.objects.create(recommendation=recommendation, submission=hidden, passage=passage)

    assert citation_notices_send() == 0
    assert not Email.objects.filter(message__contains="/updates/").exists()


def test_the_form_asks_and_the_choice_is_stored(client, call):
    client.post(f"{call.url}submit/", form_data(call, wants_updates=None))

    assert Submission.objects.get().wants_updates is False


def test_the_lasting_link_stops_and_restarts_the_emails(client, call, published):
    from submissions.notifications import submission_updates_url

    submission = published()
    url = submission_updates_url(submission).replace("http://testserver", "")

    page = client.get(url)
    assert page.status_code == 200 and "Stop these emails" in page.content.decode()
    stopped = client.post(url, {"wants": "no"})
    assert "we will not email you" in stopped.content.decode().lower()
    submission.refresh_from_db()
    assert submission.wants_updates is False
    client.post(url, {"wants": "yes"})
    submission.refresh_from_db()
    assert submission.wants_updates is True


@pytest.mark.parametrize("token", ["1-forged", "abc", "99999999999999999999-x"])
def test_a_forged_or_foreign_link_changes_nothing(client, call, published, token):
    from submissions.tokens import submission_token

    submission = published()
    receipt_token = submission_token(submission, "receipt")  # a token for another purpose

    for value in (token, receipt_token):
        response = client.post(f"{call.url}updates/{value}/", {"wants": "no"})
        assert response.status_code == 404
    submission.refresh_from_db()
    assert submission.wants_updates is True


def test_publishing_a_recommendation_tells_the_submitter_through_a_real_worker(call, published, celery_worker):
    from tests.workers import wait_for

    submission = published(contact_email="cited@example.org")

    cite(None, submission, process=call.process, number="I.1")  # committed: the worker runs after the commit

    wait_for(lambda: mails_to("cited@example.org"))
    assert CitationNotice.objects.filter(submission=submission).count() == 1
