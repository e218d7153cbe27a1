"""Bulk downloads of the published inputs: opened and checked, and holding nothing private."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from review.redactions import passage_redact
from review.services import passage_create
from tests.factories import stakeholder_group
from tests.review.conftest import received_input

pytestmark = pytest.mark.django_db

PRIVATE = ["zyx.private@example.org", "Hidden Org Zyx", "Unpublished words zyx", "secret clause"]


@pytest.fixture
def inputs(client, call, published):
    named = published(organisation="Mission of Hungary", general_comment='=HYPERLINK("http://evil.example")')
    anonymous = published(
        publication="anonymous",
        organisation="Hidden Org Zyx",
        general_comment="Árabe: مرحبا",
        stakeholder_group=stakeholder_group("CIVIL_SOCIETY").pk,
        is_official=None,
        official_role="",
    )
    passage = passage_create(submission=named, source="answer", excerpt="tangible outputs", by=published.admin)
    passage_redact(passage=passage, reason="test", by=published.admin)
    received_input(client, call, general_comment="Unpublished words zyx")
    return named, anonymous


def download(client, kind, **params):
    response = client.get(f"/en/inputs/download/{kind}/", params)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="inputs.{kind}"'
    return b"".join(response.streaming_content)


def test_the_csv_opens_in_excel_as_utf8_and_runs_no_formula(client, inputs):
    named, anonymous = inputs
    body = download(client, "csv")
    assert body.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    by_reference = {row["reference"]: row for row in rows}
    assert set(by_reference) == {named.reference, anonymous.reference}
    assert by_reference[named.reference]["general_comment"] == '\'=HYPERLINK("http://evil.example")'
    assert by_reference[named.reference]["organisation"] == "Mission of Hungary"
    assert by_reference[anonymous.reference]["organisation"] == "" and by_reference[anonymous.reference]["name"] == ""
    assert "مرحبا" in by_reference[anonymous.reference]["general_comment"]
    assert "[redacted]" in by_reference[named.reference]["answers"]
    assert "tangible outputs" not in by_reference[named.reference]["answers"]
    assert not any(marker in body.decode("utf-8-sig") for marker in PRIVATE)


def test_the_xlsx_and_json_hold_the_same_inputs(client, inputs):
    named, anonymous = inputs
    sheet = load_workbook(io.BytesIO(download(client, "xlsx"))).active
    header, *rows = list(sheet.values)
    assert header[0] == "reference" and {row[0] for row in rows} == {named.reference, anonymous.reference}
    records = json.loads(download(client, "json"))
    assert {record["reference"] for record in records} == {named.reference, anonymous.reference}
    assert all(marker not in json.dumps(records, ensure_ascii=False) for marker in PRIVATE)


def test_the_xlsx_types_its_cells_and_keeps_its_header_in_view_with_a_filter(client, inputs, published):
    from datetime import UTC

    named, anonymous = inputs
    error_like = published(general_comment="#N/A")
    sheet = load_workbook(io.BytesIO(download(client, "xlsx"))).active
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:N4"
    header = [cell.value for cell in sheet[1]]
    rows = {row[0].value: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)}

    published_at = rows[named.reference]["published_at"]
    assert published_at.data_type == "d" and published_at.is_date
    assert published_at.number_format == "yyyy-mm-dd hh:mm:ss" and published_at.value.tzinfo is None
    expected = named.review.published_at.astimezone(UTC).replace(tzinfo=None)
    assert abs((published_at.value - expected).total_seconds()) < 1
    assert rows[named.reference]["official"].data_type == "b" and rows[named.reference]["official"].value is True
    assert rows[anonymous.reference]["official"].value is False
    comment = rows[named.reference]["general_comment"]
    assert comment.data_type == "s" and comment.value == '\'=HYPERLINK("http://evil.example")'
    assert rows[error_like.reference]["general_comment"].data_type == "s"  # text, not an error value


def test_downloads_follow_the_listing_filters(client, inputs):
    named, anonymous = inputs
    governments = json.loads(download(client, "json", stakeholder_group="GOVERNMENT"))
    official = json.loads(download(client, "json", official="on"))
    assert [record["reference"] for record in governments] == [named.reference]
    assert [record["reference"] for record in official] == [named.reference]


def test_an_unknown_format_is_not_found_and_the_data_dictionary_describes_the_columns(client, inputs):
    assert client.get("/en/inputs/download/exe/").status_code == 404
    page = client.get("/en/inputs/data-dictionary/").content.decode()
    assert "<code>general_comment</code>" in page and "apostrophe" in page


def test_the_json_keys_each_answer_by_its_questions_permanent_number_and_follows_its_schema(client, call, inputs):
    import jsonschema_rs

    named, _anonymous = inputs
    schema = client.get("/en/inputs/data-dictionary/schema/").json()
    records = json.loads(download(client, "json"))
    jsonschema_rs.validator_for(schema).validate(records)
    (record,) = [record for record in records if record["reference"] == named.reference]
    first = call.questions.order_by("sort_order").first()
    assert record["answers"][0]["question"] == first.pk
    assert record["answers"][0]["question_text"] == first.text
    # The same number whatever words the question has: rewording it keeps the key.
    call.questions.filter(pk=first.pk).update(text="Reworded?")
    again = [r for r in json.loads(download(client, "json")) if r["reference"] == named.reference][0]
    assert again["answers"][0]["question"] == first.pk and again["answers"][0]["question_text"] == "Reworded?"
