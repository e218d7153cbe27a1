"""What makes a receipt trustworthy: the reference number, and the canonical documents anyone can hash again.

Each version of an input has a receipt document (its content, the server's time of receipt, its number, the
previous version's fingerprint and the fingerprint of its public part); the public part of an input has a
public document of its own, built by `public_document` for the receipt and for the public page alike. Both
are canonical JSON (sorted keys, no spaces, UTF-8): `sha256sum` of the downloaded bytes is the fingerprint.
See docs/decisions/0017-verifiable-receipts.md.
"""

import hashlib
import json
from datetime import UTC, datetime

from django.db import transaction

from .models import ReferenceCounter, Submission


def reference_allocate(*, process, year: int) -> str:
    """The next reference of the process for the year, e.g. WGIGF-2026-000123 (call inside a transaction)."""
    assert transaction.get_connection().in_atomic_block
    counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(process=process, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{process.code}-{year}-{counter.last_number:06d}"


RECEIPT_FORMAT = "input-portal-receipt/1"
PUBLIC_FORMAT = "input-portal-public/1"
REDACTION_MARK = "[redacted]"  # each redacted span of a public document reads this, and the count is stated

Pieces = list[tuple[str, bool]]  # a text cut into (piece, is_redacted), as review.publication.public_text cuts it


def submission_facts(submission: Submission) -> dict:
    """The input's fields as the submitter sent them, without its answers and attachments (no query)."""
    return {
        "reference": submission.reference,
        "call": submission.call.slug,
        "stakeholder_group": submission.stakeholder_group.code,
        "organisation": submission.organisation,
        "country": submission.country.iso3 if submission.country else None,
        "is_official": submission.is_official,
        "official_role": submission.official_role,
        "contact_name": submission.contact_name,
        "contact_email": submission.contact_email,
        "language": submission.language,
        "publication": submission.publication,
    }


def submission_content(submission: Submission) -> dict:
    """The input's content as the submitter sent it: what versions keep and the receipt covers."""
    return {
        **submission_facts(submission),
        "answers": {str(answer.question_id): answer.text for answer in submission.answers.all()},
        "general_comment": submission.general_comment,
        "attachments": [
            {"name": attachment.name, "size": attachment.size, "sha256": attachment.sha256}
            for attachment in submission.current_attachments()
        ],
    }


def canonical(document: dict) -> bytes:
    """Canonical JSON: sorted keys, no spaces, UTF-8, no newline at the end. These bytes are what is hashed."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def fingerprint(document: dict) -> str:
    return hashlib.sha256(canonical(document)).hexdigest()


def content_fingerprint(content: dict) -> str:
    """SHA-256 of the content as canonical JSON: anyone can recompute it."""
    return fingerprint(content)


def moment_text(moment: datetime) -> str:
    """A time as receipts write it: UTC, microseconds, e.g. 2026-12-04T06:55:15.123456Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def receipt_document(
    *, content: dict, version: int, received_at: str, public_sha256: str | None, previous_sha256: str | None
) -> dict:
    """What one version's receipt covers; its fingerprint is the SHA-256 of `canonical()` of it."""
    return {
        "format": RECEIPT_FORMAT,
        "reference": content["reference"],
        "version": version,
        "received_at": received_at,
        "content": content,
        "public_sha256": public_sha256,
        "previous_sha256": previous_sha256,
    }


def receipt_statement(*, reference: str, received_at: str, sha256: str) -> bytes:
    """What the portal signs for a receipt: (reference, time, fingerprint), as canonical JSON."""
    return canonical({"reference": reference, "received_at": received_at, "sha256": sha256})


def pieces_text(pieces: Pieces) -> str:
    return "".join(REDACTION_MARK if redacted else piece for piece, redacted in pieces)


def public_document(
    content: dict,
    *,
    answers: dict[str, Pieces] | None = None,
    general_comment: Pieces | None = None,
    attachments: list[dict] | None = None,
) -> dict:
    """The public part of an input: what its public page shows of the submitter's words and facts.

    Given the content alone, the public part as submitted (nothing redacted); the public reading passes the
    pieces and attachments its page shows, so that redactions read REDACTION_MARK and are counted. Names
    only when the submitter chose publication with names. Reviewers' work (topic areas, passages, an
    official's verification) is not part of it: it is not what the submitter sent.
    """
    if answers is None:
        answers = {question: [(text, False)] for question, text in content["answers"].items() if text}
    if general_comment is None:
        general_comment = [(content["general_comment"], False)] if content["general_comment"] else []
    shown_attachments = content["attachments"] if attachments is None else attachments
    named = content["publication"] == "named"
    redactions = sum(bool(redacted) for pieces in [*answers.values(), general_comment] for _piece, redacted in pieces)
    return {
        "format": PUBLIC_FORMAT,
        "reference": content["reference"],
        "call": content["call"],
        "language": content["language"],
        "stakeholder_group": content["stakeholder_group"],
        "country": content["country"],
        "organisation": (content["organisation"] or None) if named else None,
        "name": content["contact_name"] if named else None,
        "role": (content["official_role"] or None) if named and content["is_official"] else None,
        "answers": {question: pieces_text(pieces) for question, pieces in answers.items()},
        "general_comment": pieces_text(general_comment),
        "attachments": [
            {"name": item["name"], "size": item["size"], "sha256": item["sha256"]} for item in shown_attachments
        ],
        "redaction_mark": REDACTION_MARK,
        "redactions": redactions,
        "withheld_attachments": len(content["attachments"]) - len(shown_attachments),
    }


LINK_FIELDS = ("sequence", "reference", "version", "received_at", "linked_at", "sha256", "public_sha256", "previous")


def link_hash(fields: dict) -> str:
    """A chain link's hash: SHA-256 of the canonical JSON of its LINK_FIELDS (the previous link's hash among them)."""
    return fingerprint({name: fields[name] for name in LINK_FIELDS})


def head_statement(*, day: str, sequence: int, link: str | None, count: int) -> bytes:
    """What the portal signs for a day's head of the chain."""
    return canonical({"day": day, "sequence": sequence, "link": link, "count": count})
