"""Benchmark: a 20 000-row return checked and saved, against the floor measured in the same run; and how long the
save holds the write lock, against the raw insert of the same rows into the same store.

The floor is what no implementation can avoid: python-calamine reading the same file plus sqlite3
`executemany` of the same rows into a table of the same shape. A return is for one year (issue 13), and one year
of the real catalog holds about 1 500 values, so the benchmark database is a new database with one count
indicator widened to every breakdown and 150 categories: 20 000 distinct valid keys for 2025, reported by the
county coordinator. The catalog decides the row limit of a return, so the widened catalog admits the file.

    .venv/bin/python benchmarks/bench_returns.py [--rows 20000] [--repeat 3] [--store /tmp/okdata-1m.db]

Each run saves the return twice, timed apart: "in the app", into the app's store restored to the template's
content under the app's one engine (its pool closed in between), as a coordinator's uploads reach a running app
whose engine and catalog lookups (catalog.from_catalog, kept while the catalog is unchanged) exist already; and
"on a new database", into a new database file, whose engine is created and whose catalog lookups are built within
the timed save, as a command line's first import pays them. The median of each over the runs is set against the
median floor; the floor and the saves alternate, so that a slower minute of the machine falls on all of them.

With --store the return is saved into a copy of that store (e.g. the 1 000 000 values of generate_scale.py)
instead of a new database, and then saved again with every value changed, so that each of its rows supersedes a
current one; the second save is timed. The save (returns.save_upload, as the page and the command line save) checks
and compares before it takes the write lock; the lock time is measured from BEGIN IMMEDIATE to COMMIT of every
write transaction of the save (SQLAlchemy's begin and commit events). Its baseline, "raw insert": one sqlite3
executemany of the same rows, with the flags the save gave them, into the same store's observation table (its
indexes, partial ones included, and foreign keys) inside BEGIN IMMEDIATE … COMMIT.
"""

import argparse
import io
import itertools
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import python_calamine  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from sqlalchemy import event  # noqa: E402

from okdata import db, texts  # noqa: E402
from okdata.domain import Dimension  # noqa: E402
from okdata.heap import settle  # noqa: E402
from okdata.install import init_database  # noqa: E402
from okdata.returns import UPLOAD_COLUMNS, save_upload  # noqa: E402

YEAR = 2025
WIDE = "3.6a"  # the count indicator given every breakdown and many categories
CATEGORIES = [f"kategori {i}" for i in range(1, 151)]
TODAY = date(2026, 11, 24)


def widen_catalog(url: str) -> None:
    """Give one indicator every breakdown and 150 categories, as a revised catalog could (a new revision in force
    from the plan's first year, saved as the Katalog page saves one), and open the year."""
    from okdata.auth import operator_actor
    from okdata.catalog import catalog_document
    from okdata.catalog_revisions import save_catalog
    from okdata.periods import open_reporting_year

    with db.session(url) as s:
        doc = catalog_document(s)
        wide = next(i for m in doc["measure"] for i in m.get("indicator", []) if i["id"] == WIDE)
        wide["breakdowns"] = [texts.DIMENSION_WORDS[d] for d in Dimension]
        wide["categories"] = CATEGORIES
        save_catalog(s, operator_actor(), doc)  # nothing saved when a store has it already
    try:
        with db.session(url) as s:
            open_reporting_year(s, operator_actor(), YEAR, date(2099, 3, 31))
    except ValueError:  # a store whose year is open already
        pass


def build_return(url: str, n_rows: int, add: int = 0) -> bytes:
    """A return of n distinct valid rows for one year for the county coordinator (Länsstyrelsen); `add` raises
    every value (a resubmission that changes them all)."""
    with db.read_session(url) as s:
        areas = ["", *_municipalities(s)]
    rows = []
    for cat, vt, area, grp in itertools.product(CATEGORIES, ["", *texts.VIOLENCE_TYPES.values()], areas,
                                                ["", *texts.GROUPS]):
        # Consistent figures: a breakdown at its total multiplies by ten, so no part exceeds its total.
        value = (len(rows) % 9 + 1) * 10 ** sum(x == "" for x in (vt, area, grp))
        rows.append([WIDE, YEAR, vt, area, grp, cat, value + add, "bänktest"])
        if len(rows) == n_rows:
            return _xlsx(rows)
    raise SystemExit(f"only {len(rows)} distinct rows possible")


