"""Test the steering group's screens in a real headless Chromium at a projector's 1920×1080 and a laptop's
1366×768 (issue 17): Översikt's eight goals without scrolling, and every Mötesläge slide without scrolling, moved by
the keyboard. Screenshots under tests/screenshots/."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from okdata import db
from okdata.analysis import save_analysis
from okdata.auth import actor_for
from tests.browser_support import cut_fields, sign_in, streamlit_server, wait_rendered, window_screenshot

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


NOT_SCROLLING = """() => {
    const main = document.querySelector("[data-testid='stMain']");
    return main.scrollHeight <= main.clientHeight;
}"""
SLIDES = 10  # the title, the goals at a glance, one per goal


def _slide(page, n: int) -> None:
    expect(page.locator(".st-key-meet_screen")).to_contain_text(f"Bild {n + 1} av {SLIDES}")
    wait_rendered(page)
    # Plotly draws a chart a moment after the run that placed it: wait for every chart's drawing.
    page.wait_for_function("""() => Array.from(document.querySelectorAll("[data-testid='stMain'] .js-plotly-plot"))
        .every(c => c.querySelector(".main-svg"))""")


def _too_tall(page, slides: range, shots: str) -> list[tuple[int, int]]:
    """Walk `slides` from the one open (the first of them) with the Nästa button, a screenshot of each; the slides
    that scroll, with their height."""
    tall = []
    for n in slides:
        if n > slides.start:
            page.locator(".st-key-meet_next button").click()
        _slide(page, n)
        window_screenshot(page, f"{shots}-{n}")
        if not page.evaluate(NOT_SCROLLING):
            tall.append((n, page.evaluate("document.querySelector(\"[data-testid='stMain']\").scrollHeight")))
    return tall


# The type the page gives the root element, in CSS pixels (what rem is).
ROOT_TYPE = "() => parseFloat(getComputedStyle(document.documentElement).fontSize)"


@pytest.mark.parametrize("width, height", [*SIZES, (1280, 720)])
def test_every_meeting_slide_fits_the_window_without_scrolling(server, page, width, height):
    """Test that every Mötesläge slide of the sample (title, overview, the eight goals) fits the window with the
    sidebar collapsed: a projector's 1920×1080, a laptop's 1366×768 (the goal slides were 1 000–1 320 px tall
    there) and a 720p projector."""
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, f"{server}/Mote?ar=2025&skarm=0", "demo-samordnare")
    expect(page.locator("[data-testid='stSidebar']")).to_have_attribute("data-collapsed", "true")
    assert _too_tall(page, range(SLIDES), f"steering-mote-{width}x{height}") == []
    assert page.locator("[data-testid='stException']").count() == 0


# The vertical extent of each y-axis tick label of each chart on the page, per chart, top to bottom.
Y_TICKS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot =>
    [...plot.querySelectorAll('.ytick text')].map(t => t.getBoundingClientRect())
        .filter(r => r.height > 0).map(r => [r.top, r.bottom]).sort((a, b) => a[0] - b[0]))"""


@pytest.mark.parametrize("width, height", SIZES)
def test_a_goal_slides_charts_have_y_axis_labels_that_do_not_overlap(server, page, width, height):
    """Test that the small charts of a goal slide have axis labels one can read: at 1366×768 the plot of R2.1 is
    some 40 pixels tall, and its five labels (80 % … 0 %) stood on top of each other (found by a screenshot review).
    """
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, f"{server}/Mote?ar=2025&skarm=3", "demo-samordnare")
    wait_rendered(page)
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .ytick text').length > 0")
    charts = page.evaluate(Y_TICKS)
    assert len(charts) == 3 and all(len(ticks) >= 2 for ticks in charts), charts
    for ticks in charts:
        assert all(upper[1] <= lower[0] for upper, lower in zip(ticks, ticks[1:])), ticks
    window_screenshot(page, f"steering-mote-mal2-{width}x{height}")


