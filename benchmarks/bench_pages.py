"""Benchmark: each progress page's data call on a 1 000 000-value database against hand-written SQL computing the
same figures (hand_sql.py: statuses by the method in SQL, distributions, changes, per 100 000 inhabitants), and
optionally each page rendered in headless Chromium with the server's memory afterwards.

    .venv/bin/python benchmarks/bench_pages.py [--db /tmp/okdata-1m.db] [--repeat 7] [--no-browser]

A page's data call is every read the page makes (ui.read), as it makes them: the example banner, the selectors'
choices, the analysis text, the saved comparison groups, the values each chart is drawn from and the rows of every
file offered beside a chart or table; what a chart reader draws from its values (the display table, text
alternative and Plotly figure) is timed apart, as "chart panels", and in the render. The hand-written SQL reads the
same (hand_sql.py). Both sides run cold: okdata's readers without Streamlit's cache (what a page pays after a write
clears it), all of a page's readers in one read transaction as the page frame holds them; the hand-written SQL
on a bare sqlite3 connection, one transaction per page;
the two timed alternately so that both see the same moments of a noisy machine. What okdata derives from the
catalog is kept per catalog revision (catalog.from_catalog); the last column is each page after a catalog change,
rebuilt. Before timing, the figures are compared: the status distributions per goal, the outcome changes and the
mismatches must be the same on both sides.

The render: Chromium signs in once through OIDC (st.login's cookie), then opens each page by URL: a new Streamlit
session with nothing cached, timed until the script has finished and every Plotly chart is drawn.
"""

import argparse
import gc
import os
import platform
import sqlite3
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import hand_sql  # noqa: E402
from okdata import analysis, catalog, comparisons, completeness, db, explore, groups, overview, snapshot, texts  # noqa: E402
from okdata.catalog import goal_titles, indicators_frame  # noqa: E402
from okdata.domain import Dimension  # noqa: E402
from okdata.export import as_records, stored_values  # noqa: E402
from okdata.heap import settle  # noqa: E402
from okdata.scope import reporting_agencies  # noqa: E402
from okdata.values import data_state, has_example_data  # noqa: E402

YEAR, GOAL, MEASURE, INDICATOR, AGENCY, MUNICIPAL = 2025, 2, "2.4", "2.4a", "POL", "1.6a"
CHARTS = {INDICATOR: Dimension.AREA}  # the breakdown each chart of the measure shows (others: the headline)
TYPES = list(texts.VIOLENCE_TYPES)


def _plan_code(url: str) -> str:
    """The plan period a page reads when none is chosen (the frame's box, kept by the app between views)."""
    with db.read_session(url) as s:
        return catalog.default_plan_code(s)


def reader(url: str):
    """`read(fn, *args)`: fn(session, *args) in a read transaction of its own set to the page's plan period, as
    access.read without the cache."""
    code = _plan_code(url)

    def read(fn, *args):
        with db.read_session(url) as s:
            catalog.pin_plan(s, code)
            return fn(s, *args)
    return read


def in_one_transaction(url: str, page):
    """`page(read)` as a page run makes its reads: every reader in the run's one read transaction
    (access.begin_reads), set to the page's plan period for each reader (access._RunReads.session: a reader that
    pins a year does not pass it on), `read(fn, *args)` calling fn(session, *args) as access.read does on a cache
    miss."""
    code = _plan_code(url)

    def call():
        with db.read_session(url) as s:
            catalog.pin_plan(s, code)
            pin = s.info["plan_pin"]

            def read(fn, *args):
                s.info["plan_pin"] = pin
                return fn(s, *args)
            return page(read)
    return call


