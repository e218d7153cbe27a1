"""What makes a receipt trustworthy: the reference number and the SHA-256 fingerprint of the content."""

import hashlib
import json

from django.db import transaction

from .models import ReferenceCounter, Submission


def reference_allocate(*, process, year: int) -> str:
    """The next reference of the process for the year, e.g. WGIGF-2026-000123 (call inside a transaction)."""
    assert transaction.get_connection().in_atomic_block
    counter, _ = ReferenceCounter.objects.get_or_create(process=process, year=year)
    counter = ReferenceCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{process.code}-{year}-{counter.last_number:06d}"


def submission_content(submission: Submission) -> dict:
    """The input's content as the submitter sent it: what versions keep and the fingerprint covers."""
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
        "answers": {str(answer.question_id): answer.text for answer in submission.answers.all()},
        "general_comment": submission.general_comment,
        "attachments": [
            {"name": attachment.name, "size": attachment.size, "sha256": attachment.sha256}
            for attachment in submission.current_attachments()
        ],
    }


def content_fingerprint(content: dict) -> str:
    """SHA-256 of the content as canonical JSON (sorted keys, no spaces, UTF-8): anyone can recompute it."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
