"""A member of the public reads the published inputs in chromium: search, filters, pages and downloads."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from home.models import InputIndexPage
from reading import listing
from reference.models import Country, TopicArea
from review.models import ReviewStatus
from review.redactions import passage_redact
from review.services import mapping_create, passage_create, review_status_set
from tests.factories import TopicAreaIndexPageFactory, stakeholder_group
from tests.review.conftest import received_input, staff_user

# Committed data the live server can see; the migrations' rows are restored after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REDACTED = "Zorvath Quillan"
QUOTED = "proposes that the MAG rotates its members every year"
PASSAGE = f"Our adviser {REDACTED} {QUOTED}"


@pytest.fixture
def inputs(client, call_index):
    """Five published inputs (two governments, civil society, an IGO, the private sector) and one not.

    Topic A: Hungary (by a passage with a redacted name in it), Kenya, the IGO, India.
    Topic B: Kenya, Brazil, India.
    """
    from tests.intake import open_call

    call = open_call(call_index)
    home = call_index.get_parent()
    home.add_child(instance=InputIndexPage(title="Published inputs", slug="inputs"))
    TopicAreaIndexPageFactory(parent=home, process=call.process, slug="topics")
    question_a, question_b = (call.questions.get(topic_area__code=code) for code in "AB")
    area_a, area_b = question_a.topic_area, question_b.topic_area
    TopicArea.objects.filter(pk=area_a.pk).update(title="Outcomes")
    TopicArea.objects.filter(pk=area_b.pk).update(title="Working modalities")
    admin = staff_user("boss", is_superuser=True)

    def sent(country: str = "", group: str = "GOVERNMENT", answer_a: str = "", answer_b: str = "", **fields):
        is_government = group == "GOVERNMENT"
        return received_input(
            client,
            call,
            stakeholder_group=stakeholder_group(group).pk,
            country=Country.objects.get(iso3=country).pk if country else "",
            is_official="on" if is_government else None,
            official_role="Special Advisor" if is_government else "",
            **{f"answer_{question_a.pk}": answer_a, f"answer_{question_b.pk}": answer_b},
            **fields,
        )

    def published(submission, *areas):
        for area in areas:
            mapping_create(submission=submission, topic_area=area, by=admin)
        review_status_set(submission=submission, status=ReviewStatus.PUBLISHED, by=admin)
        return submission

    hungary = sent("HUN", answer_a="More tangible outputs, please.", general_comment=f"We thank the group. {PASSAGE}.")
    passage = passage_create(submission=hungary, source="general_comment", excerpt=PASSAGE, by=admin)
    mapping_create(submission=hungary, topic_area=area_a, passage=passage, by=admin)
    name = passage_create(submission=hungary, source="general_comment", excerpt=REDACTED, by=admin)
    passage_redact(passage=name, reason="Personal data", by=admin)
    made = {
        "hungary": published(hungary),
        "kenya": published(
            sent("KEN", language="es", answer_a="Resultados concretos.", answer_b="Reuniones abiertas."),
            area_a,
            area_b,
        ),
        "brazil": published(
            sent("BRA", "CIVIL_SOCIETY", language="fr", answer_a="Des résultats.", answer_b="Des sessions hybrides."),
            area_b,
        ),
        "igo": published(
            sent(group="IGO", answer_a="Remote participants need captioning in every main session."), area_a
        ),
        "india": published(
            sent("IND", "PRIVATE_SECTOR", language="ru", answer_a="Больше итогов.", answer_b="Открытые встречи."),
            area_a,
            area_b,
        ),
    }
    unpublished = sent("HUN", answer_a="Qunpublished words on captioning for every session.")
    mapping_create(submission=unpublished, topic_area=area_a, by=admin)
    made["unpublished"] = unpublished
    return made


def console_error(message, errors: list) -> None:
    """Note an error in the browser's console (the site's icon included: the site has one)."""
    if message.type == "error":
        errors.append(f"{message.text} ({message.location.get('url')})")


def listed(page):
    """The titles (references) of the inputs on the listing's page."""
    return page.locator("article.card .card__title")


