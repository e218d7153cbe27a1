"""Who may see what of an input."""

from .models import Attachment
from .tokens import submission_from_token


def can_view_submissions(user) -> bool:
    """Staff with the view permission (reviewers and the secretariat); issue-level scoping comes with review."""
    return user.is_authenticated and user.is_active and user.has_perm("submissions.view_submission")


def can_download_attachment(*, user, attachment: Attachment, token: str | None) -> bool:
    """Reviewers, or the submitter holding the private link of this very input."""
    if can_view_submissions(user):
        return True
    if token:
        submission = submission_from_token(token, "manage")
        return submission is not None and submission.pk == attachment.submission_id
    return False
