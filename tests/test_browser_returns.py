"""The coordinator's whole flow in a real Chromium: template download, fill in, upload, confirm, see it."""

import re
from urllib.parse import parse_qs, urlparse

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.browser_support import screenshot, sign_in, streamlit_server, wait_rendered, window_screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def server(backend):
    with streamlit_server(backend.fresh("sample")) as base:
        yield base


def test_download_fill_upload_confirm_and_find_the_value_on_the_dashboard(server, page, tmp_path):
    sign_in(page, f"{server}/Rapportera?myndighet=KVV&ar=2025", "demo-samordnare")
    with page.expect_download() as download:
        page.get_by_role("button", name="Hämta mall (.xlsx)").click()
    assert download.value.suggested_filename == "Inrapportering Kriminalvården 2025.xlsx"
    template = tmp_path / "mall.xlsx"
    download.value.save_as(template)
    wb = openpyxl.load_workbook(template)
    ws = wb["Indikatorer"]
    assert ws["A20"].value == "3.6a"
    ws["J20"] = 4321
    ws["M20"] = "Ny rutin för frågor om våld"
    ws["J21"] = 0.35  # a share written as a fraction: a warning to confirm
    wb["Åtgärder"]["E7"] = "Genomförd"
    filled = tmp_path / "ifylld.xlsx"
    wb.save(filled)

    page.locator("input[type='file']").set_input_files(str(filled))
    main = page.locator("[data-testid='stMain']")
    try:
        expect(page.get_by_text("varningar").first).to_be_visible()
        wait_rendered(page)
    finally:
        screenshot(page, "rapportera-uppladdad")
    assert "varningar. Läs dem och bekräfta innan du sparar." in main.inner_text()
    save = page.get_by_role("button", name="Spara")
    assert save.is_disabled()
    page.get_by_text("Jag har läst varningarna och vill spara ändå").click()
    expect(save).to_be_enabled()
    wait_rendered(page)
    screenshot(page, "rapportera-forhandsgranskning")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Sparat som inrapportering nr")).to_be_visible()
    wait_rendered(page)
    screenshot(page, "rapportera-sparad")

    # The dashboard: the goal page's indicator table shows the latest value. Data grids draw on a canvas and
    # expose only the cells in view to assistive technology, so the window is made wide enough for all columns.
    page.set_viewport_size({"width": 3200, "height": 1400})
    page.get_by_role("link", name="Mål och åtgärder").click()  # in-app navigation keeps the sign-in
    expect(page.get_by_text("Välj mål")).to_be_visible()
    wait_rendered(page)
    page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").first.click()
    page.get_by_role("option", name="Mål 3:").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Mål 3:"))).to_be_visible()
    wait_rendered(page)
    # A grid redraws its cells a moment after the run that changed its data, so the cell is waited for.
    cell = page.locator("[data-testid='stDataFrame'] td").filter(has_text=re.compile(r"^4\s321$"))
    expect(cell.first).to_be_attached()


def test_a_file_with_mistakes_shows_every_problem_and_no_save_button(server, page):
    from tests.browser_support import ROOT

    sign_in(page, f"{server}/Rapportera?myndighet=KVV&ar=2025", "demo-kriminalvarden")
    page.locator("input[type='file']").set_input_files(str(ROOT / "sample_data" / "exempel_med_fel_2025.xlsx"))
    expect(page.get_by_text("Filen har 8 fel")).to_be_visible()
    wait_rendered(page)
    screenshot(page, "rapportera-fel")
    assert page.get_by_role("button", name="Spara").count() == 0


def test_history_opens_cold(server, page):
    sign_in(page, f"{server}/Historik", "demo-samordnare")
    screenshot(page, "historik")
    assert page.locator("[data-testid='stException']").count() == 0
    newest = parse_qs(urlparse(page.url).query)["nr"][0]  # the newest upload is opened at once
    assert f"Värden i inrapportering nr {newest}" in page.locator("[data-testid='stMain']").inner_text()