def test_a_reader_searches_filters_pages_and_downloads_the_published_inputs(page, live_server, inputs, monkeypatch):
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)  # the live server runs in this process
    references = {name: submission.reference for name, submission in inputs.items()}
    requested, refused, errors = [], [], []
    page.context.on("request", lambda request: requested.append(request.url))
    page.context.on("response", lambda response: refused.append(response.url) if response.status >= 400 else None)
    page.on("console", lambda message: console_error(message, errors))
    page.on("pageerror", lambda error: errors.append(str(error)))
    results = page.locator("#results")

    # Words typed in the search field and sent with Enter: the match, its words marked, in a shareable URL.
    page.goto(f"{live_server.url}/en/inputs/")
    expect(results).to_have_text("5 published inputs")
    page.get_by_label("Words").fill("captioning")
    page.get_by_label("Words").press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q=captioning(&|$)"))
    expect(results).to_have_text("1 published input")
    expect(listed(page)).to_have_text([references["igo"]])  # not the unpublished input holding the same word
    expect(page.locator("article.card mark")).to_have_text(["captioning"])
    expect(page.locator("article.card .snippet")).to_contain_text("Remote participants need captioning")
    shared = page.context.new_page()
    shared.on("console", lambda message: console_error(message, errors))
    shared.goto(page.url)
    expect(shared.locator("#results")).to_have_text("1 published input")
    expect(listed(shared)).to_have_text([references["igo"]])
    expect(shared.locator("article.card mark")).to_have_text(["captioning"])
    shared.close()

    page.get_by_label("Words").fill(REDACTED)  # redacted words are not searchable
    page.get_by_label("Words").press("Enter")
    expect(results).to_have_text("0 published inputs")
    expect(page.get_by_text("No published input matches these filters.")).to_be_visible()

    # A stakeholder group and a topic area, each choice with its count; then back to everything.
    page.get_by_role("link", name="Clear all filters").click()
    expect(results).to_have_text("5 published inputs")
    expect(page.get_by_role("link", name="Clear all filters")).to_have_count(0)
    group, area = page.get_by_label("Stakeholder group"), page.get_by_label("Topic area", exact=True)
    expect(group.locator("option[value=GOVERNMENT]")).to_have_text("Government (2)")
    expect(group.locator("option[value=CIVIL_SOCIETY]")).to_have_text("Civil society (1)")
    expect(area.locator("option[value=A]")).to_have_text("A. Outcomes (4)")
    expect(area.locator("option[value=B]")).to_have_text("B. Working modalities (3)")
    group.select_option("GOVERNMENT")
    area.select_option("A")
    page.get_by_role("button", name="Show inputs").press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]topic_area=A&.*stakeholder_group=GOVERNMENT(&|$)"))
    expect(results).to_have_text("2 published inputs")
    expect(listed(page)).to_have_text([references["kenya"], references["hungary"]])
    expect(group).to_have_value("GOVERNMENT")
    expect(area.locator("option:checked")).to_have_text("A. Outcomes (2)")  # counted with the group applied
    expect(page.locator("main")).not_to_contain_text(REDACTED)

    # The CSV of what is listed: exactly these inputs, with a byte-order mark, without the redacted words.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV", exact=True).click()
    download = download_info.value
    assert download.suggested_filename == "inputs.csv"
    body = download.path().read_bytes()
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    rows = {row["reference"]: row for row in csv.DictReader(io.StringIO(text))}
    assert set(rows) == {references["kenya"], references["hungary"]}
    assert rows[references["hungary"]]["general_comment"] == f"We thank the group. Our adviser [redacted] {QUOTED}."
    assert rows[references["kenya"]]["topic_areas"] == "A B"
    assert REDACTED not in text and "Zorvath" not in text

    # An input's page, from its card: the redaction shown as such.
    page.get_by_role("link", name=references["hungary"], exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Input {references['hungary']}")
    expect(page.locator("main")).to_contain_text(f"Our adviser [redacted] {QUOTED}")
    expect(page.locator("main")).not_to_contain_text("Zorvath")

    # Pages forward and back, two inputs a page, newest first.
    page.goto(f"{live_server.url}/en/inputs/")
    pager = page.get_by_role("navigation", name="Pages of results")
    expect(listed(page)).to_have_text([references["india"], references["igo"]])
    expect(pager.get_by_role("link", name="Previous page")).to_have_count(0)
    pager.get_by_role("link", name="Next page").click()
    expect(listed(page)).to_have_text([references["brazil"], references["kenya"]])
    pager.get_by_role("link", name="Next page").click()
    expect(pager.get_by_role("link", name="Next page")).to_have_count(0)
    expect(listed(page)).to_have_text([references["hungary"]])
    pager.get_by_role("link", name="Previous page").click()
    expect(pager.get_by_role("link", name="Next page")).to_have_count(1)
    expect(listed(page)).to_have_text([references["brazil"], references["kenya"]])
    pager.get_by_role("link", name="First page").click()
    expect(listed(page)).to_have_text([references["india"], references["igo"]])
    assert references["unpublished"] not in page.locator("main").inner_text()

    assert errors == [] and refused == []
    assert requested and all(url.startswith(f"{live_server.url}/") for url in requested), requested


def pdf_text(path) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return " ".join(text.split())  # lines broken anywhere read as one


def test_a_reader_downloads_a_topic_areas_compilation_as_pdf(page, live_server, inputs):
    references = {name: submission.reference for name, submission in inputs.items()}
    page.goto(f"{live_server.url}/en/topics/")
    page.get_by_role("link", name="A. Outcomes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A. Outcomes")
    page.get_by_role("link", name=re.compile("compilation of the published inputs")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compilation of inputs: A. Outcomes")
    expect(page.locator("main")).to_contain_text(f"Our adviser [redacted] {QUOTED}")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as PDF").click()
    download = download_info.value
    assert download.suggested_filename == "WGIGF-compilation-A-en.pdf"
    assert download.path().read_bytes().startswith(b"%PDF-")
    text = pdf_text(download.path())
    assert f"[redacted] {QUOTED}" in text and "Zorvath" not in text
    assert all(references[name] in text for name in ("hungary", "kenya", "igo", "india"))
    assert references["brazil"] not in text and references["unpublished"] not in text  # on B only; unpublished
