"""Real-browser helpers: `streamlit run serve.py` on 127.0.0.1 and Debian's Chromium through Playwright."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "tests" / "screenshots"
CHROMIUM_PATH = "/usr/bin/chromium"
# Playwright's own default for actions and waits; expect's default (5 s) is too short for a page that computes
# on a shared two-core machine.
expect.set_options(timeout=30_000)
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(db_url: str, extra_env: dict | None = None, cwd: Path = ROOT, port: int | None = None,
                     extra_args: list[str] | None = None):
    """Run `streamlit run serve.py` (the app with its sign-in cookie routes) against a database; yields the base
    URL; stops it afterwards."""
    port = port or free_port()
    env = {**os.environ, "OKDATA_DATABASE_URL": db_url, **(extra_env or {})}
    log = open(ROOT / "tests" / "output" / f"streamlit-{port}.log", "w") if _ensure_output() else None
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}", "--server.fileWatcherType=none",
         "--browser.gatherUsageStats=false", *(extra_args or [])],
        cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"streamlit did not start (exit {proc.poll()})")
            time.sleep(0.2)  # a polling loop: waiting for the server to start answering its health check
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log:
            log.close()


def _ensure_output() -> bool:
    (ROOT / "tests" / "output").mkdir(parents=True, exist_ok=True)
    return True


def wait_rendered(page, timeout: float = 60_000) -> None:
    """Wait as Streamlit's own e2e suite does: connected, script not running, no skeleton or spinner.

    After a navigation (goto, reload) this waits for the page's first run: the app reports the state `initial`
    until that run has finished. After an action in the page, first expect something that the action's run draws
    (the app then reports that run), then call this to let the run finish: alone it cannot tell a run that has not
    begun yet from one that is over. Not the URL: the browser shows a new URL parameter before the app reports
    the run that set it.
    """
    app = page.locator("[data-testid='stApp']")
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=timeout)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=timeout)
    expect(page.locator("[data-testid='stSkeleton']")).to_have_count(0, timeout=timeout)
    expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(0, timeout=timeout)


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under tests/screenshots/ (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def window_screenshot(page, name: str) -> Path:
    """Save what the window shows, without scrolling (not the whole page), under tests/screenshots/. The pointer is
    moved to the window's corner first: left where the sign-in button was, it lit the menu's link beneath it, so
    that a screenshot of Granska seemed to be of "Mål och åtgärder"."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    size = page.viewport_size
    if size:
        page.mouse.move(size["width"] - 2, size["height"] - 2)
    page.screenshot(path=str(path))
    return path


def sign_in(page, url: str, username: str, password: str = "demo") -> None:
    """Open `url` cold, sign in on the form it shows, and wait for the page itself to render.

    The page then renders with its URL parameters intact. The sign-in cookie for other tabs follows a moment
    later (`wait_for_session_cookie`).
    """
    page.goto(url)
    wait_rendered(page)
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in", exact=True).click()
    expect(page.get_by_text("Inloggad som")).to_be_visible()
    wait_rendered(page)


def wait_for_session_cookie(page, present: bool = True, timeout: float = 30_000) -> dict | None:
    """Wait until the browser holds okdata's sign-in cookie (or, with `present=False`, no longer holds it); returns
    it. The page sets and clears it with a post to the server after it has rendered."""
    deadline = time.time() + timeout / 1000
    while time.time() < deadline:
        found = [c for c in page.context.cookies() if c["name"] == "okdata_session"]
        if bool(found) == present:
            return found[0] if found else None
        # A polling loop on the cookie jar, waiting for the server's answer to that post: Playwright's `expect`
        # covers pages and elements, not cookies. wait_for_timeout lets Playwright handle events meanwhile.
        page.wait_for_timeout(100)
    raise TimeoutError(f"the okdata_session cookie was {'never set' if present else 'never cleared'}")


# What a field shows only in part, cut at its own edge: an input whose text is wider than its box, a chosen value
# or label shortened with "…" (a select box's), or a date whose year, month or day segment lies beyond the right
# edge of a box that hides what overflows it (Streamlit's date field is a group of such segments).
CUT_FIELDS = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    const shown = el => {  // drawn, and inside the window (a collapsed sidebar is moved out of it to the left)
        const box = el.getBoundingClientRect();
        return el.offsetParent !== null && box.width > 0 && box.right > 0;
    };
    const inputs = Array.from(app.querySelectorAll("input")).filter(i => shown(i) && i.value)
        .filter(i => i.scrollWidth > i.clientWidth + 1).map(i => i.value);
    const shortened = Array.from(app.querySelectorAll("*")).filter(el => shown(el) && el.children.length === 0
        && getComputedStyle(el).textOverflow === "ellipsis" && el.scrollWidth > el.clientWidth + 1 && el.innerText)
        .map(el => el.innerText);
    const clipped = s => {
        const right = s.getBoundingClientRect().right;
        for (let box = s.parentElement; box && box !== app; box = box.parentElement) {
            if (getComputedStyle(box).overflowX !== "visible" && box.getBoundingClientRect().right < right - 1) {
                return true;
            }
        }
        return false;
    };
    const dates = Array.from(app.querySelectorAll("[role='group']")).filter(shown)
        .filter(g => Array.from(g.querySelectorAll("[role='spinbutton']")).some(clipped))
        .map(g => g.getAttribute("aria-label") + ": " + g.innerText.replace(/\\s+/g, " "));
    return inputs.concat(shortened, dates);
}"""


def cut_fields(page) -> list[str]:
    """The fields on the page that show their value only in part (CUT_FIELDS)."""
    return page.evaluate(CUT_FIELDS)
