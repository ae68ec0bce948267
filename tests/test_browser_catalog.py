"""Test revising the catalog and choosing the plan period in a real headless Chromium (issue 19)."""

import re

import pytest
from playwright.sync_api import expect

from okdata import catalog, db
from tests.browser_support import screenshot, sign_in, streamlit_server, wait_rendered

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server_url(backend):
    url = backend.fresh("sample")
    with streamlit_server(url) as base:
        yield base, url


def _choose(page, label: str, option: str) -> None:
    """Pick `option` (the start of its text) in the selectbox labelled `label` in the main area."""
    page.locator("[data-testid='stMain']").get_by_role("combobox", name=label, exact=True).click()
    page.keyboard.type(option)  # the list draws only the options in view: filter it first
    page.get_by_role("option", name=re.compile("^" + re.escape(option))).first.click()


def test_a_coordinator_adds_an_indicator_changes_agencies_and_retires_a_measure_in_the_browser(server_url, page):
    """Test that Katalog och år previews and saves a new indicator, a measure's new agencies and a retired measure,
    each saying which revision it became."""
    base, url = server_url
    page.set_viewport_size({"width": 1400, "height": 1800})
    sign_in(page, f"{base}/Katalog", "demo-samordnare")
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_role("heading", name="Revidera katalogen")).to_be_visible()

    main.get_by_role("textbox", name="Id (nytt)", exact=True).fill("2.4d")
    _choose(page, "Åtgärd", "2.4")
    main.get_by_role("textbox", name="Namn", exact=True).fill("Antal nya ärenden i webbläsaren")
    main.get_by_role("textbox", name="Enhet", exact=True).fill("antal")
    main.get_by_role("button", name="Förhandsgranska").first.click()
    expect(main.get_by_text("Förhandsgranskning")).to_be_visible()
    wait_rendered(page)
    expect(main.get_by_text(re.compile("Mallen ändras för: AKL, POL"))).to_be_visible()
    screenshot(page, "catalog-preview-new-indicator")
    main.get_by_role("button", name="Spara som ny revision").first.click()
    expect(main.get_by_text(re.compile("sparad som revision"))).to_be_visible()
    wait_rendered(page)

    main.get_by_role("tab", name="Åtgärder").click()
    _choose(page, "Åtgärd att ändra", "1.1 –")
    wait_rendered(page)
    main.get_by_role("button", name="Pensionera").first.click()
    expect(main.get_by_text(re.compile("sparad som revision"))).to_be_visible()
    wait_rendered(page)
    screenshot(page, "catalog-retired-measure")
    assert page.locator("[data-testid='stException']").count() == 0
    with db.read_session(url) as s:
        assert "2.4d" in set(catalog.indicators_frame(s).code)
        assert "1.1" not in set(catalog.measures_frame(s).code)


def test_the_plan_period_is_switched_in_the_sidebar_and_the_old_plan_stays_readable(server_url, page):
    """Test that after 2028–2031 is started, the sidebar offers both periods, the new one shows only its carried
    goal on Mål och åtgärder, and switching back shows the old plan's eight goals."""
    from okdata.auth import actor_for
    from okdata.plans import new_plan

    base, url = server_url
    with db.session(url) as s:
        if "2028-2031" not in {p["code"] for p in catalog.plan_periods(s)}:
            assert new_plan(s, actor_for(s, "demo-samordnare"), "2024-2027", "2028-2031",
                            {"goals": ["2"], "measures": ["2.4"], "indicators": ["2.4a"]}).ok
    sign_in(page, f"{base}/Mal?plan=2028-2031", "demo-lasare")
    sidebar = page.locator("[data-testid='stSidebar']")
    expect(sidebar.get_by_role("combobox", name="Planperiod")).to_have_value(re.compile("^Handlingsplan 2028–2031"))
    page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").first.click()
    expect(page.get_by_role("option")).to_have_count(1)
    page.keyboard.press("Escape")
    screenshot(page, "plan-period-2028-2031")
    sidebar.get_by_role("combobox", name="Planperiod").click()
    page.get_by_role("option", name=re.compile("^Handlingsplan 2024–2027")).click()
    expect(page).to_have_url(re.compile("plan=2024-2027"))
    wait_rendered(page)
    page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").first.click()
    expect(page.get_by_role("option")).to_have_count(8)