def _kvv_template(page, server: str, tmp_path):
    """Sign in as the coordinator and download Kriminalvården's 2025 template on Rapportera; its path."""
    sign_in(page, f"{server}/Rapportera?myndighet=KVV&ar=2025", "demo-samordnare")
    with page.expect_download() as download:
        page.get_by_role("button", name="Hämta mall (.xlsx)").click()
    template = tmp_path / "mall.xlsx"
    download.value.save_as(template)
    return template


def test_a_file_that_would_take_the_server_down_is_refused_and_the_server_keeps_serving(server, page, tmp_path):
    """One cell at XFD1048576 made the reader ask for 512 GB and killed the server for every user (issue 13)."""
    from tests.return_corpus import SHEET_XML, _replace_cell, _rezip, fill

    template = _kvv_template(page, server, tmp_path)
    wb = openpyxl.load_workbook(template)
    fill(wb)
    wb.save(template)
    crafted = tmp_path / "farlig.xlsx"
    crafted.write_bytes(_rezip(template.read_bytes(), SHEET_XML,
                               _replace_cell("M20", b'<c r="XFD1048576" t="n"><v>1</v></c>')))
    page.locator("input[type='file']").set_input_files(str(crafted))
    expect(page.get_by_text("Filen har 1 fel")).to_be_visible()
    wait_rendered(page)
    screenshot(page, "rapportera-farlig-fil")
    grid = page.locator("[data-testid='stDataFrame']").last
    grid.scroll_into_view_if_needed()
    expect(grid.locator("td").filter(has_text=re.compile(r"^FIL_FOR_KRAVANDE$"))).to_have_count(1)
    page.goto(server)  # a new session: the server is still there for everyone
    wait_rendered(page)
    expect(page.get_by_text("Operation Kvinnofrid", exact=False).first).to_be_visible()
    assert page.locator("[data-testid='stException']").count() == 0


def test_a_60_mb_file_is_refused_in_swedish(server, page, tmp_path):
    """Streamlit refused it in English ("File must be 20.0MB or smaller"); our own check says it in Swedish."""
    big = tmp_path / "stor.xlsx"
    with open(big, "wb") as f:
        f.write(b"PK\x03\x04")
        f.truncate(60 * 1024 * 1024)
    sign_in(page, f"{server}/Rapportera?myndighet=KVV&ar=2025", "demo-samordnare")
    page.locator("input[type='file']").set_input_files(str(big))
    expect(page.get_by_text("Filen har 1 fel")).to_be_visible(timeout=60_000)
    wait_rendered(page)
    grid = page.locator("[data-testid='stDataFrame']").last
    grid.scroll_into_view_if_needed()
    expect(grid.locator("td").filter(has_text=re.compile(r"^FIL_FOR_STOR$"))).to_have_count(1)
    assert "must be" not in page.locator("[data-testid='stMain']").inner_text()


def test_a_save_after_another_write_shows_the_new_warnings_and_saves_nothing_until_confirmed(backend, page, tmp_path):
    """The preview's warnings are confirmed; when someone else's save changes last year's value before Spara, the
    file is checked again, and a warning nobody has seen is shown to confirm, not saved unconfirmed."""
    from sqlalchemy import func, select

    from okdata import db
    from okdata.models import ImportBatch, Indicator, Observation

    url = backend.fresh("sample")
    with streamlit_server(url) as server:
        wb = openpyxl.load_workbook(_kvv_template(page, server, tmp_path))
        assert wb["Indikatorer"]["A20"].value == "3.6a"
        wb["Indikatorer"]["J20"] = 300
        filled = tmp_path / "ifylld.xlsx"
        wb.save(filled)
        page.locator("input[type='file']").set_input_files(str(filled))
        save = page.get_by_role("button", name="Spara")
        expect(save).to_be_visible()
        wait_rendered(page)
        confirm = page.get_by_text("Jag har läst varningarna och vill spara ändå")
        if confirm.count():
            confirm.click()
        expect(save).to_be_enabled()
        with db.session(url) as s:  # meanwhile last year's county value of 3.6a is corrected, far from 300
            for o in s.scalars(select(Observation).join(Indicator, Indicator.id == Observation.indicator_id).where(
                    Indicator.code == "3.6a", Observation.year == 2024, Observation.area_code == "01")):
                o.value_num = 90_000
            batches = s.scalar(select(func.count()).select_from(ImportBatch))
        save.click()
        expect(page.get_by_text("Ingenting sparades: något annat sparades medan du granskade filen")).to_be_visible()
        wait_rendered(page)
        screenshot(page, "rapportera-kontrollerad-igen")
        with db.read_session(url) as s:
            assert s.scalar(select(func.count()).select_from(ImportBatch)) == batches
        page.get_by_text("Visa även inskickade").click()  # any choice runs the page again: the new check's preview
        wait_rendered(page)
        expect(page.get_by_text("Jag har läst varningarna och vill spara ändå")).to_be_visible()
        expect(page.get_by_role("button", name="Spara")).to_be_disabled()


