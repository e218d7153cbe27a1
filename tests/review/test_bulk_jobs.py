"""Bulk actions of the reviewers' list run as jobs: confirmed through the real bulk URLs, run by a worker, followed on
the job's page (only by whoever started it); refusals are counted with their reason; each action is offered only
to those who may take it, and a bad form stores no job."""

import datetime
import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from review import jobs
from review.models import BulkJob, BulkJobStatus, CallReviewer, Mapping, Review, ReviewStatus
from submissions.models import Submission, SubmissionStatus
from tests.factories import CallPageFactory, ProcessFactory, TopicAreaFactory, stakeholder_group
from tests.review.conftest import received_input, staff_user
from tests.workers import wait_for

pytestmark = pytest.mark.django_db

BULK = "/admin/bulk/submissions/submission"
JOB = re.compile(r"^/admin/inputs/jobs/(\d+)/$")


def mapped_inputs(call, count: int, by, prefix: str = "B", **fields) -> list[Submission]:
    """`count` confirmed inputs of `call`, each mapped by `by` to topic A, ready to be published."""
    now = timezone.now()
    defaults = {
        "status": SubmissionStatus.RECEIVED,
        "confirmed_at": now,
        "submitted_at": now,
        "contact_name": "Someone",
        "contact_email": "someone@example.org",
        "language": "en",
        "publication": "named",
        "privacy_notice_version": "test",
        "fingerprint": "0" * 64,
        "stakeholder_group": stakeholder_group("GOVERNMENT"),
    }
    made = Submission.objects.bulk_create(
        Submission(call=call, reference=f"{prefix}-{n:04d}", **{**defaults, **fields}) for n in range(count)
    )
    Review.objects.bulk_create(Review(submission=item, status=ReviewStatus.MAPPED) for item in made)
    topic = call.process.topic_areas.get(code="A")
    Mapping.objects.bulk_create(Mapping(submission=item, topic_area=topic, created_by=by) for item in made)
    return made


def ids(items) -> str:
    return "&".join(f"id={item.pk}" for item in items)


def job_started(response) -> BulkJob:
    assert response.status_code == 302, response.content.decode()[:500]
    return BulkJob.objects.get(pk=JOB.match(response["Location"]).group(1))


def statuses(items) -> dict:
    return dict(Review.objects.filter(submission__in=items).values_list("submission__reference", "status"))


@pytest.mark.django_db(transaction=True)
def test_a_reviewer_maps_publishes_and_changes_status_through_jobs_a_real_worker_runs(
    client, call, people, celery_worker
):
    reviewer = people["call_reviewer"]
    fresh = [received_input(client, call), received_input(client, call, publication="private")]
    client.force_login(reviewer)

    def finished(job) -> dict:
        progress = wait_for(lambda: (p := client.get(f"/admin/inputs/jobs/{job.pk}/progress/").json())["is_over"] and p)
        assert progress["status"] == "finished"
        return progress

    confirm = client.get(f"{BULK}/map/?{ids(fresh)}")
    assert confirm.status_code == 200 and "2 inputs:" in confirm.content.decode()
    topic_b = call.process.topic_areas.get(code="B")
    mapped = finished(job_started(client.post(f"{BULK}/map/?{ids(fresh)}", {"topic_area": topic_b.pk})))
    assert (mapped["done"], mapped["refused"]) == (2, 0)
    assert set(statuses(fresh).values()) == {ReviewStatus.MAPPED}

    job = job_started(client.post(f"{BULK}/publish/?{ids(fresh)}", {}))
    published = finished(job)
    assert (published["done"], published["refused"], published["percent"]) == (1, 1, 100)
    assert published["refusals"] == [["The submitter chose not to publish this input.", 1]]
    page = client.get(f"/admin/inputs/jobs/{job.pk}/").content.decode()
    assert "Finished: 1 input done, 1 refused." in page
    assert "The submitter chose not to publish this input. (1)" in page
    assert statuses(fresh) == {fresh[0].reference: ReviewStatus.PUBLISHED, fresh[1].reference: ReviewStatus.MAPPED}

    back = finished(job_started(client.post(f"{BULK}/review_status/?{ids(fresh)}", {"status": "mapped"})))
    assert (back["done"], back["refused"]) == (1, 1)  # the published one goes back; the other already is "mapped"
    assert back["refusals"] == [["The input is already “Mapped”.", 1]]
    assert statuses(fresh) == {fresh[0].reference: ReviewStatus.MAPPED, fresh[1].reference: ReviewStatus.MAPPED}


