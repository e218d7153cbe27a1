"""Reviewers map inputs and passages, decide their status and assign them, through the real admin URLs."""

import pytest

from review.jobs import bulk_job_run
from review.models import BulkJob, Mapping, Passage, Redaction, Review, ReviewStatus, SubmissionLogEntry
from submissions.models import Submission
from tests.factories import SubTopicFactory, TopicAreaFactory
from tests.intake import outbox_deliver
from tests.review.conftest import received_input

pytestmark = pytest.mark.django_db

CAMPAIGN_LETTER = (
    "As members of the coalition for an open Internet we urge the working group to secure stable and "
    "predictable funding for the Internet Governance Forum, to publish every budget and every contribution "
    "it receives, to keep the forum open to all stakeholders on an equal footing, to support remote "
    "participation hubs in the global South with small grants, and to make sure that the messages of each "
    "annual meeting reach the bodies that take decisions. We ask that these proposals be considered in full."
)


@pytest.fixture
def submission(client, call):
    question = call.questions.first()
    return received_input(
        client,
        call,
        **{f"answer_{question.pk}": "We ask for a stronger Secretariat. The MAG should rotate its members yearly."},
    )


@pytest.fixture
def secretariat(client, people):
    client.force_login(people["secretariat"])
    return people["secretariat"]


def screen(submission):
    return f"/admin/inputs/{submission.pk}/review/"


def post(client, submission, django_capture_on_commit_callbacks=None, **data):
    return client.post(screen(submission), data)


def topic(call, code):
    return call.questions.get(topic_area__code=code).topic_area


def test_a_reviewer_maps_a_passage_of_an_answer_to_a_topic(client, call, people, submission):
    client.force_login(people["call_reviewer"])
    answer = submission.answers.first()

    response = post(
        client,
        submission,
        action="map",
        topic_area=topic(call, "B").pk,
        source="answer",
        source_id=answer.pk,
        excerpt="The MAG should rotate its members yearly.",
        stance="supports",
        tags="MAG, rotation",
    )

    assert response.status_code == 302
    passage = Passage.objects.get()
    assert (passage.start, passage.end) == (35, 76) and passage.answer == answer
    mapping = Mapping.objects.get()
    assert (mapping.passage, mapping.topic_area.code, mapping.stance) == (passage, "B", "supports")
    assert sorted(mapping.tags.names()) == ["MAG", "rotation"]
    assert Review.objects.get(submission=submission).status == ReviewStatus.MAPPED
    page = client.get(screen(submission)).content.decode()
    assert "«The MAG should rotate its members yearly.»" in page and "Mapped to" in page
    assert SubmissionLogEntry.objects.filter(action="review.map", submission=submission).exists()


def test_a_passage_that_is_not_in_the_text_is_refused_and_nothing_is_stored(client, call, people, submission):
    client.force_login(people["call_reviewer"])
    response = post(
        client,
        submission,
        action="map",
        topic_area=topic(call, "B").pk,
        source="answer",
        excerpt="Words never written.",
    )
    assert response.status_code == 400
    assert "This passage is not in the chosen text." in response.content.decode()
    assert not Passage.objects.exists() and not Mapping.objects.exists()


def test_a_passage_whose_mapping_is_refused_is_not_kept(client, call, people, submission):
    """The passage and its mapping are one write: a sub-topic of another topic area refuses both."""
    client.force_login(people["call_reviewer"])
    other_sub_topic = SubTopicFactory(topic_area=topic(call, "A"), code="A.1")
    response = post(
        client,
        submission,
        action="map",
        topic_area=topic(call, "B").pk,
        sub_topic=other_sub_topic.pk,
        source="answer",
        source_id=submission.answers.first().pk,
        excerpt="The MAG should rotate its members yearly.",
    )
    assert response.status_code == 400
    assert "This sub-topic belongs to another topic area." in response.content.decode()
    assert not Passage.objects.exists() and not Mapping.objects.exists()


def test_a_topic_area_of_another_process_is_refused(client, people, submission):
    client.force_login(people["call_reviewer"])
    foreign = TopicAreaFactory(code="Z")
    response = post(client, submission, action="map", topic_area=foreign.pk)
    assert response.status_code == 400
    assert not Mapping.objects.exists()


