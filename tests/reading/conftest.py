"""Fixtures of the public reading tests: an open call, the published inputs page, and a way to publish."""

import pytest

from home.models import InputIndexPage
from review.models import ReviewStatus
from review.services import mapping_create, review_status_set
from tests.factories import focal_point
from tests.review.conftest import received_input, staff_user

MARKERS = {
    "contact_name": "Zyxname Private",
    "contact_email": "zyx.private@example.org",
}


@pytest.fixture
def call(call_index):
    from tests.intake import open_call

    return open_call(call_index)


@pytest.fixture
def index(call_index):
    return InputIndexPage(title="Published inputs", slug="inputs")


@pytest.fixture
def published(client, call, call_index, index):
    call_index.get_parent().add_child(instance=index)
    admin = staff_user("boss", is_superuser=True)
    # The government's inputs come from Hungary's focal point: they are verified official submissions.
    focal_point(country="HUN", emails=MARKERS["contact_email"])

    def publish(publication="named", **overrides):
        submission = received_input(client, call, publication=publication, **{**MARKERS, **overrides})
        mapping_create(submission=submission, topic_area=call.questions.first().topic_area, by=admin)
        review_status_set(submission=submission, status=ReviewStatus.PUBLISHED, by=admin)
        return submission

    publish.admin = admin
    return publish
