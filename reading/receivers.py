"""What the public reading does when the layers below report a change."""

from .public_cache import public_content_changed
from .search import public_index_refresh


def publication_changed_received(sender, review, **kwargs):
    """Receiver of review's publication_changed: the public index follows the input's public view, and a
    change of what the public reads retires every cached page and compilation older than it."""
    if public_index_refresh(review):
        public_content_changed()