def test_only_the_user_who_started_a_job_and_administrators_see_it(client, call, people):
    client.force_login(people["call_reviewer"])
    items = mapped_inputs(call, 2, people["administrator"])
    job = job_started(client.post(f"{BULK}/publish/?{ids(items)}", {}))
    urls = [f"/admin/inputs/jobs/{job.pk}/", f"/admin/inputs/jobs/{job.pk}/progress/"]

    assert [client.get(url).status_code for url in urls] == [200, 200]
    for other in ("assigned_reviewer", "secretariat", "other_secretariat", "staff"):
        client.force_login(people[other])
        assert [client.get(url).status_code for url in urls] == [404, 404], other
    client.force_login(people["administrator"])
    assert [client.get(url).status_code for url in urls] == [200, 200]
    client.logout()
    for url in urls:  # sent to sign in, as from every admin address; the job is not shown
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    client.force_login(people["call_reviewer"])
    assert client.get("/admin/inputs/jobs/999999/").status_code == 404


def test_the_job_page_shows_its_progress_with_a_labelled_bar_and_a_live_region(client, call, people):
    client.force_login(people["call_reviewer"])
    items = mapped_inputs(call, 3, people["administrator"])
    job = job_started(client.post(f"{BULK}/publish/?{ids(items)}", {}))

    queued = client.get(f"/admin/inputs/jobs/{job.pk}/").content.decode()
    assert '<p role="status" id="bulk-job-news">Waiting for a worker…</p>' in queued
    assert '<label for="bulk-job-bar">' in queued and '<progress id="bulk-job-bar" max="3" value="0">' in queued
    assert 'src="/static/js/bulk-job.js"' in queued and "<script>" not in queued

    jobs.bulk_job_run(job.pk)  # the worker's part, run here

    over = client.get(f"/admin/inputs/jobs/{job.pk}/").content.decode()
    assert "Finished: 3 inputs done, 0 refused." in over and 'value="3"' in over
    assert "bulk-job.js" not in over and 'href="/admin/inputs/"' in over


def test_a_job_is_not_run_twice_and_an_unexpected_fault_marks_it_failed(client, call, people):
    client.force_login(people["call_reviewer"])
    items = mapped_inputs(call, 2, people["administrator"])
    job = job_started(client.post(f"{BULK}/publish/?{ids(items)}", {}))
    jobs.bulk_job_run(job.pk)
    first = BulkJob.objects.get(pk=job.pk)

    again = jobs.bulk_job_run(job.pk)

    assert (again.done, again.refused, again.finished_at) == (2, 0, first.finished_at)
    broken = BulkJob.objects.create(
        action="publish", submission_ids=["not an id"], total=1, created_by=people["call_reviewer"]
    )
    failed = jobs.bulk_job_run(broken.pk)
    assert failed.status == BulkJobStatus.FAILED and failed.error.startswith("ValueError")
    page = client.get(f"/admin/inputs/jobs/{broken.pk}/").content.decode()
    assert "Stopped by an error after 0 of 1 inputs" in page


def test_a_reviewer_is_offered_neither_delete_nor_assign_and_posting_them_changes_nothing(client, call, people):
    items = mapped_inputs(call, 2, people["administrator"])
    client.force_login(people["call_reviewer"])

    listing = client.get("/admin/inputs/").content.decode()

    for action in ("publish", "review_status", "map"):
        assert f'{BULK}/{action}/"' in listing
    assert f"{BULK}/delete/" not in listing and f"{BULK}/assign/" not in listing
    for url, data in ((f"{BULK}/delete/?{ids(items)}", {}), (f"{BULK}/assign/?{ids(items)}", {"reviewer": 1})):
        assert client.get(url).status_code == 404
        assert client.post(url, data).status_code == 404
    assert Submission.objects.filter(pk__in=[item.pk for item in items]).count() == 2
    assert not Review.objects.filter(submission__in=items, assigned_to__isnull=False).exists()
    assert not BulkJob.objects.exists()


def test_the_secretariat_is_offered_assign_but_not_delete_which_nobody_may_use(client, call, people):
    items = mapped_inputs(call, 1, people["administrator"])
    for role in ("secretariat", "administrator"):
        client.force_login(people[role])
        listing = client.get("/admin/inputs/").content.decode()
        assert f'{BULK}/assign/"' in listing and f"{BULK}/delete/" not in listing
        assert client.post(f"{BULK}/delete/?{ids(items)}", {}).status_code == 404
    assert Submission.objects.filter(pk=items[0].pk).exists()


def test_bulk_assign_offers_the_reviewers_of_managed_calls_and_sets_a_due_date(client, call, people):
    items = mapped_inputs(call, 3, people["administrator"])
    outsider = staff_user("outsider")  # reviews a call of another process only
    other_process = ProcessFactory(code="ELSE", name="Elsewhere")
    CallReviewer.objects.create(call=CallPageFactory(parent=call.get_parent(), process=other_process), user=outsider)
    client.force_login(people["secretariat"])

    form = client.get(f"{BULK}/assign/?{ids(items)}").content.decode()

    assert "call_reviewer" in form and 'type="date"' in form and "outsider" not in form
    due = timezone.localdate() + datetime.timedelta(days=7)
    data = {"reviewer": people["call_reviewer"].pk, "due_on": due.isoformat()}
    job = job_started(client.post(f"{BULK}/assign/?{ids(items)}", data))
    jobs.bulk_job_run(job.pk)
    reviews = Review.objects.filter(submission__in=items)
    assert {(review.assigned_to, review.due_on) for review in reviews} == {(people["call_reviewer"], due)}
    assert f"Due on {date_format(due)}." in client.get(f"/admin/inputs/jobs/{job.pk}/").content.decode()


