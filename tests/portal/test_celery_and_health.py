"""The health probes and the Celery wiring, with a real worker on the machine's Redis."""

from datetime import timedelta

import pytest

from django.utils import timezone

from home.models import CallPage
from home.tasks import pages_publish_scheduled
from tests.factories import CallPageFactory
from tests.workers import celery_broker, free_port, wait_for

DATABASE_AND_CACHE = {"Database(alias='default')": "OK", "Cache(alias='default')": "OK"}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/healthz/ready", "/healthz"])
def test_readiness_reports_database_and_cache_as_json(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == DATABASE_AND_CACHE


@pytest.mark.django_db
def test_readiness_with_the_broker_does_not_wait_for_workers(client, settings):
    """Production's readiness adds the broker; no worker runs here, and the web server is still ready."""
    settings.READINESS_CHECKS = [*settings.READINESS_CHECKS, "portal.health.Broker"]
    response = client.get("/healthz/ready")
    assert response.status_code == 200, response.content
    assert response.json() == {**DATABASE_AND_CACHE, "Broker": "OK"}


@pytest.mark.django_db
def test_readiness_fails_when_the_broker_is_unreachable(client, settings):
    settings.READINESS_CHECKS = [*settings.READINESS_CHECKS, "portal.health.Broker"]
    with celery_broker(f"redis://127.0.0.1:{free_port()}/0"):  # nothing listens there
        response = client.get("/healthz/ready")
    assert response.status_code == 500
    assert response.json() == {**DATABASE_AND_CACHE, "Broker": "Unavailable: Broker unreachable"}


def test_the_workers_check_passes_when_a_worker_answers(client, celery_worker):
    response = client.get("/healthz/workers")
    assert response.status_code == 200, response.content
    assert response.json() == {"Broker": "OK", "Workers": "OK"}


@pytest.mark.django_db
def test_the_workers_check_fails_when_no_worker_answers(client):
    response = client.get("/healthz/workers")
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
