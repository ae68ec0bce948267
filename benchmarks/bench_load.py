"""Benchmark: a meeting starts. The app is started against a store, N people sign in at once in N browser
sessions (Chromium through Playwright: the form, the password check, the cookie), then each opens Översikt and
Mål. Measured in the server itself (benchmarks/timed_server.py): each local sign-in's time (read, password check,
short write) and each page script's run time; the browsers, which take most of the two cores, only drive the load.

    .venv/bin/python benchmarks/bench_load.py --sessions 30 [--db /tmp/okdata-1m.db]

The store is copied first (the sign-ins write to it), N reader accounts are made in the copy. Ends with one line:
`sessions=N signin_p95_s=… page_p95_s=… rss_mb=…` (p95 over the N sign-ins and the 2·N page runs; the server's
resident memory at the end). Also printed: p50 and the maximum, the browsers' own times, refusals.
"""

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_signin import PASSWORD, accounts  # noqa: E402  (N reader accounts, one per person)

GOAL_URL = "/Mal?mal=2&ar=2025"


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20, method="inclusive")[18] if len(xs) > 1 else xs[0]


def timings(path: Path) -> list[tuple[str, float, float]]:
    rows = []
    for line in path.read_text().splitlines():
        kind, seconds, at = line.split("\t")
        rows.append((kind, float(seconds), float(at)))
    return rows


def rss_mb(pid: int) -> float:
    """Resident memory of the server process and its children (Streamlit runs in one process)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def drive(base: str, names: list[str]) -> dict:
    from playwright.async_api import async_playwright, expect

    async def rendered(page):
        app = page.locator("[data-testid='stApp']")
        await expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=600_000)
        await expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=600_000)

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        contexts = [await browser.new_context() for _ in names]
        pages = [await c.new_page() for c in contexts]
        await asyncio.gather(*(pg.goto(base, timeout=600_000) for pg in pages))
        await asyncio.gather(*(rendered(pg) for pg in pages))
        for pg, name in zip(pages, names):
            await pg.get_by_label("Användarnamn").fill(name)
            await pg.get_by_label("Lösenord").fill(PASSWORD)
        started = time.time()

        async def sign_in(pg):
            t0 = time.perf_counter()
            await pg.get_by_role("button", name="Logga in", exact=True).click()
            await expect(pg.get_by_text("Inloggad som")).to_be_visible(timeout=600_000)
            await rendered(pg)
            return time.perf_counter() - t0

        signed = await asyncio.gather(*(sign_in(pg) for pg in pages), return_exceptions=True)
        refused = [s for s in signed if isinstance(s, BaseException)]

        async def cookie(c):  # the page posts the one-time code after its run; the cookie carries the sign-in
            for _ in range(3000):  # up to 5 minutes, as long as the code is good for (signin.HANDOFF_SECONDS)
                if any(k["name"] == "okdata_session" for k in await c.cookies()):
                    return True
                await asyncio.sleep(0.1)
            return False

        cookies = await asyncio.gather(*(cookie(c) for c in contexts))
        cookies_after = time.time() - started
        pages_from = time.time()

        async def open_pages(pg):
            t0 = time.perf_counter()
            await pg.goto(base + "/", timeout=600_000)
            await rendered(pg)
            await expect(pg.get_by_text("Inloggad som")).to_be_visible(timeout=600_000)
            await pg.goto(base + GOAL_URL, timeout=600_000)
            await rendered(pg)
            await expect(pg.get_by_text("Inloggad som")).to_be_visible(timeout=600_000)
            return time.perf_counter() - t0

        opened = await asyncio.gather(*(open_pages(pg) for pg in pages), return_exceptions=True)
        await browser.close()
    return {"started": started, "pages_from": pages_from, "signed": [s for s in signed if isinstance(s, float)],
            "refused": refused, "cookies": sum(cookies), "cookies_after": cookies_after,
            "opened": [o for o in opened if isinstance(o, float)],
            "failed_pages": [o for o in opened if isinstance(o, BaseException)]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sessions", type=int, default=10)
    ap.add_argument("--db", type=Path, default=Path("/tmp/okdata-1m.db"))
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="okdata-load-"))
    store = work / "store.db"
    shutil.copy(args.db, store)
    url = f"sqlite:///{store}"
    names = accounts(url, args.sessions)
    from okdata import db

    db.get_engine(url).dispose()
    timing_file = work / "timings.tsv"
    timing_file.touch()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "OKDATA_DATABASE_URL": url, "OKDATA_TIMINGS": str(timing_file)}
    log = open(work / "server.log", "w")
    server = subprocess.Popen([sys.executable, str(ROOT / "benchmarks" / "timed_server.py"), "--server.headless=true",
                               "--server.address=127.0.0.1", f"--server.port={port}",
                               "--server.fileWatcherType=none", "--browser.gatherUsageStats=false"],
                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.2)
        load = os.getloadavg()[0]
        result = asyncio.run(drive(base, names))
        memory = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(30)
        log.close()
    rows = timings(timing_file)
    signins = [s for kind, s, _ in rows if kind == "signin"]
    kinds = [kind for kind, _, _ in rows]
    page_runs = [s for kind, s, at in rows if kind == "run" and at >= result["pages_from"]]
    print(f"load average at the start {load:.1f}, {os.cpu_count()} cores; store {args.db} "
          f"({store.stat().st_size / 1e6:.0f} MB)")
    print(f"sign-ins in the server: {len(signins)}, p50 {statistics.median(signins):.2f} s, p95 {p95(signins):.2f} s, "
          f"max {max(signins):.2f} s; refused or failed in the browser: {len(result['refused'])}; "
          f"cookies set {result['cookies']}/{args.sessions} (the last {result['cookies_after']:.0f} s after the "
          f"clicks); codes traded for a cookie {kinds.count('cookie')}, refused {kinds.count('cookie_refused')}")
    print(f"browser, click to signed-in page: p50 {statistics.median(result['signed']):.2f} s, "
          f"p95 {p95(result['signed']):.2f} s")
    print(f"page runs in the server (Översikt and Mål): {len(page_runs)}, p50 {statistics.median(page_runs):.2f} s, "
          f"p95 {p95(page_runs):.2f} s, max {max(page_runs):.2f} s; failed pages {len(result['failed_pages'])}")
    print(f"browser, both pages: p50 {statistics.median(result['opened']):.2f} s, p95 {p95(result['opened']):.2f} s")
    print(f"sessions={args.sessions} signin_p95_s={p95(signins):.2f} page_p95_s={p95(page_runs):.2f} "
          f"rss_mb={memory:.0f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
