"""`manage.py backup [--dir DIR]`: the database and the files, with a manifest of SHA-256s (portal/backups.py)."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database (pg_dump, custom format), the private files and the media into BACKUP_DIR."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=None, help="where the backup's folder is made (default: BACKUP_DIR)")

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            backup = backup_create(directory=Path(options["dir"] or settings.BACKUP_DIR))
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = sum(part.stat().st_size for part in backup.iterdir())
        self.stdout.write(f"Backup {backup}: {size:,} bytes in {time.monotonic() - started:.1f} s")
        self.stdout.write(f"Restore it with: make restore BACKUP={backup}")
