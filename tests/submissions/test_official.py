"""Official submissions: a ticked box is a claim; only a focal point's confirmed address (or the secretariat)
makes it "official, verified", and only a verified one is shown or counted as official to the public."""

import csv
import io
import json
import re

import pytest
from post_office.models import Email

from home.models import InputIndexPage
from review.models import ReviewStatus, SubmissionLogEntry
from review.services import mapping_create, review_status_set
from submissions.models import Submission, SubmissionStatus
from tests.factories import focal_point
from tests.intake import form_data, open_call, outbox_deliver
from tests.review.conftest import staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(call_index):
    call_index.get_parent().add_child(instance=InputIndexPage(title="Published inputs", slug="inputs"))
    focal_point(country="HUN", emails="mission@hungary.example", domains="mfa.gov.example")
    return open_call(call_index)


def submit(client, call, capture, **overrides) -> tuple[Submission, str]:
    """Send the form as a browser does; the input and its receipt page."""
    with capture(execute=True):
        response = client.post(f"{call.url}submit/", form_data(call, **overrides))
    assert response.status_code == 302, response.content.decode()[:300]
    return Submission.objects.order_by("-pk").first(), client.get(response["Location"]).content.decode()


def confirm(client, call) -> str:
    """Open the confirmation link of the last receipt mail and press its button; the page shown."""
    [email] = outbox_deliver()
    url = re.search(r"http://testserver(/\S+/confirm/\S+/)", email.body).group(1)
    return client.post(url).content.decode()


def publish(call, submission):
    admin = staff_user("boss", is_superuser=True)
    mapping_create(submission=submission, topic_area=call.questions.first().topic_area, by=admin)
    review_status_set(submission=submission, status=ReviewStatus.PUBLISHED, by=admin)


def public_reads(client, submission) -> dict:
    """What the public's pages, filters, API, downloads and statistics say about `submission`, by URL."""
    page = client.get(f"/en/inputs/{submission.reference}/").content.decode()
    listing = client.get("/en/inputs/", {"official": "on"}).content.decode()
    api_item = client.get(f"/api/v1/inputs/{submission.reference}").json()
    api_official = client.get("/api/v1/inputs", {"official": "true"}).json()["items"]
    records = json.loads(b"".join(client.get("/en/inputs/download/json/").streaming_content))
    rows = list(
        csv.DictReader(
            io.StringIO(b"".join(client.get("/en/inputs/download/csv/").streaming_content).decode("utf-8-sig"))
        )
    )
    statistics = client.get("/en/inputs/statistics/").content.decode()
    return {
        "page_says_official": "Official submission" in page or "Special Advisor" in page,
        "listed_as_official": submission.reference in listing,
        "official_count": re.search(r"Official submissions only \((\d+)\)", listing).group(1),
        "api_is_official": api_item["is_official"],
        "api_official_filter": [item["reference"] for item in api_official],
        "json_official": [record["official"] for record in records],
        "csv_official": [row["official"] for row in rows],
        "statistics_say_official": "fficial" in statistics,
    }


def test_a_delegate_ticking_official_is_unverified_and_never_public_as_official(
    client, call, django_capture_on_commit_callbacks
):
    submission, receipt = submit(client, call, django_capture_on_commit_callbacks, contact_email="delegate@example.org")
    assert "confirming your address verifies it" in receipt  # the submitter is told how it may be verified
    confirmed = confirm(client, call)
    submission.refresh_from_db()
    assert (submission.is_official, submission.official_verified) == (True, False)
    assert "unverified: the secretariat will check it" in confirmed
    assert "published as an input of Government without the official mark" in confirmed

    publish(call, submission)

    assert public_reads(client, submission) == {
        "page_says_official": False,
        "listed_as_official": False,
        "official_count": "0",
        "api_is_official": False,
        "api_official_filter": [],
        "json_official": [False],
        "csv_official": ["False"],
        "statistics_say_official": False,
    }


def test_a_focal_points_address_verifies_the_input_at_confirmation_and_not_before(
    client, call, django_capture_on_commit_callbacks
):
    submission, receipt = submit(
        client, call, django_capture_on_commit_callbacks, contact_email="Envoy@MFA.gov.example"
    )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.UNCONFIRMED and not submission.official_verified
    assert "Official submission of Hungary, verified" not in receipt

    confirmed = confirm(client, call)

    submission.refresh_from_db()
    assert submission.official_verified and "focal point of Hungary" in submission.official_verification
    assert "Your input is recorded as an official submission of Hungary, verified" in confirmed
    history = SubmissionLogEntry.objects.filter(submission=submission, action="submissions.official_verify").get()
    assert history.data["method"] == "focal_point"
    publish(call, submission)
    reads = public_reads(client, submission)
    assert reads["page_says_official"] and reads["listed_as_official"] and reads["official_count"] == "1"
    assert reads["api_is_official"] is True and reads["api_official_filter"] == [submission.reference]
    assert reads["json_official"] == [True] and reads["csv_official"] == ["True"]


def test_another_states_focal_point_or_a_lookalike_domain_verifies_nothing(
    client, call, django_capture_on_commit_callbacks
):
    focal_point(country="BRA", emails="delegate@example.org")
    submit(client, call, django_capture_on_commit_callbacks, contact_email="delegate@example.org")  # claims Hungary
    confirm(client, call)
    submit(client, call, django_capture_on_commit_callbacks, contact_email="x@fakemfa.gov.example")
    confirm(client, call)
    assert not Submission.objects.filter(official_verified=True).exists()
    assert not SubmissionLogEntry.objects.filter(action="submissions.official_verify").exists()


def test_an_edit_changing_who_the_input_is_from_drops_the_verification(
    client, call, django_capture_on_commit_callbacks
):
    submission, _receipt = submit(
        client, call, django_capture_on_commit_callbacks, contact_email="mission@hungary.example"
    )
    [email] = outbox_deliver()
    confirm_url = re.search(r"http://testserver(/\S+/confirm/\S+/)", email.body).group(1)
    manage_url = re.search(r"http://testserver(/\S+/input/\S+/)", email.body).group(1)
    client.post(confirm_url)
    submission.refresh_from_db()
    assert submission.official_verified
    assert "verified: Sent from the confirmed address" in client.get(manage_url).content.decode()

    data = form_data(call, contact_email="someone@example.org")
    del data["form_token"], data["accept_privacy"]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"{manage_url}edit/", data).status_code == 302

    submission.refresh_from_db()
    assert not submission.official_verified
    assert "unverified: the secretariat will check it" in client.get(manage_url).content.decode()
    assert SubmissionLogEntry.objects.filter(submission=submission, action="submissions.official_revoke").exists()
    assert Email.objects.filter(to__contains="someone@example.org").exists()  # the change mail goes to the new address
