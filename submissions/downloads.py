"""Attachments leave only through here: permission checked, always as a download, never rendered."""

from django.http import FileResponse, Http404

from .models import Attachment
from .permissions import can_download_attachment


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
