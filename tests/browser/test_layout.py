"""No public page scrolls sideways, in any language, on a phone or a desktop: content wider than the
screen scrolls inside its own box (a form's hidden trap field once widened right-to-left pages 9-fold)."""

import pytest
from playwright.sync_api import expect

from tests.factories import MandatePageFactory
from tests.intake import open_call

LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]
WIDTHS = [390, 1280]


@pytest.fixture
def paths(call_index):
    call = open_call(call_index)
    MandatePageFactory(parent=call_index.get_parent(), slug="mandate", process=call.process)
    return ["", "mandate/", "calls/", "calls/improvements/", "calls/improvements/submit/"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_public_page_scrolls_sideways(page, live_server, paths):
    wide = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for language in LANGUAGES:
            for path in paths:
                page.goto(f"{live_server.url}/{language}/{path}")
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                if overflow > 0:
                    wide.append((width, language, path, overflow))
    assert wide == []


def test_every_public_page_fits_the_narrowest_phone_and_its_tables_scroll_in_their_own_box(
    page, demo_site, public_paths
):
    """The demo's pages, with their data tables (mandate, tracker, snapshots, a recommendation, statistics)."""
    page.set_viewport_size({"width": 320, "height": 800})
    wide = []
    for language in ("ar", "en"):
        for path in public_paths.values():
            page.goto(f"{demo_site.url}/{language}/{path}")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                wide.append((language, path, overflow))
    assert wide == []

    # The composition is wider than the screen: its own box scrolls, and the keyboard scrolls it.
    page.goto(f"{demo_site.url}/en/mandate/")
    composition = page.get_by_role("region", name="Members by stakeholder group")
    assert composition.evaluate("box => box.scrollWidth > box.clientWidth")
    composition.focus()
    expect(composition).to_be_focused()
    expect(composition).to_have_css("outline-style", "solid")  # the focus is visible
    page.keyboard.press("ArrowRight")
    page.wait_for_function("box => box.scrollLeft > 0", arg=composition.element_handle())
