"""Bulk downloads of the published inputs: CSV (UTF-8 with BOM, no live formulas), XLSX (typed cells) and JSON."""

import csv
import io
import json
from datetime import date

from django.http import FileResponse, StreamingHttpResponse

from portal.spreadsheets import cell_text, xlsx_bytes

from .public_view import PublicView, public_views_chunked

# The columns, as the data dictionary describes them.
COLUMNS = [
    ("reference", "Permanent reference of the input; its page is /<language>/inputs/<reference>/."),
    ("call", "The call for input it answers."),
    ("stakeholder_group", "Who sent it: government, intergovernmental organisation, private sector, …"),
    ("country", "The UN member or observer state, when given."),
    ("regional_group", "The country's UN regional group."),
    ("language", "Language of the input (ar, zh-hans, en, fr, ru, es)."),
    (
        "official",
        "True when a verified official submission of a government or an intergovernmental organisation (sent from "
        "a focal point's confirmed address, or verified by the secretariat); an unverified claim is false.",
    ),
    ("received", "form (through the form), or letter or email (entered by the secretariat on the author's behalf)."),
    ("organisation", "Only when the submitter allowed publication with names; empty otherwise."),
    ("name", "Only when the submitter allowed publication with names; empty otherwise."),
    ("published_at", "When the input was published, in UTC (ISO 8601 in the CSV and JSON)."),
    ("topic_areas", "Codes of the topic areas the reviewers mapped it to, separated by spaces."),
    (
        "answers",
        "Each answer with its guiding question: the question's permanent number (`question`, the same in every "
        "language and download), its words and the answer; redacted words read [redacted], or "
        "[redacted: personal data] with the redaction's category.",
    ),
    (
        "general_comment",
        "The general comment; redacted words read [redacted], or [redacted: personal data] with its category.",
    ),
]


def record(public: PublicView) -> dict:
    """One input as the downloads show it: its public view, as plain values (the time of publication as a
    datetime, which each format writes its own way)."""
    submission, country = public.submission, public.submission.country
    return {
        "reference": submission.reference,
        "call": submission.call.title,
        "stakeholder_group": submission.stakeholder_group.name,
        "country": country.name if country else "",
        "regional_group": country.regional_group.name if country else "",
        "language": submission.language,
        "official": submission.official_verified,
        "received": submission.channel,
        "organisation": public.organisation,
        "name": public.name,
        "published_at": submission.review.published_at,
        "topic_areas": [area.code for area in public.topic_areas],
        "answers": [
            {"question": item.answer.question_id, "question_text": item.question.text, "text": item.text}
            for item in public.answers
        ],
        "general_comment": public.general_comment_text,
    }


TEXT, NULLABLE_TEXT = {"type": "string"}, {"type": ["string", "null"]}
# The JSON download's records, as JSON Schema (served beside the data dictionary for users' validators).
RECORD_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Published inputs",
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": [name for name, _ in COLUMNS],
        "properties": {
            "reference": TEXT,
            "call": TEXT,
            "stakeholder_group": TEXT,
            "country": TEXT,
            "regional_group": TEXT,
            "language": {"enum": ["ar", "zh-hans", "en", "fr", "ru", "es"]},
            "official": {
                "type": "boolean",
                "description": "A verified official submission; an unverified claim is false.",
            },
            "received": {"enum": ["form", "letter", "email"]},
            "organisation": TEXT,
            "name": TEXT,
            "published_at": {**NULLABLE_TEXT, "format": "date-time"},
            "topic_areas": {"type": "array", "items": TEXT},
            "answers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["question", "question_text", "text"],
                    "properties": {"question": {"type": "integer"}, "question_text": TEXT, "text": TEXT},
                },
            },
            "general_comment": TEXT,
        },
    },
}


def records(inputs):
    """The records of `inputs` (published ones), read in chunks: a fixed number of queries per 500."""
    return (record(public) for public in public_views_chunked(inputs))


def flat(record: dict) -> list:
    answers = "\n\n".join(f"{answer['question_text']}\n{answer['text']}" for answer in record["answers"])
    values = {**record, "answers": answers, "topic_areas": " ".join(record["topic_areas"])}
    return [values[name] for name, _ in COLUMNS]


class Echo:
    def write(self, value):
        return value


def csv_response(records) -> StreamingHttpResponse:
    return table_csv([name for name, _ in COLUMNS], (flat(record) for record in records), "inputs.csv")


def table_csv(header: list[str], rows, filename: str) -> StreamingHttpResponse:
    """A table as CSV for spreadsheets: a byte-order mark first, cells that cannot run as formulas."""
    writer = csv.writer(Echo())

    def lines():
        yield "\ufeff"  # the byte-order mark: Excel then reads Arabic and Chinese as UTF-8
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([cell_text(value) for value in row])

    return download(StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8"), filename)


def json_response(records) -> StreamingHttpResponse:
    def chunks():
        yield "["
        for number, record in enumerate(records):
            yield ("," if number else "") + json.dumps(record, ensure_ascii=False, default=iso_date)
        yield "]"

    return download(StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8"), "inputs.json")


def xlsx_response(records) -> FileResponse:
    return table_xlsx([name for name, _ in COLUMNS], (flat(record) for record in records), "inputs.xlsx")


def iso_date(value):
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def table_xlsx(header: list[str], rows, filename: str) -> FileResponse:
    """A table as XLSX: typed cells, the header frozen with a filter, no text that runs (`portal.spreadsheets`)."""
    buffer = io.BytesIO(xlsx_bytes(header, rows, filename.rsplit(".", 1)[0]))
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return download(FileResponse(buffer, content_type=content_type), filename)


def download(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


EXPORTS = {"csv": csv_response, "json": json_response, "xlsx": xlsx_response}
