"""Attachments leave only through here, always as a download, never rendered: to the reviewing roles, to the
holder of a working private link, and to everyone once the input is published (unless a passage of the
file's text is redacted)."""

from django.http import FileResponse, Http404

from submissions.links import PrivateLinkExpired, private_link_submission
from submissions.models import Attachment

from .permissions import can, can_code_blind
from .publication import published_submissions


def can_download_attachment(*, user, attachment: Attachment, token: str | None) -> bool:
    if user.is_authenticated and (
        can(user, "view", attachment.submission) or can_code_blind(user, attachment.submission)
    ):
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
    return (
        attachment.removed_at is None
        and published_submissions().filter(pk=attachment.submission_id).exists()
        and not attachment.passages.filter(redaction__isnull=False).exists()
    )


def attachment_download(request, pk: int):
    attachment = Attachment.objects.filter(pk=pk).first()
    if attachment is None or not can_download_attachment(
        user=request.user, attachment=attachment, token=request.GET.get("t")
    ):
        raise Http404  # the same answer whether the file exists or not: ids cannot be probed
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
