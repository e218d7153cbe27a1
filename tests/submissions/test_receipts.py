"""Receipts anyone can check: the receipt file hashes to the fingerprint shown and mailed, the portal's signature
checks with its published key, and the documented command finds any change to a receipt or to the chain."""

import hashlib
import json
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from submissions.models import ReceiptChainHead, ReceiptLink, Submission
from submissions.receipts import canonical
from tests.intake import form_data, open_call, outbox_deliver

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def call(call_index):
    return open_call(call_index)


def submit(client, call, **overrides) -> tuple[Submission, str]:
    """An input sent through the form; returns it and its receipt page's address."""
    response = client.post(f"{call.url}submit/", form_data(call, **overrides))
    assert response.status_code == 302
    return Submission.objects.order_by("-pk").first(), response["Location"]


def files_of(client, receipt_url: str, version: int, tmp_path) -> tuple[Path, Path]:
    """The receipt file and its signed chain link, downloaded as the receipt page links them."""
    html = client.get(receipt_url).content.decode()
    document_url, link_url = f"{receipt_url}v{version}/document/", f"{receipt_url}v{version}/link/"
    assert f'href="{document_url}"' in html and f'href="{link_url}"' in html
    document, link = client.get(document_url), client.get(link_url)
    assert document.status_code == link.status_code == 200
    assert "attachment" in document["Content-Disposition"] and document["Cache-Control"] == "private, no-store"
    paths = tmp_path / f"receipt-v{version}.json", tmp_path / f"link-v{version}.jsonl"
    paths[0].write_bytes(document.content)
    paths[1].write_bytes(link.content)
    return paths


def key_file(client, tmp_path) -> Path:
    response = client.get("/.well-known/input-portal-receipt-key")
    assert response.status_code == 200 and response.json()["algorithm"] == "Ed25519"
    path = tmp_path / "portal-key.json"
    path.write_bytes(response.content)
    return path


def verify(receipt, *chains, key, public=None) -> str:
    """The documented command, as a reader runs it; its report, or CommandError with its message."""
    output = []

    class Out:
        def write(self, text):
            output.append(text)

        def flush(self):
            pass

    options = {"chain": [str(path) for path in chains], "key": str(key), "stdout": Out()}
    if public:
        options["public"] = str(public)
    call_command("receipt_verify", str(receipt), **options)
    return "".join(output)


def day_chain(client, tmp_path, name="chain.jsonl") -> Path:
    day = timezone.now().date().isoformat()
    response = client.get(f"/receipts/chain/{day}.jsonl")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/jsonl")
    path = tmp_path / name
    path.write_bytes(response.content)
    return path


def test_the_receipt_file_hashes_to_the_fingerprint_shown_and_mailed_and_the_command_verifies_it(
    client, call, tmp_path
):
    submission, receipt_url = submit(client, call)
    receipt, link = files_of(client, receipt_url, 1, tmp_path)
    shown = client.get(receipt_url).content.decode()

    printed = subprocess.run(["sha256sum", str(receipt)], capture_output=True, text=True, check=True).stdout.split()[0]
    assert printed == submission.fingerprint and printed in shown
    document = json.loads(receipt.read_bytes())
    assert document["received_at"] == submission.submitted_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    assert document["version"] == 1 and document["previous_sha256"] is None
    assert document["content"]["contact_email"] == "peter@example.org"  # the submitter's own copy: all they sent

    [mail] = outbox_deliver()
    assert submission.fingerprint in mail.body
    mailed_url = re.search(r"(http://testserver\S+/v1/document/)", mail.body)[1]
    assert hashlib.sha256(client.get(mailed_url.removeprefix("http://testserver")).content).hexdigest() == printed

    key = key_file(client, tmp_path)
    report = verify(receipt, link, key=key)
    assert "The receipt is valid." in report and printed in report
    # The day's public chain serves the same link, and the command reads it as well.
    assert "The receipt is valid." in verify(receipt, day_chain(client, tmp_path), key=key)


