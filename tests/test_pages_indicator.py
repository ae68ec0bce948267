"""Test the Indikator page (issue 20, item 2) and the links to it from Mål, Våldstyper, Kommuner, Myndigheter."""

from okdata import db, texts
from okdata.progress import ICONS
from okdata.snapshot import indicator_statuses
from tests.apptest_support import open_page

PAGE = "pages/14_Indikator.py"
LINKED = "Indikator"  # the page's name in a link


def _about(at) -> str:
    """The metadata list as read (catalog text is shown as plain text: its punctuation is escaped)."""
    return [m.value for m in at.markdown if m.value.startswith("- **")][0].replace("\\", "")


def _text(at) -> str:
    return " ".join(str(e.value) for kind in ("title", "header", "subheader", "markdown", "caption", "info")
                    for e in getattr(at, kind))


def _links(at) -> list:
    return [(p.proto.label, p.proto.page) for p in at.get("page_link")]


def test_the_indicator_page_shows_status_chart_table_files_and_metadata(sample_url):
    at = open_page(PAGE, indikator="2.4a", ar=2025)
    text = _text(at)
    assert "2.4a Antal beviljade kontaktförbud per 100 000 invånare" in text
    with db.read_session(sample_url) as s:
        status = indicator_statuses(s, 2025).set_index("indicator").loc["2.4a", "status"]
    assert f"{ICONS[status]} **{texts.PROGRESS_STATUSES[status]}** (År 2025)" in [m.value for m in at.markdown]
    about = _about(at)
    for label in ("goal", "measure", "agencies", "kind", "unit", "direction", "frequency", "target", "breaks",
                  "source", "revision"):
        assert f"**{texts.INDICATOR_META[label]}:**" in about, label
    assert "Mål 2" in about and "2.4 " in about and "revision" in about
    assert [e.label for e in at.expander] == [texts.PROGRESS_VIEW["explain"], texts.PROGRESS_VIEW["data_table"]]
    assert len(at.dataframe) == 1 and set(at.dataframe[0].value[texts.YEAR]) <= set(range(2017, 2026))
    assert [b.proto.label for b in at.get("download_button")] == [v[0] for v in texts.DOWNLOADS.values()]


def test_the_breakdown_is_chosen_and_kept_in_the_url(sample_url):
    at = open_page(PAGE, indikator="2.4a", ar=2025, uppdelning="område")
    assert at.selectbox(key="ind_dim").value == "area" and at.query_params["uppdelning"] == "område"
    members = set(at.dataframe[0].value[texts.PROGRESS_VIEW["col_member"]])
    assert {"Stockholm", "Södertälje"} <= members


def test_a_milestone_shows_its_answers_without_a_chart_or_breakdown(sample_url):
    at = open_page(PAGE, indikator="1.7a", ar=2025)
    assert not at.get("plotly_chart") and not [s for s in at.selectbox if s.key == "ind_dim"]
    assert "1.7a" in _text(at)


def test_an_unknown_code_in_the_url_is_said_to_be_unknown_as_text_not_swapped_for_the_first_indicator(sample_url):
    """An unknown code showed the first indicator (1.1a) as if it had been asked for; it is now said, the code
    quoted as text (never Markdown or HTML), and the box asks for a choice."""
    at = open_page(PAGE, indikator="<script>**fet**")
    assert at.selectbox(key="ind_code").value is None and not at.header
    [said] = at.warning
    assert "\\<script\\>\\*\\*fet\\*\\*" in said.value, said.value


def test_a_regional_indicator_names_its_goal_and_the_county_coordinator(sample_url):
    at = open_page(PAGE, indikator="R2.3", ar=2025)
    about = _about(at)
    assert texts.INDICATOR_META["goal_level"] in about and "Kan visas per 100 000" in about


def test_mal_valdstyper_and_kommuner_link_to_the_indicator_page(sample_url):
    mal = open_page("pages/1_Mal.py", mal=3, ar=2025, atgard="3.6")
    assert (texts.INDICATOR_VIEW["open_n"].format(code="3.6a"), LINKED) in _links(mal)
    config = mal.dataframe[1].proto.columns
    assert '"link"' in config and "indikator=" in config  # the indicator table's codes are links
    vt = open_page("pages/3_Valdstyper.py", mal=2)
    assert (texts.INDICATOR_VIEW["open_n"].format(code="2.10a"), LINKED) in _links(vt)
    mun = open_page("pages/4_Kommuner.py", indikator="1.6a")
    assert (texts.INDICATOR_VIEW["open_n"].format(code="1.6a"), LINKED) in _links(mun)


def test_a_milestone_or_descriptive_indicator_shows_its_stored_answers_in_the_table(sample_url):
    """Test that the value table shows a milestone's Ja/Nej and a descriptive indicator's text, as Mål does (it
    showed "–" for every one of them)."""
    milestone = open_page(PAGE, indikator="5.4a", ar=2025).dataframe[0].value
    assert list(milestone[texts.PROGRESS_VIEW["col_value"]]) == ["Ja", "Ja"]
    described = open_page(PAGE, indikator="5.3a", ar=2025).dataframe[0].value
    assert [v[:40] for v in described[texts.PROGRESS_VIEW["col_value"]]] == [
        "Exempeldata: beskrivning av genomfört ar"] * 2


def test_a_year_before_a_later_revision_reads_its_own_catalog_whichever_readings_were_kept(sample_url):
    """Some readers took the catalog the page run's shared session was last set to, so what they read depended on
    which readers before them were kept from an earlier view: with 1.1 retired from 2026, Indikator for 1.1a in
    2025 opened, and choosing the breakdown Kategori then ended in an error (the chart's reader looked for 1.1a
    in today's catalog); Mötesläge's list of measures whose reports and outcome disagree left 1.1 out of 2025."""
    from okdata.auth import actor_for
    from okdata.catalog_edits import edit_catalog
    from okdata.domain import Dimension
    from okdata.snapshot import measure_progress, snapshot
    from tests.apptest_support import COORDINATOR

    with db.session(sample_url) as s:
        assert edit_catalog(s, actor_for(s, COORDINATOR), "measure", "1.1", None, 2026).ok
    at = open_page(PAGE, user=COORDINATOR, indikator="1.1a", ar=2025)
    at.selectbox(key="ind_dim").set_value(Dimension.CATEGORY).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.selectbox(key="ind_dim").value == Dimension.CATEGORY and len(at.dataframe) == 1
    with db.read_session(sample_url) as s:
        assert "1.1" in set(measure_progress(s, 2025).code)
        assert "1.1" in {m.code for m in snapshot(s, 2025).measure_rows}
        assert "1.1" not in set(measure_progress(s, 2026).code)
