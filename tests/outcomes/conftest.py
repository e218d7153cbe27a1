"""Fixtures of the outcomes tests: two processes, their secretariats and chair, and recommendations made
the way the admin makes them (a revision, published or not)."""

import pytest

from django.contrib.auth.models import Group

from outcomes.models import Recommendation
from review.models import ProcessSecretariat
from tests.factories import ProcessFactory, TopicAreaFactory
from tests.intake import open_call
from tests.reading.conftest import index, published  # noqa: F401  (fixtures)
from tests.review.conftest import staff_user


def in_group(user, name: str):
    user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def call(call_index):
    return open_call(call_index)


@pytest.fixture
def people(call):
    """The secretariat and chair of the call's process, the secretariat of another process, and staff
    with no role in either."""
    other = ProcessFactory(code="OTHER", name="Another body")
    users = {
        "secretariat": in_group(staff_user("sec"), "Secretariat"),
        "chair": in_group(staff_user("chair"), "Working group chair"),
        "other_secretariat": in_group(staff_user("othersec"), "Secretariat"),
        "staff": staff_user("staff"),
    }
    ProcessSecretariat.objects.create(process=call.process, user=users["secretariat"])
    ProcessSecretariat.objects.create(process=call.process, user=users["chair"])
    ProcessSecretariat.objects.create(process=other, user=users["other_secretariat"])
    users["other_process"] = other
    return users


def recommendation_make(process, *, number="I.1", text="Develop more tangible outputs.", live=True, area=None, by=None):
    """A recommendation saved as the admin saves it: a revision, published when `live`."""
    area = area or process.topic_areas.first() or TopicAreaFactory(process=process, code="A")
    recommendation = Recommendation(process=process, topic_area=area, number=number, title=text[:40], text=text)
    recommendation.live = False
    recommendation.save()
    revision = recommendation.save_revision(user=by)
    if live:
        revision.publish(user=by)
        recommendation.refresh_from_db()
    return recommendation
