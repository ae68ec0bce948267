"""Test the progress method with the worked examples of PROGRESS_METHOD.md, and the readers built on it."""

import random

import pytest
from sqlalchemy import update

from okdata import db
from okdata.models import Indicator, SeriesBreak
from okdata.progress import (
    INSUFFICIENT,
    LIMITED,
    NO_CERTAIN,
    NOT_ASSESSED,
    ON_TRACK,
    SIGNIFICANT,
    TARGET_REACHED,
    WORSE,
    Point,
    assess,
    explain,
    goal_progress,
    indicator_statuses,
    measure_progress,
    outcome_changes,
    series_statuses,
    worst,
)
from okdata.store import add_observations, add_statuses, create_batch
from tests.db_support import indicator_id


def pts(*pairs):
    return [Point(y, v) for y, v in pairs]


def test_share_up_without_target():
    a = assess("share", 1, pts((2021, 54), (2022, 76)))
    assert a.status == SIGNIFICANT and a.p == pytest.approx(0.407, abs=0.001)


def test_share_up_with_target_100_in_2027_base_2023():
    a = assess("share", 1, pts((2023, 60), (2025, 70)), target_value=100, target_year=2027)
    assert a.cagr == pytest.approx(0.0801, abs=0.0001) and a.required == pytest.approx(0.1362, abs=0.0001)
    assert a.ratio == pytest.approx(0.588, abs=0.001) and a.status == LIMITED


def test_share_up_with_target_80_on_track():
    a = assess("share", 1, pts((2023, 50), (2025, 70)), target_value=80, target_year=2027)
    assert a.ratio == pytest.approx(1.47, abs=0.01) and a.status == ON_TRACK


def test_share_down_with_target_20_on_track():
    a = assess("share", -1, pts((2023, 30), (2025, 24)), target_value=20, target_year=2027)
    assert a.ratio == pytest.approx(1.10, abs=0.01) and a.status == ON_TRACK


def test_count_down_within_noise():
    a = assess("count", -1, pts((2023, 119), (2025, 100)))
    assert a.p == pytest.approx(0.083, abs=0.001)
    assert a.status == NO_CERTAIN and "29,0" in a.noise


def test_count_up_beyond_noise():
    a = assess("count", 1, pts((2023, 4), (2025, 12)))
    assert a.status == SIGNIFICANT and "7,8" in a.noise


def test_one_value_is_insufficient():
    assert assess("share", 1, pts((2022, 76))).status == INSUFFICIENT


def test_no_direction_milestones_and_target_reached():
    assert assess("count", 0, pts((2023, 1), (2024, 2))).status == NOT_ASSESSED
    assert assess("milestone", 1, pts((2024, 1))).status == NOT_ASSESSED
    assert assess("share", 1, pts((2023, 60), (2025, 85)), target_value=80).status == TARGET_REACHED
    assert assess("share", -1, pts((2023, 30), (2025, 40)), target_value=20).status == WORSE


def test_a_share_with_numerator_and_denominator_gets_a_two_proportion_test():
    small = [Point(2023, 50.0, 5, 10), Point(2025, 60.0, 6, 10)]
    large = [Point(2023, 50.0, 500, 1000), Point(2025, 60.0, 600, 1000)]
    assert assess("share", 1, small).status == NO_CERTAIN
    assert assess("share", 1, large).status == SIGNIFICANT


def test_a_zero_base_uses_absolute_change_and_says_so():
    a = assess("count", 1, pts((2023, 0), (2025, 40)), target_value=80, target_year=2027)
    assert a.status == ON_TRACK and "absolut" in explain(a, "count")


def test_series_breaks_drop_earlier_values():
    a = assess("count", 1, pts((2020, 5), (2021, 500), (2025, 520)), break_year=2021)
    assert a.t0 == 2021


def test_the_explanation_holds_every_number():
    a = assess("share", 1, pts((2023, 60), (2025, 70)), target_value=100, target_year=2027)
    text = explain(a, "share")
    for part in ("Begränsade framsteg", "Basår 2023: 60 %", "Senaste år 2025: 70 %", "Mål: 100 % år 2027",
                 "8,01 %", "13,62 %", "R = 0,588"):
        assert part in text


def test_worst_placed_status():
    assert worst([SIGNIFICANT, WORSE, INSUFFICIENT]) == WORSE
    assert worst([INSUFFICIENT, NOT_ASSESSED]) == INSUFFICIENT


def test_the_readers_on_the_sample_database(sample_url):
    with db.read_session(sample_url) as s:
        series = series_statuses(s, 2025)
        measures = measure_progress(s, 2025)
        goals = goal_progress(s, 2025)
    assert len(measures) == 55 and list(goals.goal) == list(range(1, 9))
    r21 = series[series.indicator == "R2.1"].iloc[0]
    assert r21.status == SIGNIFICANT and r21.n_t0 == 2019 and r21.n_t1 == 2023  # real figures 60 → 80 %
    assert sum(sum(d.values()) for d in goals.measure_outcomes) == 55


