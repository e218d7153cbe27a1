"""Drill: back up a database holding inputs and receipts, restore it into a fresh database and fresh file
directories, and re-verify there every stored fingerprint and the signed receipt chain. Prints the figures.

`run()` (or `python -m drills.backup_restore`) drills the database of DATABASE_URL; `python -m
drills.backup_restore verify` checks the database of DATABASE_URL and the files of PRIVATE_MEDIA_ROOT, as
`make restore` does after restoring.
"""

import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote


class RecordDamaged(Exception):
    """A stored fingerprint or link that no longer matches what it fingerprints."""


def records_verify() -> dict:
    """Every receipt rebuilt from the stored content and hashed again (each version's and each input's
    fingerprint among them), every attachment and entered letter hashed again from its file, and the whole
    receipt chain checked as `receipt_verify` checks it (links, signatures, order, daily signed heads)."""
    from django.conf import settings

    from submissions.chain import head_line, link_line, receipt_bytes
    from submissions.models import Attachment, Entry, ReceiptChainHead, ReceiptLink, Submission
    from submissions.receipt_checks import ReceiptInvalid, chain_check
    from submissions.signing import portal_public_key

    root = Path(settings.PRIVATE_MEDIA_ROOT)
    figures = {"inputs": 0, "receipts": 0, "files": 0, "erased": 0}
    for submission in Submission.objects.order_by("pk").iterator():
        links = list(submission.receipt_links.order_by("version"))
        for link in links:
            document = receipt_bytes(submission, link.version)
            if document is None:  # an input erased after its confirmation expired keeps only its links
                figures["erased"] += 1
                continue
            if sha256(document) != link.sha256:
                raise RecordDamaged(f"{submission.reference} v{link.version}: the receipt no longer hashes to its link")
            version = submission.versions.get(number=link.version)
            if version.fingerprint != link.sha256:
                raise RecordDamaged(f"{submission.reference} v{link.version}: the version's fingerprint differs")
            figures["receipts"] += 1
        if links and not submission.erased_at and submission.fingerprint != links[-1].sha256:
            raise RecordDamaged(f"{submission.reference}: its fingerprint is not its latest receipt's")
        figures["inputs"] += 1
    for stored in [*Attachment.objects.all(), *Entry.objects.all()]:
        file = stored.file if isinstance(stored, Attachment) else stored.document
        path = root / file.name
        if not path.exists() or sha256(path.read_bytes()) != stored.sha256:
            raise RecordDamaged(f"{file.name} ({stored}) is missing or differs from its SHA-256")
        figures["files"] += 1
    lines = [(link.linked_at.date(), 0, link.sequence, link_line(link)) for link in ReceiptLink.objects.all()]
    lines += [(head.day, 1, head.sequence, head_line(head)) for head in ReceiptChainHead.objects.all()]
    lines = [line for *_, line in sorted(lines, key=lambda line: line[:3])]
    if lines:
        try:
            figures["chain"] = chain_check(lines, portal_public_key())[-1]
        except ReceiptInvalid as error:
            raise RecordDamaged(f"The receipt chain: {error}") from error
    return figures


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def run() -> dict:
    """Back up the database of DATABASE_URL and its files; restore both with `manage.py restore` into a fresh
    database and fresh directories; verify the copy there with `python -m drills.backup_restore verify`."""
    from django.conf import settings
    from django.db import connection

    from portal.backups import backup_create

    source = connection.settings_dict
    fresh = f"{source['NAME']}_restored_{os.getpid()}"
    with tempfile.TemporaryDirectory(prefix="portal-drill-") as workdir:
        started = time.monotonic()
        backup = backup_create(directory=Path(workdir))
        backed_up = time.monotonic() - started
        size = sum(part.stat().st_size for part in backup.iterdir())
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{fresh}"')  # a name of our own making
        private_root = Path(workdir) / "private_media"
        environment = {
            **os.environ,
            "DATABASE_URL": database_url({**source, "NAME": fresh}),
            "PRIVATE_MEDIA_ROOT": str(private_root),
            "TEST_PRIVATE_MEDIA_ROOT": str(private_root),  # the suite's settings read this one
            "MEDIA_ROOT": str(Path(workdir) / "media"),
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "portal.settings.dev"),
        }
        try:
            started = time.monotonic()
            command(["manage.py", "restore", str(backup)], environment)
            restored = time.monotonic() - started
            started = time.monotonic()
            verified_report = command(["-m", "drills.backup_restore", "verify"], environment)
            verified = time.monotonic() - started
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
    report = {
        "backup_bytes": size,
        "backup_seconds": round(backed_up, 2),
        "restore_seconds": round(restored, 2),
        "verify_seconds": round(verified, 2),
        "verified": verified_report.strip(),
    }
    print(
        f"backup/restore drill: backup {size / 1e6:.2f} MB in {backed_up:.1f} s (the database and the files of "
        f"{settings.PRIVATE_MEDIA_ROOT} and {settings.MEDIA_ROOT}); restored into a fresh database in "
        f"{restored:.1f} s and verified in {verified:.1f} s (each with its start-up): {report['verified']}"
    )
    return report


def database_url(database: dict) -> str:
    user = quote(database["USER"] or "", safe="")
    password = f":{quote(database['PASSWORD'], safe='')}" if database["PASSWORD"] else ""
    credentials = f"{user}{password}@" if user else ""
    return f"postgres://{credentials}{database['HOST'] or 'localhost'}:{database['PORT'] or 5432}/{database['NAME']}"


def command(arguments: list[str], environment: dict) -> str:
    """Python on this project, in a process of its own: what it prints, or RecordDamaged with its error."""
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, *arguments], cwd=root, env=environment, capture_output=True, text=True)  # noqa: S603
    if result.returncode:
        raise RecordDamaged(f"{' '.join(arguments)} failed: {result.stderr.strip()[-2000:]}")
    return result.stdout


def main(arguments: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    if arguments[:1] == ["verify"]:
        try:
            figures = records_verify()
        except RecordDamaged as error:
            sys.exit(f"FAILED: {error}")
        print(
            f"Verified: {figures['inputs']} inputs, {figures['receipts']} receipts, {figures['files']} files, "
            f"{figures['erased']} erased; {figures.get('chain', 'no receipt chain yet')}"
        )
    else:
        run()


if __name__ == "__main__":
    main(sys.argv[1:])