def test_a_new_return_that_leaves_out_what_the_waiting_one_holds_is_warned_of_before_it_replaces_it(
        backend, page, tmp_path):
    """Kriminalvården's reporter has a return waiting for review; a new file without 3.6a's value would replace it
    and leave that value unapprovable. The preview names it, and Spara waits for the warnings to be confirmed."""
    from okdata import db
    from okdata.auth import actor_for
    from okdata.returns import save_return
    from tests.hostile import KVV_FILE, kvv_return

    url = backend.fresh("sample")
    with db.session(url) as s:
        waiting = save_return(s, kvv_return("Först", "Först"), "forst.xlsx", None, actor_for(s, "demo-kriminalvarden"))
    assert waiting.outcome == "saved", waiting.check.problems
    wb = openpyxl.load_workbook(KVV_FILE)
    assert wb["Indikatorer"]["A20"].value == "3.6a"
    wb["Indikatorer"]["J20"] = None
    second = tmp_path / "andra.xlsx"
    wb.save(second)
    page.set_viewport_size({"width": 1366, "height": 768})
    with streamlit_server(url) as server:
        sign_in(page, f"{server}/Rapportera?myndighet=KVV&ar=2025", "demo-kriminalvarden")
        page.locator("input[type='file']").set_input_files(str(second))
        save = page.get_by_role("button", name="Spara")
        expect(save).to_be_visible()
        wait_rendered(page)
        cell = page.locator("[data-testid='stDataFrame'] td").filter(
            has_text=f"Inrapportering nr {waiting.batch_id} väntar på granskning och ersätts av den här filen")
        expect(cell.first).to_be_attached()
        page.locator("[data-testid='stDataFrame']").first.scroll_into_view_if_needed()
        wait_rendered(page)
        window_screenshot(page, "rapportera-ersatter-och-saknar")
        page.get_by_text("Varje meddelande i sin helhet").click()
        whole = page.locator("li").filter(has_text=re.compile(r"3\.6a 2025 · Stockholms län = [0-9 ]+ \(rad 20 i nr"))
        expect(whole).to_be_visible()
        wait_rendered(page)
        page.get_by_text("Varje meddelande i sin helhet").scroll_into_view_if_needed()
        page.wait_for_timeout(800)  # the expander's opening animation, for the picture
        window_screenshot(page, "rapportera-meddelanden-i-sin-helhet")
        expect(save).to_be_disabled()
        page.get_by_text("Jag har läst varningarna och vill spara ändå").click()
        expect(save).to_be_enabled()


