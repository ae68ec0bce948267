"""Test that every label naming the action plan's years follows the plan period shown (issue 19): the sidebar's
subtitle, the measures' column, the return template, Mötesläge and the lägesrapport's files."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from okdata import catalog, clock, db
from okdata.auth import actor_for
from tests.apptest_support import COORDINATOR, open_page

CARRY = {"goals": ["2"], "measures": ["2.4"], "indicators": ["2.4a"]}


@pytest.fixture
def next_plan(sample_url) -> str:
    """The sample database with 2028–2031 started from 2024–2027 (goal 2, measure 2.4, indicator 2.4a) and 2028
    opened."""
    from okdata.periods import open_reporting_year
    from okdata.plans import new_plan

    with db.session(sample_url) as s:
        coordinator = actor_for(s, COORDINATOR)
        assert new_plan(s, coordinator, "2024-2027", "2028-2031", CARRY).ok
        assert open_reporting_year(s, coordinator, 2028, date(2029, 3, 31)).ok
    return sample_url


def _subtitle(at) -> str:
    return next(c.value for c in at.sidebar.caption if c.value.startswith("Handlingsplan"))


def _headings(at) -> list[str]:
    return [str(c) for df in at.dataframe for c in df.value.columns]


def _template_subtitle(url: str, agency: str, year: int) -> str:
    from okdata.template import build_template

    with db.read_session(url) as s:
        template = build_template(s, catalog.find_agency(s, agency), year)
    ws = load_workbook(io.BytesIO(template.content))["Indikatorer"]
    return str(ws.cell(2, 1).value)


def test_the_labels_name_2028_2031_when_that_plan_period_is_chosen(next_plan):
    """Test that with 2028–2031 chosen the sidebar's subtitle, the measures' column on Mål och åtgärder and on
    Myndigheter, Mötesläge's title and the 2028 template name 2028–2031 and never 2024–2027."""
    at = open_page("pages/1_Mal.py", user=COORDINATOR, plan="2028-2031")
    assert _subtitle(at).startswith("Handlingsplan 2028–2031"), _subtitle(at)
    headings = _headings(at)
    assert "Åtgärd 2028–2031" in headings and not [h for h in headings if "2024–2027" in h], headings
    at = open_page("pages/2_Myndigheter.py", user=COORDINATOR, plan="2028-2031", myndighet="POL")
    assert "Åtgärd 2028–2031" in _headings(at), _headings(at)
    at = open_page("pages/11_Mote.py", user=COORDINATOR, plan="2028-2031", ar=2028)
    assert any("handlingsplan 2028–2031" in h.value for h in at.header), [h.value for h in at.header]
    subtitle = _template_subtitle(next_plan, "POL", 2028)
    assert "2028–2031" in subtitle and "2024–2027" not in subtitle


def test_the_lagesrapport_files_name_the_plan_period_of_their_report(next_plan):
    """Test that the lägesrapport's Excel, Word and PDF (HTML) files head their measures' column with the report's
    own plan period: 2028–2031 for 2028, 2024–2027 for 2025 and for a version published before plan periods."""
    import pandas as pd
    from docx import Document
    from PIL import Image

    from okdata import report_files
    from okdata.report import report_data
    from okdata.report_word import to_docx

    png = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(png, "PNG")
    summary = {report_files.SUMMARY_CHART: png.getvalue()}  # the summary chart's picture; the charts left out
    for year, period in ((2028, "2028–2031"), (2025, "2024–2027")):
        with db.read_session(next_plan) as s:
            data = report_data(s, year)
        workbook = load_workbook(io.BytesIO(report_files.to_xlsx(data, pd.DataFrame())))
        heads = [str(c.value) for ws in workbook for c in ws[1]]
        assert f"Åtgärd {period}" in heads, heads
        without_charts = {**data, "goals": [{**g, "charts": []} for g in data["goals"]]}
        doc = Document(io.BytesIO(to_docx(without_charts, summary)))
        assert any(t.rows[0].cells[1].text == f"Åtgärd {period}" for t in doc.tables), period
        assert f"<th>Åtgärd {period}</th>" in report_files.to_html(without_charts, summary)
    frozen_before_plan_periods = {"plan": "Handlingsplan 2024–2027", "year": 2024}
    assert report_files.measure_heading(frozen_before_plan_periods) == "Åtgärd 2024–2027"


def test_the_default_plan_period_still_says_2024_2027(sample_url):
    """Test that without a chosen plan period the sidebar, the measures' column and the 2025 template say
    2024–2027."""
    at = open_page("pages/1_Mal.py", user=COORDINATOR)
    assert _subtitle(at).startswith("Handlingsplan 2024–2027"), _subtitle(at)
    assert "Åtgärd 2024–2027" in _headings(at)
    assert "Handlingsplan 2024–2027" in _template_subtitle(sample_url, "POL", 2025)


