"""The database: URL from the environment, one engine per URL, one transaction per user action."""

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = f"sqlite:///{ROOT / 'okdata.db'}"
BUSY_TIMEOUT_MS = 30_000
# SQLite's page cache per connection, in KiB (its default is 2 MiB). With earlier versions of the values kept
# (issue 16), the indexes a page reads outgrow 2 MiB, and each page read beyond it is a system call: the year list
# over 5 000 000 rows took 1,7x its time on the same store without history, 1,15x with 16 MiB. Memory is taken only
# as pages are read, at most this much per pooled connection.
SQLITE_CACHE_KIB = 16_384
# Writers on PostgreSQL queue on one transaction-scoped advisory lock, like SQLite's BEGIN IMMEDIATE,
# so that a check-then-write (an upload, an undo) never interleaves with another.
PG_WRITE_LOCK = 4_711_024


def database_url() -> str:
    """The configured database URL (OKDATA_DATABASE_URL), default the SQLite file okdata.db."""
    return os.environ.get("OKDATA_DATABASE_URL") or DEFAULT_URL


def is_sqlite(url: str) -> bool:
    """Whether a URL points at SQLite."""
    return url.startswith("sqlite")


def get_engine(url: str | None = None) -> Engine:
    """The one engine for a URL (the configured one by default): the configured database named or not is one
    engine, one pool (a second pool kept connections to a database a restore had replaced)."""
    return _engine(url or database_url())


@cache
def _engine(url: str) -> Engine:
    if is_sqlite(url):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
    _track_changes(engine)
    return engine


get_engine.cache_clear = _engine.cache_clear  # every engine forgotten (tests that change the busy timeout)


# Tables whose changes no view shows: a sign-in (failed attempts, the log of it) must not make every cached
# reading of every user stale.
UNVERSIONED = frozenset({"app_user", "audit_event", "data_version", "alembic_version", "sign_in_session",
                         "sign_in_throttle"})
# The tables what catalog.from_catalog derives is built from: a write transaction that changes one of them must not
# reuse what it derived before.
CATALOG_TABLES = frozenset({"plan_period", "catalog_revision", "goal", "measure", "measure_agency", "indicator",
                            "agency", "area", "series_break", "population"})
# The tables of reported values: a write to them that notes its years (note_years) raises only those years'
# versions besides the whole store's; any other versioned write raises the "general" version too.
VALUE_TABLES = frozenset({"observation", "measure_status", "import_batch", "batch_warning"})
_DML = re.compile(r"\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)", re.IGNORECASE)
# The data version's parts (rows of data_version): the whole store, everything but reported values, a year's values.
ALL, GENERAL = "data", "general"


def year_part(year: int) -> str:
    """The data version part of one year's reported values."""
    return f"year:{int(year)}"


def _track_changes(engine: Engine) -> None:
    """Note on the connection when a transaction changes a table the views read, so that session() raises the
    data version before it commits: the whole store's, and either the general part or the noted years' parts."""
    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.info["okdata_changed"] = False
        conn.info["okdata_general"] = False
        conn.info["okdata_values"] = False
        conn.info["okdata_years"] = set()

    @event.listens_for(engine, "before_cursor_execute")
    def _on_execute(conn, _cursor, statement, _parameters, _context, _executemany):
        m = _DML.match(statement)
        if m:
            table = m.group(1).lower()
            if table not in UNVERSIONED:
                conn.info["okdata_changed"] = True
                conn.info["okdata_values" if table in VALUE_TABLES else "okdata_general"] = True
            if table in CATALOG_TABLES:
                conn.info["okdata_catalog_writes"] = conn.info.get("okdata_catalog_writes", 0) + 1


def note_years(s: Session, years) -> None:
    """Say that this transaction's writes to reported values (values, statuses, their batches) concern only these
    years, so that readers of other years keep what they cached (issue 16). A transaction that writes values
    without noting their years raises the general version: every reader then reads again."""
    conn = s.connection()
    conn.info.setdefault("okdata_years", set()).update(int(y) for y in years if y is not None)


def _raise_versions(s: Session) -> None:
    info = s.connection().info
    parts = [ALL]
    if info.get("okdata_general") or (info.get("okdata_values") and not info.get("okdata_years")):
        parts.append(GENERAL)
    if info.get("okdata_values"):
        parts += [year_part(y) for y in sorted(info.get("okdata_years", ()))]
    for part in parts:
        s.execute(text("INSERT INTO data_version (name, version) VALUES (:n, 1) "
                       "ON CONFLICT (name) DO UPDATE SET version = data_version.version + 1"), {"n": part})


