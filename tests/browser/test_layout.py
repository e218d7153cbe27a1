"""No public page scrolls sideways, in any language, on a phone or a desktop: content wider than the
screen scrolls inside its own box (a form's hidden trap field once widened right-to-left pages 9-fold)."""

import pytest

from tests.factories import MandatePageFactory
from tests.intake import open_call

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]
WIDTHS = [390, 1280]


@pytest.fixture
def paths(call_index):
    call = open_call(call_index)
    MandatePageFactory(parent=call_index.get_parent(), slug="mandate", process=call.process)
    return ["", "mandate/", "calls/", "calls/improvements/", "calls/improvements/submit/"]


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
