"""Generate a realistic 1 000 000-value database for the benchmarks: the real catalog (init with its example
statuses), then every quantitative indicator broken down by the four violence types and their total, the county
and its 26 municipalities, every group and the indicator's categories, for 2015–2027.

    .venv/bin/python benchmarks/generate_scale.py /tmp/okdata-1m.db [--values 1000000] [--seed 7] [--history 4]

Values behave like the real ones: counts scale with each municipality's population and are Poisson-like (so small
municipalities have counts below 5), shares have numerator and denominator, rates are per 100 000 inhabitants,
and every series has a trend of its own. Breakdowns are taken shallowest first (the headline, then one dimension,
then two …) until the wanted number is reached, so every indicator has its headline and single breakdowns.
Rows go in with one sqlite3 executemany into the table with its indexes dropped; the indexes are built after.
All values are labelled as example data, in one approved batch per responsible agency and year (as the yearly
returns would bring them: ~100 batches, so that the planner's statistics on batches are like a real store's); then
the Polisen example return for 2025 is imported through the command line as an ordinary upload, and the
statistics are refreshed as the app does after every write (PRAGMA optimize).
"""

import argparse
import itertools
import math
import random
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect  # noqa: E402
from sqlalchemy.schema import CreateIndex  # noqa: E402

from benchmarks.example_files import example_return  # noqa: E402
from okdata import db, texts  # noqa: E402
from okdata.catalog import COUNTY_CODE, indicators_frame, list_agencies, measures_frame  # noqa: E402
from okdata.domain import QUANTITATIVE  # noqa: E402
from okdata.install import init_database  # noqa: E402
from okdata.models import Observation  # noqa: E402
from okdata.population import fill_years, population_frame  # noqa: E402

YEARS = list(range(2015, 2028))
VIOLENCE_SHARE = {"": 1.0, "VNR": 0.6, "HRV": 0.12, "PMH": 0.06, "SV": 0.22}
GROUP_SHARE = {"": 1.0, "kvinnor": 0.5, "män": 0.3, "flickor": 0.08, "pojkar": 0.06, "barn": 0.14, "vuxna": 0.86,
               "ickebinära": 0.01}
COLUMNS = ("indicator_id", "year", "violence_type", "area_code", "grp", "category", "value_num", "numerator",
           "denominator", "comment", "source", "is_example", "batch_id", "is_current", "is_approved")


def combinations(areas: list[str], categories: list[str], depth: int):
    """Breakdowns (violence type, area, group, category) with exactly `depth` of them not at the total."""
    for vt, area, grp, cat in itertools.product(VIOLENCE_SHARE, areas, GROUP_SHARE, ["", *categories]):
        if (vt != "") + (area != COUNTY_CODE) + (grp != "") + (cat != "") == depth:
            yield vt, area, grp, cat


def series_rows(r, key, weight: float, population: dict, rng: random.Random, batch):
    """One series' 13 yearly rows."""
    vt, area, grp, cat = key
    trend = rng.gauss(0.02, 0.04)
    if r.kind == "share":
        p0, n0 = rng.uniform(0.2, 0.8), max(4.0, rng.uniform(200, 3000) * weight)
    else:
        mu0 = rng.uniform(40, 2500) * weight
    for year in YEARS:
        growth = (1 + trend) ** (year - 2015)
        if r.kind == "share":
            den = float(max(1, round(n0 * rng.uniform(0.9, 1.1))))
            p = min(0.99, max(0.01, p0 * growth))
            num = float(min(den, max(0, round(rng.gauss(p * den, math.sqrt(den * p * (1 - p)))))))
            value = round(100 * num / den, 1)
        else:
            mu = mu0 * growth
            count = float(max(0, round(rng.gauss(mu, math.sqrt(mu)))))
            num = den = None
            value = round(count / population[area, year] * 100_000, 1) if r.kind == "rate" else count
        yield (r.id, year, vt, area, grp, cat, value, num, den, "", "", True, batch(r, year), True, True)


