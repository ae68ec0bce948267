"""Test accessibility in a real Chromium (issue 20, item 5): an axe-core scan of every page for each role, keyboard
focus that is visible and unlike the current-page marker, tab order as seen, and no English we control."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from okdata import texts
from okdata.auth import PAGE_ROLES
from okdata.domain import Role
from okdata.web.page import PAGES
from tests.browser_support import cut_fields, screenshot, sign_in, streamlit_server, wait_rendered

pytestmark = pytest.mark.browser

USERS = {Role.READER: "demo-lasare", Role.REPORTER: "demo-polisen", Role.COORDINATOR: "demo-samordnare",
         Role.ADMIN: "demo-admin"}
SERIOUS = {"moderate", "serious", "critical"}
# Words a user must never see from us: Python's and pandas' empties, and Streamlit's default placeholders that
# a widget can be given in Swedish (its remaining chrome is listed in docs/sidor.md).
LEAKS = re.compile(r"\b(None|nan|NaN|empty|Choose an option|Choose options|Upload|per file)\b")


def _path(p) -> str:
    return "" if p.path == "app.py" else p.path.split("_", 1)[1].removesuffix(".py")


@pytest.fixture(scope="module")
def server(backend):
    with streamlit_server(backend.fresh("sample")) as base:
        yield base


@pytest.mark.parametrize("role", list(USERS))
def test_every_page_a_role_opens_has_no_moderate_or_worse_axe_violation_and_no_leaked_english(server, page, role):
    """Also, at 1366×768, no field shows its value only in part (a select box's "…", a date cut at its edge)."""
    page.set_viewport_size({"width": 1366, "height": 768})
    axe, found, seen = Axe(), {}, 0
    for p in [p for p in PAGES if role in PAGE_ROLES[p.key]]:
        if seen == 0:
            sign_in(page, f"{server}/{_path(p)}", USERS[role])
        else:
            page.goto(f"{server}/{_path(p)}")
            wait_rendered(page)
        seen += 1
        result = axe.run(page).response
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
               if v["impact"] in SERIOUS]
        text = page.locator("[data-testid='stApp']").inner_text()
        placeholders = page.evaluate("() => Array.from(document.querySelectorAll('input[placeholder]'))"
                                     ".map(e => e.placeholder).join(' ')")
        leaks = sorted(set(LEAKS.findall(text + " " + placeholders)))
        cut = cut_fields(page)
        if bad or leaks or cut:
            found[p.key] = (bad, leaks, cut)
    assert seen == len([k for k, roles in PAGE_ROLES.items() if role in roles]) and not found, found


def test_keyboard_focus_is_a_visible_outline_unlike_the_current_page_marker(server, page):
    sign_in(page, f"{server}/Mal", "demo-lasare")
    current = page.locator("[data-testid='stSidebar'] a[href='Mal']")
    other = page.locator("[data-testid='stSidebar'] a[href='Myndigheter']")
    page.keyboard.press("Tab")  # the keyboard in use: the browser now shows where focus goes
    other.focus()
    style = "e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
    assert other.evaluate(style) == ["solid", "3px", "rgb(0, 114, 178)"]
    assert current.evaluate(style)[0] == "none"  # the current page is marked by its tint, never by the outline


def test_tab_order_on_oversikt_runs_through_the_goals_as_they_are_seen(server, page):
    sign_in(page, f"{server}/", "demo-lasare")
    order = []
    for _ in range(250):
        page.keyboard.press("Tab")
        label = page.evaluate("() => document.activeElement.innerText || ''")
        if m := re.fullmatch(r"\s*(?:\S+\s+)?Öppna mål (\d)\s*", label):
            order.append(int(m.group(1)))
            if len(order) == 8:
                break
    assert order == list(range(1, 9))


def test_plotly_speaks_swedish_in_its_toolbar(server, page):
    sign_in(page, f"{server}/Indikator?indikator=2.4a&ar=2025", "demo-lasare")
    chart = page.locator("[data-testid='stPlotlyChart']").first
    chart.hover()
    buttons = chart.locator(".modebar-btn")
    expect(buttons.first).to_be_attached()
    titles = buttons.evaluate_all("bs => bs.map(b => b.getAttribute('data-title'))")
    swedish = set(texts.PLOTLY_SV["dictionary"].values())
    assert "Ladda ned diagrammet som png" in titles and "Zooma in" in titles
    # every button of Plotly's in Swedish; "Fullscreen" is the button Streamlit adds (listed in docs/sidor.md)
    assert set(titles) - swedish == {"Fullscreen"}, titles


@pytest.mark.parametrize("width, height", [(1920, 1080), (1366, 768)])
def test_the_indicator_page_renders_at_common_screen_sizes(server, browser, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="sv-SE")
    page = context.new_page()
    try:
        sign_in(page, f"{server}/Indikator?indikator=2.4a&ar=2025&uppdelning=omr%C3%A5de", "demo-lasare")
        expect(page.locator("[data-testid='stPlotlyChart']")).to_have_count(1)
        expect(page.get_by_text(texts.INDICATOR_VIEW["about"])).to_be_visible()
        screenshot(page, f"indikator-{width}x{height}")
        assert page.locator("[data-testid='stException']").count() == 0
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width  # no sideways scrolling
    finally:
        context.close()
