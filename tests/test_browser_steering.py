"""Test the steering group's screens in a real headless Chromium at a projector's 1920×1080 and a laptop's
1366×768 (issue 17): Översikt's eight goals without scrolling, and every Mötesläge slide without scrolling, moved by
the keyboard. Screenshots under tests/screenshots/."""

import pytest
from playwright.sync_api import expect

from tests.browser_support import sign_in, streamlit_server, wait_rendered, window_screenshot

pytestmark = pytest.mark.browser

SIZES = [(1920, 1080), (1366, 768)]


@pytest.fixture(scope="module")
def server(backend):
    with streamlit_server(backend.fresh("sample")) as base:
        yield base


# Everything in `selector` lies inside the window (nothing to scroll to).
INSIDE_WINDOW = """selector => {
    const el = document.querySelector(selector);
    return el !== null && el.getBoundingClientRect().bottom <= window.innerHeight;
}"""


@pytest.mark.parametrize("width, height", SIZES)
def test_the_overview_shows_all_eight_goals_statuses_without_scrolling(server, page, width, height):
    """Test that Översikt's goal table, with each goal's implementation and outcome, fits the first screen."""
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, f"{server}/?ar=2025", "demo-lasare")
    matrix = page.locator("[data-testid='stMain'] table").first
    expect(matrix.locator("tbody tr")).to_have_count(8)
    window_screenshot(page, f"steering-oversikt-{width}x{height}")
    assert page.evaluate(INSIDE_WINDOW, "[data-testid='stMain'] table tbody tr:last-child")
    last = matrix.locator("tbody tr").last.inner_text()
    assert last.startswith("8") and "Pågående" in matrix.inner_text()
