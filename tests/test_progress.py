"""Test the progress method with the worked examples of PROGRESS_METHOD.md, and the readers built on it."""

import pytest

from okdata import db
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
    measure_progress,
    series_statuses,
    worst,
)


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


def test_readers_on_the_sample_database(sample_url):
    with db.read_session(sample_url) as s:
        series = series_statuses(s, 2025)
        measures = measure_progress(s, 2025)
        goals = goal_progress(s, 2025)
    assert len(measures) == 55 and list(goals.goal) == list(range(1, 9))
    r21 = series[series.indicator == "R2.1"].iloc[0]
    assert r21.status == SIGNIFICANT and r21.n_t0 == 2019 and r21.n_t1 == 2023  # real figures 60 → 80 %
    assert sum(sum(d.values()) for d in goals.measure_outcomes) == 55
