"""Benchmark: each page's server time cold (nothing cached: the first view after a write changed what it reads)
against warm (the same view in a new session with the readings cached), measured in the script runner itself
(script_timer.py: the page's whole script with the readers, the figures and every element sent, run by
Streamlit's AppTest), not in a browser.

    .venv/bin/python benchmarks/bench_warm.py [--db /tmp/okdata-1m.db] [--repeat 7]

Cold: the readers' caches are cleared (access.forget_readings) before the run, as after a save that changed
what the page reads; what is derived from the catalog per revision stays (a save does not change it). "Cold, new
catalog": that too is rebuilt, as after a restart or a catalog edit. Warm: a new session opens the same page
after a cold run. The target (issue 16): warm ≤ ⅓ of cold on every page.

"reads": CPU time inside the kept readers (hits, or reading and keeping a miss); the rest of a run is the page
frame, the page's own Python and the elements it sends.

The last row is the floor every page run pays before its own content: the page frame alone (sign-in, the role's
check, the sidebar with the plan period and the menu), timed on a page the reader may not open (Granska), which
shows the frame and a notice. A page whose cold run costs less than three times this floor cannot be ⅓ warm.
"""

import argparse
import gc
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = {  # page file, URL parameters (the views bench_pages.py times)
    "Översikt": ("app.py", {"ar": 2025}),
    "Mål": ("pages/1_Mal.py", {"mal": 2, "ar": 2025, "atgard": "2.4", "uppdelning_2.4a": "område"}),
    "Myndigheter": ("pages/2_Myndigheter.py", {"myndighet": "POL", "ar": 2025}),
    "Våldstyper": ("pages/3_Valdstyper.py", {"mal": 2, "per100k": "1"}),
    "Kommuner": ("pages/4_Kommuner.py", {"indikator": "1.6a", "ar": 2025, "matt": "per100k"}),
    "Mötesläge": ("pages/11_Mote.py", {"ar": 2025, "skarm": 3}),
    "sidram": ("pages/7_Granska.py", {}),  # the frame alone: the reader may not open Granska
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, default=Path("/tmp/okdata-1m.db"))
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    os.environ["OKDATA_DATABASE_URL"] = f"sqlite:///{args.db}"
    from benchmarks import script_timer
    from okdata.heap import settle
    from okdata.web import access, widgets
    from tests.apptest_support import app

    script_timer.install()
    script_timer.scan_components_once()
    script_timer.share_script_cache()
    reads = _time_readings(access)

    from okdata import catalog

    def run(page: str, params: dict, clear: bool, new_catalog: bool = False) -> float:
        at = app("demo-lasare")
        if page != "app.py":
            at.run()  # the landing page first, as a browser opening a link does; not timed
            at.switch_page(page)
        for k, v in params.items():
            at.query_params[k] = str(v)
        if clear:
            access.forget_readings()
            widgets.forget_drawings()  # the recorded drawings too (widgets.drawn_once)
        if new_catalog:
            catalog._MEMO.clear()
        gc.collect()  # what was dropped is freed now, not by a collection inside the timed run
        reads[0] = 0.0
        at.run()
        assert not at.exception, at.exception
        return script_timer.RUNS[-1][1] * 1000, script_timer.RUNS[-1][2] * 1000, reads[0] * 1000

    settle()
    for page, params in PAGES.values():  # imports, the catalog per revision, the database check
        run(page, params, True)
    print(f"load average {os.getloadavg()[0]:.1f}; {args.db}")
    print(f"{'page':<14}{'cold ms':>9}{'warm ms':>9}{'warm/cold':>11}{'CPU cold':>10}{'CPU warm':>10}{'ratio':>7}"
          f"{'CPU cold, new catalog':>23}{'ratio':>7}{'reads cold':>12}{'reads warm':>12}{'ratio':>7}")
    for name, (page, params) in PAGES.items():
        cold, warm, fresh = [], [], []
        for _ in range(args.repeat):  # alternately, so that all see the same moments of a noisy machine
            cold.append(run(page, params, True))
            warm.append(run(page, params, False))
            fresh.append(run(page, params, True, new_catalog=True))
        c, w = statistics.median(x[0] for x in cold), statistics.median(x[0] for x in warm)
        cc, cw = statistics.median(x[1] for x in cold), statistics.median(x[1] for x in warm)
        cf = statistics.median(x[1] for x in fresh)
        rc, rw = statistics.median(x[2] for x in cold), statistics.median(x[2] for x in warm)
        print(f"{name:<14}{c:>9.0f}{w:>9.0f}{w / c:>11.2f}{cc:>10.0f}{cw:>10.0f}{cw / cc:>7.2f}{cf:>23.0f}"
              f"{cw / cf:>7.2f}{rc:>12.1f}{rw:>12.1f}{rw / rc if rc else 0:>7.2f}")
    hits()
    print(f"load average after: {os.getloadavg()[0]:.1f}")


def _time_readings(access) -> list[float]:
    """CPU seconds of the page run's thread inside the kept readers (access._Readings: a hit, or the reading and
    keeping of a miss), summed per run into the list's one item: how much of a view the caches can save."""
    import time

    total = [0.0]
    original = access._Readings.__call__

    def timed(self, *args, **kwargs):
        c0 = time.thread_time()
        try:
            return original(self, *args, **kwargs)
        finally:
            total[0] += time.thread_time() - c0

    access._Readings.__call__ = timed
    return total


def hits(n: int = 300) -> None:
    """A kept reading handed out again: okdata's readings (access._Readings) against st.cache_data, the baseline,
    for a reader with a list argument (Myndigheter's view) and one with plain arguments (Översikt's cards)."""
    import time

    import streamlit as st

    from okdata import db, explore, overview
    from okdata.scope import Scope
    from okdata.web import access

    @st.cache_data(show_spinner=False, max_entries=2000)
    def baseline(key, url, version, plan, args, kwargs, _fn):
        with access._reading(url, plan) as s:
            return _fn(s, *args, **dict(kwargs))

    url = db.database_url()
    with db.read_session(url) as s:
        agencies, years = explore.agency_choices(s)
    police = next(a for a in agencies if a.code == "POL")
    for name, fn, args in (("Myndigheter's view", explore.agency_view, (police, sorted(years), 2025, Scope())),
                           ("Översikt's cards", overview.goal_cards, (2025, True))):
        timed = {}
        for label, kept in (("st.cache_data", baseline), ("okdata", access._Readings(10))):
            kept("k", url, (1,), None, args, (), fn)
            t0 = time.perf_counter()
            for _ in range(n):
                kept("k", url, (1,), None, args, (), fn)
            timed[label] = (time.perf_counter() - t0) / n * 1000
        print(f"a kept reading, {name}: okdata {timed['okdata']:.3f} ms, st.cache_data {timed['st.cache_data']:.3f} "
              f"ms ({timed['okdata'] / timed['st.cache_data']:.2f})")


if __name__ == "__main__":
    main()
