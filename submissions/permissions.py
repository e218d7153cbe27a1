"""Who sees an input's attachments: the reviewing roles, a working private link's holder, or all once published."""

from .links import PrivateLinkExpired, private_link_submission
from .models import Attachment


def can_download_attachment(*, user, attachment: Attachment, token: str | None) -> bool:
    from review.permissions import can  # the roles of reviewers and secretariat live with the review

    if user.is_authenticated and can(user, "view", attachment.submission):
        return True
    if attachment_is_public(attachment):
        return True
    if token:
        try:
            submission = private_link_submission(token)
        except PrivateLinkExpired:
            return False
        return submission is not None and submission.pk == attachment.submission_id
    return False


def attachment_is_public(attachment: Attachment) -> bool:
    """Attachments of a published input, unless a passage of the file's text is redacted (the file would show it)."""
    from review.selectors import published_submissions

    return (
        attachment.removed_at is None
        and published_submissions().filter(pk=attachment.submission_id).exists()
        and not attachment.passages.filter(redaction__isnull=False).exists()
    )
