"""Checking a receipt and the receipt chain offline, from files alone: what `manage.py receipt_verify` runs.

Nothing here reads the database or the settings; every check either adds a line saying what it found or
raises ReceiptInvalid with a message saying what is wrong.
"""

import hashlib
import json
from datetime import datetime

from .receipts import (
    PUBLIC_FORMAT,
    RECEIPT_FORMAT,
    REDACTION_MARK,
    canonical,
    fingerprint,
    head_statement,
    link_hash,
    public_document,
    receipt_statement,
)
from .signing import key_id, signature_valid

# How long after its receipt a version may be linked into the chain: the transaction that records it.
LINK_DELAY_MAX_SECONDS = 600


class ReceiptInvalid(Exception):
    pass


def json_read(body: bytes, what: str) -> dict:
    try:
        document = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ReceiptInvalid(f"{what} is not JSON ({error}).") from error
    if not isinstance(document, dict):
        raise ReceiptInvalid(f"{what} is not a JSON object.")
    return document


def receipt_read(body: bytes) -> tuple[dict, str]:
    """The receipt document and its fingerprint, the SHA-256 of its bytes as they are (as `sha256sum` gives)."""
    document = json_read(body, "The receipt")
    if document.get("format") != RECEIPT_FORMAT:
        raise ReceiptInvalid(f"The receipt's format is {document.get('format')!r}, not {RECEIPT_FORMAT!r}.")
    if canonical(document) != body:
        raise ReceiptInvalid("The receipt is not in canonical form: it was changed after it was issued.")
    return document, hashlib.sha256(body).hexdigest()


def chain_read(body: bytes) -> list[dict]:
    lines = []
    for number, line in enumerate(body.decode("utf-8").splitlines(), start=1):
        if line.strip():
            try:
                lines.append(json.loads(line))
            except ValueError as error:
                raise ReceiptInvalid(f"Line {number} of the chain is not JSON ({error}).") from error
    if not lines:
        raise ReceiptInvalid("The chain file is empty.")
    return lines


def chain_check(lines: list[dict], key) -> list[str]:
    """Every link's hash and signature, each link holding the previous one's hash with no number missing,
    times never running backwards, and each day's signed head matching the links before it."""
    done, previous, day_count = [], None, 0
    for line in lines:
        if line.get("type") == "head":
            done.append(head_check(line, previous, day_count, key))
            day_count = 0
            continue
        if line.get("type") != "link":
            raise ReceiptInvalid(f"A line of the chain is neither a link nor a head: {line!r}.")
        sequence = line.get("sequence")
        if link_hash(line) != line.get("link"):
            raise ReceiptInvalid(f"Link #{sequence} was altered: its hash does not match its fields.")
        if line.get("key_id") != key_id(key) or not signature_valid(key, statement_of(line), line["signature"]):
            raise ReceiptInvalid(f"Link #{sequence}: the signature is not the portal's (key {key_id(key)}).")
        if (
            time_of(line["linked_at"]) < time_of(line["received_at"])
            or (time_of(line["linked_at"]) - time_of(line["received_at"])).total_seconds() > LINK_DELAY_MAX_SECONDS
        ):
            raise ReceiptInvalid(f"Link #{sequence} was linked long after its time of receipt: back-dated.")
        if previous is not None:
            if sequence != previous["sequence"] + 1:
                raise ReceiptInvalid(
                    f"Link #{previous['sequence'] + 1} is missing: #{previous['sequence']} is followed by #{sequence}."
                )
            if line.get("previous") != previous["link"]:
                raise ReceiptInvalid(f"Link #{sequence} does not hold the hash of link #{previous['sequence']}.")
            if time_of(line["linked_at"]) < time_of(previous["linked_at"]):
                raise ReceiptInvalid(f"Link #{sequence} is dated before link #{previous['sequence']}.")
        previous, day_count = line, day_count + 1
    links = [line for line in lines if line.get("type") == "link"]
    span = f"#{links[0]['sequence']} to #{links[-1]['sequence']}" if links else "no link"
    return [*done, f"OK chain: {len(links)} link(s), {span}, each signed and holding the previous one's hash"]


def head_check(head: dict, previous: dict | None, day_count: int, key) -> str:
    statement = head_statement(day=head["day"], sequence=head["sequence"], link=head["link"], count=head["count"])
    if head.get("key_id") != key_id(key) or not signature_valid(key, statement, head.get("signature", "")):
        raise ReceiptInvalid(f"The head of {head['day']}: the signature is not the portal's (key {key_id(key)}).")
    if previous is not None and (head["sequence"], head["link"]) != (previous["sequence"], previous["link"]):
        raise ReceiptInvalid(
            f"The head of {head['day']} names link #{head['sequence']}, but the chain before it ends at "
            f"#{previous['sequence']}: a link was added or removed after the day was published."
        )
    if day_count and day_count != head["count"]:
        raise ReceiptInvalid(f"The head of {head['day']} counts {head['count']} link(s); the file has {day_count}.")
    return f"OK head of {head['day']}: link #{head['sequence']}, {head['count']} receipt(s) that day, signed"


