"""Benchmark: each page's data call on a 1 000 000-value database against hand-written SQL for the same figures,
each page fully rendered in headless Chromium, and the server's memory after visiting every page.

    .venv/bin/python benchmarks/bench_pages.py [--db /tmp/okdata-1m.db] [--repeat 5] [--no-browser]

The hand-written SQL fetches exactly the rows each data call needs, with sqlite3 and no ORM, pandas or caching:
the floor for that page. Data calls run uncached (what a page pays when its cache is cold, e.g. after a write).
"""

import argparse
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

from okdata import admin, db, explore, overview, progress, report  # noqa: E402
from okdata.catalog import find_agency  # noqa: E402
from okdata.heap import settle  # noqa: E402

YEAR = 2025
HEADLINE = "violence_type = '' AND area_code = '01' AND grp = '' AND category = ''"


def data_calls(url: str) -> dict[str, callable]:
    def with_session(fn):
        def run():
            with db.read_session(url) as s:
                return fn(s)
        return run

    def overview_page(s):
        overview.goal_cards(s, YEAR)
        progress.goal_progress(s, YEAR)
        explore.year_changes(s, YEAR)
        explore.status_changes(s, YEAR)
        admin.completeness(s, YEAR)

    def goal_page(s):
        overview.measure_table(s, 2, YEAR)
        overview.indicator_table(s, YEAR, True, 2)
        overview.measure_detail(s, "2.4", YEAR)
        ind = overview.indicators_frame(s)
        overview.indicator_chart_data(s, int(ind[ind.id == "2.4a"].indicator_id.iloc[0]), "område")

    def agencies_page(s):
        pol = find_agency(s, "POL")
        explore.agency_reporting(s, pol, [2024, 2025, 2026])
        explore.missing_values(s, pol, YEAR)

    def violence_page(s):
        explore.violence_frame(s, ["VNR", "HRV", "PMH", "SV"])

    def municipalities_page(s):
        ind = overview.indicators_frame(s)
        explore.municipal_frame(s, int(ind[ind.id == "1.6a"].indicator_id.iloc[0]), YEAR)

    def report_page(s):
        report.report_data(s, YEAR)

    return {name: with_session(fn) for name, fn in [("Översikt", overview_page), ("Mål", goal_page),
                                                     ("Myndigheter", agencies_page), ("Våldstyper", violence_page),
                                                     ("Kommuner", municipalities_page),
                                                     ("Lägesrapport", report_page)]}


def hand_sql(path: Path) -> dict[str, callable]:
    """The same figures with plain sqlite3."""
    con = sqlite3.connect(path)

    def q(sql, *args):
        return con.execute(sql, args).fetchall()

    def ind(code):
        return q("SELECT id FROM indicator WHERE code = ?", code)[0][0]

    def catalog():
        q("SELECT g.number, g.title, g.in_place, g.development_areas FROM goal g ORDER BY g.number")
        q("SELECT m.id, m.code, m.text, m.frequency, m.goal_id, ma.agency_id, a.short_name FROM measure m "
          "JOIN measure_agency ma ON ma.measure_id = m.id JOIN agency a ON a.id = ma.agency_id ORDER BY m.sort_key")
        q("SELECT i.id, i.code, i.name, i.kind, i.unit, i.direction, i.target_value, i.target_year, i.breakdowns, "
          "i.categories, g.number, m.code FROM indicator i JOIN goal g ON g.id = i.goal_id "
          "LEFT JOIN measure m ON m.id = i.measure_id ORDER BY i.sort_key")

    def overview_page():
        catalog()
        q(f"SELECT indicator_id, year, value_num, numerator, denominator FROM observation WHERE {HEADLINE} "
          "AND is_approved AND year <= ? AND value_num IS NOT NULL", YEAR)
        q("SELECT measure_id, status, count(*) FROM measure_status WHERE year = ? AND is_approved "
          "GROUP BY measure_id, status", YEAR)
        q("SELECT DISTINCT indicator_id FROM observation WHERE year = ? AND is_approved", YEAR)
        q("SELECT measure_id, agency_id, year, status FROM measure_status WHERE year IN (?, ?) AND is_approved",
          YEAR - 1, YEAR)
        q("SELECT agency_id, status, count(*), max(created_at) FROM import_batch WHERE kind = 'upload' AND year = ? "
          "AND status <> 'rolled_back' GROUP BY agency_id, status", YEAR)
        q("SELECT id, code, name, short_name, kind, area_code, parent_id FROM agency")

    def goal_page():
        catalog()
        q(f"SELECT indicator_id, year, value_num FROM observation WHERE {HEADLINE} AND is_approved AND year <= ?",
          YEAR)
        q("SELECT measure_id, status, count(*) FROM measure_status WHERE year = ? AND is_approved "
          "GROUP BY measure_id, status", YEAR)
        q("SELECT year, area_code, value_num, is_example, source, batch_id FROM observation WHERE indicator_id = ? "
          "AND violence_type = '' AND grp = '' AND category = '' AND area_code <> '01' AND is_approved",
          ind("2.4a"))

    def agencies_page():
        catalog()
        for year in (2024, 2025, 2026):
            q("SELECT o.indicator_id, o.violence_type, o.area_code, o.grp, o.category FROM observation o "
              "JOIN import_batch b ON b.id = o.batch_id WHERE o.year = ? AND b.kind = 'upload' AND b.agency_id = ? "
              "AND o.is_current", year, 2)

    def violence_page():
        q("SELECT indicator_id, violence_type, year, value_num FROM observation WHERE violence_type IN "
          "('VNR', 'HRV', 'PMH', 'SV') AND area_code = '01' AND grp = '' AND category = '' AND is_approved")

    def municipalities_page():
        q("SELECT o.area_code, a.name, o.value_num FROM observation o JOIN area a ON a.code = o.area_code "
          "WHERE o.indicator_id = ? AND o.year = ? AND o.violence_type = '' AND o.grp = '' AND o.category = '' "
          "AND o.is_approved", ind("1.6a"), YEAR)
        q("SELECT area_code, year, population FROM population")

    def report_page():
        catalog()
        q(f"SELECT indicator_id, year, value_num, is_example, source FROM observation WHERE {HEADLINE} "
          "AND is_approved AND year <= ?", YEAR)
        q("SELECT measure_id, agency_id, status, description FROM measure_status WHERE year = ? AND is_approved",
          YEAR)

    return {"Översikt": overview_page, "Mål": goal_page, "Myndigheter": agencies_page, "Våldstyper": violence_page,
            "Kommuner": municipalities_page, "Lägesrapport": report_page}


