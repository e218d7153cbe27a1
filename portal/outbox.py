"""Mail leaves through the outbox: rows written in the sender's transaction, delivered by a worker later."""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def delivery_request_after_commit(sender, **kwargs):
    """Ask a worker to deliver once the rows are committed; never fail the sender's request."""
    transaction.on_commit(delivery_request, robust=True)


def delivery_request():
    """Enqueue one delivery run. If the broker is down the mail stays queued and the sweep sends it."""
    from .tasks import mail_deliver

    try:
        mail_deliver.apply_async(retry=False)
    except Exception:  # the broker's many transport errors; the periodic sweep is the safety net
        logger.warning("Mail delivery not enqueued (broker unavailable); the sweep will deliver it.", exc_info=True)