def statement_of(line: dict) -> bytes:
    return receipt_statement(reference=line["reference"], received_at=line["received_at"], sha256=line["sha256"])


def time_of(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def receipt_in_chain(document: dict, sha256: str, lines: list[dict]) -> list[str]:
    """The receipt's link: same reference, version, time and fingerprints; and its previous version's."""
    reference, version = document["reference"], document["version"]
    links = {(line["reference"], line["version"]): line for line in lines if line.get("type") == "link"}
    link = links.get((reference, version))
    if link is None:
        raise ReceiptInvalid(f"{reference} version {version} is not in the chain given.")
    if link["sha256"] != sha256:
        raise ReceiptInvalid(
            f"The receipt's fingerprint {sha256} is not the one the chain signed ({link['sha256']}): "
            "the receipt was changed."
        )
    if link["received_at"] != document["received_at"] or link["public_sha256"] != document["public_sha256"]:
        raise ReceiptInvalid("The receipt's time or public fingerprint differs from its link in the chain.")
    signed = f"({reference}, {document['received_at']}, {sha256})"
    done = [f"OK signature: the portal signed {signed} in link #{link['sequence']}"]
    earlier = links.get((reference, version - 1))
    if version > 1 and earlier is None:
        done.append(f"-- previous version {version - 1} is not in this chain file: its fingerprint was not compared")
    elif earlier is not None and earlier["sha256"] != document["previous_sha256"]:
        raise ReceiptInvalid(
            f"The receipt names a previous version other than the one in the chain (#{earlier['sequence']})."
        )
    elif earlier is not None:
        done.append(f"OK previous version {version - 1}: its fingerprint is the one the receipt names")
    return done


def public_check(document: dict, public_body: bytes) -> list[str]:
    """The published public document against the receipt: identical, or the same but for disclosed redactions."""
    published = json_read(public_body, "The public document")
    if published.get("format") != PUBLIC_FORMAT:
        raise ReceiptInvalid(f"The public document's format is {published.get('format')!r}, not {PUBLIC_FORMAT!r}.")
    submitted = public_document(document["content"])
    public_sha256 = hashlib.sha256(public_body).hexdigest()
    if fingerprint(submitted) == public_sha256:
        return [f"OK public document {public_sha256}: exactly the public part of this receipt, nothing redacted"]
    texts = ("answers", "general_comment", "redactions", "withheld_attachments", "attachments")
    for field in set(submitted) - set(texts):
        if submitted[field] != published.get(field):
            raise ReceiptInvalid(f"The public document's {field} differs from what was submitted.")
    pairs = [(submitted["general_comment"], published.get("general_comment", ""))]
    if set(published.get("answers", {})) - set(submitted["answers"]):
        raise ReceiptInvalid("The public document has an answer that was not submitted.")
    pairs += [(text, published["answers"].get(question, "")) for question, text in submitted["answers"].items()]
    marks = sum(shown.count(REDACTION_MARK) - text.count(REDACTION_MARK) for text, shown in pairs)
    for text, shown in pairs:
        if not redaction_of(text, shown):
            raise ReceiptInvalid(f"Published words differ from the submitted ones beyond redactions: {shown[:80]!r}.")
    if marks != published.get("redactions"):
        raise ReceiptInvalid(
            f"The public document states {published.get('redactions')} redaction(s); it shows {marks}."
        )
    submitted_files = {item["sha256"] for item in submitted["attachments"]}
    shown_files = {item["sha256"] for item in published.get("attachments", [])}
    if not shown_files <= submitted_files or len(submitted_files - shown_files) != published.get(
        "withheld_attachments"
    ):
        raise ReceiptInvalid(
            "The public document's attachments are not the submitted ones less those it says it withheld."
        )
    return [
        f"OK public document {public_sha256}: the submitted words, except {marks} disclosed redaction(s) "
        f"and {published['withheld_attachments']} withheld attachment(s)"
    ]


def redaction_of(text: str, shown: str) -> bool:
    """Whether `shown` is `text` with some spans replaced by REDACTION_MARK (leftmost matching suffices)."""
    parts = shown.split(REDACTION_MARK)
    if len(parts) == 1:
        return text == shown
    if not (text.startswith(parts[0]) and text.endswith(parts[-1])):
        return False
    position, end = len(parts[0]), len(text) - len(parts[-1])
    for part in parts[1:-1]:
        found = text.find(part, position, end)
        if found < 0:
            return False
        position = found + len(part)
    return position <= end
