"""Fixtures shared by the suite: a site whose root is the portal's home page."""

import os

import pytest
from wagtail.models import Page, Site

from tests.factories import CallIndexPageFactory, HomePageFactory

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def cache_cleared():
    """Rate-limit counters and cached pages live in Redis: every test starts from an empty cache."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def home_page(db):
    """A HomePage as the default site's root, in place of Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="portal")
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    return home


@pytest.fixture
def call_index(home_page):
    return CallIndexPageFactory(parent=home_page)


@pytest.fixture
def celery_worker(django_db_serialized_rollback, transactional_db):
    """A real worker consuming the suite's queue; data the test commits is visible to it."""
    from portal.celery import app as celery_app
    from tests.workers import Worker

    celery_app.control.purge()
    worker = Worker().start()
    yield worker
    worker.stop()


def pytest_collection_modifyitems(items):
    """Schemathesis gives every operation's test the same node id; pytest-xdist schedules by node id and would
    run only one of them, so each gets its operation in its id, as parametrized tests have."""
    for item in items:
        if "[" in item.name and "[" not in item.nodeid:
            item._id = item.parent.id.child(item.name)  # pytest's own way of naming a parametrized test


class LostTests:
    """Under pytest-xdist, a test collected but never reported fails the run: a silent loss is not a pass."""

    collected: list = []
    reported: set = set()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node, ids):
    LostTests.collected = list(ids)


def pytest_runtest_logreport(report):
    LostTests.reported.add(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if not LostTests.collected or session.config.option.collectonly:
        return
    duplicated = len(LostTests.collected) - len(set(LostTests.collected))
    lost = sorted(set(LostTests.collected) - LostTests.reported)
    if (duplicated or lost) and not session.shouldfail and exitstatus == 0:
        print(f"\n{duplicated} tests share a node id and {len(lost)} collected tests never ran:", *lost[:20], sep="\n")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