CHART_BOXES = """() => [...document.querySelectorAll("[class*='st-key-meet_chart_'][class*='_box']")]
    .map(b => b.getBoundingClientRect().height)"""
SLIDE_BOTTOM = "() => document.querySelector('.st-key-meet_slide').getBoundingClientRect().bottom"


@pytest.mark.parametrize("width, height", SIZES)
def test_a_goal_slides_charts_take_the_room_the_rest_of_the_slide_leaves(server, page, width, height):
    """Test that a goal slide's charts grow into the room the rest of the slide leaves, from 7 rem (the busiest
    slide's) up to 20 rem, and that the slide still fits the window: at a fixed 7 rem, goal 5's slide (two charts, no
    delayed measure) left a quarter of a projector's screen empty under plots some 70 pixels tall (found by a
    screenshot review)."""
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, f"{server}/Mote?ar=2025&skarm=6", "demo-samordnare")
    _slide(page, 6)
    rem = page.evaluate(ROOT_TYPE)
    boxes = page.evaluate(CHART_BOXES)
    window_screenshot(page, f"steering-mote-mal5-{width}x{height}")
    assert len(boxes) == 2 and all(2 * 7 * rem <= h <= 20 * rem + 1 for h in boxes), (boxes, rem)
    assert page.evaluate(SLIDE_BOTTOM) >= height - 3 * rem  # the slide reaches the window's foot
    assert page.evaluate(NOT_SCROLLING)
    page.goto(f"{server}/Mote?ar=2025&skarm=3")  # goal 2, the busiest slide: the charts at their smallest, no less
    _slide(page, 3)
    boxes = page.evaluate(CHART_BOXES)
    assert len(boxes) == 3 and all(h >= 7 * rem - 1 for h in boxes), (boxes, rem)
    assert page.evaluate(NOT_SCROLLING)


# Each row of the lägesrapport's summary table as the page shows it, and whether any of its cells is cut.
SUMMARY_ROWS = """() => [...document.querySelectorAll('.st-key-rep_preview table tbody tr')].map(tr =>
    [...tr.querySelectorAll('td')].map(td => [td.innerText, td.scrollWidth > td.clientWidth + 1,
        td.checkVisibility({opacityProperty: true, visibilityProperty: true}) && td.clientWidth > 20
        && td.getBoundingClientRect().right <= window.innerWidth]))"""


@pytest.mark.parametrize("width, height", SIZES)
def test_the_lagesrapports_summary_table_shows_each_goals_lines_whole(server, page, width, height):
    """Test that the summary the steering group receives (implementation and outcome per goal) shows each line
    whole: at 1366×768 the outcome column stopped mid-word ('– Bed', 'Bedöms int') with nothing to say the grid
    scrolled sideways (found by a screenshot review). A table that wraps its lines, inside the window."""
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, f"{server}/Lagesrapport?ar=2025", "demo-samordnare")
    wait_rendered(page)
    rows = page.evaluate(SUMMARY_ROWS)
    assert [r[0][0] for r in rows] == [str(n) for n in range(1, 9)], rows
    for row in rows:
        assert len(row) == 3 and all(not cut and inside for _, cut, inside in row), row
        assert row[2][0].rstrip()[-1].isdigit(), row  # each line ends with its last count
    page.locator(".st-key-rep_preview table").first.scroll_into_view_if_needed()
    window_screenshot(page, f"lagesrapport-sammanfattning-{width}x{height}")


# The label of each button that builds a report file, and whether the button cuts it ("Skapa Word (årsredovisni…").
BUILD_BUTTONS = """() => [...document.querySelectorAll('[class*="st-key-report_"] button')].map(b =>
    [b.innerText.trim(), [b, ...b.querySelectorAll('*')].some(el => el.scrollWidth > el.clientWidth + 1)])"""


