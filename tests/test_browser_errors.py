"""Test in a real Chromium that an unexpected error on a page is a Swedish message, never a traceback."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import text

from okdata import db
from tests.apptest_support import COORDINATOR
from tests.browser_support import screenshot, sign_in, streamlit_server

pytestmark = pytest.mark.browser


def test_a_page_that_fails_shows_a_swedish_message_without_details(backend, page):
    """Test that a page whose database table is gone shows the Swedish message and no exception box."""
    url = backend.fresh("sample")
    with db.session(url) as s:
        s.execute(text("ALTER TABLE meeting_note RENAME TO meeting_note_gone"))
    db.get_engine(url).dispose()
    with streamlit_server(url) as base:
        sign_in(page, f"{base}/Mote?skarm=abc&mote=2025-13-45", COORDINATOR)
        expect(page.get_by_text("Något gick fel")).to_be_visible()
        screenshot(page, "sidfel")
        shown = page.locator("[data-testid='stMain']").inner_text()
        exceptions = page.locator("[data-testid='stException']").count()
    assert exceptions == 0
    assert "referens" in shown and "meeting_note" not in shown and "Traceback" not in shown