def _configure_sqlite(engine: Engine) -> None:
    # pysqlite's own transaction handling is switched off so that we can choose BEGIN IMMEDIATE for
    # writes (SQLAlchemy docs, "Serializable isolation / Savepoints / Transactional DDL").
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cur.execute("PRAGMA foreign_keys=ON")
        if engine.url.database not in (None, "", ":memory:"):
            try:
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
            except sqlite3.OperationalError:  # a read-only database keeps its journal mode; readers still read
                pass
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        write = conn.get_execution_options().get("okdata_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class Busy(Exception):
    """Other writers held the database for longer than BUSY_TIMEOUT_MS; this transaction was rolled back."""


def storage_problem(error: BaseException) -> str | None:
    """A Swedish explanation when an exception means the database cannot be written at all — read-only (a
    read-only file or mount, SQLite's mode=ro, PostgreSQL's read-only transactions) or full — else None. The
    transaction was rolled back, so nothing of it was written (issue 14)."""
    from okdata import texts

    orig = getattr(error, "orig", None) or error
    message, state = str(orig).lower(), getattr(orig, "sqlstate", None)
    if state == "25006" or "readonly database" in message or "read-only transaction" in message:
        return texts.STORAGE["read_only"]
    if state == "53100" or "database or disk is full" in message or "no space left on device" in message:
        return texts.STORAGE["full"]
    return None


def is_lock_timeout(e: OperationalError) -> bool:
    return "database is locked" in str(e.orig) or getattr(e.orig, "sqlstate", None) == "55P03"


@contextmanager
def session(url: str | None = None, write: bool = True) -> Iterator[Session]:
    """One transaction: commits at the end of the block, rolls back on any exception.

    A writer that waits longer than BUSY_TIMEOUT_MS for the others raises Busy, so that the user is told to
    try again instead of seeing "database is locked" (issue 7).
    """
    engine = get_engine(url)
    bind = engine.execution_options(okdata_write=write)
    try:
        with Session(bind, expire_on_commit=False) as s:
            with s.begin():
                if write and engine.dialect.name == "postgresql":
                    s.execute(text("SELECT set_config('lock_timeout', :t, true)"), {"t": str(BUSY_TIMEOUT_MS)})
                    s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_WRITE_LOCK})
                yield s
                if write:
                    s.flush()
                    if s.connection().info.get("okdata_changed"):
                        _raise_versions(s)
            if write and engine.dialect.name == "sqlite":
                _optimize(s)
    except OperationalError as e:
        if is_lock_timeout(e):
            raise Busy(str(e.orig)) from e
        raise


def _optimize(s: Session) -> None:
    """Keep SQLite's planner statistics current after a write (PostgreSQL's autovacuum does this itself): without
    them, or with statistics from before the data grew, it may walk an index over every value where one upload's
    rows were wanted. PRAGMA optimize analyses only the tables that changed a lot, with analysis_limit rows each;
    best effort, a busy database skips it."""
    try:
        with s.begin():
            s.execute(text("PRAGMA analysis_limit=1000"))
            s.execute(text("PRAGMA optimize"))
    except OperationalError:
        pass


def fetch(s: Session, statement, params: dict | None = None):
    """A column statement's result through the session's connection, in its transaction: plain rows without the
    ORM's per-row processing (a quarter of a reader's time for a few hundred rows). Take its rows with .all()
    (one fetch): iterated, the result fetches one row at a time."""
    return s.connection().execute(statement, params or {})


def tuples(rows) -> list[tuple]:
    """Result rows as plain tuples, for a DataFrame: pandas probes every SQLAlchemy Row for named-tuple fields,
    and each probe goes through the Row's missing-key path (two thirds of building a small frame)."""
    return [tuple(r) for r in (rows.all() if hasattr(rows, "all") else rows)]  # all(): one fetch, not one per row


def data_version(url: str | None = None) -> int:
    """The data version: raised by every transaction that changed what the views show (one row, one read)."""
    with read_session(url) as s:
        return data_version_in(s)


def data_version_in(s: Session) -> int:
    """The data version as this transaction sees it."""
    return s.execute(text("SELECT version FROM data_version WHERE name = 'data'")).scalar() or 0


def data_versions(url: str | None = None) -> dict[str, int]:
    """Every part of the data version (ALL, GENERAL, year_part(y)), in one read."""
    with read_session(url) as s:
        return data_versions_in(s)


def data_versions_in(s: Session | Connection) -> dict[str, int]:
    """Every part of the data version as this transaction sees it."""
    return dict(s.execute(text("SELECT name, version FROM data_version")).all())


def read_session(url: str | None = None):
    """A read-only transaction (no write lock taken)."""
    return session(url, write=False)


def read_connection(url: str | None = None):
    """A read-only transaction on a plain connection, without an ORM session: for the page frame's two lookups on
    every view (who is signed in, the data version), where the session's bookkeeping cost as much as the reads
    themselves (issue 16). Statements only; no ORM objects are loaded through it."""
    return get_engine(url).begin()  # BEGIN, not BEGIN IMMEDIATE: no okdata_write option (_on_begin)


def sqlite_path(url: str) -> Path:
    """The file of an SQLite URL (also of a URI such as sqlite:///file:/srv/okdata.db?mode=ro&uri=true)."""
    database = get_engine(url).url.database or ""
    return Path(database.removeprefix("file:").split("?")[0])


def backup_sqlite(url: str, target: str) -> int:
    """A consistent copy of a live SQLite database through SQLite's online backup API; returns pages copied."""
    import sqlite3
    from contextlib import closing

    # A read-only URI: a wrong path must fail, not create an empty database to back up.
    with closing(sqlite3.connect(sqlite_path(url).resolve().as_uri() + "?mode=ro", uri=True)) as src, \
            closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
        return dst.execute("PRAGMA page_count").fetchone()[0]
