"""The read API against its own OpenAPI schema: schemathesis sends generated requests to every operation.

Its checks fail a test on a server error, an undocumented status code, a body or content type outside the schema.
"""

from datetime import timedelta

import pytest
import schemathesis
from hypothesis import settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from wagtail.models import Page, Site

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import Client
from django.utils import timezone

from reference.models import Country
from review.models import ReviewStatus
from review.redactions import passage_redact
from review.services import mapping_create, passage_create, review_status_set
from submissions.services import submission_withdraw
from tests.factories import CallIndexPageFactory, CallPageFactory, HomePageFactory, SubTopicFactory, stakeholder_group
from tests.intake import PDF, open_call
from tests.review.conftest import received_input, staff_user

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
# Under pytest-xdist one worker runs them all, on one set of inputs (`published_inputs`).
pytestmark = pytest.mark.xdist_group("api_schema")
INVALID_CURSOR = {"detail": "Invalid cursor: pass the next_cursor of a previous page unchanged."}


@pytest.fixture(scope="module")
def published_inputs(django_db_setup, django_db_blocker):
    """Inputs sent through the real form and published, built once for the module and rolled back after it.

    One named with redacted passages and an attachment, one from civil society in French, one anonymous from
    an IGO without a country on both topic areas, and one withdrawn after publication.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()  # the form's rate limit counts inputs per client address
        home = HomePageFactory(parent=Page.get_first_root_node(), slug="portal")
        Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
        call = open_call(CallIndexPageFactory(parent=home))
        later = timezone.now() + timedelta(days=1)
        CallPageFactory(parent=call.get_parent(), process=call.process, slug="later", opens_at=later)
        areas = {question.topic_area.code: question.topic_area for question in call.questions.all()}
        SubTopicFactory(topic_area=areas["A"], code="A.1", title="Outputs")
        admin = staff_user("boss", is_superuser=True)
        client = Client()

        def publish(topics=("A",), **overrides):
            submission = received_input(client, call, **overrides)
            for code in topics:
                mapping_create(submission=submission, topic_area=areas[code], by=admin)
            review_status_set(submission=submission, status=ReviewStatus.PUBLISHED, by=admin)
            return submission

        named = publish(general_comment="Call me on 555-0199.", attachments=[SimpleUploadedFile("paper.pdf", PDF)])
        for source, excerpt in (("answer", "tangible outputs"), ("general_comment", "555-0199")):
            passage = passage_create(submission=named, source=source, excerpt=excerpt, by=admin)
            passage_redact(passage=passage, reason="Personal data", by=admin)
        civil_society = publish(
            topics=("B",),
            stakeholder_group=stakeholder_group("CIVIL_SOCIETY").pk,
            country=Country.objects.get(iso3="BRA").pk,
            is_official=None,
            official_role=None,
            language="fr",
        )
        anonymous = publish(
            topics=("A", "B"), publication="anonymous", stakeholder_group=stakeholder_group("IGO").pk, country=""
        )
        withdrawn = publish()
        submission_withdraw(submission=withdrawn)
        outcomes_make(call.process, cited=[named, civil_society, withdrawn], by=admin)
        # The application answers inside this open transaction: keep Django from closing the connection at the
        # end of each request, as its own test client does.
        for signal in (request_started, request_finished):
            signal.disconnect(close_old_connections)
        try:
            yield {"visible": [anonymous, civil_society, named], "withdrawn": withdrawn}
        finally:
            for signal in (request_started, request_finished):
                signal.connect(close_old_connections)
            transaction.set_rollback(True)


def outcomes_make(process, *, cited, by):
    """A published recommendation with an alternative and citations (one no longer shown), a draft, tasks
    with progress, two snapshots and a meeting: every outcomes operation has something to answer."""
    from datetime import date

    from outcomes.models import Alternative, Citation, Meeting, ResponsibleBody, Task
    from outcomes.services import progress_record, snapshot_take
    from tests.outcomes.conftest import recommendation_make

    meeting = Meeting.objects.create(
        process=process, number=3, title="Third meeting", starts_on=date(2011, 10, 31), ends_on=date(2011, 11, 2)
    )
    meeting.agreements.create(topic_area=process.topic_areas.first(), text="Outputs are needed.")
    meeting.documents.create(title="Summary", url="https://example.org/summary.pdf")
    meeting.save()
    recommendation = recommendation_make(process, number="I.1", live=False)
    recommendation.meeting = meeting
    alternative = Alternative(text="Leave the outputs as they are.")
    alternative.supporting_groups = [stakeholder_group("GOVERNMENT")]
    recommendation.alternatives.add(alternative)
    passage = cited[0].passages.first()
    recommendation.citations.add(Citation(submission=cited[0], passage=passage))
    for submission in cited[1:]:
        recommendation.citations.add(Citation(submission=submission))
    recommendation.save_revision(user=by).publish(user=by)
    recommendation_make(process, number="I.2", live=False)
    body = ResponsibleBody.objects.get(code="SECRETARIAT")
    task = Task.objects.create(recommendation=recommendation, code="I.1-A", description="Publish", has_cost=True)
    task.bodies.add(body)
    snapshot_take(process=process, title="Before", taken_on=date(2026, 1, 1))
    progress_record(task=task, on=date(2026, 2, 1), status="ongoing", note="Started", by=by)
    snapshot_take(process=process, title="After", taken_on=date(2026, 3, 1))


@pytest.mark.usefixtures("published_inputs", "db")
@schema.parametrize()
@settings(max_examples=50, derandomize=True, deadline=None)
def test_every_operation_answers_as_its_schema_says(case):
    response = case.call()
    # A cursor is opaque: any string fits the schema, but only one the API gave is valid, and any other is
    # refused with the documented 400. Only that refusal is excused from "schema-valid data is accepted".
    sent_cursor = "cursor" in (case.query or {})
    refused_cursor = sent_cursor and response.status_code == 400 and response.json() == INVALID_CURSOR
    case.validate_response(response, excluded_checks=[positive_data_acceptance] if refused_cursor else [])


@pytest.mark.django_db
def test_every_published_input_and_page_of_them_matches_the_schema(published_inputs):
    listing, detail = schema["/api/v1/inputs"]["GET"], schema["/api/v1/inputs/{reference}"]["GET"]

    seen, cursor = [], None
    while True:
        query = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        page = listing.Case(query=query).call_and_validate().json()
        seen += [item["reference"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    for submission in published_inputs["visible"]:
        assert detail.Case(path_parameters={"reference": submission.reference}).call_and_validate().status_code == 200
    withdrawn = detail.Case(path_parameters={"reference": published_inputs["withdrawn"].reference})

    assert seen == [submission.reference for submission in published_inputs["visible"]]
    assert withdrawn.call_and_validate().status_code == 404
