"""Intake and reading go on while the cache's Redis is down (a redis-server of the test's own, stopped)."""

import logging

import pytest

from submissions.models import Submission
from tests.intake import form_data, open_call
from tests.workers import RedisServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_redis(tmp_path, settings):
    """The cache on a redis-server of this test's own, which the test may stop."""
    server = RedisServer(tmp_path).start()
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": server.url,
            "KEY_PREFIX": "outage",
        }
    }
    yield server
    server.stop()


def test_inputs_are_accepted_and_pages_served_with_the_cache_down(client, call_index, cache_redis, caplog, settings):
    settings.SUBMISSION_RATE = "1/h"
    call = open_call(call_index)
    assert client.get(call.url).status_code == 200  # the cache works, then goes away
    cache_redis.stop()

    with caplog.at_level(logging.WARNING, logger="submissions.spam"):
        first = client.post(f"{call.url}submit/", form_data(call))
        second = client.post(f"{call.url}submit/", form_data(call))

    assert (first.status_code, second.status_code) == (302, 302)  # the limit (1/h) is not checked, not failed
    assert Submission.objects.count() == 2
    assert "Rate limit of submission not checked: the cache is unavailable" in caplog.text
    assert client.get(first["Location"]).status_code == 200  # the receipt
    assert client.get(call.url).status_code == 200
    assert client.get("/en/").status_code == 200


def test_the_spam_guards_still_refuse_a_robot_with_the_cache_down(client, call_index, cache_redis, settings):
    settings.SUBMISSION_MIN_FILL_SECONDS = 5
    call = open_call(call_index)
    cache_redis.stop()

    honeypot = client.post(f"{call.url}submit/", form_data(call, website="http://spam.example"))
    too_fast = client.post(f"{call.url}submit/", form_data(call))

    assert (honeypot.status_code, too_fast.status_code) == (400, 400)
    assert Submission.objects.count() == 0