def test_publishing_needs_a_mapping_then_tells_the_submitter(client, call, secretariat, submission):
    outbox_deliver()
    review = Review.objects.get(submission=submission)

    refused = post(client, submission, action="status", status="published", revision=review.revision)
    assert "Map a passage, or the whole input, to a topic area first." in refused.content.decode()

    post(client, submission, action="map", topic_area=topic(call, "A").pk)
    review.refresh_from_db()
    published = post(client, submission, action="status", status="published", revision=review.revision)

    assert published.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.PUBLISHED and review.published_at is not None
    [mail] = [m for m in outbox_deliver() if m.to == ["peter@example.org"]]
    assert "is published" in mail.subject


def test_not_publishing_needs_a_reason_which_the_submitter_is_told(client, secretariat, submission):
    outbox_deliver()
    review = Review.objects.get(submission=submission)

    without = post(client, submission, action="status", status="not_published", revision=review.revision)
    assert "Say why the input is not published." in without.content.decode()

    post(client, submission, action="status", status="not_published", reason="out_of_scope", revision=review.revision)

    review.refresh_from_db()
    assert (review.status, review.reason) == (ReviewStatus.NOT_PUBLISHED, "out_of_scope")
    [mail] = outbox_deliver()
    assert "is not published" in mail.subject and "outside the scope of this call" in mail.body


def test_an_input_whose_submitter_chose_not_to_publish_is_never_published(client, call, secretariat):
    submission = received_input(client, call, publication="private")
    post(client, submission, action="map", topic_area=topic(call, "A").pk)
    review = Review.objects.get(submission=submission)

    response = post(client, submission, action="status", status="published", revision=review.revision)

    assert "The submitter chose not to publish this input." in response.content.decode()
    review.refresh_from_db()
    assert review.status == ReviewStatus.MAPPED


def test_a_change_from_an_outdated_screen_is_refused(client, call, secretariat, submission):
    review = Review.objects.get(submission=submission)
    stale = review.revision
    post(client, submission, action="map", topic_area=topic(call, "A").pk)  # someone else saves meanwhile

    response = post(client, submission, action="status", status="in_review", revision=stale)

    assert "Someone else changed input" in response.content.decode()
    review.refresh_from_db()
    assert review.status == ReviewStatus.MAPPED


def test_the_secretariat_assigns_an_input_and_it_appears_in_the_reviewers_queue(
    client, people, secretariat, submission
):
    outbox_deliver()
    reviewer = people["call_reviewer"]

    post(client, submission, action="assign", reviewer=reviewer.pk)

    assert Review.objects.get(submission=submission).assigned_to == reviewer
    [mail] = outbox_deliver()
    assert mail.to == [reviewer.email] and submission.reference in mail.body
    client.force_login(reviewer)
    queue = client.get("/admin/inputs/", {"mine": "true"}).content.decode()
    assert submission.reference in queue


def test_a_passage_is_redacted_with_its_reason(client, call, secretariat, submission):
    answer = submission.answers.first()
    post(
        client,
        submission,
        action="map",
        topic_area=topic(call, "B").pk,
        source="answer",
        excerpt="stronger Secretariat",
    )
    passage = Passage.objects.get()

    without_reason = post(client, submission, action="redact", passage=passage.pk, reason="")
    assert not Redaction.objects.exists() and without_reason.status_code == 400
    post(client, submission, action="redact", passage=passage.pk, reason="Names a person")

    assert Redaction.objects.get(passage=passage).reason == "Names a person"
    assert passage.answer == answer


def test_a_withdrawn_input_leaves_publication(client, call, secretariat, submission):
    from submissions.services import submission_withdraw

    submission_withdraw(submission=Submission.objects.get(pk=submission.pk))

    review = Review.objects.get(submission=submission)
    assert (review.status, review.reason) == (ReviewStatus.NOT_PUBLISHED, "withdrawn")
    response = post(client, submission, action="map", topic_area=topic(call, "A").pk)
    assert response.status_code == 400 and not Mapping.objects.exists()


def test_bulk_actions_assign_and_map_many_inputs(client, call, people, secretariat, submission):
    other = received_input(client, call)
    ids = f"id={submission.pk}&id={other.pk}"

    client.post(f"/admin/bulk/submissions/submission/assign/?{ids}", {"reviewer": people["call_reviewer"].pk})
    client.post(f"/admin/bulk/submissions/submission/map/?{ids}", {"topic_area": topic(call, "A").pk})
    for job in BulkJob.objects.order_by("pk"):
        bulk_job_run(job.pk)  # the worker's part, run here (tests/review/test_bulk_jobs.py runs a real one)

    reviews = Review.objects.filter(submission__in=[submission, other])
    assert {review.assigned_to for review in reviews} == {people["call_reviewer"]}
    assert {review.status for review in reviews} == {ReviewStatus.MAPPED}
    assert Mapping.objects.filter(topic_area__code="A").count() == 2


