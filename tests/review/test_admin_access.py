"""Who sees which input through every admin URL that shows, lists or acts on one.

Every role × every input state × every call relation × every such URL, each against the outcome written
here (not derived from `review.permissions`): 200 for what the role may see, 404 for everything else, and
lists that show exactly the inputs the role may see.
"""

import itertools

import pytest
from wagtail.models import ModelLogEntry

from django.core.files.uploadedfile import SimpleUploadedFile

from review.jobs import bulk_job_run
from review.models import BulkJob, CallReviewer, ProcessSecretariat, Review, ReviewStatus, SubmissionLogEntry
from review.services import mapping_create, review_status_set
from submissions.models import Submission, SubmissionStatus
from submissions.services import submission_confirm, submission_withdraw
from tests.factories import CallPageFactory, ProcessFactory, QuestionFactory, TopicAreaFactory
from tests.intake import PDF, form_data
from tests.review.conftest import staff_user

pytestmark = pytest.mark.django_db

STATES = ["unconfirmed", "received", "in_review", "mapped", "published", "withdrawn", "expired"]
RELATIONS = ["own_call", "other_call", "other_process"]
REVIEWABLE = {"received", "in_review", "mapped", "published", "withdrawn"}
CONFIRMED = set(itertools.product(["own_call", "other_call", "other_process"], REVIEWABLE))
ROLES = [
    "administrator",
    "secretariat",
    "other_secretariat",
    "call_reviewer",
    "other_call_reviewer",
    "assigned_reviewer",
    "staff",
    "anonymous",
]
SEARCH_WORD = "zanzibarite"

# What each role sees, by call relation: every state, the confirmed (reviewable) ones, or none.
SEES = {
    "administrator": {"own_call": "all", "other_call": "all", "other_process": "all"},
    "secretariat": {"own_call": "all", "other_call": "all"},
    "other_secretariat": {"other_process": "all"},
    "call_reviewer": {"own_call": "reviewable"},
    "other_call_reviewer": {"other_call": "reviewable"},
    # Reviews the other call, and is assigned every input of the own call that has a review.
    "assigned_reviewer": {"own_call": "reviewable", "other_call": "reviewable"},
}
# Admin URLs that take an input's id; what a role that may see the input gets. Inputs are never added,
# edited, deleted or chosen in the admin: those answer 404 to everyone.
ID_URLS = {
    "inspect": ("/admin/inputs/inspect/{pk}/", 200),
    "history": ("/admin/inputs/history/{pk}/", 200),
    "history_results": ("/admin/inputs/history-results/{pk}/", 200),
    "review": ("/admin/inputs/{pk}/review/", 200),
    "bulk_publish": ("/admin/bulk/submissions/submission/publish/?id={pk}", 200),
    "bulk_assign": ("/admin/bulk/submissions/submission/assign/?id={pk}", 200),
    "edit": ("/admin/inputs/edit/{pk}/", 404),
    "delete": ("/admin/inputs/delete/{pk}/", 404),
    "usage": ("/admin/inputs/usage/{pk}/", 404),
    "chosen": ("/admin/snippets/choose/submissions/submission/chosen/{pk}/", 404),
}


def sees(role: str, relation: str, state: str) -> bool:
    scope = SEES.get(role, {}).get(relation)
    return scope == "all" or (scope == "reviewable" and state in REVIEWABLE)


def expected_status(role: str, relation: str, state: str, url: str) -> int:
    if role == "anonymous":
        return 302  # to the admin's sign-in page
    if url == "bulk_assign" and role.endswith("reviewer"):
        return 404  # reviewers assign nothing: the action is not there for them
    return ID_URLS[url][1] if sees(role, relation, state) else 404


def call_with_questions(parent, process, slug):
    call = CallPageFactory(parent=parent, process=process, title=slug, slug=slug)
    for topic in process.topic_areas.all():
        QuestionFactory(call=call, topic_area=topic, text=f"Question {topic.code}?")
    return call


@pytest.fixture
def world(client, call_index, settings):
    """Three calls (two of one process, one of another), an input in every state in each, and one user per
    role."""
    settings.SUBMISSION_RATE = "1000/h"
    process, other_process = ProcessFactory(code="WGIGF"), ProcessFactory(code="OTHER", name="Another body")
    for code in ("A", "B"):
        TopicAreaFactory(process=process, code=code)
        TopicAreaFactory(process=other_process, code=code)
    calls = {
        "own_call": call_with_questions(call_index, process, "own-call"),
        "other_call": call_with_questions(call_index, process, "other-call"),
        "other_process": call_with_questions(call_index, other_process, "other-process"),
    }
    users = {
        "administrator": staff_user("admin", is_superuser=True),
        **{role: staff_user(role) for role in ROLES if role not in ("administrator", "anonymous")},
    }
    ProcessSecretariat.objects.create(process=process, user=users["secretariat"])
    ProcessSecretariat.objects.create(process=other_process, user=users["other_secretariat"])
    CallReviewer.objects.create(call=calls["own_call"], user=users["call_reviewer"])
    CallReviewer.objects.create(call=calls["other_call"], user=users["other_call_reviewer"])
    CallReviewer.objects.create(call=calls["other_call"], user=users["assigned_reviewer"])
    inputs = {
        (relation, state): input_in_state(client, call, state, users["administrator"])
        for (relation, call), state in itertools.product(calls.items(), STATES)
    }
    Review.objects.filter(submission__call=calls["own_call"]).update(assigned_to=users["assigned_reviewer"])
    client.logout()
    return {"inputs": inputs, "users": users}


