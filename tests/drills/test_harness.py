"""The drills' harness keeps working: the cheapest drill (replays of one form) runs on the suite's database
through its own stack (redis-servers, gunicorn under production settings), as `make drills` runs it."""

import pytest

from drills import replays
from drills.stack import Stack
from tests.intake import open_call
from tests.portal.test_production_server import production_environment  # noqa: F401 (a fixture, collected once)


# The drill's server reads what is committed; under pytest-xdist the test runs on the worker of the
# production-server tests, whose collected static files it reuses.
@pytest.mark.xdist_group("production_server")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_replays_of_one_form_store_one_input(call_index, production_environment, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setenv("DRILLS_STATIC_ROOT", production_environment["STATIC_ROOT"])  # collected for production
    call = open_call(call_index)
    stack = Stack(None, "replays", tmp_path, database_url=production_environment["DATABASE_URL"])
    stack.call = call.url
    try:
        assert replays.run(stack, replays=20)
    finally:
        stack.stop()
