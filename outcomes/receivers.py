"""What the outcomes do when Wagtail reports a change."""

from portal.queue import enqueue_after_commit


def recommendation_published(sender, instance, **kwargs):
    """A recommendation published: after the commit, tell the submitters whose inputs it cites."""
    from .tasks import citation_notices_send_task

    enqueue_after_commit(citation_notices_send_task)
