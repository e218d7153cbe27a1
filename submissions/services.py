"""Writes of the intake: send, confirm, edit and withdraw an input; expire unconfirmed ones."""

import logging
from datetime import timedelta

from wagtail.log_actions import log

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.queue import enqueue_after_commit

from . import signals
from .chain import receipt_record
from .files import CheckedAttachment
from .models import Answer, Attachment, Submission, SubmissionStatus, SubmissionVersion
from .notifications import change_mail_queue, receipt_mail_queue, restore_mail_queue, withdrawal_mail_queue
from .official import official_after_edit, official_verify_from_focal_point, verified_fields
from .receipts import content_fingerprint, reference_allocate, submission_content
from .submitter_status import submitter_status

logger = logging.getLogger(__name__)

SUBMITTED_FIELDS = Submission.SUBMITTED_FIELDS


def call_require_open(call, now=None) -> None:
    """The server's clock decides; the message says which way the call is shut."""
    status = call.status_at(now or timezone.now())
    if status == "upcoming":
        raise ValidationError(_("This call is not open yet: it opens on %(date)s."), params={"date": call.opens_at})
    if status == "closed":
        raise ValidationError(_("This call is closed: inputs are no longer accepted."))


def submission_rules_check(*, data: dict, answers: dict) -> None:
    """The intake's rules, met by every caller: the form shows these messages beside their fields."""
    errors: dict[str, list[str]] = {}
    group = data.get("stakeholder_group")
    if group and group.requires_country and not data.get("country"):
        errors["country"] = [_("Choose the country: it is required for %(group)s.") % {"group": group.name}]
    if data.get("is_official"):
        if group and not group.allows_official:
            errors["is_official"] = [_("Only governments and intergovernmental organisations submit officially.")]
        if not data.get("official_role"):
            errors["official_role"] = [_("Give your role or title for an official submission.")]
    if not any(answers.values()) and not data.get("general_comment"):
        errors[NON_FIELD_ERRORS] = [_("Answer at least one question, or write a general comment.")]
    if errors:
        raise ValidationError(errors)


def submission_create(
    *, call, data: dict, answers: dict, files: list[CheckedAttachment], form_key, privacy_notice_version: str
) -> tuple[Submission, bool]:
    """Store a new input with its answers and files, its first version, and its receipt mail.

    Returns (input, created). The same form sent twice (a double click) gives the first input back.
    """
    existing = Submission.objects.filter(form_key=form_key).first()
    if existing is not None:
        return existing, False
    submission_rules_check(data=data, answers=answers)
    now = timezone.now()
    call_require_open(call, now)
    stored = []
    try:
        with transaction.atomic():
            submission = Submission(
                call=call,
                form_key=form_key,
                submitted_at=now,
                updated_at=now,
                privacy_notice_version=privacy_notice_version,
                reference=reference_allocate(process=call.process, year=now.year),
                wants_updates=data.get("wants_updates", True),
                correspondence_language=correspondence_language(),
                **{field: data[field] for field in SUBMITTED_FIELDS},
            )
            # The form key's uniqueness is left to the database: a replay that raced past the check above meets
            # the constraint (IntegrityError, below) and gets the first input back, not a validation error.
            submission.full_clean(exclude=["fingerprint", "form_key"])
            submission.save()
            answers_write(submission, answers)
            stored = attachments_write(submission, files)
            version_record(submission)
            log(instance=submission, action="submissions.submit", data={"reference": submission.reference})
            receipt_mail_queue(submission)
    except IntegrityError:
        files_remove(stored)
        existing = Submission.objects.filter(form_key=form_key).first()
        if existing is None:
            raise
        return existing, False
    except BaseException:
        files_remove(stored)
        raise
    logger.info("Input %s received for call %s", submission.reference, call.pk)
    return submission, True


def answers_write(submission: Submission, answers: dict) -> None:
    """Write the answers in `answers` ({question: text}) in place.

    A row keeps its id while its question is answered, so that reviewers' passages keep pointing at it. An
    emptied answer is deleted, unless a passage cites it: then it stays, empty (public pages skip it).
    """
    current = {answer.question_id: answer for answer in submission.answers.all()}
    for question, text in answers.items():
        answer = current.get(question.pk)
        if answer is None:
            if text:
                Answer.objects.create(submission=submission, question=question, text=text)
        elif text or answer.passages.exists():
            if answer.text != text:
                answer.text = text
                answer.save(update_fields=["text"])
        else:
            answer.delete()


