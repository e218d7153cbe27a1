"""An input's public document: the words and facts its public page shows, as canonical JSON anyone can hash.

Built from the same public view as the page (`reading.public_view`), so redactions flow through: each
redacted span reads "[redacted]" and their count is stated. Compared with the public fingerprint its receipt
registered in the chain, a reader sees whether the published words are exactly those submitted.
"""

import hashlib
from dataclasses import dataclass

from django.http import HttpResponse

from submissions.models import ReceiptLink
from submissions.receipts import canonical, public_document, submission_content

from .public_view import PublicView


@dataclass(frozen=True)
class PublicRecord:
    document: dict
    body: bytes
    receipt: ReceiptLink | None  # the receipt of the latest version, in the chain

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()

    @property
    def redactions(self) -> int:
        return self.document["redactions"] + self.document["withheld_attachments"]

    @property
    def is_as_submitted(self) -> bool:
        """The public words are exactly the public part of the receipt registered when the input was received."""
        return self.receipt is not None and self.receipt.public_sha256 == self.sha256


def public_record(view: PublicView) -> PublicRecord:
    submission = view.submission
    document = public_document(
        submission_content(submission),
        answers={str(item.answer.question_id): item.pieces for item in view.answers},
        general_comment=view.general_comment,
        attachments=[{"name": item.name, "size": item.size, "sha256": item.sha256} for item in view.attachments],
    )
    receipt = ReceiptLink.objects.filter(submission=submission).order_by("-version").first()
    return PublicRecord(document=document, body=canonical(document), receipt=receipt)


def public_record_download(record: PublicRecord) -> HttpResponse:
    """The public document, byte for byte as hashed: `sha256sum` of it is the fingerprint on the page."""
    response = HttpResponse(record.body, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{record.document["reference"]}-public.json"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
