"""Background work of the intake; each task is safe to run twice.

Tasks import the services they call when they run: the services enqueue these tasks in turn.
"""

from celery import shared_task

from portal.queue import enqueue


@shared_task(name="submissions.tasks.submissions_expire")
def submissions_expire():
    from .services import submissions_expire as expire

    expire()


@shared_task(name="submissions.tasks.submissions_erase_expired")
def submissions_erase_expired():
    """Hourly: expired inputs past the retention period lose their personal data and content."""
    from .retention import submissions_erase_expired as erase

    return erase()


@shared_task(name="submissions.tasks.call_reminders_send")
def call_reminders_send():
    from .reminders import call_reminders_send as send

    send()


@shared_task(name="submissions.tasks.attachment_text_extract")
def attachment_text_extract(attachment_id: int):
    from .extraction_service import attachment_text_store

    attachment_text_store(attachment_id=attachment_id)


@shared_task(name="submissions.tasks.attachments_text_extract")
def attachments_text_extract(submission_id: int):
    """All attachments of one input whose text is not extracted yet."""
    from .extraction_service import attachment_text_store, attachments_pending

    for attachment_id in attachments_pending(submission_id=submission_id):
        attachment_text_store(attachment_id=attachment_id)


@shared_task(name="submissions.tasks.attachments_extract_pending")
def attachments_extract_pending():
    """The sweep: attachments whose extraction was never enqueued, or whose worker died."""
    from .extraction_service import attachments_pending

    for attachment_id in attachments_pending():
        enqueue(attachment_text_extract, attachment_id)


@shared_task(name="submissions.tasks.receipt_chain_publish")
def receipt_chain_publish():
    """Daily, after midnight UTC: sign and publish the head of each finished day of the receipt chain."""
    from .chain import chain_heads_publish

    return [head.day.isoformat() for head in chain_heads_publish()]
