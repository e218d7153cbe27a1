"""Redaction of any words of an input (an answer, the general comment, an attachment's text), with a reason,
without mapping them: the public reads a mark in their place, compilations quote no entry of redactions
alone, the redaction follows the submitter's edits, and only the secretariat lifts it."""

import io

import pytest
from docx import Document

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from review.models import Mapping, Passage, Redaction, Review, ReviewStatus, SubmissionLogEntry
from review.services import mapping_create, passage_create, review_status_set
from submissions.models import Attachment, TextStatus
from tests.factories import TopicAreaIndexPageFactory
from tests.intake import PDF
from tests.reading.conftest import index, published  # noqa: F401  (fixtures)
from tests.review.test_submitter_edits import ANSWER, COMMENT, edit

pytestmark = pytest.mark.django_db

NAME = "Jane Roe on +41 22 000 0000"
REASON = "Names a private person"


def screen(submission) -> str:
    return f"/admin/inputs/{submission.pk}/review/"


def browser_of(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def redact(browser, submission, **data):
    """The redaction form of the review screen, as sent without script (the words pasted, their text chosen)."""
    fields = {"action": "redact", "source": "general_comment", "excerpt": NAME, "reason": REASON}
    return browser.post(screen(submission), {**fields, **data})


@pytest.fixture
def named(call, published):  # noqa: F811
    """A published input whose general comment names a person, mapped as a whole only."""
    return published(general_comment=COMMENT, **{f"answer_{call.questions.first().pk}": ANSWER})


def public_surfaces(client, submission) -> dict[str, str]:
    client.logout()
    return {
        "page": client.get(f"/en/inputs/{submission.reference}/").content.decode(),
        "api": client.get(f"/api/v1/inputs/{submission.reference}").content.decode(),
        "json": b"".join(client.get("/en/inputs/download/json/").streaming_content).decode(),
        "search": Review.objects.get(submission=submission).public_text,
    }


def test_a_reviewer_redacts_words_without_mapping_them_and_the_public_reads_only_the_category(client, people, named):
    reviewer = browser_of(people["call_reviewer"])

    response = redact(reviewer, named, category="personal_data")

    assert response.status_code == 302
    redaction = Redaction.objects.get()
    assert (redaction.passage.text, redaction.category, redaction.reason) == (NAME, "personal_data", REASON)
    assert not Mapping.objects.filter(passage=redaction.passage).exists()
    assert SubmissionLogEntry.objects.filter(submission=named, action="review.redact").count() == 1
    assert Review.objects.get(submission=named).status == ReviewStatus.PUBLISHED
    screen_html = reviewer.get(screen(named)).content.decode()
    assert "[redacted: personal data]" in screen_html and REASON in screen_html
    surfaces = public_surfaces(client, named)
    for surface, text in surfaces.items():
        assert "Jane Roe" not in text and REASON not in text, surface
    assert 'Please call <span class="redacted">[redacted: personal data]</span> about the hubs.' in surfaces["page"]
    for surface in ("api", "json"):
        assert "Please call [redacted: personal data] about the hubs." in surfaces[surface], surface


def test_redaction_is_refused_to_another_calls_reviewer_and_to_anonymous_readers(client, people, named):
    refused = redact(browser_of(people["other_reviewer"]), named)
    anonymous = redact(Client(), named)

    assert refused.status_code == 404
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    assert not Passage.objects.exists() and not Redaction.objects.exists()


def test_a_redaction_without_reason_or_of_words_not_in_the_text_is_refused_and_stores_nothing(people, named):
    reviewer = browser_of(people["call_reviewer"])

    without_reason = redact(reviewer, named, reason=" ")
    not_in_text = redact(reviewer, named, excerpt="Jane Doe on +41")
    without_source = redact(reviewer, named, source="")
    without_words = redact(reviewer, named, excerpt="")

    assert without_reason.status_code == 400 and "This field is required." in without_reason.content.decode()
    assert "This passage is not in the chosen text." in not_in_text.content.decode()
    assert "Say which text the words come from." in without_source.content.decode()
    assert "Select or paste the words to redact." in without_words.content.decode()
    assert {response.status_code for response in (not_in_text, without_source, without_words)} == {400}
    assert not Passage.objects.exists() and not Redaction.objects.exists()
    assert not SubmissionLogEntry.objects.filter(submission=named, action="review.redact").exists()


def test_the_secretariat_alone_lifts_a_redaction_with_a_logged_reason(client, people, named):
    redact(browser_of(people["call_reviewer"]), named)
    redaction = Redaction.objects.get()
    reviewer, secretariat = browser_of(people["call_reviewer"]), browser_of(people["secretariat"])

    by_reviewer = reviewer.post(screen(named), {"action": "lift", "redaction": redaction.pk, "reason": "Consent"})
    without_reason = secretariat.post(screen(named), {"action": "lift", "redaction": redaction.pk, "reason": ""})
    assert "You may not do this" in by_reviewer.content.decode() and by_reviewer.status_code == 400
    assert without_reason.status_code == 400 and Redaction.objects.filter(pk=redaction.pk).exists()

    lifted = secretariat.post(screen(named), {"action": "lift", "redaction": redaction.pk, "reason": "She consented"})

    assert lifted.status_code == 302 and not Redaction.objects.exists()
    entry = SubmissionLogEntry.objects.get(submission=named, action="review.unredact")
    assert (entry.user, entry.data["reason"], entry.data["redaction_reason"]) == (
        people["secretariat"],
        "She consented",
        REASON,
    )
    assert NAME in public_surfaces(client, named)["page"]


def test_words_of_an_attachment_are_redacted_and_its_file_is_no_longer_public(client, people, published):  # noqa: F811
    submission = published(attachments=[SimpleUploadedFile("letter.pdf", PDF)])
    attachment = Attachment.objects.get(submission=submission)
    Attachment.objects.filter(pk=attachment.pk).update(
        text=f"Dear group, {NAME} wrote this letter.", text_status=TextStatus.DONE
    )
    download = reverse("attachments:download", args=[attachment.pk])
    assert client.get(download).status_code == 200  # the file of a published input is public until redacted

    response = redact(
        browser_of(people["call_reviewer"]),
        submission,
        source="attachment",
        source_id=attachment.pk,
        excerpt="Jane Roe",
    )

    assert response.status_code == 302 and Redaction.objects.get().passage.attachment == attachment
    client.logout()
    assert client.get(download).status_code == 404
    page = client.get(f"/en/inputs/{submission.reference}/").content.decode()
    assert "Dear group, <span" in page and "[redacted]</span> on +41 22 000 0000 wrote this letter." in page
    assert download not in page and "Jane Roe" not in page
    assert download not in client.get(f"/api/v1/inputs/{submission.reference}").content.decode()


def test_a_compilation_quotes_no_entry_that_is_only_redacted_words(client, call, people, named):
    TopicAreaIndexPageFactory(parent=call.get_parent().get_parent(), process=call.process, slug="topics")
    area = call.questions.first().topic_area
    passage = passage_create(submission=named, source="general_comment", excerpt="Jane Roe", by=people["secretariat"])
    mapping_create(submission=named, topic_area=area, passage=passage, by=people["secretariat"])
    compilation = "/en/topics/a/compilation/"
    assert f'id="passage-{passage.pk}"' in client.get(compilation).content.decode()

    redact(browser_of(people["call_reviewer"]), named, excerpt=NAME, category="personal_data")  # covers the passage

    html = client.get(compilation).content.decode()
    assert f'id="passage-{passage.pk}"' not in html and "Jane Roe" not in html
    assert named.reference in html and "stronger Secretariat" in html  # its answer on the topic is still quoted
    assert 'class="answer-text"><span class="redacted">[redacted: personal data]</span></blockquote>' not in html
    docx = Document(io.BytesIO(b"".join(client.get(f"{compilation}docx/").streaming_content)))
    paragraphs = [paragraph.text.strip() for paragraph in docx.paragraphs]
    assert any("stronger Secretariat" in text for text in paragraphs)
    assert "[redacted: personal data]" not in paragraphs and not any("Jane Roe" in text for text in paragraphs)


def test_a_redaction_follows_the_submitters_edit_and_still_hides_the_words(client, call, people, named):
    redact(browser_of(people["call_reviewer"]), named)
    comment = f"First, a new sentence. {COMMENT}"

    response = edit(client, call, named, general_comment=comment)

    assert response.status_code == 302
    passage = Redaction.objects.get().passage
    assert (passage.start, passage.is_outdated) == (comment.index(NAME), False)
    for status in (ReviewStatus.MAPPED, ReviewStatus.PUBLISHED):
        review_status_set(submission=named, status=status, by=people["secretariat"])
    page = public_surfaces(client, named)["page"]
    assert "First, a new sentence. Hubs need grants. Please call <span" in page and "Jane Roe" not in page
