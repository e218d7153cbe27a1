"""Who may see an input's attachments: the reviewing roles, or the holder of the input's private link."""

from .models import Attachment
from .tokens import submission_from_token


def can_download_attachment(*, user, attachment: Attachment, token: str | None) -> bool:
    from review.permissions import can  # the roles of reviewers and secretariat live with the review

    if user.is_authenticated and can(user, "view", attachment.submission):
        return True
    if token:
        submission = submission_from_token(token, "manage")
        return submission is not None and submission.pk == attachment.submission_id
    return False
