"""A reader waits for a large compilation: the progress is announced where it is written, the page is never
reloaded under them, and the download link appears when the document is ready; without script, a link
checks again."""

import pytest
from playwright.sync_api import expect

from django.core.files.base import ContentFile

from reading.models import CompilationFile, CompilationStatus
from reading.public_cache import public_version
from tests.browser.axe import axe_serious
from tests.factories import TopicAreaIndexPageFactory
from tests.intake import PDF, open_call

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PROGRESS = "/en/topics/a/compilation/pdf/progress/"
POLL = {"timeout": 10_000}  # the page looks every 3 seconds


@pytest.fixture
def building(call_index):
    """A compilation of topic A as PDF, being built by a worker: 1 of 4 inputs laid out."""
    call = open_call(call_index)
    TopicAreaIndexPageFactory(parent=call_index.get_parent(), process=call.process)
    return CompilationFile.objects.create(
        topic_area=call.process.topic_areas.get(code="A"),
        language="en",
        format="pdf",
        version=public_version(),
        status=CompilationStatus.BUILDING,
        done=1,
        total=4,
    )


def test_the_progress_is_announced_in_place_and_the_download_appears_without_a_reload(page, live_server, building):
    page.goto(live_server.url + PROGRESS)
    news = page.get_by_role("status")
    expect(news).to_have_text("Preparing: 1 of 4 inputs.")
    expect(page.locator("meta[http-equiv=refresh]")).to_have_count(0)
    expect(page.get_by_role("progressbar", name="Preparing: 1 of 4 inputs.")).to_have_attribute("value", "1")
    assert axe_serious(page) == []
    page.evaluate("window.sameVisit = true")  # gone if the page were loaded again

    CompilationFile.objects.filter(pk=building.pk).update(done=3)
    expect(news).to_have_text("Preparing: 3 of 4 inputs.", **POLL)
    expect(page.locator("progress")).to_have_attribute("value", "3")

    building.file.save("compilation.pdf", ContentFile(PDF), save=False)
    CompilationFile.objects.filter(pk=building.pk).update(
        status=CompilationStatus.DONE, done=4, file=building.file.name, size=len(PDF)
    )
    expect(news).to_have_text("The document is ready.", **POLL)
    assert page.evaluate("window.sameVisit") is True
    expect(page.locator("progress")).to_have_count(0)
    assert axe_serious(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    assert download.value.path().read_bytes() == PDF


def test_without_script_the_reader_checks_again_with_a_link(page, live_server, building):
    reader = page.context.browser.new_context(java_script_enabled=False).new_page()
    reader.goto(live_server.url + PROGRESS)
    expect(reader.get_by_role("status")).to_have_text("Preparing: 1 of 4 inputs.")
    expect(reader.locator("meta[http-equiv=refresh]")).to_have_count(0)

    CompilationFile.objects.filter(pk=building.pk).update(done=2)
    reader.get_by_role("link", name="Check again").click()
    expect(reader.get_by_role("status")).to_have_text("Preparing: 2 of 4 inputs.")
    reader.context.close()
