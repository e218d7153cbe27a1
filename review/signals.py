"""What the review tells the apps above it (the public reading subscribes in its AppConfig.ready)."""

from django.dispatch import Signal

# What the public may read of an input may have changed (published, unpublished, redacted, mapped, withdrawn
# or edited back into review). Sent inside the change's transaction with `review`, the input's review.
publication_changed = Signal()
