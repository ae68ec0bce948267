"""Test the progress views in a real headless Chromium: every page opened cold by its URL, whole-page
screenshots under tests/screenshots/, and shareable views (a copied link reproduces what was on screen)."""

import pytest
from playwright.sync_api import expect

from tests.browser_support import screenshot, sign_in, streamlit_server, wait_rendered

pytestmark = pytest.mark.browser

PAGES = [("?ar=2025", "progress-oversikt"), ("Mal?mal=2&ar=2025", "progress-mal-2"),
         ("Mal?mal=3&ar=2025&atgard=3.6&uppdelning_3.6a=v%C3%A5ldstyp", "progress-mal-3-atgard-3-6"),
         ("Mal?mal=1&ar=2025&atgard=1.7", "progress-mal-1-milstolpe"),
         ("Myndigheter?myndighet=KVV&ar=2025", "progress-myndigheter"),
         ("Rapporteringslage?ar=2025", "progress-rapporteringslage"),
         ("Valdstyper?valdstyp=VNR,HRV,PMH,SV&per100k=1&mal=2&fran=2020&till=2025", "progress-valdstyper"),
         ("Kommuner?indikator=7.1a&ar=2025", "progress-kommuner"),
         ("Kommuner?indikator=2.6a&ar=2025&matt=per100k", "progress-kommuner-per100k")]


@pytest.fixture(scope="module")
def server(backend):
    with streamlit_server(backend.fresh("sample")) as base:
        yield base


# The window holds all of stMain (it no longer scrolls) and every chart is drawn as wide as its place.
FITS_THE_WINDOW = """() => {
    const main = document.querySelector("[data-testid='stMain']");
    const charts = Array.from(main.querySelectorAll(".js-plotly-plot"));
    const width = e => e.getBoundingClientRect().width;
    const drawn = c => { const svg = c.querySelector(".main-svg"); return svg && Math.abs(width(svg) - width(c)) < 1; };
    return main.scrollHeight <= main.clientHeight && charts.every(drawn);
}"""


def whole_page_screenshot(page, name: str) -> None:
    """Streamlit scrolls inside stMain: make the window as tall as the content, then take the picture."""
    height = page.evaluate("document.querySelector(\"[data-testid='stMain']\").scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(max(height, 1000), 12000)})
    page.wait_for_function(FITS_THE_WINDOW)
    wait_rendered(page)
    screenshot(page, name)
    page.set_viewport_size({"width": 1400, "height": 1000})


def main_text(page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


@pytest.mark.parametrize("path, name", PAGES)
def test_every_progress_page_opens_cold_by_its_url_without_an_exception(server, page, path, name):
    sign_in(page, f"{server}/{path}", "demo-lasare")
    whole_page_screenshot(page, name)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("h1").first.inner_text().strip() != ""
    assert "Exempeldata" in main_text(page)


def test_the_overview_shows_the_eight_goals_with_their_distributions(server, page):
    sign_in(page, server, "demo-lasare")
    text = main_text(page)
    for n in range(1, 9):
        assert f"Mål {n}:" in text
    # Eight cards, and the goal table's column above them.
    assert text.count("Åtgärdernas utfall 2025") == 9 and text.count("Indikatorernas status 2025") == 8


def test_a_copied_link_reproduces_the_view(server, page, browser):
    sign_in(page, f"{server}/Mal?mal=2&ar=2024&atgard=2.10", "demo-lasare")
    page.get_by_role("combobox", name="Uppdelning").first.click()  # 2.10a's breakdown
    page.keyboard.press("ArrowDown")
    page.get_by_role("option", name="Våldstyp").click()
    expect(page.locator("[data-testid='stMain']")).to_contain_text("Nära relationer: ")  # one line per type
    wait_rendered(page)
    copied = page.url
    assert "uppdelning_2.10a=v%C3%A5ldstyp" in copied
    first = main_text(page)
    other = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="sv-SE").new_page()
    sign_in(other, copied, "demo-lasare")
    again = main_text(other)
    assert other.url == copied and again == first
    assert "Åtgärd 2.10 i detalj" in again and "Nära relationer: " in again  # the chart's text alternative
    other.context.close()


def test_changing_a_filter_puts_it_in_the_link(server, page, browser):
    sign_in(page, f"{server}/Kommuner?indikator=1.6a&ar=2024", "demo-lasare")
    page.get_by_text("Visa antal under 5 som").click()
    expect(page.get_by_text("Antal under 5 visas som")).to_have_count(0)  # the note on hidden counts goes
    wait_rendered(page)
    assert "visa_sma=1" in page.url
    copied = page.url
    first = main_text(page)
    other = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="sv-SE").new_page()
    sign_in(other, copied, "demo-lasare")
    assert main_text(other) == first
    assert not other.get_by_role("checkbox", name="Visa antal under 5").is_checked()
    other.context.close()


def test_a_table_file_is_built_when_its_button_is_clicked(server, page, tmp_path):
    """The files are built on click (a deferred download): in Chromium the .xlsx arrives whole, the county and
    its 26 municipalities."""
    import openpyxl

    from okdata import texts

    sign_in(page, f"{server}/Kommuner?indikator=1.6a&ar=2025&matt=per100k", "demo-lasare")
    with page.expect_download() as download:
        page.get_by_role("button", name=texts.DOWNLOADS["xlsx"][0]).first.click()
    assert download.value.suggested_filename == "1.6a-2025-kommuner.xlsx"
    download.value.save_as(tmp_path / "kommuner.xlsx")
    assert openpyxl.load_workbook(tmp_path / "kommuner.xlsx").active.max_row - 1 == 27
    assert page.locator("[data-testid='stException']").count() == 0
