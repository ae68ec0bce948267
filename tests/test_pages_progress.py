"""AppTest of the progress views as a user reads them: the overview, goals and a measure in detail, agencies,
violence types, municipalities. Expected figures come from the readers, never typed in."""

from okdata import db, texts
from okdata.auth import actor_for
from okdata.domain import Implementation, IndicatorKind
from okdata.progress import ICONS
from okdata.snapshot import goal_progress, indicator_statuses, outcome_changes
from tests.apptest_support import COORDINATOR, REPORTER_POL, app, literal, open_page


def _text(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [h.value for h in at.subheader]
    return " ".join(parts + [h.value for h in at.header])


def test_the_overview_shows_each_goals_status_distribution_with_icons_and_what_changed(sample_url):
    at = app()
    at.run()
    assert not at.exception
    with db.read_session(sample_url) as s:
        goals = goal_progress(s, 2025).set_index("goal")
        changes = outcome_changes(s, 2025)
    markdown = [m.value for m in at.markdown]
    for n in range(1, 9):
        dist = goals.loc[n, "measure_outcomes"]
        lines = "  \n".join(f"{ICONS[st]} {texts.PROGRESS_STATUSES[st]}: **{c}**" for st, c in dist.items())
        assert f"**Åtgärdernas utfall 2025**  \n{lines}" in markdown, f"goal {n}: {lines}"
        assert sum(dist.values()) == [7, 10, 9, 6, 4, 4, 9, 6][n - 1]  # the plan's measures per goal
    assert texts.PROGRESS_VIEW["outcome_changes"] in [h.value for h in at.subheader]
    for r in changes.itertuples():
        assert any(f"Åtgärd {r.measure}:" in m and texts.PROGRESS_STATUSES[r.after] in m for m in markdown)
    assert any(texts.PROGRESS_VIEW["completeness"].split("{")[0] in p.proto.label for p in at.get("page_link"))


def test_the_overview_counts_each_change_of_reported_status_and_lists_every_one(sample_url):
    """Test that Översikt gives, per change of a reported implementation status since last year, how many measure
    and agency pairs made it, the most common first, and lists each pair with Swedish labels."""
    import re
    from collections import Counter

    from okdata.explore import status_changes

    with db.read_session(sample_url) as s:
        changes = status_changes(s, 2025)
    assert len(changes)
    at = open_page("app.py", ar=2025)
    counted = Counter(zip(changes.before, changes.after))
    shown = [m.value for m in at.markdown if re.fullmatch(r"- [^:]+ → [^:]+: \*\*\d+\*\*", m.value)]
    expected = ["- " + texts.PROGRESS_VIEW["transition_line"].format(
        before=f"{texts.STATUS_ICONS[b]}\u00a0{texts.IMPLEMENTATION[b]}", after=f"{texts.STATUS_ICONS[a]}\u00a0"
        f"{texts.IMPLEMENTATION[a]}", n=n) for (b, a), n in counted.items()]  # a symbol held to its word
    assert sorted(shown) == sorted(expected)
    assert [int(line.rsplit("**", 2)[1]) for line in shown] == sorted(counted.values(), reverse=True)
    listed = next(d.value for d in at.dataframe if texts.PROGRESS_VIEW["col_before"] in d.value.columns)
    assert list(listed.columns) == [texts.COL_CODE, texts.COL_AGENCIES, texts.PROGRESS_VIEW["col_before"],
                                    texts.PROGRESS_VIEW["col_after"]]
    assert list(zip(*(listed[c] for c in listed.columns))) == [
        (m, a, texts.IMPLEMENTATION[b], texts.IMPLEMENTATION[f]) for m, a, b, f in changes.itertuples(index=False)]


def test_the_goal_score_is_named_for_what_it_is_and_its_table_is_explained(sample_url):
    """Test that the overview's secondary score is not called Open SDG's score and its help gives our table."""
    at = app()
    at.run()
    with db.read_session(sample_url) as s:
        goals = goal_progress(s, 2025)
    scores = [c for c in at.caption if c.value.startswith("Statuspoäng")]
    assert len(scores) == goals.score.notna().sum() > 0
    assert not [c for c in at.caption if "Open SDG-poäng" in c.value]
    help_text = scores[0].proto.help
    assert "inte Open SDG:s poäng" in help_text and "+5" in help_text and "+2" in help_text and "−5" in help_text
    # and it says how many county series it is the mean of: goal 5's 5,0 (the top of the scale) stood under "Ej
    # rapporterad: 4" and "0 av 5 väntade" as if the goal went well, from one of its series (a screenshot review)
    from okdata.progress import SCORES

    said = [literal(c.value) for c in scores]
    for (_, g), line in zip(goals[goals.score.notna()].iterrows(), said):
        scored = sum(n for status, n in g.series.items() if status in SCORES)
        assert line.endswith(f"medelvärdet för {scored} av {sum(g.series.values())} länsserier"), line
    assert any(" 5,0, medelvärdet för 1 av " in line for line in said), said


def test_goal_2_lists_10_measures_with_implementation_outcome_and_a_trend(sample_url):
    at = open_page("pages/1_Mal.py", mal=2, ar=2025)
    measures = at.dataframe[0].value
    assert list(measures[texts.COL_CODE]) == [f"2.{n}" for n in range(1, 11)]
    outcome = measures[texts.PROGRESS_VIEW["col_outcome"].format(year=2025)]
    assert all(v.split("\u00a0", 1)[0] in ICONS.values() for v in outcome)  # an icon held to every status
    trend = measures.set_index(texts.COL_CODE)[texts.TRENDS["column"]]
    assert len(trend["2.2"]) == 6 and len(trend["2.1"]) == 0  # 2.2a: 2020–2025; 2.1a is a milestone
    assert measures.set_index(texts.COL_CODE).loc["2.2", texts.PROGRESS_VIEW["col_impl"].format(year=2025)] != \
        texts.NOT_REPORTED


def test_a_measure_in_detail_shows_each_indicator_with_status_explanation_chart_and_data(sample_url):
    at = open_page("pages/1_Mal.py", mal=3, ar=2025, atgard="3.6")
    text = _text(at)
    assert "Åtgärd 3.6 i detalj" in text and "3.6a" in text and "3.6b" in text
    explanations = " ".join(m.value for e in at.expander for m in e.markdown)
    assert "Basår 2023" in explanations and "Senaste år 2025" in explanations and "Brustest" in explanations
    assert len([b for b in at.get("download_button") if b.proto.label == texts.DOWNLOADS["xlsx"][0]]) == 2
    assert "Exempeldata" in text


def test_a_known_example_value_appears_with_its_status(sample_url):
    with db.read_session(sample_url) as s:
        row = indicator_statuses(s, 2025).set_index("indicator").loc["3.4a"]
    at = open_page("pages/1_Mal.py", mal=3, ar=2025, atgard="3.4")
    label = texts.PROGRESS_STATUSES[row.status]
    assert f"{ICONS[row.status]} **{label}**" in [m.value for m in at.markdown]
    measures = at.dataframe[0].value.set_index(texts.COL_CODE)
    outcome = measures.loc["3.4", texts.PROGRESS_VIEW["col_outcome"].format(year=2025)]
    assert outcome == f"{ICONS[row.status]}\u00a0{label}"
    assert "(2025)" in measures.loc["3.4", texts.PROGRESS_VIEW["col_trend"]]


def test_a_milestone_says_when_it_was_reached(sample_url):
    at = open_page("pages/1_Mal.py", mal=1, ar=2025, atgard="1.7")
    assert texts.PROGRESS_VIEW["milestone_reached"].format(year=2024) in [m.value for m in at.markdown]


def test_an_earlier_year_shows_only_what_was_known_then(sample_url):
    at = open_page("pages/1_Mal.py", mal=3, ar=2024, atgard="3.4")
    assert "(2024)" in at.dataframe[0].value.set_index(texts.COL_CODE).loc["3.4", texts.PROGRESS_VIEW["col_trend"]]
    assert all(y <= 2024 for y in at.dataframe[-1].value[texts.YEAR])  # statuses and descriptions per year


def test_agencies_page_shows_reporting_against_expected_and_the_missing_list(sample_url):
    at = open_page("pages/2_Myndigheter.py", user=COORDINATOR, myndighet="POL", ar=2025)
    assert at.selectbox(key="ag_agency").value == "POL"
    reporting = at.dataframe[0].value
    assert list(reporting[texts.AGENCY_VIEW["columns"]["year"]]) == [2024, 2025, 2026]
    assert (reporting[texts.AGENCY_VIEW["columns"]["expected"]] > 0).all()
    assert "Saknade värden 2025" in _text(at)
    # carried from an audit: the running year, whose deadline has not passed, said "0 %" beside the late 2025
    share = dict(zip(reporting[texts.AGENCY_VIEW["columns"]["year"]], reporting[texts.AGENCY_VIEW["columns"]["share"]]))
    assert share[2025] == "0\xa0%" and share[2026] == texts.AGENCY_VIEW["not_due"], share


def test_a_reporter_sees_their_own_agency_by_default(sample_url):
    at = open_page("pages/2_Myndigheter.py", user=REPORTER_POL)
    assert at.selectbox(key="ag_agency").value == "POL"


def test_violence_types_page_keeps_every_choice_in_the_url(sample_url):
    at = open_page("pages/3_Valdstyper.py", valdstyp="HRV,VNR", per100k="1", mal=2, fran=2020, till=2024)
    assert at.multiselect(key="vt_types").value == ["HRV", "VNR"]
    assert at.toggle(key="vt_per_capita").value is True
    assert at.select_slider(key="vt_years").value == (2020, 2024)
    alt = [literal(c.value) for c in at.caption if literal(c.value).startswith("2.10a")][0]
    assert "per 100 000 invånare" in alt and "befolkningen 2020 är interpolerad" in alt
    assert alt.index("Nära relationer") < alt.index("Heder") and "Sexuellt våld" not in alt  # the fixed order
    assert "år 2020" in alt and "år 2024" in alt and "2025" not in alt
    assert (at.query_params["valdstyp"], at.query_params["fran"], at.query_params["till"]) == ("HRV,VNR", "2020",
                                                                                              "2024")
    tables = [d.value for d in at.dataframe]
    assert len(tables) == 1  # one table for all the page's charts, not one per chart
    data = tables[0]
    assert "2.10a" in set(data["Indikator-id"]) and set(data["År"]) <= set(range(2020, 2025))


def test_municipalities_page_sorts_and_suppresses_small_counts_by_default(sample_url):
    at = open_page("pages/4_Kommuner.py", indikator="1.6a", ar=2025)
    assert at.checkbox(key="mun_suppress").value is True
    assert at.selectbox(key="mun_ind").value == "1.6a"
    shown = at.dataframe[0].value[texts.PROGRESS_VIEW["col_value"]]
    assert len(shown) == 26
    at2 = open_page("pages/4_Kommuner.py", indikator="1.6a", ar=2025, matt="per100k", visa_sma=1)
    assert at2.selectbox(key="mun_measure").value == "per100k" and at2.checkbox(key="mun_suppress").value is False
    assert "per 100 000 invånare" in " ".join(c.value for c in at2.caption)


def test_the_years_table_is_drawn_once_and_sent_again_to_the_next_viewer_until_its_figures_change(sample_url,
                                                                                                  monkeypatch):
    """Issue 16: Kommuner's heat table (pandas' Styler, translated cell by cell by Streamlit) was half of a warm
    view. It is drawn once per table: the next session gets the same table with the same colours without
    drawing it, and a changed figure draws it anew."""
    from okdata import charts
    from okdata.web import widgets
    from tests.db_support import set_municipal_values

    drawn, real = [], charts.heat_css
    monkeypatch.setattr(charts, "heat_css", lambda numbers, shown: drawn.append(1) or real(numbers, shown))
    widgets.forget_drawings()

    def view():
        at = open_page("pages/4_Kommuner.py", COORDINATOR, indikator="1.6a", ar=2025)
        table = at.dataframe[-1]
        return table.value, list(table.proto.arrow_data.styler.styles.split("}"))

    first, styles = view()
    assert len(drawn) == 1 and len(styles) > 26  # one rule per coloured cell
    again, styles_again = view()
    assert len(drawn) == 1 and again.equals(first) and styles_again == styles
    set_municipal_values(sample_url, "1.6a", {(2025, "Vaxholm"): 123456})
    changed, _ = view()
    assert len(drawn) == 2
    area = texts.MUNICIPALITY_VIEW["area_column"]
    vaxholm = changed.set_index(area).loc["Vaxholm", "2025"]
    assert vaxholm == "123\u00a0456" != first.set_index(area).loc["Vaxholm", "2025"]


def test_kommuner_names_a_rate_as_a_rate_and_explains_the_county_without_offering_what_it_lacks(sample_url):
    """An audit: for 2.4a, stored per 100 000 inhabitants, the page's Mått said "Antal" and offered to show counts
    under 5 as "<5", which no rate is; for 4.3a (a count with no per 100 000) the county's help said it was the sum
    of the municipalities (11 against their approved 8) and told the reader to choose Per 100 000 invånare, which
    the page does not offer for it."""
    rate = open_page("pages/4_Kommuner.py", indikator="2.4a", ar=2025)
    assert not rate.exception
    assert rate.selectbox(key="mun_measure").options == [texts.KINDS[IndicatorKind.RATE]]
    assert not [c for c in rate.checkbox if c.key == "mun_suppress"]
    assert texts.COMPARISONS["suppressed_note"] not in [c.value for c in rate.caption]
    count = open_page("pages/4_Kommuner.py", indikator="4.3a", ar=2025)
    assert count.selectbox(key="mun_measure").options == [texts.KINDS[IndicatorKind.COUNT]]
    assert not [c for c in count.checkbox if c.key == "mun_suppress"]  # whether a municipality takes part: no one
    helps = [m.proto.help for m in count.metric]
    assert helps and not [h for h in helps if "Per 100 000" in h or "summan" in h], helps
    people = open_page("pages/4_Kommuner.py", indikator="1.6a", ar=2025)
    assert any("Per 100 000" in m.proto.help for m in people.metric)


def test_a_measure_reported_done_while_its_outcome_worsens_is_flagged_on_the_goal_page(sample_url):
    from okdata.catalog import indicators_frame, measures_frame
    from okdata.store import add_observations, add_statuses, create_batch

    with db.session(sample_url) as s:
        ind = indicators_frame(s).set_index("code").loc["1.1a", "id"]
        measure = measures_frame(s).set_index("code").loc["1.1", "id"]
        batch = create_batch(s, "upload")
        add_observations(s, batch, [{"indicator_id": int(ind), "year": 2025, "value_num": 1.0}])
        add_statuses(s, batch, [{"measure_id": int(measure), "agency_id": 1, "year": 2025,
                                 "status": Implementation.DONE}])
    at = open_page("pages/1_Mal.py", mal=1, ar=2025)
    outcome = at.dataframe[0].value.set_index(texts.COL_CODE)[texts.PROGRESS_VIEW["col_outcome"].format(year=2025)]
    assert outcome["1.1"] == "⚠\u00a0▼\u00a0Försämring" and not outcome["1.2"].startswith("⚠")
    assert any("1.1" in w.value for w in at.warning)


def test_edge_views_open_without_an_exception_and_say_why_they_are_empty(sample_url):
    for page, params in [("app.py", {"ar": 2019}), ("pages/1_Mal.py", {"mal": 4, "ar": 2019, "atgard": "4.1"}),
                         ("pages/3_Valdstyper.py", {"valdstyp": ""}),
                         ("pages/4_Kommuner.py", {"indikator": "1.6a", "ar": 2019}),
                         ("pages/2_Myndigheter.py", {"myndighet": "0127", "ar": 2024})]:
        at = open_page(page, **params)  # asserts that nothing raised
        if page == "pages/3_Valdstyper.py":
            assert texts.VIOLENCE_VIEW["empty"] in [i.value for i in at.info]
        if page == "pages/4_Kommuner.py":
            assert texts.MUNICIPALITY_VIEW["no_values"].format(year=2019) in [i.value for i in at.info]


def test_a_year_before_the_plan_says_its_measures_are_followed_up_from_the_plans_first_year(sample_url):
    """Mål offers the years before the plan for their indicator values, and counted the goal's measures as 'Ej
    rapporterad: 9' for them, each measure 'Ej rapporterad' in the table, although no one reports a status for a
    year before the plan (found beside the Översikt finding of a figure audit)."""
    before = open_page("pages/1_Mal.py", mal=1, ar=2023)
    said = texts.PROGRESS_VIEW["before_plan"].format(start=2024)
    summary = " ".join(m.value for m in before.markdown)
    assert said in summary, summary
    impl = texts.PROGRESS_VIEW["col_impl"].format(year=2023)
    table = next(d.value for d in before.dataframe if impl in d.value.columns)
    assert set(table[impl]) == {said}
    assert texts.MEASURE_STATES["not_reported"] not in summary
    within = open_page("pages/1_Mal.py", mal=1, ar=2025)  # a year of the plan keeps its counts
    assert said not in " ".join(m.value for m in within.markdown)


def test_the_agencies_page_lists_the_years_measures_and_links_each_indicator_by_its_code(sample_url):
    """Myndigheter linked every indicator by the database's id ("Indikator?indikator=51", which the indicator page
    does not know, and the table showed such a number instead of the code), and listed an agency's measures and
    indicators from today's catalog for every year: after 2.4 was moved to Polisen alone from 2026,
    Åklagarmyndigheten's 2025 page no longer listed 2.4 while its missing values for 2025 were 2.4's."""
    from okdata.catalog_edits import edit_catalog

    with db.session(sample_url) as s:
        assert edit_catalog(s, actor_for(s, COORDINATOR), "measure", "2.4", {"agencies": ["POL"]}, 2026).ok
    shown = {}
    for year in (2025, 2026):
        at = open_page("pages/2_Myndigheter.py", user=COORDINATOR, myndighet="AKL", ar=year)
        measures = at.dataframe[-2].value  # the last two tables: measures, indicators
        links = list(at.dataframe[-1].value[texts.COL_INDICATOR_ID])
        assert all(link.startswith(f"Indikator?ar={year}&indikator=") for link in links)
        shown[year] = (set(measures[texts.COL_CODE]), {link.rsplit("=", 1)[1] for link in links})
    assert "2.4" in shown[2025][0] and {"2.4a", "5.2a"} <= shown[2025][1]
    assert "2.4" not in shown[2026][0] and "2.4a" not in shown[2026][1] and "5.2a" in shown[2026][1]
    indicator = open_page("pages/14_Indikator.py", ar=2025, indikator="5.2a")
    assert not [w for w in indicator.warning if "finns inte" in w.value]


def test_each_goals_reports_say_how_many_of_the_expected_have_come_in(sample_url):
    """An audit: goal 2's card read "Myndigheternas rapporter: Pågående 30 · Genomförd 13 · Försenad 12 · Avbruten 2"
    with no "av 65", so that eight missing reports could not be seen, and goal 5's only "Ej rapporterad". Översikt's
    cards and Mötesläge's slides now say how many of the expected reports have come in, under a name that
    holds the municipalities' reports too (a review: they are counted)."""
    from okdata.report import report_data

    with db.read_session(sample_url) as s:
        goals = {g["number"]: g for g in report_data(s, 2025)["goals"]}
    counts = {n: (sum(m["reported"] for m in g["measures"]), sum(m["expected"] for m in g["measures"]))
              for n, g in goals.items()}
    assert any(done < expected for done, expected in counts.values()), counts
    assert counts[5][0] == 0 < counts[5][1], counts[5]
    at = open_page("app.py", ar=2025)
    captions = [c.value for c in at.caption if c.value.startswith("Rapporter om åtgärderna")]
    for n, (done, expected) in counts.items():
        assert captions[n - 1].startswith(f"Rapporter om åtgärderna ({done} av {expected} väntade)"), captions[n - 1]
    slide = open_page("pages/11_Mote.py", ar=2025, skarm=5 + 1)
    said = [c.value for c in slide.caption if c.value.startswith("Rapporter om åtgärderna")]
    assert said and said[0].startswith(f"Rapporter om åtgärderna (0 av {counts[5][1]} väntade)"), said
