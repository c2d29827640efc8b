"""Backup: a populated database and its media round-trip through one archive, row for row."""

import sqlite3
import uuid

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from members.models import ContactRole, Membership, Organisation, Person
from network.operations.backup import BackupError, backup, dump_database, load_database, read_manifest, restore
from tests.conftest import requires_postgresql
from tests.factories import ContactRoleFactory, MembershipFactory, PopulationFigureFactory

pytestmark = pytest.mark.fault


def _admin_connection():
    db = connection.settings_dict
    return psycopg.connect(
        dbname="postgres",
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"],
        port=db["PORT"] or None,
        autocommit=True,
    )


def _counts_in(dbname: str, tables: list[str]) -> dict[str, int]:
    db = connection.settings_dict
    with psycopg.connect(
        dbname=dbname, user=db["USER"], password=db["PASSWORD"] or None, host=db["HOST"], port=db["PORT"] or None
    ) as other:
        return {t: other.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


@pytest.fixture
def fresh_database():
    """An empty PostgreSQL database next to the test database, dropped afterwards."""
    name = f"nv_restore_{uuid.uuid4().hex[:10]}"
    with _admin_connection() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield {**connection.settings_dict, "NAME": name}
    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _populate():
    for n in range(12):
        membership = MembershipFactory()
        ContactRoleFactory(organisation=membership.organisation)
        PopulationFigureFactory(organisation=membership.organisation, population=10_000 + n * 9_000)


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_a_fresh_database_with_every_row(tmp_path, settings, fresh_database):
    _populate()
    (settings.MEDIA_ROOT / "vedlegg").mkdir(parents=True)
    (settings.MEDIA_ROOT / "vedlegg" / "sak-07-24.pdf").write_bytes(b"%PDF-1.7 test")

    archive = backup(output=tmp_path / "backup.tar")
    manifest = read_manifest(archive)
    assert manifest["row_counts"]["members_organisation"] == Organisation.objects.count() >= 12

    # The installation is lost: media gone; the backup goes into a new, empty database.
    (settings.MEDIA_ROOT / "vedlegg" / "sak-07-24.pdf").unlink()
    restore(archive=archive, database=fresh_database)

    tables = sorted(manifest["row_counts"])
    assert _counts_in(fresh_database["NAME"], tables) == manifest["row_counts"]
    assert sum(manifest["row_counts"].values()) > 0
    assert (settings.MEDIA_ROOT / "vedlegg" / "sak-07-24.pdf").read_bytes() == b"%PDF-1.7 test"


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_restore_over_a_changed_database_brings_back_the_backed_up_state(tmp_path, fresh_database):
    _populate()
    archive = backup(output=tmp_path / "backup.tar", include_media=False)
    restore(archive=archive, database=fresh_database)
    expected = read_manifest(archive)["row_counts"]

    # Something goes wrong in the restored copy afterwards: rows added and removed...
    with psycopg.connect(
        dbname=fresh_database["NAME"],
        user=fresh_database["USER"],
        password=fresh_database["PASSWORD"] or None,
        host=fresh_database["HOST"],
        port=fresh_database["PORT"] or None,
    ) as other:
        other.execute("DELETE FROM members_contactrole")
        other.execute("UPDATE members_organisation SET name = 'Feil'")
    # ...and restoring again (pg_restore --clean) puts everything back.
    restore(archive=archive, database=fresh_database)
    assert _counts_in(fresh_database["NAME"], sorted(expected)) == expected
    assert Person.objects.count() == expected["members_person"]
    assert ContactRole.objects.count() == expected["members_contactrole"]
    assert Membership.objects.count() == expected["members_membership"]


def test_sqlite_backup_is_a_consistent_file_copy_and_restores(tmp_path):
    live = tmp_path / "live.sqlite3"
    with sqlite3.connect(live) as db:
        db.execute("CREATE TABLE t (x TEXT)")
        db.executemany("INSERT INTO t VALUES (?)", [("a",), ("b",)])
    settings_dict = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(live)}
    dumped = tmp_path / "dump"
    dumped.mkdir()
    dump_database(settings_dict, dumped)

    with sqlite3.connect(live) as db:
        db.execute("DELETE FROM t")
    load_database(settings_dict, dumped)

    with sqlite3.connect(live) as db:
        assert db.execute("SELECT x FROM t ORDER BY x").fetchall() == [("a",), ("b",)]


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    import tarfile

    bogus = tmp_path / "bogus.tar"
    with tarfile.open(bogus, "w") as tar:
        tar.add(__file__, arcname="x.py")
    with pytest.raises(BackupError):
        read_manifest(bogus)


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_backup_command_writes_an_archive(tmp_path, capsys):
    MembershipFactory()
    call_command("backup", "--output", str(tmp_path / "b.tar"), "--no-media")
    assert "Backup written to" in capsys.readouterr().out
    assert read_manifest(tmp_path / "b.tar")["row_counts"]["members_membership"] == 1


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_restore_command_puts_the_configured_database_back(tmp_path, capsys):
    """What `make restore ARCHIVE=…` runs, against the live (test) database."""
    _populate()
    call_command("backup", "--output", str(tmp_path / "b.tar"), "--no-media")
    expected = read_manifest(tmp_path / "b.tar")["row_counts"]
    ContactRole.objects.all().delete()
    Person.objects.all().delete()

    call_command("restore", str(tmp_path / "b.tar"), "--noinput", "--no-media")

    assert "Restored" in capsys.readouterr().out
    assert Person.objects.count() == expected["members_person"] > 0
    assert ContactRole.objects.count() == expected["members_contactrole"] > 0