def okdata_calls(url: str) -> dict:
    """Each page's reader calls as the page makes them (access.read without the cache), the example banner too,
    all of a page in one read transaction as the page frame holds them."""
    with db.read_session(url) as s:
        detail = overview.measure_detail(s, MEASURE, YEAR)
    charts = [(i["id"], CHARTS.get(i["code"])) for i in detail["indicators"] if i["kind"] not in
              ("milestone", "descriptive")]

    def overview_page(read):
        read(data_state)
        now, before = read(snapshot.snapshot, YEAR, True), read(snapshot.snapshot, YEAR - 1, True)
        [now.of_goal(g) for g in range(1, 9)], snapshot.changed_outcomes(now, before)
        read(overview.goal_cards, YEAR, True), read(completeness.completeness, YEAR)
        read(explore.year_changes, YEAR, True), read(explore.status_changes, YEAR, True)
        return now

    def goal_page(read):
        read(goal_titles), read(data_state)
        read(overview.goal_view, GOAL, YEAR, True)  # with the goal's catalog text and measures
        read(overview.measure_detail, MEASURE, YEAR, True)
        read(analysis.analyses, YEAR)  # the goal's analysis text
        for iid, dimension in charts:  # what each chart of the measure is drawn from (its panel is timed apart)
            read(overview.chart_values, iid, dimension, True, YEAR)  # with its files' values

    def agencies_page(read):
        choices, years = read(explore.agency_choices)
        read(has_example_data)
        agency = next(a for a in choices if a.code == AGENCY)
        read(explore.agency_view, agency, sorted(years), YEAR)

    def violence_page(read):
        choices = read(comparisons.violence_choices, TYPES, True)
        read(has_example_data)
        first, last = choices[GOAL][0], choices[GOAL][-1]
        read(comparisons.violence_data, TYPES, GOAL, first, last, True, True)  # with the page's files

    def municipal_chart_reads(s, iid):
        """The chart's reads in Kommuner's chart reader (comparisons.municipal_chart, counts, small ones hidden):
        its values and its files'."""
        stored = stored_values(s, [iid], True, Dimension.AREA, YEAR, YEAR)  # one read for the chart and its files
        comparisons.municipal_rows(s, iid, YEAR, True, stored)
        as_records(s, stored, False, True)

    def municipalities_page(read):
        inds = read(comparisons.municipal_indicators, True)
        years = read(data_state).years
        iid = inds[MUNICIPAL][0]
        read(municipal_chart_reads, iid)
        read(groups.list_groups, BENCH_USER)
        read(comparisons.municipal_years, iid, years[-1], years[0], False, True, True, None)

    def status_command(read):
        read(snapshot.status_rows, YEAR)

    pages = {"Översikt": overview_page, "Mål": goal_page, "Myndigheter": agencies_page, "Våldstyper": violence_page,
             "Kommuner": municipalities_page, "status (alla serier)": status_command}
    return {name: in_one_transaction(url, page) for name, page in pages.items()}


def panel_calls(url: str) -> dict:
    """The charts' panels as the pages build them from those values: display table, title and text alternative
    (the Plotly figure drawn from a panel is part of the render)."""

    read = reader(url)
    with db.read_session(url) as s:
        iid = int(indicators_frame(s).set_index("code").loc[INDICATOR, "id"])
        municipal = comparisons.municipal_indicators(s, YEAR)[MUNICIPAL][0]
        years = comparisons.violence_choices(s, TYPES)[GOAL]
    return {f"Mål: {INDICATOR} per kommun": lambda: read(overview.indicator_chart_values, iid, Dimension.AREA, True,
                                                        YEAR),
            f"Kommuner: {MUNICIPAL} per 100 000": lambda: read(comparisons.municipal_panel, municipal, YEAR, True,
                                                               True),
            f"Våldstyper: mål {GOAL}, alla paneler": lambda: read(comparisons.violence_panels, TYPES, GOAL, years[0],
                                                                  years[-1], True)}


def hand_calls(path: Path) -> dict:
    """The same pages by hand-written SQL, each in one read transaction that is closed (hand_sql.read)."""
    con = hand_sql.connect(path)
    years = sorted({y for (y,) in con.execute("SELECT DISTINCT year FROM observation")})
    charts = {code: (None if dimension is None else str(dimension)) for code, dimension in CHARTS.items()}
    with db.read_session(f"sqlite:///{path}") as s:
        for i in overview.measure_detail(s, MEASURE, YEAR)["indicators"]:
            if i["kind"] not in ("milestone", "descriptive"):
                charts.setdefault(i["code"], None)

    def page(fn, *args):
        def call():
            with hand_sql.read(con):
                return fn(con, *args)
        return call

    def status_all(c):
        return c.execute(hand_sql.status_sql("1", numbers=True), {"y": YEAR, **hand_sql._plan(c)}).fetchall()

    return {"Översikt": page(hand_sql.overview_page, YEAR),
            "Mål": page(hand_sql.goal_page, YEAR, GOAL, MEASURE, charts),
            "Myndigheter": page(hand_sql.agencies_page, AGENCY, [YEAR - 1, YEAR, YEAR + 1]),
            "Våldstyper": page(hand_sql.violence_page, TYPES, GOAL, years[0], years[-1]),
            "Kommuner": page(hand_sql.municipalities_page, MUNICIPAL, YEAR, BENCH_USER),
            "status (alla serier)": page(status_all)}


