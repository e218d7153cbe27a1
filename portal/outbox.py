"""Mail leaves through the outbox: rows written in the sender's transaction, delivered by a worker later."""

from .queue import enqueue_after_commit


def delivery_request_after_commit(sender, **kwargs):
    """Ask a worker to deliver once the rows are committed; the sweep delivers if the broker is down."""
    from .tasks import mail_deliver

    enqueue_after_commit(mail_deliver)
