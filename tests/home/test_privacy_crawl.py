"""Nothing private leaks: unique markers in every private field, and a crawl of every public surface."""

import re

import pytest
from openpyxl import load_workbook

from django.core.files.uploadedfile import SimpleUploadedFile

from review.services import note_add, passage_create, passage_redact
from tests.intake import PDF
from tests.review.conftest import received_input

pytestmark = pytest.mark.django_db

MARKERS = {
    "anonymous name": "Qmarkanonname",
    "anonymous organisation": "Qmarkanonorg",
    "email": "qmarkemail@example.org",
    "note": "Qmarknote",
    "redacted words": "Qmarkredacted",
    "unpublished input": "Qmarkunpublished",
    "withdrawn input": "Qmarkwithdrawn",
    "private choice": "Qmarkprivatechoice",
    "file of an unpublished input": "qmarkfile.pdf",
}


@pytest.fixture
def seeded(client, call, published):
    """Published inputs around private data that must never show."""
    from submissions.services import submission_withdraw

    named = published(
        contact_email=MARKERS["email"], general_comment=f"Public words, then {MARKERS['redacted words']} end."
    )
    passage = passage_create(
        submission=named, source="general_comment", excerpt=MARKERS["redacted words"], by=published.admin
    )
    passage_redact(passage=passage, reason="Personal data", by=published.admin)
    note_add(submission=named, text=MARKERS["note"], by=published.admin)
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
    received_input(client, call, publication="private", general_comment=MARKERS["private choice"])
    return named


def public_urls(client, seeded):
    pages = ["/en/", "/en/calls/", seeded.call.url, f"{seeded.call.url}submit/", "/en/inputs/"]
    pages += ["/en/inputs/data-dictionary/", "/sitemap.xml", "/api/v1/calls", "/api/v1/topic-areas"]
    pages += ["/api/v1/inputs", "/api/v1/statistics", "/api/v1/openapi.json"]
    listing = client.get("/en/inputs/").content.decode()
    pages += sorted(set(re.findall(r'href="(/en/inputs/[A-Z]+-\d{4}-\d{6}/)"', listing)))
    pages += [f"/api/v1/inputs/{reference}" for reference in re.findall(r"/en/inputs/([A-Z]+-\d{4}-\d{6})/", listing)]
    return pages


def downloads(client) -> dict[str, str]:
    texts = {}
    for kind in ("csv", "json"):
        texts[kind] = b"".join(client.get(f"/en/inputs/download/{kind}/").streaming_content).decode("utf-8-sig")
    import io

    sheet = load_workbook(io.BytesIO(b"".join(client.get("/en/inputs/download/xlsx/").streaming_content))).active
    texts["xlsx"] = "\n".join(" ".join(str(cell or "") for cell in row) for row in sheet.values)
    return texts


def test_no_private_marker_appears_on_any_public_page_api_response_or_download(client, seeded):
    client.logout()
    urls = public_urls(client, seeded)
    assert len([url for url in urls if "/inputs/WGIGF" in url or "/api/v1/inputs/" in url]) == 4  # 2 inputs × 2
    found = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        found += [(url, name) for name, marker in MARKERS.items() if marker.lower() in body.lower()]
    for kind, text in downloads(client).items():
        found += [(kind, name) for name, marker in MARKERS.items() if marker.lower() in text.lower()]
    assert found == []
