"""What the review tells the apps above it (the public reading subscribes in its AppConfig.ready)."""

from django.dispatch import Signal

# What the public reads changed (an input published, unpublished, redacted, withdrawn or edited back into
# review). Sent inside the change's transaction, without arguments.
publication_changed = Signal()