def input_in_state(client, call, state: str, admin) -> Submission:
    question = call.questions.first()
    words = f"Words of the {state} input to {call.slug}, about {SEARCH_WORD}."
    data = form_data(call, **{f"answer_{question.pk}": words}, attachments=[SimpleUploadedFile("paper.pdf", PDF)])
    response = client.post(f"{call.url}submit/", data)
    assert response.status_code == 302, response.content.decode()[:300]
    submission = Submission.objects.order_by("-pk").first()
    if state == "expired":
        Submission.objects.filter(pk=submission.pk).update(status=SubmissionStatus.EXPIRED)
    if state in ("unconfirmed", "expired"):
        return submission
    submission_confirm(submission=submission)
    submission.refresh_from_db()
    if state == "withdrawn":
        return submission_withdraw(submission=submission)
    if state == "in_review":
        review_status_set(submission=submission, status=ReviewStatus.IN_REVIEW, by=admin)
    if state in ("mapped", "published"):
        mapping_create(submission=submission, topic_area=question.topic_area, by=admin)
    if state == "published":
        review_status_set(submission=submission, status=ReviewStatus.PUBLISHED, by=admin)
    return submission


def listed(world, html: str) -> set:
    return {key for key, submission in world["inputs"].items() if submission.reference in html}


def visible(role) -> set:
    return {
        (relation, state) for relation, state in itertools.product(RELATIONS, STATES) if sees(role, relation, state)
    }


LIST_URLS = {
    "list": "/admin/inputs/",
    "results": "/admin/inputs/results/",
    "search": f"/admin/inputs/?q={SEARCH_WORD}",
    "site_history": "/admin/reports/site-history/?export=csv",
    "site_history_page": "/admin/reports/site-history/results/",
    "bulk_all": "/admin/bulk/submissions/submission/review_status/?id=all",
}


def id_urls_answered_otherwise(client, world, role) -> list:
    wrong = []
    for (relation, state), submission in world["inputs"].items():
        for name, (url, _status) in ID_URLS.items():
            response = client.get(url.format(pk=submission.pk))
            expected = expected_status(role, relation, state, name)
            if response.status_code != expected or (expected == 302 and "/admin/login/" not in response["Location"]):
                wrong.append((relation, state, name, response.status_code, expected))
        # Attachments: to those who see the input, and to anyone once it is published.
        response = client.get(f"/attachments/{submission.attachments.get().pk}/")
        expected = 200 if sees(role, relation, state) or state == "published" else 404
        if response.status_code != expected:
            wrong.append((relation, state, "attachment", response.status_code, expected))
    return wrong


def lists_shown(client, world) -> tuple[dict, dict]:
    shown, statuses = {}, {}
    for name, url in LIST_URLS.items():
        response = client.get(url)
        statuses[name] = response.status_code
        content = b"".join(response.streaming_content) if response.streaming else response.content
        shown[name] = listed(world, content.decode()) if response.status_code == 200 else set()
    return shown, statuses


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_its_inputs_through_every_admin_url(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])

    assert id_urls_answered_otherwise(client, world, role) == []
    shown, statuses = lists_shown(client, world)

    if role == "anonymous":
        assert set(statuses.values()) == {302}
    elif role == "staff":  # no role in any process: the Inputs area is not theirs, and no list names one
        assert statuses["list"] == 302 and statuses["bulk_all"] == 404
        assert shown == dict.fromkeys(LIST_URLS, set())
    else:
        assert statuses == dict.fromkeys(LIST_URLS, 200)
        # The site history's first page holds the latest 20 entries: some of the visible inputs, no other.
        assert shown.pop("site_history_page") <= visible(role)
        # Words are indexed when an input is confirmed: unconfirmed inputs are found by reference only.
        assert shown.pop("search") == visible(role) & CONFIRMED
        assert shown == dict.fromkeys(shown, visible(role))


def test_inputs_history_is_kept_apart_from_other_models_and_reaches_administrators(client, world):
    client.force_login(world["users"]["administrator"])
    page = client.get("/admin/reports/site-history/?export=csv")

    assert listed(world, b"".join(page.streaming_content).decode()) == visible("administrator")
    assert SubmissionLogEntry.objects.filter(action="submissions.submit").count() == len(world["inputs"])
    assert not ModelLogEntry.objects.filter(content_type__model="submission").exists()


def test_a_reviewer_acting_in_bulk_on_an_input_they_cannot_see_changes_nothing(client, world):
    """The POST of a bulk action, with the id of another call's input mixed in: only their own changes."""
    client.force_login(world["users"]["call_reviewer"])
    mine, theirs = world["inputs"][("own_call", "mapped")], world["inputs"][("other_call", "mapped")]

    response = client.post(f"/admin/bulk/submissions/submission/publish/?id={mine.pk}&id={theirs.pk}", {})
    job = BulkJob.objects.get()
    bulk_job_run(job.pk)  # the worker's part, run here

    assert response.status_code == 302 and response["Location"] == f"/admin/inputs/jobs/{job.pk}/"
    assert job.submission_ids == [mine.pk]
    assert Review.objects.get(submission=mine).status == ReviewStatus.PUBLISHED
    assert Review.objects.get(submission=theirs).status == ReviewStatus.MAPPED
    only_theirs = client.post(f"/admin/bulk/submissions/submission/publish/?id={theirs.pk}", {})
    assert only_theirs.status_code == 404 and BulkJob.objects.count() == 1
