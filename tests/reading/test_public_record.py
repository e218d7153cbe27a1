"""The public page of an input shows the fingerprint of its public document, which a reader downloads and hashes;
redactions are disclosed, and the submitter's receipt proves the published words are theirs but for them."""

import hashlib
import json
import re
import subprocess

import pytest

from django.core.management import call_command

from review.redactions import passage_redact
from review.services import passage_create
from submissions.models import ReceiptLink
from tests.intake import outbox_deliver

pytestmark = pytest.mark.django_db


def public_files(client, submission, tmp_path):
    page = client.get(f"/en/inputs/{submission.reference}/").content.decode()
    assert f'href="/en/inputs/{submission.reference}/public/"' in page
    download = client.get(f"/en/inputs/{submission.reference}/public/")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    path = tmp_path / "public.json"
    path.write_bytes(download.content)
    return page, path


def test_an_unredacted_input_is_published_exactly_as_its_receipt_registered(client, published, tmp_path):
    submission = published(general_comment="Every word as sent.")
    page, path = public_files(client, submission, tmp_path)
    printed = subprocess.run(["sha256sum", str(path)], capture_output=True, text=True, check=True).stdout.split()[0]
    assert printed in page
    receipt = ReceiptLink.objects.get(submission=submission)
    assert receipt.public_sha256 == printed  # registered in the public chain when the input was received
    assert "exactly those received" in page
    document = json.loads(path.read_bytes())
    assert document["redactions"] == 0 and document["name"] == "Zyxname Private"
    assert "zyx.private@example.org" not in path.read_text()  # the address is never public


def test_a_redaction_is_disclosed_and_the_receipt_shows_it_is_the_only_change(client, published, tmp_path):
    submission = published(general_comment="Call me on Qphone 555 if needed.", publication="anonymous")
    passage = passage_create(submission=submission, source="general_comment", excerpt="Qphone 555", by=published.admin)
    passage_redact(passage=passage, reason="Personal data", by=published.admin)
    page, path = public_files(client, submission, tmp_path)
    document = json.loads(path.read_bytes())
    assert document["general_comment"] == "Call me on [redacted] if needed." and document["redactions"] == 1
    assert document["name"] is None and document["organisation"] is None  # published without names
    assert "Qphone" not in path.read_text() and "Qphone" not in page
    fingerprint = hashlib.sha256(path.read_bytes()).hexdigest()
    assert fingerprint in page and "1 passage redacted" in page
    assert ReceiptLink.objects.get(submission=submission).public_sha256 != fingerprint

    # The submitter's receipt, the chain and the key prove the published words are theirs but for the redaction.
    mail = next(mail for mail in outbox_deliver() if mail.to == ["zyx.private@example.org"])
    receipt_url = re.search(r"http://testserver(\S+/v1/document/)", mail.body)[1]
    (tmp_path / "receipt.json").write_bytes(client.get(receipt_url).content)
    (tmp_path / "link.jsonl").write_bytes(client.get(receipt_url.replace("/document/", "/link/")).content)
    (tmp_path / "key.json").write_bytes(client.get("/.well-known/input-portal-receipt-key").content)
    output = []

    class Out:
        def write(self, text):
            output.append(text)

        def flush(self):
            pass

    options = {"chain": [str(tmp_path / "link.jsonl")], "key": str(tmp_path / "key.json"), "stdout": Out()}
    call_command("receipt_verify", str(tmp_path / "receipt.json"), public=str(path), **options)
    assert "except 1 disclosed redaction(s)" in "".join(output)

    forged = dict(document, general_comment="Call me on [redacted] if really needed.")
    (tmp_path / "forged.json").write_text(json.dumps(forged))
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="beyond redactions"):
        call_command("receipt_verify", str(tmp_path / "receipt.json"), public=str(tmp_path / "forged.json"), **options)


def test_an_unpublished_input_has_no_public_document(client, published, call):
    from tests.review.conftest import received_input

    published()
    kept_private = received_input(client, call, publication="private")
    assert client.get(f"/en/inputs/{kept_private.reference}/public/").status_code == 404
    assert client.get("/en/inputs/WGIGF-2026-999999/public/").status_code == 404