def test_the_changes_of_a_year_are_those_of_the_chosen_plan_periods_indicators_and_measures(next_plan):
    """With 2028–2031 chosen, Översikt's 'Största förändringarna' listed 7.6a, 3.5a … and 'Ändrad rapporterad
    status' all 55 measures of 2024–2027, though the plan holds only 2.4 and 2.4a."""
    from okdata.explore import status_changes, year_changes

    with db.read_session(next_plan) as s:
        every = year_changes(s, 2025, limit=100)
        statuses = status_changes(s, 2025)
        catalog.pin_plan(s, "2028-2031")
        carried = year_changes(s, 2025, limit=100)
        carried_statuses = status_changes(s, 2025)
    assert len(every) > 1 and len(statuses) > 1  # the sample's 2024–2027 changes, many indicators and measures
    assert set(carried.indicator) <= {"2.4a"} and set(carried_statuses.measure) <= {"2.4"}
    assert list(carried.indicator) == [c for c in every.indicator if c == "2.4a"]  # its values, carried over


def test_the_violence_types_page_offers_the_chosen_plan_periods_goals(sample_url):
    """With 2028–2031 chosen (goal 2 only), Våldstyper offered Mål 2, 3, 4 and 7: goals of 2024–2027."""
    from okdata import texts
    from okdata.comparisons import violence_choices
    from okdata.plans import new_plan

    with db.session(sample_url) as s:
        carry = {"goals": ["2"], "measures": ["2.10"], "indicators": ["2.10a"]}  # 2.10a has values by violence type
        assert new_plan(s, actor_for(s, COORDINATOR), "2024-2027", "2028-2031", carry).ok
    types = list(texts.VIOLENCE_TYPES)
    with db.read_session(sample_url) as s:
        every = violence_choices(s, types)
        catalog.pin_plan(s, "2028-2031")
        carried = violence_choices(s, types)
    assert {2, 3} <= set(every)
    assert list(carried) == [2] and carried[2] == every[2]  # the carried goal, with its values' years


def test_the_year_choices_are_the_chosen_plan_periods_years(next_plan):
    """With 2028–2031 chosen, Lägesrapport, Mötesläge, Myndigheter and Rapporteringsläge offered 2024–2026, years of
    2024–2027, and showed them with 2028–2031's catalog; a plan that has not begun offers its first year."""
    from okdata.periods import reporting_year_choices, reporting_years

    with db.read_session(next_plan) as s:
        assert reporting_years(s, today=date(2026, 12, 1)) == [2026, 2025, 2024]
        catalog.pin_plan(s, "2028-2031")
        assert reporting_years(s, today=date(2026, 12, 1)) == [2028]
        assert reporting_years(s, today=date(2030, 6, 1)) == [2030, 2029, 2028]
        assert reporting_year_choices(s) == [2028]  # 2028 is opened (the fixture); 2025 is the other plan's
    for script, key in (("pages/12_Lagesrapport.py", "rep_year_pick"), ("pages/11_Mote.py", "meet_year"),
                        ("pages/2_Myndigheter.py", "ag_year"), ("pages/13_Rapporteringslage.py", "rr_year")):
        at = open_page(script, user=COORDINATOR, plan="2028-2031")
        assert [int(o) for o in at.selectbox(key=key).options] == [2028], script
        default = open_page(script, user=COORDINATOR)
        assert 2028 not in [int(o) for o in default.selectbox(key=key).options], script


def test_an_agency_with_nothing_in_the_chosen_plan_period_still_reports_an_open_year_of_its_own_plan(next_plan):
    """Rapportera offered the agencies of the plan period chosen in the sidebar (the newest that has begun, by
    default): Kriminalvården, which has no measure in 2028–2031, met a traceback there (KeyError) while 2025 was
    still open for its return under 2024–2027. The agencies are those with something to report in any open year;
    a year whose plan asks nothing of the agency says so."""
    from tests.apptest_support import REPORTER_KVV

    at = open_page("pages/5_Rapportera.py", user=REPORTER_KVV, plan="2028-2031")
    assert list(at.selectbox(key="rep_agency").options) == ["Kriminalvården"]
    assert [int(o) for o in at.selectbox(key="rep_year").options] == [2028, 2025, 2024]
    at.selectbox(key="rep_year").set_value(2028).run()
    assert not at.exception
    assert "Kriminalvården har inga indikatorer eller åtgärder att rapportera för 2028" in " ".join(
        i.value for i in at.info)
    at.selectbox(key="rep_year").set_value(2025).run()
    assert not at.exception
    assert at.get("download_button") and not [i for i in at.info if "har inga indikatorer" in i.value]


