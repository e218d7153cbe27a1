"""Who may see an input's attachments: the reviewing roles, the private link's holder, or all once published."""

from .models import Attachment
from .tokens import submission_from_token


def can_download_attachment(*, user, attachment: Attachment, token: str | None) -> bool:
    from review.permissions import can  # the roles of reviewers and secretariat live with the review

    if user.is_authenticated and can(user, "view", attachment.submission):
        return True
    if attachment_is_public(attachment):
        return True
    if token:
        submission = submission_from_token(token, "manage")
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