def same_figures(url: str, path: Path) -> list[str]:
    """Where okdata and the hand-written SQL disagree (an empty list: the same figures)."""
    con = hand_sql.connect(path)
    problems = []
    for year, goal_only in ((YEAR - 1, None), (YEAR, None), (YEAR, GOAL)):
        with db.read_session(url) as s:
            snap = snapshot.snapshot(s, year, goal=goal_only)
        hand = hand_sql.goal_figures(con, year, goal_only)
        for level, column in (("measures", "measure_outcomes"), ("indicators", "indicators"), ("series", "series"),
                              ("implementation", "implementation"), ("reports", "reports")):
            theirs: dict = {}
            for goal, key, n in hand[level]:
                theirs.setdefault(goal, {})[hand_sql.RANKS[key] if isinstance(key, int) else key] = n
            for goal, dist in zip(snap.goals.goal, snap.goals[column]):
                if {str(k): v for k, v in dist.items() if v} != theirs.get(goal, {}):
                    problems.append(f"{year} mål {goal} {level}: {dist} ≠ {theirs.get(goal)}")
        if sorted(c for (c,) in hand["mismatches"]) != sorted(c for m in snap.goals.mismatches for c in m):
            problems.append(f"{year} mismatches differ")
        for goal, score in hand["score"]:
            ours = snap.goals.set_index("goal").score.get(goal)
            if ours is None or abs(ours - score) > 0.051:
                problems.append(f"{year} mål {goal} score {ours} ≠ {score}")
    with db.read_session(url) as s:
        agency = next(a for a in reporting_agencies(s) if a.code == AGENCY)
        view = explore.agency_view(s, agency, [YEAR - 1, YEAR, YEAR + 1], YEAR)
        reporting, missing = view.reporting, view.missing
    hand = hand_sql.agencies_page(con, AGENCY, [YEAR - 1, YEAR, YEAR + 1])
    if [hand["per_year"][y] for y in reporting.year] != list(zip(reporting.expected, reporting.reported)) or \
            len(hand["missing"]) != len(missing):
        problems.append(f"{AGENCY}: expected/reported {list(zip(reporting.expected, reporting.reported))} ≠ "
                        f"{hand['per_year']}, missing {len(missing)} ≠ {len(hand['missing'])}")
    with db.read_session(url) as s:
        rows = snapshot.series_statuses(s, YEAR, headline_only=False, explained=False).itertuples()
        ours, figures = {}, {}
        for r in rows:
            key = (r.indicator, r.violence_type, r.area_code, r.grp, r.category)
            ours[key], figures[key] = r.status, (r.n_values, r.n_t0, r.n_t1, r.n_y0, r.n_y1)
        codes = dict(zip(indicators_frame(s).id, indicators_frame(s).code))
    hand = {(codes.get(i, i), vt, a, g, c): rest for i, vt, a, g, c, *rest in
            con.execute(hand_sql.status_sql("1", numbers=True), {"y": YEAR, **hand_sql._plan(con)})}
    theirs = {k: v[0] for k, v in hand.items()}
    differ = [k for k in ours if ours[k] != theirs.get(k)]
    if differ or len(ours) != len(theirs):
        problems.append(f"all series: {len(differ)} of {len(ours)} differ (e.g. {differ[:3]})")
    # the figures the status command lists beside each status: values, base and latest year and value
    assessed = [k for k, n in figures.items() if ours[k] not in ("insufficient", "not_assessed")]
    numbers = [k for k in assessed if k in hand and (
        figures[k][:3] != (hand[k][1], hand[k][2], hand[k][4]) or abs(figures[k][3] - hand[k][3]) > 1e-9
        or abs(figures[k][4] - hand[k][5]) > 1e-9)]
    if numbers:
        problems.append(f"all series: the figures of {len(numbers)} of {len(assessed)} differ (e.g. {numbers[:3]})")
    return problems


def cold(fn):
    """`fn` as the first call after the catalog changed: what is derived from the catalog is rebuilt."""
    def call():
        catalog._MEMO.clear()
        return fn()
    return call


