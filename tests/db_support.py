"""Small helpers the tests share: an indicator's database id, planted municipal values, the command line in a
subprocess, another process holding the writers' lock."""

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select, update

from okdata import db
from okdata.catalog import indicators_frame
from okdata.models import Area, Observation

ROOT = Path(__file__).resolve().parent.parent


def indicator_id(s, code: str) -> int:
    """The database id of the indicator with the catalog id `code` (e.g. "2.4a")."""
    i = indicators_frame(s)
    return int(i[i.code == code].id.iloc[0])


def set_municipal_values(url: str, code: str, values: dict[tuple[int, str], float]) -> None:
    """Test data: the headline value of indicator `code` for each (year, municipality name) in `values` becomes
    the value given, in place (the example data has no count of people below 5 in any municipality)."""
    with db.session(url) as s:
        iid = indicator_id(s, code)
        for (year, name), value in values.items():
            area = select(Area.code).where(Area.name == name).scalar_subquery()
            done = s.execute(update(Observation).where(
                Observation.indicator_id == iid, Observation.year == year, Observation.area_code == area,
                Observation.grp == "", Observation.category == "").values(value_num=value, numerator=None))
            assert done.rowcount, (code, year, name)


def run(*args, url: str, input: str | None = None) -> subprocess.CompletedProcess:
    """`python -m okdata ARGS` in a subprocess, as a script would call it (`input` on its standard input)."""
    env = {**os.environ, "OKDATA_DATABASE_URL": url}
    return subprocess.run([sys.executable, "-m", "okdata", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=300, input=input)


HOLDER = """
import sys
from okdata import db
with db.session() as s:
    s.connection()  # SQLite: BEGIN IMMEDIATE; PostgreSQL: the writers' advisory lock
    print("held", flush=True)
    sys.stdin.readline()  # held until the test lets go (a line, or its end of the pipe closing)
"""


def hold_the_writers(url: str) -> subprocess.Popen:
    """Another process holding the writers' lock on `url` until `holder.communicate("\\n")`; returns once it holds
    it."""
    env = {**os.environ, "OKDATA_DATABASE_URL": url}
    holder = subprocess.Popen([sys.executable, "-c", HOLDER], env=env, cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    if holder.stdout.readline().strip() != "held":
        holder.kill()
        raise RuntimeError("the holder did not take the writers' lock")
    return holder


def break_down(url: str, code: str, *dimensions: str) -> None:
    """Break an indicator down by `dimensions` too, through the app's own catalog edit (a new catalog revision in
    force from the example plan's first year, 2024)."""
    from okdata.auth import actor_for
    from okdata.catalog_edits import edit_catalog

    with db.session(url) as s:
        ind = indicators_frame(s)
        now = list(ind[ind.code == code].breakdowns.iloc[0])
        done = edit_catalog(s, actor_for(s, "demo-samordnare"), "indicator", code,
                            {"breakdowns": now + [d for d in dimensions if d not in now]}, 2024)
    assert done.ok, done.message