def attachments_write(submission: Submission, files: list[CheckedAttachment]) -> list[Attachment]:
    """Store the files; one task after the commit extracts their text for the reviewers."""
    from .tasks import attachments_text_extract

    written = []
    for checked in files:
        attachment = Attachment(
            submission=submission,
            name=checked.safe_name,
            extension=checked.extension,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
        )
        attachment.file.save(checked.safe_name, checked.upload, save=False)
        written.append(attachment)
        attachment.save()
    if written:
        enqueue_after_commit(attachments_text_extract, submission.pk)
    return written


def files_remove(attachments: list[Attachment]) -> None:
    """Files written in a transaction that rolled back: nothing may be left behind."""
    for attachment in attachments:
        if attachment.file.name:
            attachment.file.storage.delete(attachment.file.name)


def version_record(submission: Submission) -> SubmissionVersion:
    """Snapshot the content as the next version, give it its receipt (a signed link of the receipt chain), and
    set the input's fingerprint to that receipt's: the SHA-256 of the receipt document the submitter downloads."""
    content = submission_content(submission)
    # An answer kept empty for a reviewer's passage is not part of what the submitter sent.
    content["answers"] = {question: text for question, text in content["answers"].items() if text}
    number = submission.versions.count() + 1
    version = SubmissionVersion.objects.create(
        submission=submission, number=number, content=content, fingerprint=content_fingerprint(content)
    )
    link = receipt_record(submission=submission, version=version, received_at=submission.updated_at)
    version.fingerprint = submission.fingerprint = link.sha256
    version.save(update_fields=["fingerprint"])
    submission.save(update_fields=["fingerprint"])
    return version


def submission_confirm(*, submission: Submission) -> bool:
    """The submitter proved the address: hand the input to the reviewers. Returns False if nothing changed."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.status != SubmissionStatus.UNCONFIRMED:
            return False
        submission.status = SubmissionStatus.RECEIVED
        submission.confirmed_at = timezone.now()
        submission.save(update_fields=["status", "confirmed_at"])
        log(instance=submission, action="submissions.confirm")
        # The address is proven only now: an official claim from a focal point's address is verified here.
        official_verify_from_focal_point(submission)
        signals.submission_confirmed.send(sender=Submission, submission=submission)
    return True


def submission_update(
    *, submission: Submission, data: dict, answers: dict, files: list[CheckedAttachment], removed_ids: list[int]
) -> Submission:
    """An edit through the private link: the earlier version stays in the input's history.

    Reviewers' passages follow their words into the new text, and an input they had mapped or published
    goes back to review (the review hears of it through `signals.submission_edited`).
    """
    if not submission.is_editable:
        raise ValidationError(_("This input can no longer be changed."))
    submission_rules_check(data=data, answers=answers)
    stored = []
    try:
        with transaction.atomic():
            submission = Submission.objects.select_for_update().get(pk=submission.pk)
            before = submission_texts(submission)
            vouched = verified_fields(submission)
            # Said in the mail: an input reviewers had mapped or published goes back to review with this edit.
            reopened = submitter_status(submission, submission.correspondence_language)
            for field in SUBMITTED_FIELDS:
                setattr(submission, field, data[field])
            submission.correspondence_language = correspondence_language()
            submission.wants_updates = data.get("wants_updates", submission.wants_updates)
            submission.updated_at = timezone.now()
            submission.full_clean(exclude=["fingerprint"])
            submission.save()
            answers_write(submission, answers)
            removed = submission.current_attachments().filter(pk__in=removed_ids).update(removed_at=timezone.now())
            stored = attachments_write(submission, files)
            version_record(submission)
            log(instance=submission, action="submissions.edit")
            official_after_edit(submission, vouched)
            signals.submission_edited.send(sender=Submission, submission=submission, before=before)
            change_mail_queue(submission, reopened_from=reopened.stage if reopened.edit_reopens else "")
    except BaseException:
        files_remove(stored)
        raise
    logger.info("Input %s edited; %d attachment(s) removed", submission.reference, removed)
    return submission


def submission_updates_set(*, submission: Submission, wants: bool) -> Submission:
    """The submitter starts or stops the emails about how the input is used (through a link that lasts)."""
    with transaction.atomic():
        Submission.objects.filter(pk=submission.pk).update(wants_updates=wants)
        submission.wants_updates = wants
        log(instance=submission, action="submissions.updates", data={"wants_updates": wants})
    return submission


def submission_texts(submission: Submission) -> dict:
    """The texts an edit may change, by (source, answer id): what reviewers' passages point into."""
    texts = {("answer", answer.pk): answer.text for answer in submission.answers.all()}
    texts[("general_comment", None)] = submission.general_comment
    return texts


