"""Test every page in a real headless Chromium against `streamlit run`, opened cold by its URL."""

import pytest

from tests.browser_support import screenshot, sign_in, streamlit_server

pytestmark = pytest.mark.browser

# The progress views (Mål, Myndigheter, Våldstyper, Kommuner) have their own file: test_browser_progress.py
PAGES = [("", "oversikt"), ("Rapportera", "rapportera"), ("Historik", "historik"), ("Granska", "granska"),
         ("Katalog", "katalog"), ("Logg", "logg"), ("Mote?ar=2025&skarm=3", "mote-mal-2"),
         ("Lagesrapport?ar=2025", "lagesrapport"), ("Anvandare", "anvandare")]


@pytest.fixture(scope="module")
def server(backend):
    with streamlit_server(backend.fresh("sample")) as base:
        yield base


@pytest.mark.parametrize("path, name", PAGES)
def test_every_page_opens_cold_by_its_url_without_an_exception(server, page, path, name):
    sign_in(page, f"{server}/{path}", "demo-admin" if name == "anvandare" else "demo-samordnare")
    screenshot(page, name)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("h1").first.inner_text().strip() != ""


def test_a_short_table_shows_no_empty_rows_beneath_its_last(server, page):
    """Test that Granska's queue of two returns is as tall as its two rows: given a fixed height for a long queue, it
    drew five empty rows beneath them, as if values were missing (widgets.fixed_height)."""
    sign_in(page, f"{server}/Granska", "demo-samordnare")
    queue = page.locator("[data-testid='stMain'] [data-testid='stDataFrame']").first  # the queue, at the top
    queue.wait_for()
    box = queue.bounding_box()
    assert box is not None and box["height"] <= 3 * 35 + 10, box  # the header and two rows