# --- Readers against a database built here --------------------------------------------------------------


@pytest.fixture
def s(empty_url):
    with db.session(empty_url) as session:
        yield session



def _values(s, code, values, status="approved", **breakdown):
    batch = create_batch(s, "upload", status=status)
    add_observations(s, batch, [{"indicator_id": indicator_id(s, code), "year": y, "value_num": v, **breakdown}
                                for y, v in values.items()])


def test_the_sql_endpoints_give_the_same_status_as_the_method_on_every_value(s):
    """Random series in every breakdown: SQL picks base and latest year, the method sees all values."""
    rng = random.Random(4)
    ids = {"1.1a": ("count", 1), "2.4b": ("share", 1), "2.6a": ("count", 1), "3.8a": ("share", 1)}
    s.execute(update(Indicator).where(Indicator.id == indicator_id(s, "3.8a"))
              .values(target_value=90, target_year=2027))
    s.add(SeriesBreak(indicator_id=indicator_id(s, "2.6a"), year=2021, description="ny definition"))
    s.add(SeriesBreak(indicator_id=indicator_id(s, "2.6a"), year=2026, description="senare, gäller inte 2025"))
    expected = {}
    for code in ids:
        for area in ("01", "0114", "0180"):
            years = sorted(rng.sample(range(2016, 2028), rng.randint(1, 7)))
            values = {y: round(rng.uniform(1, 99), 1) for y in years}
            _values(s, code, values, area_code=area)
            kind, d = ids[code]
            target = (90.0, 2027) if code == "3.8a" else (None, None)
            a = assess(kind, d, [Point(y, v) for y, v in values.items() if y <= 2025], *target,
                       break_year=2021 if code == "2.6a" else None)
            expected[(code, area)] = (a.status, a.t0, a.t1)
    got = series_statuses(s, 2025, headline_only=False)
    got = {(r.indicator, r.area_code): (r.status, None if r.n_t0 != r.n_t0 else int(r.n_t0), r.n_t1)
           for r in got.itertuples() if r.indicator in ids}
    assert got == {k: v for k, v in expected.items() if v[2] is not None}
    assert len(got) >= 10 and len({st for st, _, _ in got.values()}) >= 4


def test_only_approved_values_count_unless_submitted_ones_are_asked_for(s):
    _values(s, "1.1a", {2023: 100, 2025: 200})
    _values(s, "1.1a", {2025: 101}, status="submitted")
    approved = series_statuses(s, 2025).set_index("indicator").loc["1.1a"]
    current = series_statuses(s, 2025, approved_only=False).set_index("indicator").loc["1.1a"]
    assert (approved.status, approved.n_y1) == (SIGNIFICANT, 200)
    assert (current.status, current.n_y1) == (NO_CERTAIN, 101)


def test_an_indicator_without_a_headline_shows_the_distribution_of_its_breakdowns(s):
    _values(s, "2.6a", {2023: 10, 2025: 40}, area_code="0114")
    _values(s, "2.6a", {2023: 40, 2025: 10}, area_code="0180")
    _values(s, "2.6a", {2023: 40, 2025: 41}, area_code="0181")
    row = indicator_statuses(s, 2025).set_index("indicator").loc["2.6a"]
    assert row.basis == "breakdowns" and row.status == WORSE
    assert row.distribution == {SIGNIFICANT: 1, NO_CERTAIN: 1, WORSE: 1}
    assert "3 serier" in row.explanation and "▼ Försämring 1" in row.explanation
    m = measure_progress(s, 2025).set_index("code").loc["2.6"]
    assert m.outcome == WORSE and m.outcome_distribution == {SIGNIFICANT: 1, NO_CERTAIN: 1, WORSE: 1}


def test_a_measure_reported_done_while_its_outcome_worsens_is_flagged(s):
    _values(s, "1.1a", {2023: 400, 2025: 200})
    batch = create_batch(s, "upload")
    add_statuses(s, batch, [{"measure_id": _measure(s, "1.1"), "agency_id": 1, "year": 2025,
                             "status": "Genomförd"}])
    m = measure_progress(s, 2025).set_index("code")
    assert m.loc["1.1"].outcome == WORSE and m.loc["1.1"].mismatch
    assert m.loc["1.1"].implementation == {"Genomförd": 1} and not m.loc["1.2"].mismatch
    g = goal_progress(s, 2025).set_index("goal").loc[1]
    assert g.mismatches == ["1.1"] and g.measure_outcomes[WORSE] == 1 and g.implementation == {"Genomförd": 1}


