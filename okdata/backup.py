"""Backups of an SQLite database and restoring one: checked completely before anything is replaced (issue 14).

A restore never writes into the live file. It checks the backup (SQLite's integrity check, a schema revision
that our migrations know), copies it beside the live file, upgrades that copy to the newest schema, checks that
the copy has every table and column of the models, and only then puts it in place with one rename. The replaced
file is kept beside it as `okdata.db.fore-aterstallning-<time>`.
"""

import os
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from okdata import db, texts
from okdata.install import alembic_config, schema_revision, upgrade_database
from okdata.models import metadata


class RestoreRefused(Exception):
    """The backup cannot be restored, or not now; the message (Swedish) says why. Nothing was changed."""


@dataclass(frozen=True)
class Restored:
    """What a restore did: the revision the backup had, the one it has now, and where the old file was kept."""

    from_revision: str
    revision: str
    kept: Path


def _connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)


def backup_revision(path: Path) -> str:
    """The schema revision of an intact okdata SQLite file; RestoreRefused (with the reason) for anything else."""
    from alembic.script import ScriptDirectory


    try:
        with closing(_connect_read_only(path)) as c:
            check = [r[0] for r in c.execute("PRAGMA integrity_check")]
            if check != ["ok"]:
                raise RestoreRefused(texts.RESTORE["damaged"].format(detail="; ".join(check[:3])))
            try:
                row = c.execute("SELECT version_num FROM alembic_version").fetchone()
            except sqlite3.OperationalError:
                row = None
    except sqlite3.DatabaseError as e:
        raise RestoreRefused(texts.RESTORE["not_sqlite"].format(detail=e)) from e
    if row is None:
        raise RestoreRefused(texts.RESTORE["no_revision"])
    scripts = ScriptDirectory.from_config(alembic_config(db.DEFAULT_URL))
    if row[0] not in {s.revision for s in scripts.walk_revisions()}:
        raise RestoreRefused(texts.RESTORE["unknown_revision"].format(revision=row[0]))
    return row[0]


def schema_problems(path: Path) -> list[str]:
    """What the database at `path` lacks of the models: missing tables and columns, unreadable tables."""

    problems = []
    with closing(_connect_read_only(path)) as c:
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for table in metadata.sorted_tables:
            if table.name not in tables:
                problems.append(texts.RESTORE["missing_table"].format(table=table.name))
                continue
            columns = {r[1] for r in c.execute(f'PRAGMA table_info("{table.name}")')}
            problems += [texts.RESTORE["missing_column"].format(table=table.name, column=col.name)
                         for col in table.columns if col.name not in columns]
            if table.name in tables:
                c.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()  # every page of it readable
    return problems


def restore_sqlite(backup: Path, url: str, now: datetime | None = None) -> Restored:
    """Replace the SQLite database of `url` with a checked, upgraded copy of `backup`; RestoreRefused (nothing
    changed) when the backup is not a whole okdata database or the database is in use."""

    backup, live = Path(backup), db.sqlite_path(url).resolve()
    from_revision = backup_revision(backup)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    copy = live.with_name(f".{live.name}.aterstallning-{stamp}.tmp")
    kept = live.with_name(f"{live.name}.fore-aterstallning-{stamp}")
    db.get_engine(url).dispose()
    try:
        with closing(_connect_read_only(backup)) as src, closing(sqlite3.connect(copy)) as dst:
            src.backup(dst)
        copy_url = f"sqlite:///{copy}"
        upgrade_database(copy_url)  # the copy, never the backup nor the live file
        revision = schema_revision(copy_url)
        db.get_engine(copy_url).dispose()
        _fold_wal(copy)
        problems = schema_problems(copy)
        if problems:
            raise RestoreRefused(texts.RESTORE["incomplete"].format(problems="; ".join(problems)))
        if live.exists():
            _fold_wal(live, refuse_if_busy=True)
            _keep(live, kept)
        os.replace(copy, live)  # one rename: the live path is the old file or the new, never half of either
    finally:
        copy.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
    db.get_engine(url).dispose()
    return Restored(from_revision, revision, kept)


def _fold_wal(path: Path, refuse_if_busy: bool = False) -> None:
    """Write the file's write-ahead log into the file and remove the log and its index, so that the file alone
    is the database (and no old log is ever read with a new file)."""
    try:
        with closing(sqlite3.connect(path, timeout=1)) as c:
            busy, _, _ = c.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy and refuse_if_busy:
                raise RestoreRefused(texts.RESTORE["in_use"])
            c.execute("PRAGMA journal_mode=DELETE")  # needs every other connection closed
            c.execute("PRAGMA journal_mode=WAL")
    except sqlite3.OperationalError as e:  # "database is locked": another process has it open
        raise RestoreRefused(texts.RESTORE["in_use"]) from e


def _keep(live: Path, kept: Path) -> None:
    """Keep the live file under another name (a hard link: the same file, nothing copied), else a copy."""
    try:
        os.link(live, kept)
    except OSError:
        shutil.copy2(live, kept)