def test_a_plan_period_offers_no_year_after_its_end_though_the_next_one_has_values_for_it(next_plan, monkeypatch):
    """Mål, Indikator and Kommuner offered every year with a value: with 2028–2031 begun and Polisen's 2028 return
    approved, 2024–2027 offered 2028 and showed its goals for it (its measures "not reported", 2.4a's status
    judged against 2024–2027's baseline with the next plan's value)."""
    from okdata.returns import save_return
    from okdata.review import review
    from okdata.sample_returns import filled_return
    from okdata.values import year_choices

    monkeypatch.setattr(clock, "today", lambda now=None: date(2028, 2, 15))  # 2028 has begun
    with db.session(next_plan) as s:
        police = catalog.find_agency(s, "POL")
        with catalog.for_year(s, 2028):
            data = filled_return(s, police, 2028)
        saved = save_return(s, data, "polisen_2028.xlsx", None, actor=actor_for(s, "demo-polisen"))
        assert saved.batch_id, [p.message for p in saved.check.errors][:3]
        assert review(s, saved.batch_id, actor_for(s, COORDINATOR), approve=True).ok
    with db.read_session(next_plan) as s:
        catalog.pin_plan(s, "2028-2031")
        assert 2028 in year_choices(s)[0]
    with db.read_session(next_plan) as s:
        catalog.pin_plan(s, "2024-2027")
        years = year_choices(s)[0]
        assert 2028 not in years and {2024, 2025, 2020} <= set(years)  # the plan's years and the baselines
    at = open_page("pages/1_Mal.py", user=COORDINATOR, plan="2024-2027", mal=2, ar=2028)
    assert 2028 not in [int(o) for o in at.selectbox(key="goal_year").options]


def test_valdstyper_under_a_plan_offers_no_year_of_the_next_one(sample_url):
    """An audit: with 2028–2031 carrying 7.1a and Länsstyrelsen's 2028 return approved, Våldstyper under 2024–2027
    offered 2028 (its years ran 2020–2028) and drew it with the old plan's catalog; every other page stops at the
    plan's end (values.year_choices)."""
    from okdata.comparisons import violence_choices
    from okdata.periods import open_reporting_year
    from okdata.plans import new_plan
    from okdata.returns import save_return
    from okdata.sample_returns import filled_return

    carry = {"goals": ["7"], "measures": ["7.1"], "indicators": ["7.1a"]}
    with db.session(sample_url) as s:
        coordinator = actor_for(s, COORDINATOR)
        assert new_plan(s, coordinator, "2024-2027", "2028-2031", carry).ok
        assert open_reporting_year(s, coordinator, 2028, date(2029, 3, 31)).ok
    catalog._MEMO.clear()
    with db.session(sample_url) as s:
        with catalog.for_year(s, 2028):
            data = filled_return(s, catalog.find_agency(s, "LST"), 2028)
        saved = save_return(s, data, "lst_2028.xlsx", None, actor=actor_for(s, COORDINATOR), today=date(2029, 2, 1))
        assert saved.batch_id, [p.message for p in saved.check.errors][:3]
    with db.read_session(sample_url) as s:
        catalog.pin_plan(s, "2028-2031")
        assert 2028 in violence_choices(s, ["VNR", "SV", "HRV", "PMH"]).get(7, [])
    with db.read_session(sample_url) as s:
        catalog.pin_plan(s, "2024-2027")
        years = violence_choices(s, ["VNR", "SV", "HRV", "PMH"])[7]
    assert max(years) <= 2027 and 2025 in years
    at = open_page("pages/3_Valdstyper.py", user=COORDINATOR, plan="2024-2027", mal=7)
    assert not at.exception
    assert "2028" not in " ".join(c.value for c in at.caption)


def test_indikator_cites_the_catalog_it_shows_for_a_baseline_year_under_the_next_plan(next_plan):
    """A review: with 2028–2031 chosen and 2.4a renamed there from 2028, Indikator 2025 showed the new plan's name
    beside "Handlingsplan 2028–2031, revision 1", a revision number of 2024–2027 (catalog_in_force) under the name of
    the plan read."""
    from okdata import texts
    from okdata.catalog_edits import edit_catalog
    from okdata.web.widgets import plain

    with db.session(next_plan) as s:
        catalog.pin_plan(s, "2028-2031")
        assert edit_catalog(s, actor_for(s, COORDINATOR), "indicator", "2.4a", {"name": "Nytt namn 2028"}, 2028).ok
    catalog._MEMO.clear()
    with db.read_session(next_plan) as s:
        catalog.pin_plan(s, "2028-2031")
        plan = catalog.current_plan(s)
        name, revision = plan.name, plan.revision
    assert revision == 2
    at = open_page("pages/14_Indikator.py", user=COORDINATOR, plan="2028-2031", indikator="2.4a", ar=2025)
    text = " ".join(m.value for m in at.markdown)
    assert "Nytt namn 2028" in at.header[0].value
    assert plain(texts.INDICATOR_META["revision_text"].format(plan=name, revision=2)) in text, text[-300:]
