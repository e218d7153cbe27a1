"""Receipts as files: each version's receipt document and chain link (for the submitter), the portal's public
key and the public receipt chain (for everyone)."""

import json
from datetime import date

from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse

from .chain import day_lines, link_line, receipt_bytes
from .models import ReceiptChainHead, ReceiptLink
from .signing import public_key_document


def download(body: bytes, filename: str, content_type: str, *, private: bool) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=300"
    return response


def receipt_file(submission, version: int, kind: str) -> HttpResponse:
    """`kind` "document" or "link": the two files of a receipt."""
    if kind == "document":
        return receipt_download(submission, version)
    if kind == "link":
        return receipt_link_download(submission, version)
    raise Http404


def receipt_download(submission, version: int) -> HttpResponse:
    """The receipt document of one version, byte for byte as hashed: `sha256sum` of it is its fingerprint."""
    body = receipt_bytes(submission, version)
    if body is None:
        raise Http404
    return download(body, f"{submission.reference}-v{version}.json", "application/json", private=True)


def receipt_link_download(submission, version: int) -> HttpResponse:
    """The version's link of the receipt chain (its signature), one line as the public chain serves it."""
    link = ReceiptLink.objects.filter(submission=submission, version=version).first()
    if link is None:
        raise Http404
    return download(jsonl([link_line(link)]), f"{submission.reference}-v{version}.link.jsonl", JSONL, private=True)


JSONL = "application/jsonl; charset=utf-8"


def jsonl(lines: list[dict]) -> bytes:
    return "".join(json.dumps(line, sort_keys=True, ensure_ascii=False) + "\n" for line in lines).encode("utf-8")


def receipt_key(request):
    """The portal's public key, with its id: what a reader needs to check receipts and the chain's heads."""
    return JsonResponse(public_key_document(), headers={"Access-Control-Allow-Origin": "*"})


def chain_index(request):
    """The days of the chain whose heads are published, newest first, with the address of each day's file."""
    heads = ReceiptChainHead.objects.order_by("-day")
    days = [
        {
            "day": head.day.isoformat(),
            "sequence": head.sequence,
            "link": head.link or None,
            "count": head.count,
            "url": request.build_absolute_uri(reverse("receipts:chain_day", args=[head.day.isoformat()])),
        }
        for head in heads
    ]
    tip = ReceiptLink.objects.order_by("-sequence").first()
    return JsonResponse(
        {
            "key": request.build_absolute_uri(reverse("receipts:key")),
            "tip": link_line(tip) if tip else None,
            "days": days,
        },
        json_dumps_params={"ensure_ascii": False},
    )


def chain_day(request, day: str):
    """One day's links (UTC) as JSON Lines, ended by the day's signed head once beat has published it."""
    try:
        moment = date.fromisoformat(day)
    except ValueError:
        raise Http404 from None
    return download(jsonl(day_lines(moment)), f"receipt-chain-{moment.isoformat()}.jsonl", JSONL, private=False)
