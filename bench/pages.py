"""Public pages rendered in-process through the full middleware stack: requests per second, one client."""

import time

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

URLS = ["/en/", "/en/mandate/", "/en/topics/", "/en/topics/b/", "/en/calls/", "/en/calls/improvements-to-the-igf/"]


def run(seconds_per_url: float = 2.0):
    client = Client(SERVER_NAME="localhost")
    print(f"{'page':45} {'req/s':>8} {'ms/req':>8} {'queries':>8}")
    for url in URLS:
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        query_count = len(queries)
        count, started = 0, time.perf_counter()
        while time.perf_counter() - started < seconds_per_url:
            client.get(url)
            count += 1
        elapsed = time.perf_counter() - started
        reset_queries()
        print(f"{url:45} {count / elapsed:8.1f} {1000 * elapsed / count:8.2f} {query_count:8d}")
