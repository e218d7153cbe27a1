"""A submitter edits an input reviewers already worked on, through the private link: passages follow their
words, a published input goes back to review and leaves every public surface, and reviewers see why."""

import json

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from home.models import InputIndexPage
from review.models import Mapping, Passage, Review, ReviewStatus, SubmissionLogEntry
from submissions.models import Answer, SubmissionVersion
from submissions.tokens import submission_token
from tests.intake import form_data
from tests.review.conftest import received_input

pytestmark = pytest.mark.django_db

ANSWER = "We ask for a stronger Secretariat. The MAG should rotate its members yearly."
COMMENT = "Hubs need grants. Please call Jane Roe on +41 22 000 0000 about the hubs."
PHONE = "Jane Roe on +41 22 000 0000"


@pytest.fixture
def reviewer(people):
    """The secretariat member's browser, apart from the submitter's."""
    browser = Client()
    browser.force_login(people["secretariat"])
    return browser


@pytest.fixture
def public_index(call_index):
    index = InputIndexPage(title="Published inputs", slug="inputs")
    call_index.get_parent().add_child(instance=index)
    return index


def sent(call, **changes) -> dict:
    """What the submitter sent (first answer and general comment), with `changes`."""
    return {f"answer_{call.questions.first().pk}": ANSWER, "general_comment": COMMENT, **changes}


def edit(client, call, submission, **changes):
    """The submitter sends the edit form of the private link, changing `changes` only."""
    token = submission_token(submission, "manage")
    data = form_data(call, form_token=None, accept_privacy=None, **sent(call, **changes))
    return client.post(f"{call.url}input/{token}/edit/", data)


def screen(submission):
    return f"/admin/inputs/{submission.pk}/review/"


