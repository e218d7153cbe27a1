"""Check a receipt and the receipt chain offline: `manage.py receipt_verify RECEIPT.json --chain CHAIN.jsonl
--key KEY` (see README, "Checking a receipt"). Reads only the files given: no database, no network."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from submissions.receipt_checks import (
    ReceiptInvalid,
    chain_check,
    chain_read,
    public_check,
    receipt_in_chain,
    receipt_read,
)
from submissions.signing import UnreadableKey, key_id, public_key_read


class Command(BaseCommand):
    help = "Check a receipt file against the receipt chain and the portal's public key, offline."
    requires_system_checks = []  # runs anywhere: no settings of a deployment, no database

    def add_arguments(self, parser):
        parser.add_argument("receipt", help="the receipt file (REF-vN.json) as downloaded")
        parser.add_argument(
            "--chain",
            required=True,
            action="append",
            help="the chain: one or more days (receipts/chain/DAY.jsonl, in order) or the receipt's signed link",
        )
        parser.add_argument(
            "--key", required=True, help="the portal's public key (/.well-known/input-portal-receipt-key)"
        )
        parser.add_argument("--public", help="the input's public document (its public page's download), to compare")

    def handle(self, *args, **options):
        try:
            key = public_key_read(file_read(options["key"]).decode("utf-8"))
            document, sha256 = receipt_read(file_read(options["receipt"]))
            lines = [line for path in options["chain"] for line in chain_read(file_read(path))]
            report = [
                f"OK key {key_id(key)} (Ed25519)",
                f"OK receipt {document['reference']} version {document['version']}, received at "
                f"{document['received_at']}: fingerprint {sha256} (canonical, as sha256sum gives it)",
                *chain_check(lines, key),
                *receipt_in_chain(document, sha256, lines),
            ]
            if options["public"]:
                report += public_check(document, file_read(options["public"]))
        except (ReceiptInvalid, UnreadableKey) as error:
            raise CommandError(f"FAILED: {error}") from error
        self.stdout.write("\n".join(report))
        self.stdout.write("The receipt is valid.")


def file_read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