def test_bulk_publish_skips_inputs_that_may_not_be_published(client, call, secretariat, submission):
    private = received_input(client, call, publication="private")
    for item in (submission, private):
        post(client, item, action="map", topic_area=topic(call, "A").pk)

    client.post(f"/admin/bulk/submissions/submission/publish/?id={submission.pk}&id={private.pk}", {})
    job = bulk_job_run(BulkJob.objects.get().pk)

    assert (job.done, job.refused, job.refusals) == (1, 1, {"The submitter chose not to publish this input.": 1})
    statuses = dict(Review.objects.values_list("submission_id", "status"))
    assert statuses == {submission.pk: ReviewStatus.PUBLISHED, private.pk: ReviewStatus.MAPPED}


def test_the_list_filters_by_topic_area_and_finds_words(client, call, secretariat, submission):
    other = received_input(client, call, general_comment="Funding through voluntary contributions.")
    post(client, submission, action="map", topic_area=topic(call, "B").pk)

    by_topic = client.get("/admin/inputs/", {"topic_area": topic(call, "B").pk}).content.decode()
    by_words = client.get("/admin/inputs/", {"q": "voluntary contributions"}).content.decode()

    assert submission.reference in by_topic and other.reference not in by_topic
    assert other.reference in by_words and submission.reference not in by_words


def test_identical_inputs_form_one_cluster_shown_in_the_list(client, call, secretariat):
    text = CAMPAIGN_LETTER
    campaign = [
        received_input(client, call, general_comment=f"{text}\nSigned, {name}") for name in ("Ana", "Ben", "Cy")
    ]
    lone = received_input(client, call, general_comment="A completely different view on remote participation hubs.")

    reviews = Review.objects.filter(submission__in=campaign)
    [cluster_id] = {review.cluster_id for review in reviews}
    assert cluster_id is not None and reviews.first().cluster.size == 3
    assert Review.objects.get(submission=lone).cluster_id is None
    listed = client.get("/admin/inputs/", {"cluster": cluster_id}).content.decode()
    assert all(item.reference in listed for item in campaign) and lone.reference not in listed


def test_an_attachments_text_is_extracted_and_found_by_search(client, call, secretariat):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from submissions.models import TextStatus
    from submissions.tasks import attachment_text_extract

    upload = SimpleUploadedFile("annex.txt", b"Our annex proposes hydroelectric data centres.")
    submission = received_input(client, call, attachments=[upload])
    attachment = submission.attachments.get()
    assert attachment.text_status == TextStatus.PENDING

    attachment_text_extract(attachment.pk)  # what the worker runs after the commit
    attachment_text_extract(attachment.pk)  # and running it twice changes nothing

    attachment.refresh_from_db()
    assert (attachment.text_status, attachment.text) == (
        TextStatus.DONE,
        "Our annex proposes hydroelectric data centres.",
    )
    assert submission.reference in client.get("/admin/inputs/", {"q": "hydroelectric"}).content.decode()
    assert "hydroelectric data centres" in client.get(screen(submission)).content.decode()


def test_an_administrator_names_call_reviewers_and_secretariat_members_in_the_admin(client, call, people):
    from review.models import CallReviewer, ProcessSecretariat

    client.force_login(people["administrator"])
    newcomer = people["staff"]

    added = client.post("/admin/call_reviewers/new/", {"call": call.pk, "user": newcomer.pk})
    twice = client.post("/admin/call_reviewers/new/", {"call": call.pk, "user": newcomer.pk})
    member = client.post("/admin/secretariat/new/", {"process": call.process.pk, "user": newcomer.pk})

    assert added.status_code == 302 and member.status_code == 302
    assert twice.status_code == 200 and "already exists" in twice.content.decode()
    assert CallReviewer.objects.filter(call=call, user=newcomer).count() == 1
    assert ProcessSecretariat.objects.filter(process=call.process, user=newcomer).exists()
    assert newcomer.username in client.get("/admin/call_reviewers/").content.decode()
