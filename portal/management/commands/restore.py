"""`manage.py restore BACKUP`: a backup's parts checked against its manifest, then the database restored into the
empty database of DATABASE_URL and the files into empty PRIVATE_MEDIA_ROOT and MEDIA_ROOT (portal/backups.py)."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into an empty database and empty file directories."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="the backup's folder (holding manifest.json)")

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            manifest = backup_restore(backup=Path(options["backup"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']} (every part matched its SHA-256) "
            f"in {time.monotonic() - started:.1f} s"
        )
