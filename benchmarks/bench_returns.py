"""Benchmark: a 20 000-row return checked and saved, against the floor measured in the same run.

The floor is what no implementation can avoid: python-calamine reading the same file plus sqlite3
`executemany` of the same rows into a table of the same shape. A return is for one year (issue 13), and one year
of the real catalog holds about 1 500 values, so the benchmark database is a new database with one count
indicator widened to every breakdown and 150 categories: 20 000 distinct valid keys for 2025, reported by the
county coordinator. The catalog decides the row limit of a return, so the widened catalog admits the file.

    .venv/bin/python benchmarks/bench_returns.py [--rows 20000] [--repeat 3]
"""

import argparse
import io
import itertools
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
from sqlalchemy import update  # noqa: E402

from okdata import db, texts  # noqa: E402
from okdata.domain import Dimension  # noqa: E402
from okdata.heap import settle  # noqa: E402
from okdata.install import init_database  # noqa: E402
from okdata.returns import save_return  # noqa: E402

YEAR = 2025
WIDE = "3.6a"  # the count indicator given every breakdown and many categories
CATEGORIES = [f"kategori {i}" for i in range(1, 151)]
TODAY = date(2026, 11, 24)


def widen_catalog(url: str) -> None:
    """Give one indicator every breakdown and 150 categories, as a revised catalog could (a new revision), and
    open the year."""
    from okdata.auth import operator_actor
    from okdata.catalog import bump_revision
    from okdata.models import Indicator
    from okdata.periods import open_reporting_year

    with db.session(url) as s:
        s.execute(update(Indicator).where(Indicator.code == WIDE).values(
            breakdowns=list(Dimension), categories=CATEGORIES))
        bump_revision(s)
        open_reporting_year(s, operator_actor(), YEAR, date(2099, 3, 31))


def build_return(url: str, n_rows: int) -> bytes:
    """A return of n distinct valid rows for one year for the county coordinator (Länsstyrelsen)."""
    with db.read_session(url) as s:
        areas = ["", *_municipalities(s)]
    rows = []
    for cat, vt, area, grp in itertools.product(CATEGORIES, ["", *texts.VIOLENCE_TYPES.values()], areas,
                                                ["", *texts.GROUPS]):
        # Consistent figures: a breakdown at its total multiplies by ten, so no part exceeds its total.
        value = (len(rows) % 9 + 1) * 10 ** sum(x == "" for x in (vt, area, grp))
        rows.append([WIDE, YEAR, vt, area, grp, cat, value, "bänktest"])
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


def ours(data: bytes, url: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    with db.session(url) as s:
        result = save_return(s, data, "bank.xlsx", None, today=TODAY)
    elapsed = time.perf_counter() - t0
    assert result.outcome == "saved", [p.key() for p in result.check.errors[:5]]
    return elapsed, result.check.n_new + result.check.n_changed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        template = folder / "template.db"
        url = f"sqlite:///{template}"
        init_database(url)
        widen_catalog(url)
        db.get_engine(url).dispose()
        data = build_return(url, args.rows)
        settle()  # what the CLI and the app do once after start-up (okdata/heap.py)
        floors, mine = [], []
        for i in range(args.repeat):
            floors.append(floor(data, folder, i))
            run_url = fresh_db(template, folder, i)
            t, saved = ours(data, run_url)
            db.get_engine(run_url).dispose()
            mine.append(t)
    f, m = statistics.median(floors), statistics.median(mines := mine)
    print(f"machine: {platform.machine()} {platform.python_version()}, {date.today()}")
    print(f"rows in return: {args.rows} ({len(data) / 1e6:.2f} MB), saved: {saved}")
    print(f"floor (calamine + sqlite3 executemany): {f * 1000:.0f} ms (runs {[round(x * 1000) for x in floors]})")
    print(f"okdata check + diff + save:             {m * 1000:.0f} ms (runs {[round(x * 1000) for x in mines]})")
    print(f"ratio: {m / f:.2f}x (aim <= 4x)")


if __name__ == "__main__":
    main()