def median_ms(fn, repeat: int) -> float:
    fn()  # warm the connection and SQLite's page cache
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def browser_pages(url: str) -> tuple[dict[str, float], float]:
    """Each page opened cold and fully rendered in Chromium (ms), and the server's memory afterwards (MB)."""
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright

    from tests.browser_support import LAUNCH_ARGS, sign_in, streamlit_server, wait_rendered

    pages = {"Översikt": "", "Mål": "Mal?mal=2&ar=2025&atgard=2.4", "Myndigheter": "Myndigheter?myndighet=POL&ar=2025",
             "Våldstyper": "Valdstyper", "Kommuner": "Kommuner?indikator=1.6a&ar=2025",
             "Lägesrapport": "Lagesrapport?ar=2025", "Mötesläge": "Mote?ar=2025&skarm=3"}
    out = {}
    with streamlit_server(url) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        sign_in(page, server, "demo-samordnare")
        for name, path in pages.items():
            t0 = time.perf_counter()
            page.goto(f"{server}/{path}")
            wait_rendered(page)
            if page.get_by_label("Användarnamn").count():  # a cold URL asks for sign-in: time the page after it
                sign_in(page, f"{server}/{path}", "demo-samordnare")
                t0 = time.perf_counter()
                page.reload()
                wait_rendered(page)
                if page.get_by_label("Användarnamn").count():
                    sign_in(page, f"{server}/{path}", "demo-samordnare")
            out[name] = (time.perf_counter() - t0) * 1000
        pid = _server_pid(server)
        memory = _rss_mb(pid) if pid else float("nan")
        browser.close()
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, default=Path("/tmp/okdata-1m.db"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    if not args.db.exists():
        from benchmarks.generate import generate

        generate(args.db)
    url = f"sqlite:///{args.db}"
    os.environ["OKDATA_DATABASE_URL"] = url
    settle()
    with sqlite3.connect(args.db) as con:
        n = con.execute("SELECT count(*) FROM observation").fetchone()[0]
    print(f"{date.today()} {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"SQLite {sqlite3.sqlite_version}; {n} values")
    ours, floor = data_calls(url), hand_sql(args.db)
    print(f"{'page':<14}{'data call ms':>14}{'hand SQL ms':>13}{'ratio':>8}")
    for name in ours:
        a, b = median_ms(ours[name], args.repeat), median_ms(floor[name], args.repeat)
        print(f"{name:<14}{a:>14.1f}{b:>13.1f}{a / b:>8.2f}")
    if not args.no_browser:
        rendered, memory = browser_pages(url)
        for name, ms in rendered.items():
            print(f"rendered {name:<14}{ms:>8.0f} ms")
        print(f"server memory after every page: {memory:.0f} MB")


if __name__ == "__main__":
    main()
