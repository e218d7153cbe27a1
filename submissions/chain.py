"""The receipt chain: each receipt becomes a link holding the previous link's hash, signed by the portal's key.

Links are added under a lock on the chain's tip, in the transaction that records the version, so that two
inputs sent at once never fork the chain. After midnight (UTC) beat signs and publishes each day's head.
"""

import logging
from datetime import UTC, date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from .models import ReceiptChain, ReceiptChainHead, ReceiptLink, Submission, SubmissionVersion
from .receipts import (
    LINK_FIELDS,
    canonical,
    fingerprint,
    head_statement,
    link_hash,
    moment_text,
    public_document,
    receipt_document,
    receipt_statement,
)
from .signing import portal_key_id, sign

logger = logging.getLogger(__name__)


def receipt_record(*, submission: Submission, version: SubmissionVersion, received_at: datetime) -> ReceiptLink:
    """The version's receipt: its document's fingerprint, signed, as the chain's next link (call in a transaction).

    The document is not stored: it is rebuilt from the version's content and this link (`receipt_bytes`).
    """
    return receipt_chain_append(receipt_prepare(submission=submission, version=version, received_at=received_at))


def receipt_prepare(*, submission: Submission, version: SubmissionVersion, received_at: datetime) -> ReceiptLink:
    """The version's receipt, fingerprinted and signed, not yet in the chain: all of it that needs no lock."""
    content = version.content
    public_sha256 = None if content["publication"] == "private" else fingerprint(public_document(content))
    previous = None
    if version.number > 1:
        previous = submission.receipt_links.filter(version=version.number - 1).values_list("sha256", flat=True).first()
    document = receipt_document(
        content=content,
        version=version.number,
        received_at=moment_text(received_at),
        public_sha256=public_sha256,
        previous_sha256=previous,
    )
    sha256 = fingerprint(document)
    return ReceiptLink(
        submission=submission,
        reference=submission.reference,
        version=version.number,
        received_at=received_at,
        sha256=sha256,
        public_sha256=public_sha256 or "",
        signature=sign(
            receipt_statement(reference=submission.reference, received_at=document["received_at"], sha256=sha256)
        ),
        key_id=portal_key_id(),
    )


def receipt_chain_append(link: ReceiptLink) -> ReceiptLink:
    """Add a prepared receipt as the chain's next link (call in a transaction).

    The chain's tip stays locked until the transaction commits, so that two inputs sent at once never fork the
    chain: call this last in the transaction, so that other inputs wait for as little as possible.
    """
    assert transaction.get_connection().in_atomic_block
    tip, _ = ReceiptChain.objects.select_for_update().get_or_create(pk=1)
    last_linked = ReceiptLink.objects.filter(sequence=tip.sequence).values_list("linked_at", flat=True).first()
    link.sequence = tip.sequence + 1
    # Under the lock, so that times never run backwards along the chain (clocks of two servers may).
    link.linked_at = max(timezone.now(), last_linked or link.received_at, link.received_at)
    link.previous = tip.link
    link.link = link_hash(link_fields(link))
    link.save()
    tip.sequence, tip.link = link.sequence, link.link
    tip.save(update_fields=["sequence", "link"])
    return link


def link_fields(link: ReceiptLink) -> dict:
    return {
        "sequence": link.sequence,
        "reference": link.reference,
        "version": link.version,
        "received_at": moment_text(link.received_at),
        "linked_at": moment_text(link.linked_at),
        "sha256": link.sha256,
        "public_sha256": link.public_sha256 or None,
        "previous": link.previous or None,
    }


def link_line(link: ReceiptLink) -> dict:
    """A link as the public chain serves it, one JSON object per line: nothing private."""
    assert set(LINK_FIELDS) <= set(link_fields(link))
    return {"type": "link", **link_fields(link), "link": link.link, "signature": link.signature, "key_id": link.key_id}


def head_line(head: ReceiptChainHead) -> dict:
    return {
        "type": "head",
        "day": head.day.isoformat(),
        "sequence": head.sequence,
        "link": head.link or None,
        "count": head.count,
        "published_at": moment_text(head.published_at),
        "signature": head.signature,
        "key_id": head.key_id,
    }


def receipt_bytes(submission: Submission, version: int) -> bytes | None:
    """The receipt document of one version, byte for byte as hashed; None when there is none (older inputs)."""
    link = submission.receipt_links.filter(version=version).first()
    stored = submission.versions.filter(number=version).first()
    if link is None or stored is None:
        return None
    previous = submission.receipt_links.filter(version=version - 1).values_list("sha256", flat=True).first()
    document = receipt_document(
        content=stored.content,
        version=version,
        received_at=moment_text(link.received_at),
        public_sha256=link.public_sha256 or None,
        previous_sha256=previous,
    )
    return canonical(document)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=UTC)
    return start, start + timedelta(days=1)


def day_lines(day: date) -> list[dict]:
    """The links chained on `day` (UTC), then its signed head once published."""
    start, end = day_bounds(day)
    lines = [link_line(link) for link in ReceiptLink.objects.filter(linked_at__gte=start, linked_at__lt=end)]
    head = ReceiptChainHead.objects.filter(day=day).first()
    return lines + ([head_line(head)] if head else [])


def chain_heads_publish(*, now: datetime | None = None) -> list[ReceiptChainHead]:
    """Sign the head of every finished day not yet published, from the first link's day to yesterday (UTC).

    Taken under the chain's lock: a link being added before midnight is committed before its day is signed.
    Safe to run twice; a day without receipts gets a head too (the same link, count 0), saying nothing was added.
    """
    today = (now or timezone.now()).astimezone(UTC).date()
    published = []
    with transaction.atomic():
        ReceiptChain.objects.get_or_create(pk=1)
        ReceiptChain.objects.select_for_update().get(pk=1)
        last = ReceiptChainHead.objects.order_by("-day").first()
        first_link = ReceiptLink.objects.order_by("sequence").first()
        if first_link is None:
            return []
        day = last.day + timedelta(days=1) if last else first_link.linked_at.astimezone(UTC).date()
        while day < today:
            published.append(head_publish(day))
            day += timedelta(days=1)
    if published:
        logger.info("Receipt chain: %d day head(s) published", len(published))
    return published


def head_publish(day: date) -> ReceiptChainHead:
    start, end = day_bounds(day)
    last = ReceiptLink.objects.filter(linked_at__lt=end).order_by("-sequence").first()
    count = ReceiptLink.objects.filter(linked_at__gte=start, linked_at__lt=end).count()
    sequence, link = (last.sequence, last.link) if last else (0, "")
    statement = head_statement(day=day.isoformat(), sequence=sequence, link=link or None, count=count)
    return ReceiptChainHead.objects.create(
        day=day, sequence=sequence, link=link, count=count, signature=sign(statement), key_id=portal_key_id()
    )
