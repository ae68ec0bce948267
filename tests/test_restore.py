"""Test that `restore` checks a backup completely before anything is replaced, replaces the database in one step
and keeps the replaced file (issue 14, item 7). SQLite only: PostgreSQL is restored with pg_restore."""

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from okdata import db
from okdata.install import schema_revision, upgrade_database
from okdata.models import ImportBatch
from tests.db_support import run

pytestmark = [pytest.mark.sqlite_only, pytest.mark.cli]
POL_FILE = db.ROOT / "sample_data" / "exempel_Polisen_2025.xlsx"


def _path(url: str) -> Path:
    return Path(make_url(url).database)


def _batches(url: str) -> int:
    with db.read_session(url) as s:
        return s.scalar(select(func.count()).select_from(ImportBatch))


def _backup(url: str, tmp_path: Path, change: str | None = None) -> Path:
    copy = tmp_path / "kopia.db"
    assert run("backup", str(copy), url=url).returncode == 0
    if change:
        with sqlite3.connect(copy) as c:
            c.executescript(change)
    return copy


def _live_state(url: str) -> tuple:
    db.get_engine(url).dispose()
    own = _path(url).name  # the folder is shared with other tests: only this database's files count
    return _batches(url), schema_revision(url), sorted(p.name for p in _path(url).parent.iterdir()
                                                          if p.name.startswith(own))


@pytest.mark.parametrize("change, reason", [
    ("UPDATE alembic_version SET version_num = 'ffff9999'", "okänd schemaversion ffff9999"),
    ("DROP TABLE meeting_note", "tabellen meeting_note saknas"),
    ("ALTER TABLE import_batch DROP COLUMN review_note", "kolumnen import_batch.review_note saknas"),
    ("DROP TABLE alembic_version", "ingen schemaversion"),
])
def test_a_backup_that_is_not_a_whole_okdata_database_changes_nothing(sample_url, tmp_path, change, reason):
    """Test that a backup with an unknown revision, a missing table or column, or no revision is refused with
    the reason, leaves the live database and its folder as they were, and `init` still works after."""
    copy = _backup(sample_url, tmp_path, change)
    before = _live_state(sample_url)
    r = run("restore", str(copy), url=sample_url)
    assert r.returncode == 2 and reason in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert "Ingenting har ändrats" in r.stderr
    assert _live_state(sample_url) == before
    assert run("init", url=sample_url).returncode == 0


def test_a_damaged_backup_changes_nothing(sample_url, tmp_path):
    """Test that a backup whose pages are damaged fails the integrity check and changes nothing."""
    copy = _backup(sample_url, tmp_path)
    data = bytearray(copy.read_bytes())
    data[len(data) // 2: len(data) // 2 + 4096] = b"\xff" * 4096
    copy.write_bytes(bytes(data))
    before = _live_state(sample_url)
    r = run("restore", str(copy), url=sample_url)
    assert r.returncode == 2 and "integritetskontroll" in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert _live_state(sample_url) == before


def test_a_restore_replaces_the_database_and_keeps_the_replaced_file(sample_url, tmp_path):
    """Test that a good backup replaces the database (the later upload is gone), that the replaced file is kept
    beside it with the upload, and that no write-ahead log of the old file is left to be misread."""
    copy = _backup(sample_url, tmp_path)
    before = _batches(sample_url)
    assert run("import", str(POL_FILE), "--user", "demo-samordnare", url=sample_url).returncode == 0
    db.get_engine(sample_url).dispose()  # the app is stopped
    r = run("restore", str(copy), url=sample_url)
    assert r.returncode == 0, r.stderr
    db.get_engine(sample_url).dispose()
    assert _batches(sample_url) == before
    own = _path(sample_url).name  # the folder is shared with other tests: only this database's files count
    kept = [p for p in _path(sample_url).parent.iterdir() if p.name.startswith(own + ".fore-aterstallning-")]
    assert len(kept) == 1 and kept[0].name in r.stdout
    assert _batches(f"sqlite:///{kept[0]}") == before + 1
    leftovers = [p.name for p in _path(sample_url).parent.iterdir() if p.name.startswith(own) and
                 p.name.endswith(".tmp")]
    assert leftovers == []


def test_an_older_backup_is_upgraded_as_a_copy_before_it_replaces_anything(sample_url, backend, tmp_path):
    """Test that a backup at the first schema revision is upgraded in a copy and then restored at the newest."""
    old = backend.blank()
    upgrade_database(old, "0001")
    db.get_engine(old).dispose()
    r = run("restore", str(_path(old)), url=sample_url)
    assert r.returncode == 0, r.stderr
    db.get_engine(sample_url).dispose()
    assert schema_revision(sample_url) == schema_revision(backend.template("empty"))
    assert schema_revision(old) == "0001"  # the backup itself is never changed


def test_a_restore_while_the_app_reads_the_database_is_refused(sample_url, tmp_path):
    """Test that a restore while another process holds the database open in a read is refused (stop the app)."""
    copy = _backup(sample_url, tmp_path)
    with db.read_session(sample_url) as s:
        s.execute(select(func.count()).select_from(ImportBatch)).all()
        r = run("restore", str(copy), url=sample_url)
    assert r.returncode == 2 and "stoppa appen" in r.stderr.lower(), r.stderr


def test_a_restore_is_seen_by_every_reader_of_the_configured_database(sample_url, tmp_path):
    """Test that after a restore in this process a reader of the configured database (no URL named, as the app's
    and the command line's readers mostly are) reads the restored file, not the replaced one through a pooled
    connection of a second engine: the restore closes the configured database's one pool."""
    from okdata.backup import restore_sqlite

    copy = _backup(sample_url, tmp_path)
    before = _batches(sample_url)
    assert run("import", str(POL_FILE), "--user", "demo-samordnare", url=sample_url).returncode == 0
    with db.read_session() as s:  # the configured database, by no name: a connection stays in the pool
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == before + 1
    db.get_engine(sample_url).dispose()
    restore_sqlite(copy, sample_url)
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == before