@pytest.mark.parametrize("width, height", SIZES)
def test_the_lagesrapports_file_buttons_show_their_whole_names(server, page, width, height):
    """Test that the buttons building the four files name them whole: at 1366×768, four side by side, two read
    'Skapa PowerPoint (styrgr…' and 'Skapa Word (årsredovisni…' (found by a screenshot review)."""
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, f"{server}/Lagesrapport?ar=2025", "demo-samordnare")
    wait_rendered(page)
    buttons = page.evaluate(BUILD_BUTTONS)
    assert len(buttons) == 4 and not [name for name, cut in buttons if cut], buttons
    page.locator("[class*='st-key-report_'] button").first.scroll_into_view_if_needed()
    window_screenshot(page, f"lagesrapport-filknappar-{width}x{height}")


# A goal's analysis as a Samordnare writes one for the Lägesrapport (three paragraphs, 1 200 characters), and the
# longest an analysis may be (20 000 characters) for goal 1.
PARAGRAPH = ("Anmälningarna om våld i nära relationer ökade med sju procent jämfört med föregående år, främst i de "
             "norra kommunerna där samverkan mellan socialtjänst och polis har utvecklats. Andelen ärenden där "
             "skyddsbedömning gjordes inom en vecka steg, men variationen mellan kommunerna är fortfarande stor. ")
SECTION = f"{PARAGRAPH * 2}\n\n{PARAGRAPH}\n\n{PARAGRAPH}Slut på analysen."
LONGEST = ("\n\n".join([PARAGRAPH * 3] * 60))[:20_000 - 17] + "Slut på analysen."


@pytest.fixture(scope="module")
def analysed_server(backend):
    url = backend.fresh("sample")
    with db.session(url) as s:
        me = actor_for(s, "demo-samordnare")
        for goal in range(1, 9):
            assert save_analysis(s, me, 2025, goal, LONGEST if goal == 1 else SECTION).ok
    with streamlit_server(url) as base:
        yield base


@pytest.mark.parametrize("width, height", [*SIZES, (1280, 720)])
def test_a_goal_slide_with_the_samordnarens_analysis_still_fits_and_the_whole_analysis_can_be_scrolled_to(
        analysed_server, page, width, height):
    """Test that a goal slide fits the window when the goal has an analysis: three paragraphs pushed the notes off
    a laptop's screen, and the longest analysis pushed the charts a whole screen down. The analysis sits in a box
    of a few lines on the slide, which scrolls (with the mouse or, once focused, the keyboard) to its last word."""
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, f"{analysed_server}/Mote?ar=2025&skarm=2", "demo-samordnare")
    assert _too_tall(page, range(2, SLIDES), f"steering-mote-analys-{width}x{height}") == []
    page.goto(f"{analysed_server}/Mote?ar=2025&skarm=2")  # goal 1: the longest analysis
    _slide(page, 2)
    box = page.locator(".st-key-meet_analysis [role='region']")
    expect(box).to_contain_text("Slut på analysen.")
    expect(box.get_by_text("Slut på analysen.")).not_to_be_in_viewport()
    box.focus()
    page.keyboard.press("End")
    expect(box.get_by_text("Slut på analysen.")).to_be_in_viewport()
    found = [(v["id"], v["impact"]) for v in Axe().run(page).response["violations"]
             if v["impact"] in ("moderate", "serious", "critical")]
    assert found == []  # a scrollable region must take focus, and a region needs a name