def test_indicators_without_values_say_why_they_have_no_status(s):
    st = indicator_statuses(s, 2025).set_index("indicator")
    assert st.loc["1.7a"].status == NOT_ASSESSED and "milstolpar" in st.loc["1.7a"].explanation
    assert st.loc["1.1a"].status == INSUFFICIENT and "inga värden" in st.loc["1.1a"].explanation
    assert st.loc["2.4a"].status == NOT_ASSESSED  # direction 0: trend shown only


def test_outcome_changes_since_last_year(s):
    _values(s, "1.1a", {2023: 100, 2024: 300, 2025: 110})
    assert outcome_changes(s, 2025).values.tolist() == [["1.1", SIGNIFICANT, NO_CERTAIN]]


def _measure(s, code):
    from okdata.catalog import measures_frame

    m = measures_frame(s)
    return int(m[m.code == code].measure_id.iloc[0])


def test_a_measure_chart_has_its_target_series_breaks_and_the_source_of_every_value(s):
    from okdata.overview import indicator_chart_values

    batch = create_batch(s, "upload")
    add_observations(s, batch, [{"indicator_id": indicator_id(s, "1.1a"), "year": y, "value_num": v}
                                for y, v in {2022: 10, 2023: 12, 2024: 15, 2026: 30}.items()])
    iid = indicator_id(s, "1.1a")
    s.execute(update(Indicator).where(Indicator.id == iid).values(target_value=40, target_year=None))
    s.add(SeriesBreak(indicator_id=iid, year=2023, description="ny definition"))
    s.flush()
    d = indicator_chart_values(s, iid, None, True, 2025)
    assert list(d["frame"].year) == [2022, 2023, 2024]  # only what was known in 2025
    assert d["target"] == (40.0, 2027)  # no target year: the plan's last year
    assert "Mål 40 (2027)" in d["alt"] and "Seriebrott år 2023" in d["alt"]
    assert set(d["table"]["Källa"]) == {f"Inrapporterat värde (inrapportering nr {batch.id})"}


def test_a_goals_own_snapshot_is_exactly_its_part_of_the_whole(sample_url):
    """The Mål page computes only its goal's statuses: they must be the ones the whole snapshot gives it."""
    from okdata.overview import goal_view, indicator_table, measure_table
    from okdata.progress import snapshot

    with db.read_session(sample_url) as s:
        for year in (2024, 2025):
            whole = snapshot(s, year)
            for goal in range(1, 9):
                part = snapshot(s, year, goal=goal)
                assert sorted(part.series_rows) == sorted(r for r in whole.series_rows if r.goal == goal)  # SQL order
                assert part.indicator_rows == [r for r in whole.indicator_rows if r.goal == goal]
                assert part.measure_rows == [r for r in whole.measure_rows if r.goal == goal]
                assert part.goal_rows == [whole.of_goal(goal)] and len(part.measure_rows) > 0
                view = goal_view(s, goal, year)
                assert view.measures.equals(measure_table(whole, _all_trends(s, year), goal))
                assert view.indicators.equals(indicator_table(s, year, True, goal))
                assert view.mismatches == whole.of_goal(goal).mismatches


def _all_trends(s, year):
    from okdata.overview import headline_trends

    return headline_trends(s, year)


def test_the_snapshot_frames_are_its_rows(s):
    from okdata.progress import GOAL_COLUMNS, snapshot

    _values(s, "1.1a", {2023: 400, 2025: 200})
    snap = snapshot(s, 2025)
    assert list(snap.goals.columns) == GOAL_COLUMNS and len(snap.goals) == len(snap.goal_rows) == 8
    assert snap.series.set_index("indicator").loc["1.1a"].status == WORSE
    assert snap.measures.set_index("code").loc["1.1"].outcome == WORSE == snap.outcomes()["1.1"]
    assert snap.of_goal(1).measure_outcomes[WORSE] == 1 and snap.of_goal(99) is None


def test_the_year_selector_offers_every_year_and_starts_on_the_last_reporting_year(s):
    from okdata.values import year_choices

    published, _ = year_choices(s)  # the real published figures loaded with the catalog
    assert published and max(published) < 2026
    _values(s, "1.1a", {2026: 7}, status="submitted")
    assert year_choices(s) == ([2026, *published], 2026)  # no statuses: the newest year with values
    batch = create_batch(s, "upload", status="submitted")
    add_statuses(s, batch, [{"measure_id": _measure(s, "1.1"), "agency_id": 1, "year": 2027, "status": "Pågående"}])
    assert year_choices(s) == ([2027, 2026, *published], 2026)  # a status not yet approved does not decide
    batch = create_batch(s, "upload")
    add_statuses(s, batch, [{"measure_id": _measure(s, "1.1"), "agency_id": 1, "year": 2024, "status": "Pågående"}])
    # the last year with approved statuses
    assert year_choices(s) == (sorted({2027, 2026, 2024, *published}, reverse=True), 2024)
