"""Playwright driving Debian's chromium (no browser download) against the live test server.

Most browser tests build their own data and run as transactional tests (the live server reads what they
commit; the database is flushed after each). The tests that only read the demo's public pages share one
load of the demo instead (`demo_site`): loading it is most of such a test's time.
"""

from contextlib import contextmanager

import pytest
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

from django.db import connection, connections
from django.test import TransactionTestCase

from demo.content import demo_content_load
from outcomes.models import Meeting, Recommendation, Snapshot
from review.publication import published_submissions

CHROMIUM = "/usr/bin/chromium"


@contextmanager
def browser_page():
    """A fresh browser page.

    Playwright's sync API runs an event loop in the test thread, and while it runs Django hands out
    context-local database connections. So the browser starts after the database is set up for the test
    and stops before it is flushed and restored; a browser shared across tests broke the restore.
    """
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-background-networking"]
        )
        context = browser.new_context(locale="en-GB")
        page = context.new_page()
        page.set_default_timeout(10_000)
        yield page
        context.close()
        browser.close()
        connections.close_all()  # the context-local connections opened while the loop ran


@pytest.fixture
def page(request):
    """A fresh browser page for one test, on the shared demo (`demo_site`) or the test's own data."""
    request.getfixturevalue("demo_site" if "demo_site" in request.fixturenames else "transactional_db")
    with browser_page() as page:
        yield page


class DemoLoad(TransactionTestCase):
    """The shared demo's database as one long transactional test: it starts from the migrations' rows, as
    every transactional test does, and ends flushed, as every transactional test leaves it."""

    serialized_rollback = True


class SharedDemo:
    """The demo, loaded and committed once for a run of consecutive tests that only read it."""

    def __init__(self):
        self.loaded = False
        self.rows = None  # the number of rows of every table, as loaded
        self.next_reads_it = False  # set before each test's teardown: does the next test read the demo?

    def load(self):
        if not self.loaded:
            DemoLoad.setUpClass()  # restores the migrations' rows (serialized rollback)
            demo_content_load()
            self.rows = rows_counted()
            self.loaded = True

    def unchanged(self) -> bool:
        return self.loaded and rows_counted() == self.rows

    def unload(self):
        if self.loaded:
            self.loaded = False
            DemoLoad(methodName="__init__")._post_teardown()  # flushes, and closes the connections
            DemoLoad.tearDownClass()
            DemoLoad.doClassCleanups()


SHARED_DEMO = SharedDemo()


def rows_counted() -> tuple:
    """The number of rows in each table: a test that wrote to the shared demo has changed one of them."""
    tables = sorted(connection.introspection.table_names(include_views=False))
    counts = ", ".join(f"(SELECT count(*) FROM {connection.ops.quote_name(table)})" for table in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")  # the database's own table names, quoted
        return cursor.fetchone()


def demo_reader(item) -> bool:
    return "demo_site" in getattr(item, "fixturenames", ())


def pytest_itemcollected(item):
    """Under pytest-xdist (`--dist loadgroup`) the tests on the shared demo go to one worker, which loads it once
    for them all, in the order below."""
    if demo_reader(item):
        item.add_marker(pytest.mark.xdist_group("shared_demo"))


@pytest.hookimpl(trylast=True)  # after pytest-django has put the transactional tests after the others
def pytest_collection_modifyitems(items):
    """The tests on the shared demo run one after another, those that change it last (see `demo_site`)."""
    readers = [item for item in items if demo_reader(item)]
    if not readers:
        return
    first = items.index(readers[0])
    others = [item for item in items if not demo_reader(item)]
    readers.sort(key=lambda item: item.get_closest_marker("changes_demo") is not None)  # stable
    items[:] = others[:first] + readers + others[first:]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    SHARED_DEMO.next_reads_it = nextitem is not None and demo_reader(nextitem)
    return (yield)


@pytest.fixture(scope="session")
def demo_server(django_db_setup, django_db_blocker):
    """A live server of its own for the shared demo (pytest-django's would flush the database after each test)."""
    server = LiveServer("localhost")
    yield server
    server.stop()
    with django_db_blocker.unblock():
        SHARED_DEMO.unload()  # if the run stopped early, while the demo was loaded


@pytest.fixture
def demo_site(request, demo_server, django_db_blocker):
    """The live server on the demo's content, loaded and committed once for consecutive tests that read it.

    The tests asking for it carry no django_db mark: nothing flushes the database between them. It is
    flushed (as after any transactional test) once the next test does not read the demo, or after a test
    that changed it: one marked `changes_demo` (these run after those that only read it) or one that left a
    table with more or fewer rows. The next test on the demo then loads it afresh.
    """
    with django_db_blocker.unblock():
        SHARED_DEMO.load()
        yield demo_server
        changed = request.node.get_closest_marker("changes_demo") or not SHARED_DEMO.unchanged()
        if changed or not SHARED_DEMO.next_reads_it:
            SHARED_DEMO.unload()
        connections.close_all()


@pytest.fixture
def public_paths(demo_site):
    """Addresses (after the language prefix) of one page of every public type, on the demo's content."""
    reference = published_submissions().order_by("pk").first().reference
    recommendation = Recommendation.objects.filter(live=True).order_by("pk").first()
    meeting = Meeting.objects.order_by("number").first()
    snapshots = list(Snapshot.objects.order_by("taken_on").values_list("pk", flat=True))
    call = "calls/improvements-to-the-igf/"
    return {
        "home": "",
        "mandate": "mandate/",
        "topic areas": "topics/",
        "a topic area": "topics/a/",
        "calls": "calls/",
        "a call": call,
        "the form": f"{call}submit/",
        "a fresh private link": f"{call}link/",
        "inputs received": f"{call}participation/",
        "a closed call": "calls/third-meeting-main-topics/",
        "a closed call's form": "calls/third-meeting-main-topics/submit/",
        "inputs, filtered": "inputs/?topic_area=A&stakeholder_group=GOVERNMENT",
        "a published input": f"inputs/{reference}/",
        "statistics": "inputs/statistics/",
        "data dictionary": "inputs/data-dictionary/",
        "a compilation": "topics/a/compilation/",
        "recommendations": "recommendations/",
        "a recommendation": f"recommendations/{recommendation.slug}/",
        "the tracker": "recommendations/tracker/",
        "snapshots compared": f"recommendations/tracker/snapshots/?from={snapshots[0]}&to={snapshots[-1]}",
        "a snapshot": f"recommendations/tracker/snapshots/{snapshots[0]}/",
        "meetings": "meetings/",
        "a meeting": f"meetings/{meeting.number}/",
        "not found": "no-such-page/",
    }
