"""Nothing private leaks: unique markers in every private field, and a crawl of every public surface."""

import re

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from django.core.files.uploadedfile import SimpleUploadedFile

from review.redactions import redaction_create
from review.services import mapping_create, note_add, passage_create
from tests.factories import TopicAreaIndexPageFactory
from tests.intake import PDF
from tests.review.conftest import received_input

pytestmark = pytest.mark.django_db

MARKERS = {
    "anonymous name": "Qmarkanonname",
    "anonymous organisation": "Qmarkanonorg",
    "email": "qmarkemail@example.org",
    "note": "Qmarknote",
    "redacted words": "Qmarkredacted",
    "redacted words of an attachment": "Qmarkattachmentredacted",
    "unpublished input": "Qmarkunpublished",
    "withdrawn input": "Qmarkwithdrawn",
    "private choice": "Qmarkprivatechoice",
    "file of an unpublished input": "qmarkfile.pdf",
    "mapping note": "Qmarkmappingnote",
    "mapping tag": "qmarkmappingtag",
    "recommendation in draft": "Qmarkdraftrecommendation",
    "draft of a published recommendation": "Qmarkdraftrevision",
    "task of a draft recommendation": "Qmarkdrafttask",
}


@pytest.fixture
def seeded(client, call, published):
    """Published inputs around private data that must never show."""
    from submissions.services import submission_withdraw

    named = published(
        contact_email=MARKERS["email"],
        general_comment=f"Public words, then {MARKERS['redacted words']} end.",
        attachments=[SimpleUploadedFile("letter.pdf", PDF)],
    )
    # Redacted without being mapped (the mapped passage below only holds them).
    passage = redaction_create(
        submission=named, source="general_comment", excerpt=MARKERS["redacted words"], reason="A", by=published.admin
    ).passage
    named.attachments.update(text=f"Letter of {MARKERS['redacted words of an attachment']}.", text_status="done")
    excerpt = MARKERS["redacted words of an attachment"]
    redaction_create(submission=named, source="attachment", excerpt=excerpt, reason="B", by=published.admin)
    quoted = passage_create(
        submission=named, source="general_comment", excerpt=f"then {MARKERS['redacted words']} end", by=published.admin
    )
    mapping_create(
        submission=named,
        topic_area=call.questions.first().topic_area,
        passage=quoted,
        note=MARKERS["mapping note"],
        tags=[MARKERS["mapping tag"]],
        by=published.admin,
    )
    note_add(submission=named, text=MARKERS["note"], by=published.admin)
    TopicAreaIndexPageFactory(parent=call.get_parent().get_parent(), process=call.process, slug="topics")
    published(
        publication="anonymous", contact_name=MARKERS["anonymous name"], organisation=MARKERS["anonymous organisation"]
    )
    received_input(
        client,
        call,
        general_comment=MARKERS["unpublished input"],
        attachments=[SimpleUploadedFile(MARKERS["file of an unpublished input"], PDF)],
    )
    withdrawn = published(general_comment=MARKERS["withdrawn input"])
    submission_withdraw(submission=withdrawn)
    private = received_input(client, call, publication="private", general_comment=MARKERS["private choice"])
    outcomes_seed(call, cited=[named, private, withdrawn], redacted=passage)
    return named


def outcomes_seed(call, *, cited, redacted):
    """A published recommendation citing published, private, withdrawn inputs and a redacted passage, with a
    newer draft; a recommendation only in draft, with a task."""
    from home.models import MeetingIndexPage, RecommendationIndexPage
    from outcomes.models import Citation, Task
    from tests.outcomes.conftest import recommendation_make

    home = call.get_parent().get_parent()
    home.add_child(
        instance=RecommendationIndexPage(title="Recommendations", slug="recommendations", process=call.process)
    )
    home.add_child(instance=MeetingIndexPage(title="Meetings", slug="meetings", process=call.process))
    live = recommendation_make(call.process, number="I.1", live=False)
    for submission in cited:
        live.citations.add(Citation(submission=submission))
    live.citations.add(Citation(submission=redacted.submission, passage=redacted))
    live.save_revision().publish()
    live.text = MARKERS["draft of a published recommendation"]
    live.save_revision()
    draft = recommendation_make(call.process, number="I.2", text=MARKERS["recommendation in draft"], live=False)
    Task.objects.create(recommendation=draft, code="I.2-A", description=MARKERS["task of a draft recommendation"])


