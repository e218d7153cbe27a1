"""Playwright driving Debian's chromium (no browser download) against the live test server."""

import pytest
from playwright.sync_api import sync_playwright

from django.db import connections

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def page(transactional_db, live_server):
    """A fresh browser page for one test.

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