def test_the_meeting_page_scales_its_type_to_a_smaller_window_but_not_when_zoomed_in_and_not_on_other_pages(
        server, page):
    """Test that Mötesläge's type is the browser's own at 1920×1080, scaled with a smaller window (1366×768: 16 ×
    1366 / 1920 px) but never below 10 px, the browser's own again below 1200 CSS pixels wide (where zooming in
    brings a window, so that zooming still enlarges the text), and the browser's own on the page opened next."""
    page.set_viewport_size({"width": 1920, "height": 1080})
    sign_in(page, f"{server}/Mote?ar=2025&skarm=3", "demo-samordnare")
    _slide(page, 3)
    assert page.evaluate(ROOT_TYPE) == 16
    page.set_viewport_size({"width": 1366, "height": 768})
    page.wait_for_function(f"() => ({ROOT_TYPE})() < 16")
    assert page.evaluate(ROOT_TYPE) == pytest.approx(16 * 1366 / 1920, abs=0.05)
    # the charts' boxes shrink with the type: the plot is at least 7 rem tall, not 112 pixels (goal 2's slide, the
    # busiest, leaves them little more)
    box = page.locator("[class*='st-key-meet_chart_'][class*='_box']").first.bounding_box()
    assert 7 * 16 * 1366 / 1920 - 1 <= box["height"] < 112
    page.set_viewport_size({"width": 1920, "height": 500})  # the developer tools open: no smaller than 10 px
    page.wait_for_function(f"() => ({ROOT_TYPE})() === 10")
    page.set_viewport_size({"width": 1100, "height": 768})  # 1366×768 at 125 %
    page.wait_for_function(f"() => ({ROOT_TYPE})() === 16")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.wait_for_function(f"() => ({ROOT_TYPE})() < 16")
    page.locator("[data-testid='stExpandSidebarButton']").click()
    page.locator("[data-testid='stSidebar']").get_by_role("link", name="Översikt").click()
    expect(page.locator("[data-testid='stMain'] h1").first).to_have_text("Översikt")
    wait_rendered(page)
    assert page.evaluate(ROOT_TYPE) == 16


@pytest.mark.parametrize("width, height", SIZES)
def test_the_meeting_date_and_year_show_their_whole_value(server, page, width, height):
    """Test that Mötesläge's date and year fields are wide enough for what they hold: at 1366×768 the date read
    "2026 - 12", cut at the field's edge."""
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, f"{server}/Mote?ar=2025&skarm=0&mote=2026-12-24", "demo-samordnare")
    _slide(page, 0)
    expect(page.get_by_role("spinbutton", name="day, Mötesdatum")).to_have_text("24")
    assert cut_fields(page) == []


def test_the_keyboard_moves_between_meeting_slides(server, page):
    """Test that → and Page Down go to the next slide, ← and Page Up to the previous one, and that typing in the
    notes does not move."""
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, f"{server}/Mote?ar=2025&skarm=0", "demo-samordnare")
    _slide(page, 0)
    for key, n in [("ArrowRight", 1), ("PageDown", 2), ("ArrowRight", 3), ("ArrowLeft", 2), ("PageUp", 1)]:
        page.locator("body").press(key)
        _slide(page, n)
    page.keyboard.press("PageDown")
    _slide(page, 2)
    notes = page.get_by_label("Anteckningar")
    notes.click()
    notes.press("ArrowRight")
    notes.press("ArrowLeft")
    expect(page.locator(".st-key-meet_screen")).to_contain_text(f"Bild 3 av {SLIDES}")
    window_screenshot(page, "steering-mote-1366x768")


@pytest.mark.parametrize("width, height", SIZES)
def test_the_goal_page_starts_with_the_goals_status_and_shows_each_measure_state_whole(server, page, width, height):
    """Test that Mål shows the goal's own status summary above the fold, and that the measures table wraps each
    measure's text in tall rows with its implementation state beside it (never cut to hide Försenad)."""
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, f"{server}/Mal?mal=2&ar=2025", "demo-lasare")
    summary = page.locator(".st-key-goal_summary")
    expect(summary).to_contain_text("Åtgärdernas genomförande 2025")
    assert page.evaluate(INSIDE_WINDOW, ".st-key-goal_summary")
    grid = page.locator("[data-testid='stMain'] [data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    wait_rendered(page)
    window_screenshot(page, f"steering-mal-2-{width}x{height}")
    # The grid has no horizontal scroll: every column, the implementation state among them, is in view.
    assert page.evaluate("""() => {
        const g = document.querySelector("[data-testid='stMain'] [data-testid='stDataFrame'] .dvn-scroller");
        return g !== null && g.scrollWidth <= g.clientWidth + 1;
    }""")
