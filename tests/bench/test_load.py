"""`make bench` end to end on tiny data, so that it cannot rot: the demo and 200 generated published inputs,
the portal under gunicorn with production settings beside the reference view, wrk for a second on each page.
No figure is checked (speed is for the benchmark to print): every page answers 200 to every request, and
the table is printed and written."""

import json

import pytest

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from bench import load
from reading.search import public_index
from review.models import Review
from review.publication import published_submissions
from tests.portal.test_production_server import production_environment  # noqa: F401 (a fixture, collected once)

# The servers read what the test commits. Under pytest-xdist it runs on the worker of the production-server
# tests, whose collected static files it reuses.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("production_server")]


def database_url() -> str:
    database = connection.settings_dict
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    return f"postgres://{credentials}@{database['HOST']}:{database['PORT'] or 5432}/{database['NAME']}"


def test_the_load_harness_measures_every_page_and_writes_its_table(tmp_path, capsys, request, monkeypatch):
    static_root = request.getfixturevalue("production_environment")["STATIC_ROOT"]
    monkeypatch.setenv("BENCH_STATIC_ROOT", static_root)
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    demo_inputs = published_submissions().count()
    load.published_data_create(200)
    assert published_submissions().count() == demo_inputs + 200
    # The generated search index is the one publishing writes (Chinese pairs of characters included).
    for review in Review.objects.filter(submission__reference__startswith="PUB-", submission__language="zh-hans")[:3]:
        generated = Review.objects.filter(pk=review.pk).values_list("public_vector", flat=True).get()
        public_index(review, review.public_text)
        assert Review.objects.filter(pk=review.pk).values_list("public_vector", flat=True).get() == generated

    cache_url = settings.CACHES["default"]["LOCATION"]
    env = load.server_environment(database_url=database_url(), cache_url=cache_url, directory=tmp_path)
    pages = load.pages_planned()
    result = {"size": 200, "date": "2026-01-01T00:00:00+00:00", "seconds": 1, "workers": 1}
    result |= {"generation_seconds": 0.0}
    result |= load.measure(pages, env=env, cache_url=cache_url, seconds=1, workers=1, directory=tmp_path)
    written = load.result_write(result, tmp_path / "results")

    assert [page["name"] for page in result["pages"]] == [page.name for page in pages]
    for page in result["pages"]:
        assert page["requests"] > 0, page
        assert page["errors"] == 0, page  # 200 each time: the signed-in list too, not a redirect to sign in
        assert page["ratio"] > 0 and page["peak_worker_mib"] > 0, page
    assert all(rate > 0 for rate in result["reference_requests_per_second"])
    assert json.loads(written.read_text()) == result
    assert written.name == "reading-200-2026-01-01.json"
    printed = capsys.readouterr().out
    assert "an input's page, uncached" in printed and "reviewers' list with filters" in printed