def test_granska_says_which_values_a_later_upload_keeps_from_being_shown_and_historik_warns_of_a_locked_year(
        backend, page):
    """Polisen's waiting 2.4a = 400 is older than Åklagarmyndigheten's approved 410: Granska says per value that it
    would not be shown; Historik warns before an undo in 2024, whose lägesrapport the sample has published."""
    from sqlalchemy import select

    from okdata import db
    from okdata.auth import actor_for
    from okdata.models import ImportBatch
    from okdata.returns import save_return
    from tests.test_returns_trust import _hand_made

    url = backend.fresh("sample")
    with db.session(url) as s:
        waiting = save_return(s, _hand_made([["2.4a", "", 400, ""]]), "pol.xlsx", "POL",
                              actor_for(s, "demo-polisen")).batch_id
        newer = save_return(s, _hand_made([["2.4a", "", 410, ""]]), "am.xlsx", "Åklagarmyndigheten",
                            actor_for(s, "demo-samordnare")).batch_id
        old = s.scalar(select(ImportBatch.id).where(ImportBatch.kind == "upload", ImportBatch.year == 2024).limit(1))
    page.set_viewport_size({"width": 1366, "height": 768})
    with streamlit_server(url) as server:
        sign_in(page, f"{server}/Granska?nr={waiting}", "demo-samordnare")
        cell = page.locator("[data-testid='stDataFrame'] td").filter(
            has_text=f"Syns inte: nr {newer} (Åklagarmyndigheten) är senare och gäller")
        expect(cell.first).to_be_attached()
        page.get_by_text("Ändringar mot det som var godkänt:").scroll_into_view_if_needed()  # the values beneath
        wait_rendered(page)
        window_screenshot(page, "granska-senare-uppladdning-galler")

        page.goto(f"{server}/Historik?nr={old}")
        warning = page.get_by_text("Rapporteringsåret 2024 är låst")
        expect(warning).to_be_visible()
        warning.scroll_into_view_if_needed()
        wait_rendered(page)
        window_screenshot(page, "historik-angra-i-last-ar")


def test_granska_lists_the_warnings_the_reporter_confirmed_in_the_browser(backend, page):
    """The warnings a reporter confirmed are listed, word for word, above the values Granska compares (they were
    only counted: "Kontroll av filen vid uppladdningen: 2 varningar")."""
    from okdata import db
    from okdata.auth import actor_for
    from okdata.returns import check_return, save_upload, warnings_said
    from tests.hostile import kvv_values

    url = backend.fresh("sample")
    data = kvv_values(J20=2650, M20=None)
    with db.read_session(url) as s:
        reporter = actor_for(s, "demo-kriminalvarden")
        check = check_return(s, data, "kvv.xlsx", None, actor=reporter)
    saved = save_upload(url, data, "kvv.xlsx", None, reporter, check=check, confirmed=warnings_said(check))
    page.set_viewport_size({"width": 1366, "height": 768})
    with streamlit_server(url) as server:
        sign_in(page, f"{server}/Granska?nr={saved.batch_id}", "demo-samordnare")
        said = page.get_by_text("Den som laddade upp filen läste och bekräftade de här varningarna")
        expect(said).to_be_visible()
        cells = page.locator("[data-testid='stDataFrame'] td")
        cell = cells.filter(has_text="Värdet 2650 skiljer sig mycket från 2024")
        expect(cell.first).to_be_attached()
        said.scroll_into_view_if_needed()
        wait_rendered(page)
        window_screenshot(page, "granska-bekraftade-varningar")


def test_the_upload_control_speaks_swedish_and_states_okdatas_limit_not_streamlits(server, page):
    """Streamlit's uploader said "Upload" and "100MB per file" (its own ceiling, kept above okdata's so that the
    refusal is okdata's, in Swedish): a coordinator read that a 100 MB return was fine while the limit is 20 MB.
    The button is now "Välj fil" by its accessible name, and the hint names the file types and okdata's limit;
    once a file is chosen, its remove button and the one that picks another file are named in Swedish too."""
    from tests.browser_support import ROOT

    sign_in(page, f"{server}/Rapportera?myndighet=KVV&ar=2025", "demo-samordnare")
    zone = page.locator("[data-testid='stFileUploaderDropzone']")
    expect(zone.get_by_role("button", name="Välj fil", exact=True)).to_be_visible()
    assert zone.get_by_role("button", name="Upload", exact=True).count() == 0
    hint = zone.locator("[data-testid='stFileUploaderDropzoneInstructions'] > div")
    said = hint.evaluate("d => getComputedStyle(d, '::after').content")
    assert "högst 20 MB" in said and ".xlsx" in said, said
    assert "per file" not in zone.inner_text() and "Upload" not in zone.inner_text(), zone.inner_text()
    zone.locator("input[type='file']").set_input_files(str(ROOT / "sample_data" / "exempel_med_fel_2025.xlsx"))
    expect(zone.get_by_role("button", name="Ta bort exempel_med_fel_2025.xlsx", exact=True)).to_be_visible()
    assert zone.get_by_role("button", name="Add files", exact=True).count() == 0
    expect(zone.get_by_role("button", name="Välj fil", exact=True)).to_be_visible()
