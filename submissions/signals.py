"""What the intake tells the apps above it, which subscribe in their AppConfig.ready (submissions imports none
of them). Each is sent inside the transaction of the change it reports, so a receiver's writes commit or roll
back with it."""

from django.dispatch import Signal

# The submitter proved the address: the input is handed to the reviewers. Sent with `submission`.
submission_confirmed = Signal()
# The submitter edited the input. Sent with `submission` and `before`, its texts before the edit
# ({(source, answer id): text}, see `submission_texts`).
submission_edited = Signal()
# The submitter withdrew the input. Sent with `submission`.
submission_withdrawn = Signal()
# The submitter undid the withdrawal before the call closed. Sent with `submission`, back to "received" (if
# it had been confirmed) or "email not confirmed".
submission_restored = Signal()
# The text of an input's attachments was extracted (or failed to be). Sent with `submission_id`.
attachments_text_stored = Signal()
