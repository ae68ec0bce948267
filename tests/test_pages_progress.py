"""AppTest of the progress views as a user reads them: goals, a measure in detail, agencies, violence types,
municipalities."""

from okdata import texts
from tests.apptest_support import COORDINATOR, REPORTER_POL, open_page


def _text(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [h.value for h in at.subheader]
    return " ".join(parts + [h.value for h in at.header])


def test_goal_2_lists_10_measures_with_implementation_and_outcome_side_by_side(sample_url):
    at = open_page("pages/1_Mal.py", mal=2, ar=2025)
    measures = at.dataframe[0].value
    assert len(measures) == 10
    assert {texts.PROGRESS_VIEW["col_impl"].format(year=2025), texts.PROGRESS_VIEW["col_outcome"].format(year=2025),
            texts.PROGRESS_VIEW["col_trend"]} <= set(measures.columns)


def test_a_measure_in_detail_shows_each_indicator_with_status_explanation_chart_and_data(sample_url):
    at = open_page("pages/1_Mal.py", mal=3, ar=2025, atgard="3.6")
    text = _text(at)
    assert "Åtgärd 3.6 i detalj" in text and "3.6a" in text and "3.6b" in text
    assert at.expander and "Basår" in " ".join(m.value for e in at.expander for m in e.markdown)
    assert [b for b in at.get("download_button") if b.proto.label == texts.PROGRESS_VIEW["csv"]]
    assert "Exempeldata" in text


def test_a_known_example_value_appears_with_its_status(sample_url):
    from okdata import db
    from okdata.progress import series_statuses

    with db.read_session(sample_url) as s:
        st = series_statuses(s, 2025)
    row = st[st.indicator == "3.4a"].iloc[0]
    at = open_page("pages/1_Mal.py", mal=3, ar=2025, atgard="3.4")
    assert f"**{row.status}**" in " ".join(m.value for m in at.markdown)
    latest = at.dataframe[0].value.set_index(texts.COL_CODE).loc["3.4", texts.PROGRESS_VIEW["col_trend"]]
    assert "(2025)" in latest


def test_agencies_page_shows_reporting_against_expected_and_the_missing_list(sample_url):
    at = open_page("pages/2_Myndigheter.py", user=COORDINATOR, myndighet="POL", ar=2025)
    assert at.selectbox(key="ag_agency").value == "POL"
    reporting = at.dataframe[0].value
    assert list(reporting[texts.AGENCY_VIEW["columns"]["year"]]) == [2024, 2025, 2026]
    assert (reporting[texts.AGENCY_VIEW["columns"]["expected"]] > 0).all()
    assert "Saknade värden 2025" in _text(at)


def test_a_reporter_sees_their_own_agency_by_default(sample_url):
    at = open_page("pages/2_Myndigheter.py", user=REPORTER_POL)
    assert at.selectbox(key="ag_agency").value == "POL"


def test_violence_types_page_keeps_the_choice_in_the_url(sample_url):
    at = open_page("pages/3_Valdstyper.py", valdstyp="VNR,HRV", per100k="1")
    assert at.multiselect(key="vt_types").value == ["VNR", "HRV"]
    assert at.toggle(key="vt_per_capita").value is True
    assert "interpolerade" in _text(at)
    assert at.query_params["valdstyp"] == "VNR,HRV"


def test_municipalities_page_sorts_and_suppresses_small_counts(sample_url):
    at = open_page("pages/4_Kommuner.py", indikator="1.6a", ar=2025)
    assert at.checkbox(key="mun_suppress").value is True
    assert at.selectbox(key="mun_ind").value == "1.6a"
    at2 = open_page("pages/4_Kommuner.py", indikator="1.6a", ar=2025, matt="per100k")
    assert at2.selectbox(key="mun_measure").value == "per100k"
