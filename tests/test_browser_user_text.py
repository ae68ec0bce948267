"""Test in a real Chromium that user text in the meeting room is shown as typed and fetches nothing (issue 14)."""

import http.server
import threading
from datetime import date

import pytest
from playwright.sync_api import expect

from okdata import db
from okdata.auth import actor_for
from okdata.meetings import save_note
from tests.apptest_support import COORDINATOR
from tests.browser_support import free_port, screenshot, sign_in, streamlit_server, wait_rendered
from tests.hostile import markup

pytestmark = pytest.mark.browser


class _Pixel(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (the standard library's name)
        _Pixel.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def pixel_server():
    """A tracking-pixel server on 127.0.0.1 that records every request it gets."""
    _Pixel.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), _Pixel)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def test_meeting_notes_and_decisions_show_literally_and_fetch_no_pixel(backend, page, pixel_server):
    """Test that a meeting note and decision with Markdown, an external image, KaTeX and HTML show as typed in
    Chromium (no image, link, formula or bold), and that the pixel server receives no request."""
    text = markup(pixel_server.server_address[1])
    url = backend.fresh("sample")
    with db.session(url) as s:
        coord = actor_for(s, COORDINATOR)
        save_note(s, coord, date(2026, 1, 10), 2025, 0, text, "")
        save_note(s, coord, date(2026, 1, 10), 2025, 2, "", text)
    with streamlit_server(url) as base:
        sign_in(page, f"{base}/Mote?ar=2025&mote=2026-03-01", COORDINATOR)
        title_screen = page.locator("[data-testid='stMain']").inner_text().replace("\u2060", "")
        screenshot(page, "mote-anvandartext-titel")
        page.goto(f"{base}/Mote?ar=2025&mote=2026-03-01&skarm=3")
        wait_rendered(page)
        if page.get_by_label("Användarnamn").count():
            sign_in(page, f"{base}/Mote?ar=2025&mote=2026-03-01&skarm=3", COORDINATOR)
        expect(page.get_by_text("Beslutslogg för målet")).to_be_visible()
        wait_rendered(page)
        page.wait_for_function("() => Array.from(document.images).every(i => i.complete)")  # any image was fetched
        goal_screen = page.locator("[data-testid='stMain']").inner_text().replace("\u2060", "")
        page.get_by_text("Beslutslogg för målet").scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot(page, "mote-anvandartext-mal-2").with_name("mote-anvandartext-logg.png")))
        main = page.locator("[data-testid='stMain']")
        counts = {sel: main.locator(sel).count() for sel in ("img[src*='pixel']", "a[href*='pixel']", ".katex",
                                                              "strong:text-is('fet')", "b:text-is('b')")}
    for shown in (title_screen, goal_screen):
        assert text in shown, shown
    assert counts == dict.fromkeys(counts, 0)
    assert _Pixel.requests == []
