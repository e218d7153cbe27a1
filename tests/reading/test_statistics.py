"""The statistics page: the same numbers as tables, a chart drawn from our own files, and a CSV."""

import csv
import io

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import stakeholder_group

pytestmark = pytest.mark.django_db


def test_statistics_show_inputs_by_group_and_topic_as_tables_and_csv(client, published):
    published()
    published()
    published(stakeholder_group=stakeholder_group("CIVIL_SOCIETY").pk, is_official=None, official_role="")

    page = client.get("/en/inputs/statistics/")
    html = page.content.decode()

    assert page.status_code == 200
    assert "3 published inputs." in html
    assert '<tr><th scope="row">Government</th><td class="num">2</td></tr>' in html
    assert '<tr><th scope="row">Civil society</th><td class="num">1</td></tr>' in html
    assert 'data-chart-library="/static/vendor/chartjs/chart.umd.min.js"' in html and "cdn" not in html.lower()
    assert '<script src="/static/vendor/chartjs/' not in html  # fetched only when the reader asks for the chart
    assert 'id="chart-data"' in html
    response = client.get("/en/inputs/statistics/csv/")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert sum(int(row["count"]) for row in rows) == 3
    assert {row["stakeholder_group"] for row in rows} == {"GOVERNMENT", "CIVIL_SOCIETY"}


def test_statistics_cost_the_same_queries_whatever_the_number_of_inputs(client, published):
    published()
    client.get("/en/inputs/statistics/")
    cache.clear()  # measure the page as rendered, not its cached copy
    with CaptureQueriesContext(connection) as few:
        client.get("/en/inputs/statistics/")
    for _ in range(4):
        published()
    cache.clear()
    with CaptureQueriesContext(connection) as more:
        client.get("/en/inputs/statistics/")
    assert len(more) == len(few)
