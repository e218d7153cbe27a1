"""What the public reading does when the layers below report a change."""

from .facts import published_fact_refresh
from .public_cache import public_content_changed
from .search import public_index_refresh


def publication_changed_received(sender, review, **kwargs):
    """Receiver of review's publication_changed (sent inside the review's transaction): the input's published
    facts and the public index follow its public view, and a change of what the public reads retires every
    cached page and compilation older than it."""
    published_fact_refresh(review.submission_id)
    if public_index_refresh(review):
        public_content_changed()
