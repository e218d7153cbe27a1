"""/healthz and the Celery wiring, with a real worker on the machine's Redis."""

from datetime import timedelta

import pytest

from django.utils import timezone

from home.models import CallPage
from home.tasks import pages_publish_scheduled
from tests.factories import CallPageFactory
from tests.workers import wait_for

PRODUCTION_CHECKS = [
    "health_check.checks.Database",
    "health_check.checks.Cache",
    "portal.health.Broker",
    "portal.health.Workers",
]


@pytest.mark.django_db
def test_healthz_reports_database_and_cache_as_json(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"Database(alias='default')": "OK", "Cache(alias='default')": "OK"}


def test_healthz_reports_broker_and_workers_when_a_worker_runs(client, settings, celery_worker):
    settings.HEALTHZ_CHECKS = PRODUCTION_CHECKS
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    assert response.json()["Broker"] == "OK"
    assert response.json()["Workers"] == "OK"


@pytest.mark.django_db
def test_healthz_fails_when_no_worker_answers(client, settings):
    settings.HEALTHZ_CHECKS = PRODUCTION_CHECKS
    response = client.get("/healthz")
    assert response.status_code == 500
    assert response.json()["Broker"] == "OK"
    assert "unavailable" in response.json()["Workers"]


def test_worker_publishes_a_page_whose_scheduled_time_has_come(call_index, celery_worker):
    call = CallPageFactory(parent=call_index, live=False)
    revision = call.save_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save()

    pages_publish_scheduled.delay()

    wait_for(lambda: CallPage.objects.get(pk=call.pk).live)
