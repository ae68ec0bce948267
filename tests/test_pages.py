"""Test the pages as a user reads them, through Streamlit's AppTest (starting at app.py)."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from okdata import texts
from tests.apptest_support import app, open_page

ROOT = Path(__file__).resolve().parent.parent


def _app() -> AppTest:
    return app()


def _open(page: str, **params) -> AppTest:
    return open_page(page, **params)


def test_the_overview_shows_the_eight_real_goals_with_the_example_banner(sample_url):
    at = _app()
    at.run()
    assert not at.exception
    headers = [h.value for h in at.subheader]
    assert headers[0] == "Mål 1: Myndigheter och aktörer arbetar våldsförebyggande"
    assert len([h for h in headers if h.startswith("Mål ")]) == 8
    assert any("Exempeldata" in i.value for i in at.info)


def test_the_overview_shows_the_reporting_state_of_the_chosen_year(sample_url):
    at = _app()
    at.run()
    assert at.selectbox(key="ov_year").value == 2025
    text = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "Rapporteringsläge 2025" in text
    assert "av 10 åtgärder har status" in text  # goal 2 has 10 measures
    assert "Åtgärdernas utfall 2025" in text and "Åtgärdernas genomförande 2025 (antal åtgärder)" in text
    assert "Förändringar sedan 2024" in " ".join(h.value for h in at.header)


def test_the_goal_page_lists_the_ten_measures_of_goal_2_with_agencies(sample_url):
    at = _open("pages/1_Mal.py", mal=2, ar=2025)
    assert at.selectbox(key="goal_goal").value == 2
    measures = at.dataframe[0].value
    assert len(measures) == 10
    row = measures[measures[texts.COL_CODE] == "2.8"].iloc[0]
    assert row[texts.COL_AGENCIES] == "Polisen, Kommunerna i länet, Kriminalvården, Region Stockholm"
    assert row[texts.COL_FREQUENCY] == "Vid handlingsplanens slut"


def test_the_goal_page_shows_indicators_with_latest_value_and_source(sample_url):
    at = _open("pages/1_Mal.py", mal=3, ar=2025)
    ind = at.dataframe[1].value
    ind[texts.COL_INDICATOR_ID] = ind[texts.COL_INDICATOR_ID].str.removeprefix(
        "Indikator?ar=2025&indikator=")  # links, for the year shown
    r31 = ind[ind[texts.COL_INDICATOR_ID] == "R3.1"].iloc[0]
    assert r31[texts.COL_LATEST] == "76\u00a0%" and r31[texts.COL_LATEST_YEAR] == "2022"
    assert "operationkvinnofrid.se" in r31[texts.COL_SOURCE]
    example = ind[ind[texts.COL_INDICATOR_ID] == "3.4a"].iloc[0]
    assert example[texts.COL_SOURCE] == texts.EXAMPLE_DATA and example[texts.COL_LATEST_YEAR] == "2025"


def test_a_database_without_examples_shows_no_example_banner(empty_url):
    from okdata import db
    from okdata.auth import add_user, operator_actor
    from okdata.domain import Role

    with db.session(empty_url) as s:
        add_user(s, operator_actor(), "styrgrupp", Role.READER, "en lång lösenfras för mötet")
    at = app("styrgrupp")
    at.run()
    assert not at.exception
    assert not any("Exempeldata" in i.value for i in at.info)


def test_a_database_without_its_catalog_says_so_and_opens_as_soon_as_the_catalog_is_loaded(backend, monkeypatch):
    """An existing database with its tables but not the plan's catalog shows the Swedish notice, not a traceback;
    the next view after `okdata init` loaded the catalog opens the app (it showed the notice for another minute)."""
    from sqlalchemy import make_url

    from okdata import db
    from okdata.install import init_database, upgrade_database

    url = backend.blank()
    if url.startswith("sqlite"):
        Path(make_url(url).database).touch()  # an existing database: not created with examples on first start
    monkeypatch.setenv("OKDATA_DATABASE_URL", url)
    upgrade_database(url)
    at = app(None)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [texts.DATABASE_EMPTY]
    init_database(url)
    at.run()
    assert not at.exception and not at.error
    assert [t.value for t in at.title] == [texts.SIGN_IN_TITLE]
    db.get_engine(url).dispose()


def test_every_table_on_every_page_has_swedish_headings(sample_url):
    """Test that no table a page shows has a column named by a code identifier (year, opened_by …): the Katalog
    page's Rapporteringsår table showed year, deadline, opened_by and state."""
    import re

    from okdata.web.page import PAGES
    from tests.apptest_support import ADMIN, COORDINATOR

    code_like = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
    found = {}
    for p in PAGES:
        if p.path == "app.py":
            continue
        at = _open(p.path, user=ADMIN if p.key == "users" else COORDINATOR)
        bad = [c for d in at.dataframe for c in map(str, d.value.columns) if code_like.fullmatch(c)]
        if bad:
            found[p.path] = bad
    assert not found, found