def test_the_command_reads_only_its_files_no_database(client, call, tmp_path):
    _submission, receipt_url = submit(client, call)
    receipt, link = files_of(client, receipt_url, 1, tmp_path)
    key = key_file(client, tmp_path)
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/no-such-database",  # nothing listens there
    }
    command = [sys.executable, "manage.py", "receipt_verify", str(receipt), "--chain", str(link), "--key", str(key)]
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "OK signature" in result.stdout and "The receipt is valid." in result.stdout


def rewritten(path: Path, change) -> Path:
    """The receipt with `change` applied to its document, written back in canonical form (a careful forger)."""
    document = json.loads(path.read_bytes())
    change(document)
    forged = path.with_name("forged.json")
    forged.write_bytes(canonical(document))
    return forged


def test_a_changed_text_or_time_and_a_foreign_key_are_refused(client, call, tmp_path):
    _submission, receipt_url = submit(client, call)
    receipt, link = files_of(client, receipt_url, 1, tmp_path)
    key = key_file(client, tmp_path)
    edited = tmp_path / "edited.json"
    edited.write_bytes(receipt.read_bytes().replace(b"More tangible", b"Less tangible"))
    with pytest.raises(CommandError, match="FAILED: .* the receipt was changed"):
        verify(edited, link, key=key)

    def new_text(document):
        document["content"]["answers"] = dict.fromkeys(document["content"]["answers"], "Other words.")

    def earlier(document):
        document["received_at"] = "2020-01-01T00:00:00.000000Z"

    with pytest.raises(CommandError, match="fingerprint .* is not the one the chain signed"):
        verify(rewritten(receipt, new_text), link, key=key)
    with pytest.raises(CommandError, match="fingerprint .* is not the one the chain signed"):
        verify(rewritten(receipt, earlier), link, key=key)
    with pytest.raises(CommandError, match="not in canonical form"):
        (tmp_path / "spaced.json").write_text(json.dumps(json.loads(receipt.read_bytes()), indent=1))
        verify(tmp_path / "spaced.json", link, key=key)

    # A forger who also rewrites the link cannot sign it: the published key refuses the signature.
    line = json.loads(link.read_bytes())
    line["received_at"] = "2020-01-01T00:00:00.000000Z"
    from submissions.receipts import link_hash

    line["link"] = link_hash(line)
    (tmp_path / "forged-link.jsonl").write_text(json.dumps(line) + "\n")
    with pytest.raises(CommandError, match="signature is not the portal's"):
        verify(rewritten(receipt, earlier), tmp_path / "forged-link.jsonl", key=key)

    other = tmp_path / "other-key.pem"
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    other.write_bytes(
        Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    with pytest.raises(CommandError, match="signature is not the portal's"):
        verify(receipt, link, key=other)


def test_a_link_removed_from_the_chain_or_a_day_altered_after_its_head_is_found(client, call, tmp_path):
    receipts = []
    for number in range(3):
        submission, receipt_url = submit(client, call, contact_email=f"sender{number}@example.org")
        receipts.append(files_of(client, receipt_url, 1, tmp_path)[0])
    key = key_file(client, tmp_path)
    chain = day_chain(client, tmp_path)
    lines = chain.read_text().splitlines()
    assert [json.loads(line)["sequence"] for line in lines] == [1, 2, 3]
    assert "3 link(s), #1 to #3" in verify(receipts[2], chain, key=key)

    removed = tmp_path / "removed.jsonl"
    removed.write_text("\n".join([lines[0], lines[2]]) + "\n")
    with pytest.raises(CommandError, match="Link #2 is missing"):
        verify(receipts[2], removed, key=key)
    only_first = tmp_path / "first.jsonl"
    only_first.write_text(lines[0] + "\n")
    with pytest.raises(CommandError, match="not in the chain given"):
        verify(receipts[1], only_first, key=key)

    # Published after midnight, the day's signed head pins its last link: dropping that link is seen too.
    today = timezone.now().date().isoformat()
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        from submissions.tasks import receipt_chain_publish

        assert receipt_chain_publish.apply().get() == [today]
        assert receipt_chain_publish.apply().get() == []  # safe to run twice
    head = ReceiptChainHead.objects.get()
    assert (head.sequence, head.count) == (3, 3)
    chain = day_chain(client, tmp_path, "published.jsonl")
    assert "OK head of" in verify(receipts[0], chain, key=key)
    truncated = tmp_path / "truncated.jsonl"
    published = chain.read_text().splitlines()
    truncated.write_text("\n".join([*published[:2], published[3]]) + "\n")
    with pytest.raises(CommandError, match="a link was added or removed after the day was published"):
        verify(receipts[0], truncated, key=key)
    index = client.get("/receipts/chain/").json()
    assert index["days"][0]["sequence"] == 3 and index["tip"]["sequence"] == 3


def test_each_edit_gets_its_own_receipt_naming_the_previous_one(client, call, tmp_path):
    submission, receipt_url = submit(client, call)
    manage_url = re.search(r"http://testserver(\S+/input/\S+/)", outbox_deliver()[0].body)[1]
    first, _ = files_of(client, receipt_url, 1, tmp_path)
    data = form_data(call, general_comment="An afterthought.")
    data.pop("form_token")
    assert client.post(f"{manage_url}edit/", data).status_code == 302

    second, _ = files_of(client, manage_url, 2, tmp_path)  # from the private page, too
    document = json.loads(second.read_bytes())
    assert document["version"] == 2 and document["previous_sha256"] == hashlib.sha256(first.read_bytes()).hexdigest()
    submission.refresh_from_db()
    assert hashlib.sha256(second.read_bytes()).hexdigest() == submission.fingerprint
    assert "OK previous version 1" in verify(second, day_chain(client, tmp_path), key=key_file(client, tmp_path))
    changed = outbox_deliver()[-1]
    assert submission.fingerprint in changed.body and "/v2/document/" in changed.body


def test_nobody_without_the_links_gets_a_receipt_file_and_the_chain_holds_nothing_private(client, call):
    submission, receipt_url = submit(client, call)
    other, other_receipt_url = submit(client, call, contact_email="other@example.org")
    [mail] = [mail for mail in outbox_deliver() if mail.to == ["peter@example.org"]]
    manage_url = re.search(r"http://testserver(\S+/input/\S+/)", mail.body)[1]
    token = receipt_url.rstrip("/").rsplit("/", 1)[1]
    forged = f"{token[:-3]}abc"
    for url in (
        f"{call.url}receipt/{forged}/v1/document/",
        f"{call.url}receipt/{other.pk}-{token.split('-', 1)[1]}/v1/document/",  # another input's number
        f"{call.url}input/{forged}/v1/document/",
        f"{call.url}receipt/{token}/v1/other/",
        f"{call.url}receipt/{token}/v2/document/",  # no such version
    ):
        assert client.get(url).status_code == 404, url
    assert client.get(f"{manage_url}v1/document/").status_code == 200
    from submissions.links import private_link_renew

    private_link_renew(submission=submission)
    assert client.get(f"{manage_url}v1/link/").status_code == 404  # a replaced private link opens nothing

    public = client.get(f"/receipts/chain/{timezone.now().date().isoformat()}.jsonl").content.decode()
    assert submission.reference in public and other.reference in public
    for private in ("peter@example.org", "other@example.org", "Peter Major", "tangible", "Hungary"):
        assert private not in public
    assert client.get("/receipts/chain/2026-02-30.jsonl").status_code == 404


def test_links_are_never_removed_with_an_erased_input(client, call):
    submission, _ = submit(client, call)
    from submissions.retention import submission_erase

    Submission.objects.filter(pk=submission.pk).update(
        status="expired", submitted_at=timezone.now() - timedelta(days=90)
    )
    assert submission_erase(pk=submission.pk, now=timezone.now())
    assert ReceiptLink.objects.filter(submission=submission).count() == 1
    assert (
        client.get(f"/receipts/chain/{timezone.now().date().isoformat()}.jsonl").content.count(b'"type": "link"') == 1
    )
