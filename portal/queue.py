"""Enqueue work after commit without ever failing or hanging the request that asks for it."""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue(task, *args) -> bool:
    """Send the task to the broker once (short timeouts); on failure log it: a periodic sweep catches up."""
    try:
        task.apply_async(args=args, retry=False)
    except Exception:  # the broker's many transport errors
        logger.warning("Task %s not enqueued (broker unavailable); its sweep will run it.", task.name, exc_info=True)
        return False
    return True


def enqueue_after_commit(task, *args) -> None:
    transaction.on_commit(lambda: enqueue(task, *args), robust=True)
