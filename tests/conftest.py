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
