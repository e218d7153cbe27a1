"""Attachments' text for reviewers, search and suggestions: extracted by a worker, retried by a sweep."""

import logging

from django.db import transaction

from . import signals
from .extraction import ExtractionFailed, attachment_text
from .models import Attachment, TextStatus

logger = logging.getLogger(__name__)


def attachment_text_store(*, attachment_id: int) -> Attachment | None:
    """Extract and store the text of one attachment; safe to run twice (a done one is left alone)."""
    attachment = Attachment.objects.filter(pk=attachment_id, text_status=TextStatus.PENDING).first()
    if attachment is None:
        return None
    try:
        with attachment.file.open("rb") as file:
            text, status, error = attachment_text(file, extension=attachment.extension), TextStatus.DONE, ""
    except ExtractionFailed as failure:
        text, status, error = "", TextStatus.FAILED, str(failure)[:255]
    except OSError:
        logger.exception("Attachment %s could not be read", attachment_id)
        text, status, error = "", TextStatus.FAILED, "The stored file could not be read."
    with transaction.atomic():
        Attachment.objects.filter(pk=attachment_id).update(text=text, text_status=status, text_error=error)
        signals.attachments_text_stored.send(sender=Attachment, submission_id=attachment.submission_id)
    return attachment


def attachments_pending(*, submission_id: int | None = None, limit: int = 100) -> list[int]:
    pending = Attachment.objects.filter(text_status=TextStatus.PENDING)
    if submission_id is not None:
        pending = pending.filter(submission_id=submission_id)
    return list(pending.values_list("pk", flat=True)[:limit])