def submission_withdraw(*, submission: Submission) -> Submission:
    """Withdraw the input: it leaves review and publication; `submission_restore` undoes it while the call is open."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if not submission.is_editable:
            raise ValidationError(_("This input can no longer be withdrawn."))
        submission.status = SubmissionStatus.WITHDRAWN
        submission.withdrawn_at = timezone.now()
        submission.save(update_fields=["status", "withdrawn_at"])
        log(instance=submission, action="submissions.withdraw")
        signals.submission_withdrawn.send(sender=Submission, submission=submission)
        withdrawal_mail_queue(submission)
    return submission


def submission_restore(*, submission: Submission, now=None) -> Submission:
    """Undo a withdrawal, while the call is open; the submitter is mailed.

    An input withdrawn after its address was confirmed is "received" again, and the review puts it back in
    review (never straight back to publication: signals.submission_restored). One withdrawn before its address
    was confirmed stays unconfirmed: its receipt's confirmation link confirms it, within the confirmation
    period counted from when it was sent; once that period is over it cannot be restored (send a new input).
    """
    now = now or timezone.now()
    with transaction.atomic():
        submission = Submission.objects.select_for_update().select_related("call").get(pk=submission.pk)
        if submission.status != SubmissionStatus.WITHDRAWN or submission.erased_at is not None:
            raise ValidationError(_("This input is not withdrawn: there is nothing to restore."))
        if submission.call.status_at(now) != "open":
            raise ValidationError(
                _("The call has closed: a withdrawn input can no longer be restored. Your input stays withdrawn.")
            )
        confirmed = submission.confirmed_at is not None
        if not confirmed and now >= submission.submitted_at + timedelta(days=settings.SUBMISSION_CONFIRMATION_DAYS):
            raise ValidationError(
                _(
                    "This input was withdrawn before its email address was confirmed, and the time to confirm it is"
                    " over: it cannot be restored. Send a new input instead."
                )
            )
        submission.status = SubmissionStatus.RECEIVED if confirmed else SubmissionStatus.UNCONFIRMED
        submission.withdrawn_at = None
        submission.save(update_fields=["status", "withdrawn_at"])
        log(instance=submission, action="submissions.restore", data={"status": submission.status})
        signals.submission_restored.send(sender=Submission, submission=submission)
        restore_mail_queue(submission)
    logger.info("Input %s restored by its submitter", submission.reference)
    return submission


def submissions_expire(*, now=None) -> int:
    """Unconfirmed inputs older than the confirmation period expire (kept, never handed to reviewers).

    Each expiry is in the input's history. Rows another sweep or a confirmation holds are skipped, not
    waited for: two sweeps never expire one input twice, and a confirmation under way wins.
    """
    cutoff = (now or timezone.now()) - timedelta(days=settings.SUBMISSION_CONFIRMATION_DAYS)
    with transaction.atomic():
        expiring = list(
            Submission.objects.select_for_update(skip_locked=True)
            .filter(status=SubmissionStatus.UNCONFIRMED, submitted_at__lt=cutoff)
            .only("pk", "reference", "status")
        )
        Submission.objects.filter(pk__in=[submission.pk for submission in expiring]).update(
            status=SubmissionStatus.EXPIRED
        )
        for submission in expiring:
            submission.status = SubmissionStatus.EXPIRED
            log(instance=submission, action="submissions.expire")
    if expiring:
        logger.info("%d unconfirmed input(s) expired", len(expiring))
    return len(expiring)


def correspondence_language() -> str:
    """The site's language of the request at hand (the default one outside a request)."""
    language = get_language()
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
