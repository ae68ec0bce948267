"""Benchmark: how long publishing a lägesrapport holds the write lock, against baselines measured in the same run:
publishing in one write transaction (the report and the year's value sheet read inside it, as before) and the
bare insert of the same publication row. A copy of the store is used, so the store itself gets no publications.

    .venv/bin/python benchmarks/bench_publish.py [--db /tmp/okdata-1m.db] [--year 2025] [--rounds 3]
"""

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_report import timed  # noqa: E402
from okdata import db  # noqa: E402
from okdata.auth import actor_for  # noqa: E402
from okdata.install import init_database  # noqa: E402
from okdata.models import Publication  # noqa: E402
from okdata.report import draft_publication, publish  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path)
    ap.add_argument("--year", type=int, default=2025)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp())
    path = folder / "store.db"
    if args.db:
        shutil.copy(args.db, path)
    url = f"sqlite:///{path}"
    if not args.db:
        init_database(url, sample=True)
    print(f"{date.today()} {platform.machine()}, Python {platform.python_version()}; {args.db or 'sample store'}; "
          f"load {os.getloadavg()[0]:.1f}")
    with db.read_session(url) as s:
        actor = actor_for(s, "demo-samordnare")
    whole, locked, drafted, bare = [], [], [], []
    for n in range(args.rounds):
        def in_one():
            with db.session(url) as s:
                publish(s, actor, args.year, early=True)
        whole.append(timed(in_one)[1])

        def read():
            with db.read_session(url) as s:
                return draft_publication(s, actor, args.year)
        draft, t_draft = timed(read)
        drafted.append(t_draft)

        def insert(draft=draft):
            with db.session(url) as s:
                return publish(s, actor, args.year, draft, early=True).version
        locked.append(timed(insert)[1])

        def raw(draft=draft, n=n):  # the same row under a year nobody publishes: no audit, no version read
            with db.session(url) as s:
                s.add(Publication(year=9000 + n, version=1, published_by=actor.username, checksum="x",
                                  content=draft.content, value_rows=draft.value_rows))
        bare.append(timed(raw)[1])
    m = statistics.median
    print(f"value sheet {len(draft.value_rows) / 1e6:.2f} MB packed; medians of {args.rounds} rounds:")
    print(f"  write lock held: in one transaction (before) {m(whole):.2f} s; with the draft read first "
          f"{m(locked):.3f} s (the draft read outside it {m(drafted):.2f} s); the bare insert of the row "
          f"{m(bare):.3f} s")
    print(f"  ratios: lock now / lock before {m(locked) / m(whole):.3f}; lock now / bare insert "
          f"{m(locked) / m(bare):.2f}")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