def paired_ms(ours, theirs, repeat: int) -> tuple[float, float, float, float]:
    """Medians (ms) of the two, timed alternately so that both see the same moments of a noisy machine: wall time,
    then the process's CPU time (on a loaded machine a call that yields, e.g. at each transaction's end, may wait
    a whole time slice for the CPU; the CPU time counts only the work, here and in SQLite, which runs in-process)."""
    ours(), theirs()  # warm the connections and SQLite's page cache
    a, b, ca, cb = [], [], [], []
    for _ in range(repeat):
        for fn, times, cpu in ((ours, a, ca), (theirs, b, cb)):
            t0, c0 = time.perf_counter(), time.process_time()
            fn()
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(a), statistics.median(b), statistics.median(ca), statistics.median(cb)


def median_ms(fn, repeat: int) -> float:
    fn()  # warm the connection and SQLite's page cache
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


BENCH_USER = "bench-samordnare@okdata.invalid"
CHART = "[data-testid='stPlotlyChart']"
DRAWN = f"() => [...document.querySelectorAll(\"{CHART}\")].every(c => c.querySelector('svg.main-svg'))"


def browser_pages(url: str) -> tuple[dict[str, float], float]:
    """Each page opened cold by URL and fully rendered in Chromium (ms), and the server's memory afterwards (MB).

    The browser signs in once through OIDC (the fake provider of the tests) as a Samordnare: st.login's cookie
    keeps the sign-in across page loads and server restarts, as in a deployment with many users, so each time is
    the page alone. (A local sign-in's cookie would do the same since issue 14; OIDC is what a deployment uses.) A first
    server warms the browser: the first page with a Plotly chart in a fresh browser loads plotly.js (~1 s here,
    reported as "first chart in a fresh browser"), once; a second server on the same address, with nothing
    cached, then serves the timed pages, each opened by URL in a new Streamlit session, after one untimed page
    (Historik, which shares no reader with them) has paid the server's first run."""
    import tempfile

    from playwright.sync_api import sync_playwright

    from okdata.auth import actor_for, add_user, operator_actor
    from okdata.domain import Role
    from tests.browser_support import LAUNCH_ARGS, free_port, streamlit_server, wait_rendered
    from tests.oidc_provider import oidc_provider

    with db.session(url) as s:
        if actor_for(s, BENCH_USER) is None:
            add_user(s, operator_actor(), BENCH_USER, Role.COORDINATOR, display_name="Benchmark")
    db.get_engine(url).dispose()
    # Lägesrapport last: when it opens, the server starts Chromium and draws the report's charts in the background
    # (report_files.prepare), work that would fall on whichever page is timed after it
    pages = {"Översikt": "", "Mål": "Mal?mal=2&ar=2025&atgard=2.4", "Myndigheter": "Myndigheter?myndighet=POL&ar=2025",
             "Våldstyper": "Valdstyper", "Kommuner": "Kommuner?indikator=1.6a&ar=2025",
             "Mötesläge": "Mote?ar=2025&skarm=3", "Lägesrapport": "Lagesrapport?ar=2025"}
    out, charts = {}, {}

    def visit(page, address: str) -> float:
        t0 = time.perf_counter()
        page.goto(address)
        wait_rendered(page)
        page.wait_for_function(DRAWN, timeout=60_000)
        elapsed = (time.perf_counter() - t0) * 1000
        if "Inloggad som" not in page.locator("body").inner_text() or \
                page.locator("[data-testid='stException']").count():
            raise RuntimeError(f"{address}: not signed in or an exception on the page")
        return elapsed

    with oidc_provider({"bench": BENCH_USER}) as issuer, tempfile.TemporaryDirectory() as tmp, \
            sync_playwright() as p:
        port = free_port()
        secrets = Path(tmp) / "secrets.toml"
        secrets.write_text("\n".join([
            "[auth]", f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"',
            'cookie_secret = "benchmark-cookie-secret-that-is-long-enough"', "[auth.bench]", 'client_id = "bench"',
            'client_secret = "hemligt"', f'server_metadata_url = "{issuer}/.well-known/openid-configuration"']) + "\n")
        args = [f"--secrets.files={secrets}"]
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        with streamlit_server(url, port=port, extra_args=args) as server:  # sign in, load the browser's caches
            page.goto(server)
            wait_rendered(page)
            page.get_by_role("button", name="Logga in via bench").click()
            page.get_by_text("Inloggad som").wait_for(timeout=60_000)
            wait_rendered(page)
            first = visit(page, f"{server}/Kommuner?indikator=1.6a&ar=2024")
            again = visit(page, f"{server}/Kommuner?indikator=1.6a&ar=2023")
        with streamlit_server(url, port=port, extra_args=args) as server:  # nothing cached: the timed pages
            start = visit(page, f"{server}/Historik")  # the server's first run: imports, database check
            for name, path in pages.items():
                out[name] = visit(page, f"{server}/{path}")
                charts[name] = page.locator(CHART).count()
            pid = _server_pid(server)
            memory = _rss_mb(pid) if pid else float("nan")
        browser.close()
    print(f"first chart in a fresh browser (loads plotly.js): {first:.0f} ms, the same page again: {again:.0f} ms; "
          f"the first page after the server starts (Historik): {start:.0f} ms")
    print("Plotly charts drawn per page: " + ", ".join(f"{k} {n}" for k, n in charts.items()))
    return out, memory


