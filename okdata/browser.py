"""Debian's Chromium for rendering charts and PDFs (no browser is downloaded), kept running by one thread."""

import os
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    """OKDATA_CHROMIUM, else chromium on the PATH, else /usr/bin/chromium."""
    return os.environ.get("OKDATA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


# One thread drives Chromium for the whole process and keeps it running between reports: starting it took 1–2 s
# on a quiet machine and 15–30 s beside a running test suite (benchmarks/README.md), more than drawing every chart.
# Playwright's sync API must stay in the thread that started it, and refuses to start inside a running asyncio
# loop, which a calling thread may have (a server, a test that drives a browser itself).
_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="okdata-chromium")
_STATE: dict = {}


def _browser():
    browser = _STATE.get("browser")
    if browser is not None and browser.is_connected():
        return browser
    from playwright.sync_api import sync_playwright

    if "playwright" not in _STATE:
        _STATE["playwright"] = sync_playwright().start()
    _STATE["browser"] = _STATE["playwright"].chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    return _STATE["browser"]


def kept_page(key: str, setup: Callable) -> object:
    """A page of the process's Chromium kept between calls in a context of its own, made ready by `setup(page)`
    on first use and again after the browser restarted: what every call would load again (plotly.js: 1,3–2,5 s of
    parsing on this machine, more than drawing a report's charts) is loaded once per process. Only in the browser's
    thread, from a function given to with_browser."""
    page = _STATE.get(key)
    if page is not None and not page.is_closed() and page.context.browser.is_connected():
        return page
    page = _browser().new_context().new_page()
    setup(page)
    _STATE[key] = page
    return page


def with_browser(fn: Callable, *args, wait: bool = True):
    """`fn(context, *args)` in a fresh browser context of the process's Chromium (started on first use, started
    again if it has died), closed afterwards; its result, or, without `wait`, nothing (it runs in the background
    and a later call waits behind it)."""
    def call():
        browser = _browser()
        context = browser.new_context()
        try:
            return fn(context, *args)
        finally:
            context.close()

    future = _THREAD.submit(call)
    return future.result() if wait else None
