"""Backups: the database (pg_dump, custom format) and the files (private attachments and documents, public
media) as one timestamped directory with a manifest of each part's SHA-256; and their restore into an empty
database and empty file directories. `manage.py backup` / `manage.py restore` (README, "Backups and restore")."""

import hashlib
import json
import os
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connections

MANIFEST = "manifest.json"
DATABASE_PART = "database.dump"
# Each directory of files: its part's name and the setting that says where it lives.
FILE_PARTS = {"private_media.tar.gz": "PRIVATE_MEDIA_ROOT", "media.tar.gz": "MEDIA_ROOT"}


class BackupError(Exception):
    """A backup that cannot be made or restored, with the reason in words."""


def backup_create(*, directory: Path, alias: str = "default") -> Path:
    """A new backup under `directory`: its own timestamped folder holding the parts and the manifest."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = Path(directory) / f"portal-{stamp}"
    target.mkdir(parents=True, exist_ok=False)
    database = connections[alias].settings_dict
    run(["pg_dump", "--format=custom", "--no-owner", "--no-acl", f"--file={target / DATABASE_PART}"], database)
    for part, setting in FILE_PARTS.items():
        with tarfile.open(target / part, "w:gz") as archive:
            root = Path(getattr(settings, setting))
            if root.exists():
                archive.add(root, arcname=".")
    manifest = {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": database["NAME"],
        "pg_dump": subprocess.run(["pg_dump", "--version"], capture_output=True, text=True, check=True).stdout.strip(),  # noqa: S607
        "parts": {part.name: part_facts(part) for part in sorted(target.iterdir())},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return target


def backup_check(backup: Path) -> dict:
    """The manifest, once every part is found with its size and SHA-256; BackupError otherwise."""
    try:
        manifest = json.loads((Path(backup) / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{backup} has no readable {MANIFEST}: {error}") from error
    expected = {DATABASE_PART, *FILE_PARTS}
    if set(manifest.get("parts", {})) != expected:
        raise BackupError(f"{MANIFEST} lists {sorted(manifest.get('parts', {}))}, not {sorted(expected)}")
    for name, facts in manifest["parts"].items():
        path = Path(backup) / name
        if not path.exists() or part_facts(path) != facts:
            raise BackupError(f"{name} is missing or differs from its SHA-256 in the manifest: the backup is damaged")
    return manifest


def backup_restore(*, backup: Path, alias: str = "default") -> dict:
    """Restore `backup` into the database `alias`, which must hold no table, and into PRIVATE_MEDIA_ROOT and
    MEDIA_ROOT, which must be empty or absent."""
    manifest = backup_check(backup)
    database = connections[alias].settings_dict
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        if cursor.fetchone()[0]:
            raise BackupError(f"The database {database['NAME']} is not empty: restore into a new, empty database.")
    roots = {part: Path(getattr(settings, setting)) for part, setting in FILE_PARTS.items()}
    for root in roots.values():
        if root.exists() and any(root.iterdir()):
            raise BackupError(f"{root} is not empty: restore the files into an empty directory.")
    connections[alias].close()  # pg_restore works on its own connection
    restore = ["pg_restore", "--no-owner", "--no-acl", "--exit-on-error", "--single-transaction"]
    run([*restore, f"--dbname={database['NAME']}", str(Path(backup) / DATABASE_PART)], database, with_database=False)
    for part, root in roots.items():
        root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(Path(backup) / part, "r:gz") as archive:
            archive.extractall(root, filter="data")  # no path outside the directory, no device files
    return manifest


def part_facts(path: Path) -> dict:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(block)
    return {"bytes": path.stat().st_size, "sha256": digest.hexdigest()}


def run(command: list[str], database: dict, *, with_database: bool = True) -> None:
    """A PostgreSQL client program on the database's connection settings (the password through the environment)."""
    if "postgresql" not in database["ENGINE"]:
        raise BackupError("Backups need PostgreSQL (DATABASE_URL=postgres://...); `make run`'s SQLite is one file.")
    connection = [f"--host={database['HOST'] or 'localhost'}", f"--port={database['PORT'] or 5432}"]
    if database["USER"]:
        connection.append(f"--username={database['USER']}")
    environment = {**os.environ, "PGPASSWORD": database["PASSWORD"] or ""}
    arguments = [*command[:1], *connection, *command[1:], *([database["NAME"]] if with_database else [])]
    result = subprocess.run(arguments, capture_output=True, text=True, env=environment)  # noqa: S603
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")