def generate(path: Path, n_values: int = 1_000_000, seed: int = 7, history: int = 0) -> int:
    """Create the database at `path` (replaced) and return the number of rows written (`history` superseded
    versions before each current value: the store after that many corrections of every value)."""
    if path.exists():
        path.unlink()
    url = f"sqlite:///{path}"
    init_database(url, sample=True)
    with db.read_session(url) as s:
        ind = indicators_frame(s)
        pop = population_frame(s)
        owner = {m.code: m.agency_codes[0] for m in measures_frame(s).itertuples() if m.agency_codes}
        agency_ids = {a.code: a.id for a in list_agencies(s)}
    db.get_engine(url).dispose()
    areas = [COUNTY_CODE, *sorted(a for a in pop.area_code.unique() if a != COUNTY_CODE)]
    filled = fill_years(pop, YEARS)
    population = {(a, y): p for a, y, p in zip(filled.area_code, filled.year, filled.population)}
    county = {y: population[COUNTY_CODE, y] for y in YEARS}
    share_of_county = {a: population[a, 2024] / county[2024] for a in areas}
    quantitative = list(ind[ind.kind.isin(QUANTITATIVE) & ~ind.is_development].itertuples())
    rng = random.Random(seed)

    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("BEGIN IMMEDIATE")
    con.execute("DELETE FROM observation WHERE batch_id IN (SELECT id FROM import_batch WHERE kind='sample')")
    batches: dict[tuple[int, int], int] = {}

    def batch(r, year: int) -> int:
        """The example batch of the indicator's first responsible agency (the county coordinator for regional
        indicators) and the year."""
        agency = agency_ids[owner.get(r.measure, "LST")]
        if (agency, year) not in batches:
            con.execute(
                "INSERT INTO import_batch (kind, file_name, checksum, agency_id, year, user_name, created_at, status, "
                "n_new, n_changed, n_unchanged, n_statuses, n_warnings, note, reviewed_by, review_note, "
                "rolled_back_by) VALUES ('sample', 'benchmarks/generate_scale.py', '', ?, ?, 'bänktest', "
                "datetime('now'), 'approved', 0, 0, 0, 0, 0, ?, '', '', '')", (agency, year, texts.SAMPLE_BATCH))
            batches[agency, year] = con.execute("SELECT max(id) FROM import_batch").fetchone()[0]
        return batches[agency, year]

    published = {tuple(r) for r in con.execute(  # real published figures stay; no second value for their keys
        "SELECT indicator_id, year, violence_type, area_code, grp, category FROM observation")}
    indexes = [ix for ix in Observation.__table__.indexes]
    for ix in indexes:
        con.execute(f"DROP INDEX IF EXISTS {ix.name}")

    def rows():
        for depth in range(5):  # shallow breakdowns first: every indicator gets its headline and single splits
            for r in quantitative:
                for key in combinations(areas, list(r.categories), depth):
                    weight = (VIOLENCE_SHARE[key[0]] * share_of_county[key[1]] * GROUP_SHARE[key[2]]
                              / (1 + len(r.categories)) ** (key[3] != ""))
                    for row in series_rows(r, key, weight, population, rng, batch):
                        if row[:6] not in published:
                            yield row

    def superseded(row: tuple):
        """`history` earlier versions of a value, neither current nor approved, inserted before it (lower ids),
        each a little off the value that replaced it."""
        for n in range(history):
            off = None if row[6] is None else round(row[6] * (1 + 0.01 * (history - n)), 1)
            yield (*row[:6], off, *row[7:13], False, False)

    marks = ", ".join("?" * len(COLUMNS))
    written = 0
    for chunk in _chunks(itertools.islice(rows(), n_values), 100_000):
        if history:
            chunk = [old for row in chunk for old in (*superseded(row), row)]
        con.executemany(f"INSERT INTO observation ({', '.join(COLUMNS)}) VALUES ({marks})", chunk)
        written += len(chunk)
    for ix in indexes:  # as the models declare them (partial indexes with their condition)
        con.execute(str(CreateIndex(ix).compile(dialect=sqlite_dialect())))
    con.execute("UPDATE import_batch SET n_new = (SELECT count(*) FROM observation o WHERE o.batch_id = "
                "import_batch.id) WHERE kind = 'sample'")
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.close()
    _upload(url, example_return("exempel_Polisen_2025.xlsx"))
    return written


def _upload(url: str, path: Path) -> None:
    """One real upload through the command line, so that agencies' pages have reported values with provenance."""
    import os
    import subprocess

    subprocess.run([sys.executable, "-m", "okdata", "import", str(path), "--user", "demo-samordnare"], cwd=ROOT,
                   env={**os.environ, "OKDATA_DATABASE_URL": url}, check=True, capture_output=True)


def _chunks(iterable, size: int):
    chunk = []
    for row in iterable:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", type=Path)
    ap.add_argument("--values", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--history", type=int, default=0, help="superseded versions per value (issue 16: 4)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    n = generate(args.path, args.values, args.seed, args.history)
    print(f"{n} values written to {args.path} in {time.perf_counter() - t0:.1f} s "
          f"({args.path.stat().st_size / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