def public_urls(client, seeded):
    call = seeded.call.url
    pages = ["/en/", "/en/calls/", call, f"{call}submit/", f"{call}compilation/", "/en/inputs/", "/en/inputs/feed/"]
    pages += [f"{call}participation/"]
    pages += ["/en/topics/", "/en/topics/A/", "/en/topics/a/compilation/", "/en/topics/b/compilation/"]
    pages += ["/en/inputs/data-dictionary/", "/en/inputs/statistics/", "/en/inputs/statistics/csv/"]
    pages += ["/en/recommendations/", "/en/recommendations/I-1/", "/en/recommendations/tracker/"]
    pages += ["/en/recommendations/tracker/snapshots/", "/en/recommendations/tracker/download/csv/", "/en/meetings/"]
    pages += ["/api/v1/calls", "/api/v1/topic-areas", "/api/v1/inputs", "/api/v1/statistics", "/api/v1/openapi.json"]
    sitemap = client.get("/sitemap.xml").content.decode()
    pages += ["/sitemap.xml", *re.findall(r"<loc>http://testserver(/sitemap-[a-z]+\.xml)</loc>", sitemap)]
    listing = client.get("/en/inputs/").content.decode()
    pages += sorted(set(re.findall(r'href="(/en/inputs/[A-Z]+-\d{4}-\d{6}/)"', listing)))
    pages += [f"/api/v1/inputs/{reference}" for reference in re.findall(r"/en/inputs/([A-Z]+-\d{4}-\d{6})/", listing)]
    return pages


def downloads(client) -> dict[str, str]:
    import io

    texts = {}
    for kind in ("csv", "json"):
        texts[kind] = b"".join(client.get(f"/en/inputs/download/{kind}/").streaming_content).decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(b"".join(client.get("/en/inputs/download/xlsx/").streaming_content))).active
    texts["xlsx"] = "\n".join(" ".join(str(cell or "") for cell in row) for row in sheet.values)
    for compilation in ("/en/topics/a/compilation/", "/en/calls/improvements/compilation/"):
        pdf = PdfReader(io.BytesIO(b"".join(client.get(f"{compilation}pdf/").streaming_content)))
        texts[f"{compilation}pdf/"] = "\n".join(page.extract_text() for page in pdf.pages) + str(pdf.metadata)
        docx = Document(io.BytesIO(b"".join(client.get(f"{compilation}docx/").streaming_content)))
        texts[f"{compilation}docx/"] = "\n".join(paragraph.text for paragraph in docx.paragraphs)
    return texts


def test_no_private_marker_appears_on_any_public_page_api_response_or_download(client, seeded):
    client.logout()
    urls = public_urls(client, seeded)
    assert len([url for url in urls if "/inputs/WGIGF" in url or "/api/v1/inputs/" in url]) == 4  # 2 inputs × 2
    assert {"/sitemap-pages.xml", "/sitemap-inputs.xml"} <= set(urls)
    found = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = (b"".join(response.streaming_content) if response.streaming else response.content).decode()
        found += [(url, name) for name, marker in MARKERS.items() if marker.lower() in body.lower()]
    assert seeded.reference in client.get("/en/recommendations/I-1/").content.decode()  # the citation shows
    assert client.get(f"/attachments/{seeded.attachments.get().pk}/").status_code == 404  # its text is redacted
    files = downloads(client)
    assert seeded.reference in files["/en/topics/a/compilation/pdf/"]  # the compilation quotes the input
    for kind, text in files.items():
        found += [(kind, name) for name, marker in MARKERS.items() if marker.lower() in text.lower()]
    assert found == []
