"""Back up and restore the whole installation: the database and the uploaded media files.

One archive (`.tar`) holds:

    manifest.json      when, which database engine, row counts per table at backup time
    database.dump      PostgreSQL: `pg_dump --format=custom` (restored with `pg_restore --clean`)
    database.sqlite3   SQLite: a consistent copy made with SQLite's online backup API
    media/…            every file under MEDIA_ROOT

`make backup` / `make restore ARCHIVE=…` call the management commands that call these functions.
Passwords go to pg_dump/pg_restore through the environment (PGPASSWORD), never the command line.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA = "media"


class BackupError(RuntimeError):
    pass


def _is_postgresql(db: dict[str, Any]) -> bool:
    return "postgresql" in db["ENGINE"]


def _pg_env(db: dict[str, Any]) -> dict[str, str]:
    env = {**os.environ, "PGDATABASE": str(db["NAME"]), "PGCONNECT_TIMEOUT": "10"}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    return env


def _run(command: list[str], db: dict[str, Any]) -> None:
    binary = shutil.which(command[0])
    if binary is None:
        raise BackupError(f"{command[0]} was not found: install the PostgreSQL client tools.")
    result = subprocess.run([binary, *command[1:]], env=_pg_env(db), capture_output=True, text=True, check=False)  # noqa: S603 — fixed argv, no shell
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed ({result.returncode}): {result.stderr.strip()}")


def table_row_counts(alias: str = "default") -> dict[str, int]:
    """Rows per table of the database, as Django sees its tables."""
    conn = connections[alias]
    with conn.cursor() as cursor:
        tables = sorted(conn.introspection.table_names(cursor))
        if not tables:
            return {}
        qn = conn.ops.quote_name
        # Table names come from the database's own catalogue, quoted; no user input.
        sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {qn(t)})" for t in tables)  # noqa: S608
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


def dump_database(db: dict[str, Any], target: Path) -> Path:
    """Write the database `db` (a Django settings dict) to `target/database.*`; return the file."""
    if _is_postgresql(db):
        path = target / PG_DUMP
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={path}"], db)
        return path
    if "sqlite3" in db["ENGINE"]:
        path = target / SQLITE_COPY
        source = sqlite3.connect(str(db["NAME"]))
        try:
            copy = sqlite3.connect(str(path))
            with copy:
                source.backup(copy)
            copy.close()
        finally:
            source.close()
        return path
    raise BackupError(f"No backup method for {db['ENGINE']}.")


def load_database(db: dict[str, Any], source: Path) -> None:
    """Replace the contents of database `db` with the dump in directory `source`."""
    if _is_postgresql(db):
        dump = source / PG_DUMP
        if not dump.exists():
            raise BackupError("The archive holds no PostgreSQL dump (was it made from SQLite?).")
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={db['NAME']}",
                str(dump),
            ],
            db,
        )
        return
    if "sqlite3" in db["ENGINE"]:
        copy = source / SQLITE_COPY
        if not copy.exists():
            raise BackupError("The archive holds no SQLite copy (was it made from PostgreSQL?).")
        backup = sqlite3.connect(str(copy))
        try:
            live = sqlite3.connect(str(db["NAME"]))
            with live:
                backup.backup(live)
            live.close()
        finally:
            backup.close()
        return
    raise BackupError(f"No restore method for {db['ENGINE']}.")


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def backup(*, output: Path | None = None, include_media: bool = True, alias: str = "default") -> Path:
    """Write one archive with the database and MEDIA_ROOT; return its path."""
    db = connections[alias].settings_dict
    output = Path(output) if output else Path(settings.BACKUP_DIR) / default_archive_name()
    output.parent.mkdir(parents=True, exist_ok=True)
    manifest = {
        "created_at": timezone.now().isoformat(),
        "engine": db["ENGINE"],
        "database": str(db["NAME"]),
        "row_counts": table_row_counts(alias),
        "media": include_media,
    }
    with tempfile.TemporaryDirectory() as scratch:
        dump = dump_database(db, Path(scratch))
        partial = output.with_suffix(output.suffix + ".partial")
        with tarfile.open(partial, "w") as tar:
            _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False).encode())
            tar.add(dump, arcname=dump.name)
            media_root = Path(settings.MEDIA_ROOT)
            if include_media and media_root.exists():
                tar.add(media_root, arcname=MEDIA)
        partial.replace(output)  # never a half-written archive under the real name
    return output


def read_manifest(archive: Path) -> dict[str, Any]:
    try:
        with tarfile.open(archive) as tar:
            member = tar.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            return json.loads(member.read())
    except (KeyError, tarfile.TarError, json.JSONDecodeError) as exc:
        raise BackupError(f"{archive} is not a Nettverksadmin backup (no readable {MANIFEST}).") from exc


def restore(
    *, archive: Path, alias: str = "default", database: dict[str, Any] | None = None, include_media: bool = True
) -> dict[str, Any]:
    """Replace the database (and MEDIA_ROOT) with the archive's; return its manifest.

    `database` restores into another database than the configured one (a Django settings dict).
    """
    archive = Path(archive)
    manifest = read_manifest(archive)
    db = database or connections[alias].settings_dict
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(archive) as tar:
        tar.extractall(scratch, filter="data")
        if database is None:
            connections[alias].close()  # pg_restore --clean must be able to drop the tables
        load_database(db, Path(scratch))
        media = Path(scratch) / MEDIA
        if include_media and media.exists():
            media_root = Path(settings.MEDIA_ROOT)
            if media_root.exists():
                shutil.rmtree(media_root)
            shutil.copytree(media, media_root)
    if database is None:
        connection.close()
    return manifest


def default_archive_name(now: datetime.datetime | None = None) -> str:
    return f"nettverksadmin-{timezone.localtime(now).strftime('%Y%m%d-%H%M%S')}.tar"
