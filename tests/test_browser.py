"""Test every page in a real headless Chromium against `streamlit run`, opened cold by its URL."""

import pytest

from tests.browser_support import screenshot, sign_in, streamlit_server

pytestmark = pytest.mark.browser

PAGES = [("", "oversikt"), ("Mal?mal=2&ar=2025", "mal-2"), ("Rapportera", "rapportera"), ("Historik", "historik"),
         ("Granska", "granska"), ("Katalog", "katalog"), ("Logg", "logg"), ("Mote?ar=2025&skarm=3", "mote-mal-2"),
         ("Lagesrapport?ar=2025", "lagesrapport"), ("Mal?mal=3&ar=2025&atgard=3.6", "mal-3-atgard-3-6"),
         ("Myndigheter?myndighet=KVV&ar=2025", "myndigheter"), ("Valdstyper?valdstyp=VNR,HRV,PMH,SV", "valdstyper"),
         ("Kommuner?indikator=2.6a&ar=2025&matt=per100k", "kommuner"), ("Anvandare", "anvandare")]


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


def test_the_overview_shows_the_eight_goals_in_the_browser(server, page):
    sign_in(page, server, "demo-lasare")
    text = page.locator("[data-testid='stMain']").inner_text()
    for n in range(1, 9):
        assert f"Mål {n}:" in text
    assert "Exempeldata" in text


def test_a_copied_link_reproduces_the_view(server, page, browser):
    sign_in(page, f"{server}/Kommuner?indikator=1.6a&ar=2024&matt=per100k&visa_sma=1", "demo-lasare")
    copied = page.url
    first = page.locator("[data-testid='stMain']").inner_text()
    other = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="sv-SE").new_page()
    sign_in(other, copied, "demo-lasare")
    assert other.url == copied
    again = other.locator("[data-testid='stMain']").inner_text()
    assert again == first and "Befolkning 2024" in again
    assert "matt=per100k" in copied and "visa_sma=1" in copied
    other.context.close()
