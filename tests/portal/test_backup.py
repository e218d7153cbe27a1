"""Backups: a database with inputs, receipts and an attachment is backed up, restored into a fresh database
and fresh directories, and every fingerprint and the receipt chain verify there; a damaged backup, or a
database that is not empty, is refused with the reason and nothing restored."""

import json

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from drills.backup_restore import RecordDamaged, records_verify, run
from submissions.models import ReceiptLink, SubmissionVersion
from tests.intake import PDF, open_call
from tests.review.conftest import received_input

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_backup_restores_into_a_fresh_database_where_every_fingerprint_verifies(client, call_index, capsys):
    call = open_call(call_index)
    received_input(client, call, attachments=[SimpleUploadedFile("paper.pdf", PDF)])
    received_input(client, call, general_comment="A second input.")

    figures = run()

    links = ReceiptLink.objects.count()
    assert links >= 2
    assert figures["verified"].startswith(f"Verified: 2 inputs, {links} receipts, 1 files, 0 erased; OK chain: {links}")
    assert figures["backup_bytes"] > len(PDF)
    assert "backup/restore drill: backup" in capsys.readouterr().out
    # The check finds a record changed after its receipt.
    version = SubmissionVersion.objects.order_by("pk").first()
    version.content = {**version.content, "general_comment": "Words the submitter never sent."}
    version.save()
    with pytest.raises(RecordDamaged, match="the receipt no longer hashes to its link"):
        records_verify()


def test_a_damaged_backup_or_a_database_in_use_is_refused(call_index, tmp_path):
    call_command("backup", dir=str(tmp_path))
    backup = next(tmp_path.iterdir())
    manifest = json.loads((backup / "manifest.json").read_text())
    assert set(manifest["parts"]) == {"database.dump", "private_media.tar.gz", "media.tar.gz"}

    with pytest.raises(CommandError, match="is not empty: restore into a new, empty database"):
        call_command("restore", str(backup))
    with (backup / "database.dump").open("ab") as dump:
        dump.write(b"\0")
    with pytest.raises(CommandError, match="database.dump is missing or differs from its SHA-256"):
        call_command("restore", str(backup))