def _server_pid(server: str) -> int | None:
    port = server.rsplit(":", 1)[1]
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if "streamlit" in cmd and f"--server.port={port}" in cmd:
                return int(proc.name)
    return None


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def with_history(url: str, path: Path, ours: dict, floor: dict, repeat: int) -> None:
    """Each page's reads on the store with history against the same on this store, timed alternately in one
    process (issue 16: within 1,2×): two runs minutes apart differ by more than that on a shared machine."""
    history_url = f"sqlite:///{path}"
    if same_figures(history_url, path):
        raise SystemExit("the store with history gives other figures than its own hand SQL")
    theirs, their_floor = okdata_calls(history_url), hand_calls(path)
    gc.collect()
    gc.freeze()
    with sqlite3.connect(path) as con:
        n = con.execute("SELECT count(*) FROM observation").fetchone()[0]
    print(f"with history ({n} rows), against the store above, alternating (okdata; the hand SQL for comparison):")
    for name in ours:
        a, b, _, _ = paired_ms(theirs[name], ours[name], repeat)
        c, d, _, _ = paired_ms(their_floor[name], floor[name], repeat)
        print(f"  {name:<22}{a:>9.1f} / {b:>7.1f} ms = {a / b:.2f}x   hand SQL {c:.1f} / {d:.1f} ms = {c / d:.2f}x")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, default=Path("/tmp/okdata-1m.db"))
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--history", type=Path, help="the same store with earlier versions of every value "
                    "(generate_scale.py --history 4): each page timed on both, alternating")
    args = ap.parse_args()
    if not args.db.exists():
        from benchmarks.generate_scale import generate

        generate(args.db)
    url = f"sqlite:///{args.db}"
    os.environ["OKDATA_DATABASE_URL"] = url
    settle()
    with sqlite3.connect(args.db) as con:
        n = con.execute("SELECT count(*) FROM observation").fetchone()[0]
    print(f"{date.today()} {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"SQLite {sqlite3.sqlite_version}; {n} values; load average {os.getloadavg()[0]:.1f}")
    problems = same_figures(url, args.db)
    print("same figures as the hand-written SQL: " + ("yes" if not problems else "NO"))
    for p in problems:
        print("  " + p)
    if problems:  # a baseline that computes other figures measures nothing
        raise SystemExit(1)
    ours, floor = okdata_calls(url), hand_calls(args.db)
    gc.collect()  # what the check above left alive is kept out of every later collection, as an app's start-up
    gc.freeze()  # (heap.settle): else the collections it causes fall on whichever side happens to allocate then
    print(f"{'page':<22}{'okdata ms':>11}{'hand SQL ms':>13}{'ratio':>8}{'CPU ms':>9}{'hand CPU':>10}{'ratio':>7}"
          f"{'new catalog ms':>16}")
    for name in ours:
        a, b, ca, cb = paired_ms(ours[name], floor[name], args.repeat)
        print(f"{name:<22}{a:>11.1f}{b:>13.1f}{a / b:>8.2f}{ca:>9.1f}{cb:>10.1f}{ca / max(cb, 0.001):>7.2f}"
              f"{median_ms(cold(ours[name]), args.repeat):>16.1f}")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    if args.history:
        with_history(url, args.history, ours, floor, args.repeat)
    print("chart panels (values → display table and text alternative):")
    for name, fn in panel_calls(url).items():
        print(f"  {name:<34}{median_ms(fn, args.repeat):>8.1f} ms")
    if not args.no_browser:
        rendered, memory = browser_pages(url)
        for name, ms in rendered.items():
            print(f"rendered {name:<14}{ms:>8.0f} ms")
        print(f"server memory after every page: {memory:.0f} MB")


if __name__ == "__main__":
    main()
