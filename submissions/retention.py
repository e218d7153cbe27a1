"""Retention: an input never confirmed loses its personal data and content SUBMISSION_RETENTION_DAYS after it expired.

The row stays (reference, call, status, dates, stakeholder group, country, fingerprint), so that counts and
references stay true. The period counts from when the input expired, taken as `submitted_at` plus
SUBMISSION_CONFIRMATION_DAYS (the moment `submissions_expire` expires it, give or take one sweep): it needs no
history entry, so inputs that expired before expiries were logged are covered too.
"""

import logging
from datetime import datetime, timedelta

from wagtail.log_actions import log

from django.conf import settings
from django.db import transaction
from django.db.models import ProtectedError, QuerySet
from django.utils import timezone

from .models import Submission, SubmissionStatus

logger = logging.getLogger(__name__)

# What the submitter wrote about themselves or said, besides the answers: blanked on erasure.
ERASED_FIELDS = ("contact_name", "contact_email", "organisation", "official_role", "general_comment")


def submissions_due_for_erasure(now: datetime) -> QuerySet[Submission]:
    """Expired inputs not yet erased whose retention period ended before `now`."""
    received_before = now - timedelta(days=settings.SUBMISSION_CONFIRMATION_DAYS + settings.SUBMISSION_RETENTION_DAYS)
    return Submission.objects.filter(
        status=SubmissionStatus.EXPIRED, erased_at__isnull=True, submitted_at__lt=received_before
    )


def submissions_erase_expired(*, now: datetime | None = None) -> int:
    """Erase every expired input whose retention period is over; returns how many were erased by this call.

    One transaction per input: an input another sweep holds is skipped (that sweep erases it), and one that
    cannot be erased is left whole and logged, without stopping the others.
    """
    now = now or timezone.now()
    erased = 0
    for pk in list(submissions_due_for_erasure(now).values_list("pk", flat=True)):
        try:
            if submission_erase(pk=pk, now=now):
                erased += 1
        except ProtectedError:
            # Reviewers' passages protect the answers and attachments they quote; an input that was never
            # confirmed has none, unless someone made them by hand. Its erasure waits for a person to look.
            logger.error("Input %s not erased: reviewers' records still point at its content", pk)
    if erased:
        logger.info("%d expired input(s) erased after the retention period", erased)
    return erased


def submission_erase(*, pk: int, now: datetime) -> bool:
    """Blank the input's personal data, delete its answers, attachments and versions; False if not due now.

    The attachments' files are deleted once the transaction commits: a rollback leaves no row pointing at a
    deleted file. The history entry counts what went and holds nothing that was erased.
    """
    with transaction.atomic():
        submission = submissions_due_for_erasure(now).select_for_update(skip_locked=True).filter(pk=pk).first()
        if submission is None:
            return False
        files = [(attachment.file.storage, attachment.file.name) for attachment in submission.attachments.all()]
        erased = {
            "answers": rows_delete(submission.answers.all()),
            "attachments": rows_delete(submission.attachments.all()),
            "versions": rows_delete(submission.versions.all()),
        }
        for field in ERASED_FIELDS:
            setattr(submission, field, "")
        submission.erased_at = now
        # No full_clean(): the contact fields the form requires are blank on purpose from now on.
        submission.save(update_fields=[*ERASED_FIELDS, "erased_at"])
        log(instance=submission, action="submissions.erase", data=erased)
        transaction.on_commit(lambda: files_delete(files), robust=True)
    return True


def rows_delete(queryset: QuerySet) -> int:
    """Delete the rows and say how many of them (not counting anything the deletion reached through them)."""
    return queryset.delete()[1].get(queryset.model._meta.label, 0)


def files_delete(files: list) -> None:
    for storage, name in files:
        if name:
            storage.delete(name)