def _municipalities(s):
    from sqlalchemy import select

    from okdata.models import Area
    return list(s.scalars(select(Area.name).where(Area.kind == "kommun").order_by(Area.code)))


def _xlsx(rows) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(texts.SHEET_INDICATORS)
    H = texts.COLUMNS_INDICATORS
    ws.append([H[k] for k in ("id", "year", "violence_type", "area", "group", "category", "value", "comment")])
    for r in rows:
        ws.append(r)
    about = wb.create_sheet(texts.SHEET_ABOUT)
    about.append([texts.ABOUT_KEYS["agency_code"], "LST"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def fresh_db(template: Path, folder: Path, i: int) -> str:
    path = folder / f"run{i}.db"
    with sqlite3.connect(template) as a, sqlite3.connect(path) as b:
        a.backup(b)
    return f"sqlite:///{path}"


def floor(data: bytes, folder: Path, i: int) -> float:
    """calamine reading the file + sqlite3 executemany of its rows into an observation-shaped table."""
    t0 = time.perf_counter()
    wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    rows = wb.get_sheet_by_name(texts.SHEET_INDICATORS).to_python()[1:]
    con = sqlite3.connect(folder / f"floor{i}.db", isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE obs (id INTEGER PRIMARY KEY, indicator TEXT, year INT, vt TEXT, area TEXT, grp TEXT, "
                "category TEXT, value REAL, comment TEXT)")
    con.execute("BEGIN IMMEDIATE")
    con.executemany("INSERT INTO obs (indicator, year, vt, area, grp, category, value, comment) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    con.execute("COMMIT")
    con.close()
    return time.perf_counter() - t0


def ours(data: bytes, url: str) -> tuple[float, list[float], object]:
    """The save as the page and the command line make it: seconds in all, seconds of each write transaction."""
    engine = db.get_engine(url)
    locks: list[float] = []

    def began(conn):
        if conn.get_execution_options().get("okdata_write"):
            conn.info["bench_lock"] = time.perf_counter()

    def ended(conn):
        if "bench_lock" in conn.info:
            locks.append(time.perf_counter() - conn.info.pop("bench_lock"))

    event.listen(engine, "begin", began)
    event.listen(engine, "commit", ended)
    event.listen(engine, "rollback", ended)
    try:
        t0 = time.perf_counter()
        result = save_upload(url, data, "bank.xlsx", None, today=TODAY)
        elapsed = time.perf_counter() - t0
    finally:
        event.remove(engine, "begin", began)
        event.remove(engine, "commit", ended)
        event.remove(engine, "rollback", ended)
    assert result.outcome == "saved", [p.key() for p in result.check.errors[:5]]
    return elapsed, locks, result.check


def saved_flags(path: Path) -> tuple[bool, bool]:
    """(is_current, is_approved) of the rows of the newest batch in the store: the flags the save gave them."""
    with sqlite3.connect(path) as con:
        current, approved = con.execute("SELECT is_current, is_approved FROM observation WHERE batch_id = "
                                        "(SELECT max(id) FROM import_batch) LIMIT 1").fetchone()
    return bool(current), bool(approved)


def raw_insert(path: Path, check, flags: tuple[bool, bool]) -> float:
    """The same rows inserted into the same store's observation table with one executemany, under the lock, with
    the flags the save gave them (`flags`: a current row enters the partial index of current rows too)."""
    columns = (*UPLOAD_COLUMNS, "is_example", "source", "batch_id", "is_current", "is_approved")
    con = sqlite3.connect(path, isolation_level=None)
    batch = con.execute("SELECT max(id) FROM import_batch").fetchone()[0]
    rows = [(v.indicator_id, v.year, v.violence_type, v.area_code, v.grp, v.category, v.value_num, v.value_text,
             v.numerator, v.denominator, v.comment, v.sheet_row, False, "", batch, *flags)
            for v in check.values_to_save]
    t0 = time.perf_counter()
    con.execute("BEGIN IMMEDIATE")
    con.executemany(f"INSERT INTO observation ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows)
    con.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    con.close()
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--store", type=Path, help="save into a copy of this store (default: a new database)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        template = folder / "template.db"
        url = f"sqlite:///{template}"
        if args.store:  # its generated values of the widened indicator for the year give way to the return's
            with sqlite3.connect(args.store) as a, sqlite3.connect(template) as b:
                a.backup(b)
                b.execute("DELETE FROM observation WHERE year = ? AND indicator_id = (SELECT id FROM indicator "
                          "WHERE code = ?)", (YEAR, WIDE))
        else:
            init_database(url)
        widen_catalog(url)
        db.get_engine(url).dispose()
        data = build_return(url, args.rows)
        resubmitted = build_return(url, args.rows, add=1)
        with sqlite3.connect(template) as con:
            values = con.execute("SELECT count(*) FROM observation").fetchone()[0]
        settle()  # what the CLI and the app do once after start-up (okdata/heap.py)
        app_path = folder / "app.db"
        app_url = f"sqlite:///{app_path}"

        def restore() -> None:
            """The app's store back to the template's content, under the app's one engine (its pool closed)."""
            db.get_engine(app_url).dispose()
            with sqlite3.connect(template) as a, sqlite3.connect(app_path) as b:
                a.backup(b)

        def save(url: str) -> tuple[float, list[float], object]:
            if args.store:  # on a full store the return comes again with every value changed: each row supersedes
                ours(data, url)
                return ours(resubmitted, url)
            return ours(data, url)

        # Not timed: the first upload of an app's life starts the reading process (okdata/isolation.py), which
        # then serves every later one; the floor reads once too.
        floor(data, folder, -1)
        restore()
        save(app_url)
        floors, mine, cold, locks, raws = [], [], [], [], []
        for i in range(args.repeat):
            floors.append(floor(data, folder, i))
            restore()
            t, lock, check = save(app_url)
            mine.append(t)
            locks.append(lock)
            flags = saved_flags(app_path)
            run_url = fresh_db(template, folder, i)
            cold.append(save(run_url)[0])
            db.get_engine(run_url).dispose()
            Path(run_url.removeprefix("sqlite:///")).unlink()
            raw_path = Path(fresh_db(template, folder, 1000 + i).removeprefix("sqlite:///"))
            raws.append(raw_insert(raw_path, check, flags))  # (after the first save when there was one: same size)
            raw_path.unlink()
    f, m, c = statistics.median(floors), statistics.median(mine), statistics.median(cold)
    held = statistics.median(sum(x) for x in locks)
    main_lock = statistics.median(max(x) for x in locks)
    raw = statistics.median(raws)
    print(f"machine: {platform.machine()} {platform.python_version()}, {date.today()}, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"store: {args.store or 'new database'} ({values} values); rows in return: {args.rows} "
          f"({len(data) / 1e6:.2f} MB), saved: {check.n_new + check.n_changed}")
    print(f"floor (calamine + sqlite3 executemany): {f * 1000:.0f} ms (runs {[round(x * 1000) for x in floors]})")
    print(f"okdata check + diff + save, in the app: {m * 1000:.0f} ms (runs {[round(x * 1000) for x in mine]})")
    print(f"ratio: {m / f:.2f}x (aim <= 4x)")
    print(f"the same on a new database each run:    {c * 1000:.0f} ms (runs {[round(x * 1000) for x in cold]})")
    print(f"ratio: {c / f:.2f}x (aim <= 4x)")
    print(f"write lock held by the save: {held * 1000:.0f} ms in all, the inserts' transaction "
          f"{main_lock * 1000:.0f} ms (runs {[[round(x * 1000) for x in lock] for lock in locks]})")
    print(f"raw insert of the same rows into the store: {raw * 1000:.0f} ms (runs {[round(x * 1000) for x in raws]})")
    print(f"lock ratio: {held / raw:.2f}x (aim <= 2x)")


if __name__ == "__main__":
    main()