def review_post(browser, submission, **data):
    response = browser.post(screen(submission), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def passage_map(browser, call, submission, source, excerpt, **extra) -> Passage:
    topic = call.questions.first().topic_area
    review_post(browser, submission, action="map", topic_area=topic.pk, source=source, excerpt=excerpt, **extra)
    return Passage.objects.filter(submission=submission).order_by("-pk").first()


def redact(browser, submission, passage):
    review_post(browser, submission, action="redact", passage=passage.pk, reason="Personal data")


def status_set(browser, submission, status):
    revision = Review.objects.get(submission=submission).revision
    review_post(browser, submission, action="status", status=status, revision=revision)


def publish(browser, call, submission):
    """Map the whole input if it is not mapped, and publish it, as a reviewer does on the review screen."""
    if Review.objects.get(submission=submission).status != ReviewStatus.MAPPED:
        review_post(browser, submission, action="map", topic_area=call.questions.first().topic_area.pk)
    status_set(browser, submission, "published")


def republish(browser, call, submission):
    """What a reviewer does once an edit put a mapped passage out of date: publishing is refused until they
    remove that mapping; they map the whole input instead, and publish."""
    status_set(browser, submission, "mapped")
    revision = Review.objects.get(submission=submission).revision
    refused = browser.post(screen(submission), {"action": "status", "status": "published", "revision": revision})
    assert "A mapped passage is no longer in the input" in refused.content.decode()
    assert Review.objects.get(submission=submission).status == ReviewStatus.MAPPED
    for mapping in Mapping.objects.filter(submission=submission, passage__is_outdated=True):
        review_post(browser, submission, action="unmap", mapping=mapping.pk)
    review_post(browser, submission, action="map", topic_area=call.questions.first().topic_area.pk)
    status_set(browser, submission, "published")


def public_page(client, submission):
    return client.get(f"/en/inputs/{submission.reference}/")


def body(response) -> str:
    """What a page, a download or an API answer says."""
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode()


def downloaded(client) -> list[dict]:
    return json.loads(body(client.get("/en/inputs/download/json/")))


def test_an_input_with_a_mapped_passage_is_edited_and_its_passage_follows_its_words(client, call, reviewer):
    submission = received_input(client, call, **sent(call))
    answer = submission.answers.get()
    passage = passage_map(reviewer, call, submission, "answer", "The MAG should rotate its members yearly.")
    assert (passage.start, passage.end) == (35, 76)

    response = edit(client, call, submission, **{f"answer_{call.questions.first().pk}": f"In short: {ANSWER}"})

    assert response.status_code == 302
    assert submission.answers.get().pk == answer.pk  # updated in place: the passage still points at it
    passage.refresh_from_db()
    assert (passage.start, passage.end, passage.is_outdated) == (45, 86, False)
    assert submission.answers.get().text[passage.start : passage.end] == passage.text
    review = Review.objects.get(submission=submission)
    assert review.status == ReviewStatus.IN_REVIEW and review.edited_after_review_at is not None
    page = reviewer.get(screen(submission)).content.decode()
    assert "Changed by the submitter after review" in page
    assert "out of date" not in page


def test_editing_a_published_input_takes_it_off_every_public_surface(client, call, reviewer, public_index):
    submission = received_input(client, call, **sent(call))
    redact(reviewer, submission, passage_map(reviewer, call, submission, "general_comment", PHONE))
    status_set(reviewer, submission, "published")
    assert public_page(client, submission).status_code == 200
    assert submission.reference in client.get("/en/inputs/", {"q": "grants"}).content.decode()

    response = edit(client, call, submission, general_comment=f"Two more words. {COMMENT}")

    assert response.status_code == 302
    assert public_page(client, submission).status_code == 404
    assert client.get(f"/api/v1/inputs/{submission.reference}").status_code == 404
    for url in ("/en/inputs/", "/api/v1/inputs", "/en/inputs/download/json/", "/en/inputs/download/csv/"):
        assert submission.reference not in body(client.get(url)), url
    assert submission.reference not in client.get("/en/inputs/", {"q": "grants"}).content.decode()
    review = Review.objects.get(submission=submission)
    assert (review.status, review.published_at, review.public_text) == (ReviewStatus.IN_REVIEW, None, "")
    entry = SubmissionLogEntry.objects.filter(submission=submission, action="review.status").latest("pk")
    assert entry.data["status"] == ReviewStatus.IN_REVIEW and entry.data["previous_status"] == "published"
    assert entry.user is None  # the submitter, not a reviewer
    assert "Changed by the submitter after review" in reviewer.get(screen(submission)).content.decode()


def test_a_relocated_redaction_still_hides_its_words_once_published_again(client, call, reviewer, public_index):
    submission = received_input(client, call, **sent(call))
    redact(reviewer, submission, passage_map(reviewer, call, submission, "general_comment", PHONE))
    status_set(reviewer, submission, "published")

    edit(client, call, submission, general_comment=f"Remote hubs work well. {COMMENT} Thank you.")
    status_set(reviewer, submission, "mapped")
    status_set(reviewer, submission, "published")

    html = public_page(client, submission).content.decode()
    assert "Remote hubs work well." in html and "Thank you." in html and "[redacted]" in html
    assert "Jane Roe" not in html and "000 0000" not in html
    [record] = downloaded(client)
    assert record["general_comment"] == (
        "Remote hubs work well. Hubs need grants. Please call [redacted] about the hubs. Thank you."
    )
    api = client.get(f"/api/v1/inputs/{submission.reference}").json()
    assert "Jane Roe" not in api["general_comment"] and "[redacted]" in api["general_comment"]
    assert submission.reference in client.get("/en/inputs/", {"q": "remote hubs"}).content.decode()
    assert submission.reference not in client.get("/en/inputs/", {"q": "Jane Roe"}).content.decode()


def test_of_repeated_words_the_passage_keeps_the_occurrence_it_was(client, call, reviewer):
    text = "Fund the hubs. Then review the hubs."
    question = call.questions.first()
    submission = received_input(client, call, **sent(call, **{f"answer_{question.pk}": text}))
    passage = passage_map(reviewer, call, submission, "answer", "Fund the hubs.")
    assert (passage.start, passage.end) == (0, 14)

    edit(client, call, submission, **{f"answer_{question.pk}": f"Fund the hubs. Fund the forum. {text}"})

    passage.refresh_from_db()
    assert (passage.start, passage.end, passage.is_outdated) == (31, 45, False)


def test_a_passage_whose_words_are_gone_is_kept_marked_out_of_date_and_hides_nothing(
    client, call, reviewer, public_index
):
    submission = received_input(client, call, **sent(call))
    passage = passage_map(reviewer, call, submission, "general_comment", PHONE)
    redact(reviewer, submission, passage)
    status_set(reviewer, submission, "published")

    new_comment = "Hubs need grants. Write to the secretariat about the hubs, please."
    assert edit(client, call, submission, general_comment=new_comment).status_code == 302

    passage.refresh_from_db()
    assert passage.is_outdated and passage.text == PHONE and passage.redaction.reason == "Personal data"
    page = reviewer.get(screen(submission)).content.decode()
    assert "out of date" in page and "no longer in the input" in page
    republish(reviewer, call, submission)
    html = public_page(client, submission).content.decode()
    assert new_comment in html and "[redacted]" not in html  # the old offsets cut nothing out of the new text


def test_the_words_coming_back_bring_the_passage_up_to_date_again(client, call, reviewer):
    submission = received_input(client, call, **sent(call))
    passage = passage_map(reviewer, call, submission, "general_comment", PHONE)

    edit(client, call, submission, general_comment="Hubs need grants.")
    passage.refresh_from_db()
    assert passage.is_outdated
    edit(client, call, submission, general_comment=f"Again: {COMMENT}")

    passage.refresh_from_db()
    assert not passage.is_outdated and (passage.start, passage.end) == (37, 64)


def test_an_emptied_answer_cited_by_a_passage_stays_but_is_not_shown_publicly(client, call, reviewer, public_index):
    first, second = call.questions.all()
    submission = received_input(client, call, **sent(call, **{f"answer_{second.pk}": "Rotate the chair."}))
    cited = submission.answers.get(question=first)
    passage = passage_map(reviewer, call, submission, "answer", "stronger Secretariat", source_id=cited.pk)
    redact(reviewer, submission, passage)
    status_set(reviewer, submission, "published")

    response = edit(client, call, submission, **{f"answer_{first.pk}": "", f"answer_{second.pk}": ""})

    assert response.status_code == 302
    assert Answer.objects.get(pk=cited.pk).text == ""  # kept: a passage cites it
    assert not Answer.objects.filter(submission=submission, question=second).exists()  # nothing cites it
    passage.refresh_from_db()
    assert passage.is_outdated and passage.answer_id == cited.pk
    assert "Emptied by the submitter" in reviewer.get(screen(submission)).content.decode()
    republish(reviewer, call, submission)
    html = public_page(client, submission).content.decode()
    assert public_page(client, submission).status_code == 200 and COMMENT.split(".")[0] in html
    assert first.text not in html and second.text not in html
    [record] = downloaded(client)
    assert record["answers"] == []
    assert SubmissionVersion.objects.filter(submission=submission).latest("number").content["answers"] == {}


def test_a_removed_attachment_puts_its_passages_out_of_date(client, call, reviewer):
    from submissions.tasks import attachment_text_extract

    upload = SimpleUploadedFile("annex.txt", b"Our annex proposes hydroelectric data centres.")
    submission = received_input(client, call, **sent(call), attachments=[upload])
    attachment = submission.attachments.get()
    attachment_text_extract(attachment.pk)
    passage = passage_map(
        reviewer, call, submission, "attachment", "hydroelectric data centres", source_id=attachment.pk
    )

    edit(client, call, submission, remove_attachments=[attachment.pk])

    passage.refresh_from_db()
    assert passage.is_outdated and passage.attachment_id == attachment.pk


def test_a_refused_edit_changes_nothing(client, call, reviewer, public_index):
    submission = received_input(client, call, **sent(call))
    passage = passage_map(reviewer, call, submission, "answer", "stronger Secretariat")
    status_set(reviewer, submission, "published")
    review = Review.objects.get(submission=submission)

    def state():
        passage.refresh_from_db()
        return (
            list(Answer.objects.filter(submission=submission).values_list("pk", "text")),
            (passage.start, passage.end, passage.is_outdated),
            Review.objects.filter(pk=review.pk).values_list("status", "revision", "published_at", "public_text").get(),
            SubmissionVersion.objects.filter(submission=submission).count(),
            SubmissionLogEntry.objects.filter(submission=submission).count(),
        )

    before = state()
    too_long = edit(client, call, submission, **{f"answer_{call.questions.first().pk}": f"New. {ANSWER}" * 20})
    call.closes_at = timezone.now()
    call.save()
    closed = edit(client, call, submission, general_comment=f"Late. {COMMENT}")

    assert too_long.status_code == 400 and closed.status_code == 403
    assert state() == before
    assert public_page(client, submission).status_code == 200


def test_a_reviewers_screen_opened_before_the_edit_cannot_decide_on_the_new_text(client, call, reviewer):
    submission = received_input(client, call, **sent(call))
    review_post(reviewer, submission, action="map", topic_area=call.questions.first().topic_area.pk)
    stale = Review.objects.get(submission=submission).revision

    edit(client, call, submission, general_comment="Entirely new words.")
    response = reviewer.post(screen(submission), {"action": "status", "status": "published", "revision": stale})

    assert "Someone else changed input" in response.content.decode()
    assert Review.objects.get(submission=submission).status == ReviewStatus.IN_REVIEW


def test_an_edit_before_any_review_leaves_the_review_as_it_was_and_is_found_by_its_new_words(client, call, reviewer):
    submission = received_input(client, call, **sent(call))

    edit(client, call, submission, general_comment="Geothermal funding for the forum.")

    review = Review.objects.get(submission=submission)
    assert (review.status, review.edited_after_review_at) == (ReviewStatus.NEW, None)
    assert "Changed by the submitter after review" not in reviewer.get(screen(submission)).content.decode()
    assert submission.reference in reviewer.get("/admin/inputs/", {"q": "geothermal"}).content.decode()
