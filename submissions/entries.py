"""Inputs received by letter or email, entered by the secretariat on their authors' behalf.

The rules of the form apply, and the same reference, fingerprint and receipt; the window is the letter's: a
letter received while the call was open may be entered after it closes. The caller (review) checks that the
user belongs to the call's secretariat.
"""

import logging
import zoneinfo
from datetime import date, timedelta

from wagtail.log_actions import log

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import signals
from .files import CheckedAttachment
from .models import Channel, Entry, Submission, SubmissionStatus
from .notifications import receipt_mail_queue
from .official import official_status_write, reason_checked
from .receipts import reference_allocate
from .services import (
    SUBMITTED_FIELDS,
    answers_write,
    attachments_write,
    correspondence_language,
    files_remove,
    submission_rules_check,
    version_record,
)

logger = logging.getLogger(__name__)


def received_on_check(call, received_on: date, now=None) -> None:
    """The letter reached the secretariat while the call was open (days in the process's time zone)."""
    zone = zoneinfo.ZoneInfo(call.process.time_zone)
    today = (now or timezone.now()).astimezone(zone).date()
    first = call.opens_at.astimezone(zone).date()
    last = (call.closes_at - timedelta(microseconds=1)).astimezone(zone).date()
    if received_on > today:
        raise ValidationError({"received_on": _("The day received cannot be in the future.")})
    if received_on < first:
        raise ValidationError(
            {"received_on": _("The call opened on %(date)s: this was received before.") % {"date": first}}
        )
    if received_on > last:
        raise ValidationError(
            {
                "received_on": _("The call closed on %(date)s: a letter received after that is not an input.")
                % {"date": last}
            }
        )


def submission_enter(
    *,
    call,
    data: dict,
    answers: dict,
    files: list[CheckedAttachment],
    document: CheckedAttachment,
    channel: str,
    received_on: date,
    by,
    official_reason: str = "",
) -> Submission:
    """Store the input with its original document (private), confirmed at once: it reaches the reviewers, and
    its author gets the receipt when an address is given. With `official_reason`, its official claim is
    verified by the secretariat (e.g. "letter on letterhead of the Permanent Mission")."""
    if channel not in (Channel.LETTER, Channel.EMAIL):
        raise ValidationError({"channel": _("Say whether the input came by letter or by email.")})
    submission_rules_check(data=data, answers=answers)
    received_on_check(call, received_on)
    if official_reason.strip():
        if not data.get("is_official"):
            raise ValidationError({"official_reason": _("Only an official submission can be verified.")})
        official_reason = reason_checked(official_reason)
    now = timezone.now()
    stored = []
    try:
        with transaction.atomic():
            submission = Submission(
                call=call,
                channel=channel,
                status=SubmissionStatus.RECEIVED,
                submitted_at=now,
                confirmed_at=now,
                updated_at=now,
                reference=reference_allocate(process=call.process, year=now.year),
                wants_updates=data.get("wants_updates", False),
                correspondence_language=correspondence_language(),
                **{field: data[field] for field in SUBMITTED_FIELDS},
            )
            # The author accepted no privacy notice online: the secretariat answers for the letter.
            submission.full_clean(exclude=["fingerprint", "privacy_notice_version"])
            submission.save()
            answers_write(submission, answers)
            stored = attachments_write(submission, files)
            entry = Entry(
                submission=submission,
                entered_by=by,
                entered_at=now,
                received_on=received_on,
                name=document.safe_name,
                extension=document.extension,
                content_type=document.content_type,
                size=document.size,
                sha256=document.sha256,
            )
            entry.document.save(document.safe_name, document.upload, save=False)
            stored.append(entry)
            entry.save()
            version_record(submission)
            log(
                instance=submission,
                action="submissions.enter",
                user=by,
                data={"reference": submission.reference, "channel": channel, "received_on": received_on.isoformat()},
            )
            if official_reason:
                official_status_write(submission, verified=True, how=official_reason)
                log(
                    instance=submission,
                    action="submissions.official_verify",
                    user=by,
                    data={"method": "secretariat", "reason": official_reason},
                )
            signals.submission_confirmed.send(sender=Submission, submission=submission)
            receipt_mail_queue(submission)
    except BaseException:
        files_remove([item for item in stored if not isinstance(item, Entry)])
        for item in stored:
            if isinstance(item, Entry) and item.document.name:
                item.document.storage.delete(item.document.name)
        raise
    logger.info("Input %s entered by the secretariat for call %s", submission.reference, call.pk)
    return submission
