"""Generate a realistic 1 000 000-value database: the real catalog, the 26 municipalities and the county,
every quantitative indicator, the four violence types and their total, groups, categories, 2015–2027.

    .venv/bin/python benchmarks/generate.py /tmp/okdata-1m.db [--values 1000000]

Rows are written with one sqlite3 executemany in one batch labelled as example data (benchmark only).
"""

import argparse
import itertools
import random
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from okdata import db, texts  # noqa: E402
from okdata.catalog import indicators_frame  # noqa: E402
from okdata.install import init_database  # noqa: E402

YEARS = list(range(2015, 2028))
GROUPS = ["", *texts.GROUPS]


def generate(path: Path, n_values: int = 1_000_000, seed: int = 7) -> int:
    """Create the database at `path` (replaced) and return the number of values written."""
    if path.exists():
        path.unlink()
    url = f"sqlite:///{path}"
    init_database(url, sample=True)
    with db.read_session(url) as s:
        ind = indicators_frame(s)
        areas = ["01", *sorted(a for a in s.execute(text("SELECT code FROM area WHERE kind = 'kommun'")).scalars())]
    db.get_engine(url).dispose()
    rng = random.Random(seed)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("BEGIN IMMEDIATE")
    con.execute("DELETE FROM observation WHERE batch_id IN (SELECT id FROM import_batch WHERE kind='sample')")
    con.execute("INSERT INTO import_batch (kind, file_name, checksum, user_name, created_at, status, n_new, "
                "n_changed, n_unchanged, n_statuses, n_warnings, note, reviewed_by, review_note, rolled_back_by) "
                "VALUES ('sample', 'benchmarks/generate.py', '', 'bänktest', datetime('now'), 'approved', 0, 0, 0, "
                "0, 0, ?, '', '', '')", (texts.SAMPLE_BATCH,))
    batch = con.execute("SELECT max(id) FROM import_batch").fetchone()[0]
    quantitative = ind[ind.kind.isin(["count", "share", "rate"]) & ~ind.is_development]

    def rows():
        for r in itertools.cycle(list(quantitative.itertuples())):
            cats = ["", *r.categories]
            for vt, area, grp, cat in itertools.product(["", *texts.VIOLENCE_TYPES], areas, GROUPS, cats):
                base = rng.uniform(5, 400) if r.kind != "share" else rng.uniform(20, 80)
                for year in YEARS:
                    value = round(base * (1 + 0.03 * (year - 2015)) * rng.uniform(0.9, 1.1), 1)
                    if r.kind == "share":
                        value = min(value, 99.0)
                    yield (int(r.indicator_id), year, vt, area, grp, cat, value, "", True, batch, True, True)

    written = 0
    seen = set()
    chunk = []
    for row in rows():
        key = row[:6]
        if key in seen:
            break  # every combination written once: the catalog cannot hold more distinct values
        seen.add(key)
        chunk.append(row)
        if len(chunk) == 50_000 or written + len(chunk) == n_values:
            con.executemany("INSERT INTO observation (indicator_id, year, violence_type, area_code, grp, category, "
                            "value_num, comment, is_example, batch_id, is_current, is_approved, source) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')", chunk)
            written += len(chunk)
            chunk = []
            if written >= n_values:
                break
    if chunk:
        con.executemany("INSERT INTO observation (indicator_id, year, violence_type, area_code, grp, category, "
                        "value_num, comment, is_example, batch_id, is_current, is_approved, source) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')", chunk)
        written += len(chunk)
    con.execute("UPDATE import_batch SET n_new = ? WHERE id = ?", (written, batch))
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.close()
    return written


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", type=Path)
    ap.add_argument("--values", type=int, default=1_000_000)
    args = ap.parse_args()
    t0 = time.perf_counter()
    n = generate(args.path, args.values)
    print(f"{n} values written to {args.path} in {time.perf_counter() - t0:.1f} s "
          f"({args.path.stat().st_size / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
