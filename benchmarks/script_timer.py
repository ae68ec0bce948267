"""Server-side script time: every run of a page's script timed in the script runner's own thread (Streamlit's
ScriptRunner._run_script, which AppTest's runner and the server both use), from the start of the script to its
last element sent: wall time, and the CPU time of that thread (the page's work, SQLite's included, without the time
a loaded machine makes it wait for a core). Benchmarks only: imported by bench_warm.py and by the server that
bench_load.py starts."""

import threading
import time

RUNS: list[tuple[str, float, float]] = []  # (page script, seconds, CPU seconds of the run's thread), in order
_lock = threading.Lock()


def install(sink=None) -> None:
    """Time every script run from now on (in this process); `sink(page, seconds)` is told of each."""
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    original = ScriptRunner._run_script

    def timed(self, rerun_data):
        t0, c0 = time.perf_counter(), time.thread_time()
        try:
            return original(self, rerun_data)
        finally:
            seconds, cpu = time.perf_counter() - t0, time.thread_time() - c0
            page = rerun_data.page_script_hash or ""
            with _lock:
                RUNS.append((page, seconds, cpu))
            if sink is not None:
                sink(page, seconds)

    ScriptRunner._run_script = timed


def share_script_cache() -> None:
    """Compile each page script once per process, as the server does (its runtime keeps one ScriptCache for every
    session); AppTest makes two new caches for every run (its runner's and its pages manager's), so that each timed
    run compiled app.py and the page again (3–4 ms, then 0,5–0,9 ms for the page the second cache compiled: a
    tenth of a warm view's frame), which no view in the server pays."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    local_script_runner.ScriptCache = lambda: shared
    app_test.ScriptCache = lambda: shared  # the cache AppTest gives its pages manager, which compiles the page


def scan_components_once() -> None:
    """AppTest scans every installed package for Streamlit components before each instance's first run (~0.2 s,
    more than a page's script): scan once per process, as the tests do (tests/conftest.py)."""
    from streamlit.components.v2 import manifest_scanner

    if hasattr(manifest_scanner, "scan_component_manifests"):
        found = manifest_scanner.scan_component_manifests()
        manifest_scanner.scan_component_manifests = lambda max_workers=None: list(found)
