"""Delivery of the mail outbox (also the periodic sweep that retries whatever is still queued)."""

from celery import shared_task
from post_office.mail import send_queued_mail_until_done


@shared_task(name="portal.tasks.mail_deliver")
def mail_deliver():
    """Send every queued mail whose time has come; a lock file keeps two runs from sending the same mail."""
    send_queued_mail_until_done()
