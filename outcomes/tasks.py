"""Background work of the outcomes."""

from celery import shared_task

from .notifications import citation_notices_send


@shared_task(name="outcomes.tasks.citation_notices_send")
def citation_notices_send_task():
    """Run after each publication of a recommendation, and by beat to catch up."""
    citation_notices_send()
