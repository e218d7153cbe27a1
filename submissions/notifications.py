"""Mail to submitters and subscribers, written to the outbox in the caller's transaction."""

from post_office import mail

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from portal.i18n import page_url

from .models import CallSubscription, Submission
from .tokens import submission_token, subscription_token


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def outbox_queue(*, to: str, language: str, template: str, context: dict) -> None:
    """Render `template` (subject on the first line, body after) in `language` and queue it."""
    with translation.override(language):
        subject, _, body = render_to_string(template, context).strip().partition("\n")
        subject, body = subject.strip(), body.strip()
        html = render_to_string("portal/email.html", {"subject": subject, "body": body})
    mail.send(recipients=[to], sender=settings.DEFAULT_FROM_EMAIL, subject=subject, message=body, html_message=html)


def submission_updates_url(submission: Submission) -> str:
    """The lasting link where the submitter stops (or restarts) the emails about how the input is used."""
    with translation.override(submission.correspondence_language):
        return absolute(f"{page_url(submission.call)}updates/{submission_token(submission, 'updates')}/")


def submission_links(submission: Submission, receipt_version: int | None = None) -> dict:
    """The links a mail gives; `receipt_version` is the version whose receipt the transaction is adding (the
    latest receipt otherwise)."""
    with translation.override(submission.correspondence_language):
        call_url = page_url(submission.call)
        manage = submission_token(submission, "manage")
        receipt = absolute(f"{call_url}receipt/{submission_token(submission, 'receipt')}/")
        if receipt_version is None:
            receipt_version = submission.receipt_links.order_by("-version").values_list("version", flat=True).first()
        return {
            "confirm_url": absolute(f"{call_url}confirm/{submission_token(submission, 'confirm')}/"),
            "manage_url": absolute(f"{call_url}input/{manage}/"),
            "receipt_url": receipt,
            # The receipt file of the latest version: `sha256sum` of it prints the fingerprint in the mail.
            "receipt_file_url": f"{receipt}v{receipt_version}/document/" if receipt_version else "",
        }


def receipt_mail_queue(submission: Submission, *, receipt_version: int | None = None) -> None:
    """The receipt, with the link that confirms the address and the private link to edit or withdraw."""
    if not submission.contact_email:  # a letter entered by the secretariat may give no address
        return
    outbox_queue(
        to=submission.contact_email,
        language=submission.correspondence_language,
        template="submissions/email/receipt.txt",
        context={"submission": submission, **submission_links(submission, receipt_version)},
    )


def change_mail_queue(submission: Submission, *, reopened_from: str = "") -> None:
    """The change, its new fingerprint, and, when the input had been mapped or published (`reopened_from`
    is its stage then), that it went back to review and is off the public site until published again."""
    outbox_queue(
        to=submission.contact_email,
        language=submission.correspondence_language,
        template="submissions/email/changed.txt",
        context={"submission": submission, "reopened_from": reopened_from, **submission_links(submission)},
    )


def official_status_mail_queue(submission: Submission) -> None:
    """The secretariat verified the input's official status, or took the verification back."""
    if not submission.contact_email:
        return
    outbox_queue(
        to=submission.contact_email,
        language=submission.correspondence_language,
        template="submissions/email/official.txt",
        context={"submission": submission, **submission_links(submission)},
    )


def link_mail_queue(submission: Submission, *, ends_at) -> None:
    """A fresh private link, which someone asked for; the links sent before no longer work."""
    outbox_queue(
        to=submission.contact_email,
        language=submission.correspondence_language,
        template="submissions/email/link.txt",
        context={"submission": submission, "ends_at": ends_at, **submission_links(submission)},
    )


def withdrawal_mail_queue(submission: Submission) -> None:
    """The withdrawal, and until when the private page can undo it."""
    outbox_queue(
        to=submission.contact_email,
        language=submission.correspondence_language,
        template="submissions/email/withdrawn.txt",
        context={"submission": submission, "call": submission.call, **submission_links(submission)},
    )


def restore_mail_queue(submission: Submission) -> None:
    """The withdrawal undone; an input never confirmed still needs its address confirmed."""
    outbox_queue(
        to=submission.contact_email,
        language=submission.correspondence_language,
        template="submissions/email/restored.txt",
        context={"submission": submission, **submission_links(submission)},
    )


def subscription_confirm_mail_queue(subscription: CallSubscription) -> None:
    with translation.override(subscription.language):
        url = absolute(f"{page_url(subscription.call)}remind/confirm/{subscription_token(subscription)}/")
    outbox_queue(
        to=subscription.email,
        language=subscription.language,
        template="submissions/email/subscription_confirm.txt",
        context={"subscription": subscription, "call": subscription.call, "confirm_url": url},
    )


def reminder_mail_queue(subscription: CallSubscription) -> None:
    with translation.override(subscription.language):
        url = absolute(f"{page_url(subscription.call)}submit/")
    outbox_queue(
        to=subscription.email,
        language=subscription.language,
        template="submissions/email/reminder.txt",
        context={"subscription": subscription, "call": subscription.call, "submit_url": url},
    )
