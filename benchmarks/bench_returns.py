"""Benchmark: a 20 000-row return checked and saved, against the floor measured in the same run.

The floor is what no implementation can avoid: python-calamine reading the same file plus sqlite3
`executemany` of the same rows into a table of the same shape. The benchmark database is the sample
database with the plan period widened to 2013–2026, so that 20 000 distinct valid keys exist (every
indicator × every breakdown the catalog allows × 14 years), reported by the county coordinator.

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
from okdata.catalog import indicators_frame  # noqa: E402
from okdata.heap import settle  # noqa: E402
from okdata.install import init_database  # noqa: E402
from okdata.models import PlanPeriod  # noqa: E402
from okdata.returns import save_return  # noqa: E402

YEARS = range(2013, 2027)
TODAY = date(2026, 11, 24)


def build_return(url: str, n_rows: int) -> bytes:
    """A return of n distinct valid rows for the county coordinator (Länsstyrelsen)."""
    with db.read_session(url) as s:
        ind = indicators_frame(s)
        areas = ["", *[a for a in _municipalities(s)]]
    rows = []
    for year in YEARS:
        for r in ind.itertuples():
            if r.kind not in ("count", "share", "rate") or r.is_development:
                continue
            vts = ["", *texts.VIOLENCE_TYPES.values()] if "våldstyp" in r.breakdowns else [""]
            ars = areas if "område" in r.breakdowns else [""]
            grps = ["", *texts.GROUPS] if "grupp" in r.breakdowns else [""]
            cats = ["", *r.categories] if "kategori" in r.breakdowns else [""]
            for vt, area, grp, cat in itertools.product(vts, ars, grps, cats):
                value = 40 if r.kind == "share" else (len(rows) % 900) + 5
                rows.append([r.id, year, vt, area, grp, cat, value, "bänktest"])
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
        init_database(url, sample=True)
        with db.session(url) as s:
            s.execute(update(PlanPeriod).values(start_year=YEARS[0]))
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