@pytest.mark.parametrize(
    ("action", "data", "message"),
    [
        ("assign", {"reviewer": ""}, "Choose the reviewer to assign the inputs to."),
        ("assign", {"reviewer": "{reviewer}", "due_on": "2020-01-01"}, "The due date is in the past"),
        ("assign", {"reviewer": "{nobody}"}, "Select a valid choice."),
        ("review_status", {"status": "not_published"}, "Say why the inputs are not published."),
        ("map", {"topic_area": "{other_topic}"}, "Select a valid choice."),
    ],
)
def test_bad_input_to_a_bulk_form_says_what_is_wrong_and_stores_no_job(client, call, people, action, data, message):
    items = mapped_inputs(call, 2, people["administrator"])
    values = {
        "{reviewer}": people["call_reviewer"].pk,
        "{nobody}": staff_user("nobody").pk,  # reviews no call at all
        "{other_topic}": TopicAreaFactory(process=ProcessFactory(code="ELSE"), code="A").pk,
    }
    data = {key: values.get(value, value) for key, value in data.items()}
    client.force_login(people["secretariat"])

    response = client.post(f"{BULK}/{action}/?{ids(items)}", data)

    assert response.status_code == 200 and message in response.content.decode()
    assert not BulkJob.objects.exists()
    assert set(statuses(items).values()) == {ReviewStatus.MAPPED}


def test_select_all_takes_the_inputs_of_the_filtered_list_the_user_may_see(client, call, people):
    """Wagtail's "Select all in listing" sends id=all with the list's query string: its filters hold."""
    other_call = call.get_parent().get_children().exclude(pk=call.pk).get().specific
    own = mapped_inputs(call, 3, people["administrator"])
    others = mapped_inputs(other_call, 2, people["administrator"], prefix="O")
    client.force_login(people["secretariat"])

    filtered = client.get(f"{BULK}/publish/?id=all&call={call.pk}").content.decode()
    assert "3 inputs:" in filtered and all(item.reference in filtered for item in own)
    assert not any(item.reference in filtered for item in others)
    job = job_started(client.post(f"{BULK}/publish/?id=all&call={call.pk}", {}))
    assert sorted(job.submission_ids) == sorted(item.pk for item in own)

    client.force_login(people["call_reviewer"])  # reviews `call` only: "all" is the inputs they may see
    job = job_started(client.post(f"{BULK}/publish/?id=all", {}))
    assert sorted(job.submission_ids) == sorted(item.pk for item in own)


def test_a_large_selection_is_counted_and_its_first_inputs_named_in_the_same_queries(
    client, call, people, django_assert_max_num_queries
):
    client.force_login(people["call_reviewer"])
    mapped_inputs(call, 30, people["administrator"], prefix="S")
    with CaptureQueriesContext(connection) as small:
        client.get(f"{BULK}/publish/?id=all")
    mapped_inputs(call, 90, people["administrator"], prefix="L")
    withdrawn = mapped_inputs(call, 3, people["administrator"], prefix="W", status=SubmissionStatus.WITHDRAWN)

    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(f"{BULK}/publish/?id=all").content.decode()

    assert "120 inputs:" in page and page.count("<li>S-") + page.count("<li>L-") == 50
    assert "The first 50 are named here." in page
    assert "You may not do this with 3 inputs" in page and all(item.reference in page for item in withdrawn)


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_task_was_lost_is_queued_again_by_the_sweep_and_run(call, people, celery_worker):
    items = mapped_inputs(call, 2, people["administrator"])
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    lost = BulkJob.objects.create(  # confirmed while the broker was down: stored, never queued
        action="publish", submission_ids=[item.pk for item in items], total=2, created_by=people["call_reviewer"]
    )
    BulkJob.objects.filter(pk=lost.pk).update(created_at=long_ago)
    fresh = BulkJob.objects.create(action="publish", submission_ids=[], total=0, created_by=people["call_reviewer"])

    assert jobs.bulk_jobs_sweep() == 1

    wait_for(lambda: BulkJob.objects.get(pk=lost.pk).is_over)
    assert (BulkJob.objects.get(pk=lost.pk).done, BulkJob.objects.get(pk=fresh.pk).status) == (2, "queued")
    assert set(statuses(items).values()) == {ReviewStatus.PUBLISHED}
