"""A year's progress statuses read from the store: per series, indicator, measure and goal (docs/metod.md).

The readers aggregate in SQL: one grouped query returns each series' base and latest value and its number of
values, so a million stored values cost two rows per series, and `progress.assess` on those two points gives
exactly what it gives on the whole series. `snapshot` computes a year's statuses at every level once
(series → indicators → measures → goals) for the pages to share.
"""

import sys
from collections import namedtuple
from dataclasses import dataclass
from functools import cached_property, lru_cache

import pandas as pd
from sqlalchemy import and_, bindparam, case, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from okdata import texts
from okdata.catalog import COUNTY_CODE, indicator_refs, measure_refs, pin_year, plan_info
from okdata.db import fetch
from okdata.domain import QUANTITATIVE, Implementation, IndicatorRef, MeasureState
from okdata.formatting import by_number
from okdata.models import MeasureStatus, Observation, SeriesBreak
from okdata.progress import (
    INSUFFICIENT,
    NOT_ASSESSED,
    SCORES,
    WORSE,
    Point,
    assess,
    distribution,
    distribution_ordered,
    distribution_text,
    explain,
    measure_state,
    worst,
)
from okdata.scope import measure_reporter_ids, measure_reporters, visible
from okdata.values import HEADLINE


def _endpoints(s: Session, year: int, approved_only: bool, baseline: int, indicator_ids: list[int] | None,
               headline_only: bool):
    """Per series: the key, the number of values, and year, value, numerator, denominator at both ends."""
    params = {"year": year, "baseline": baseline, "before1": baseline - 1, "before2": baseline - 2}
    if indicator_ids is not None:
        params["ids"] = list(indicator_ids)
    return fetch(s, _endpoints_query(approved_only, headline_only, indicator_ids is not None), params).all()


@lru_cache(maxsize=8)
def _endpoints_query(approved_only: bool, headline_only: bool, some_indicators: bool):
    """The statement of _endpoints, built once per shape (with :year, :baseline, :before1, :before2 and :ids bound
    at execution): building it anew cost more than running it for a few indicators.

    The base is `_base`'s rule over the years before the latest: the baseline, else the closer of the two
    years before it, else the first year after it. With no such year the earliest value is returned instead, and
    `assess` on the two ends then finds no usable base either, for the same reason it finds none on all values."""
    o = Observation
    year, baseline, before1, before2 = bindparam("year"), bindparam("baseline"), bindparam("before1"), \
        bindparam("before2")
    brk = (select(SeriesBreak.indicator_id, func.max(SeriesBreak.year).label("year"))  # latest break up to the year
           .where(SeriesBreak.year <= year).group_by(SeriesBreak.indicator_id).subquery())
    key = (o.indicator_id, o.violence_type, o.area_code, o.grp, o.category)
    # NaN and infinities are not values (PostgreSQL stores NaN, which compares above every number)
    conds = [o.year <= year, o.value_num.between(-sys.float_info.max, sys.float_info.max), visible(o, approved_only),
             o.year >= func.coalesce(brk.c.year, 0)]
    if headline_only:
        conds.append(HEADLINE)
    if some_indicators:
        conds.append(o.indicator_id.in_(bindparam("ids", expanding=True)))

    def has(y):
        return func.max(case((o.year == y, 1), else_=0))

    agg = (select(*key, func.count().label("n"), func.min(o.year).label("first"), func.max(o.year).label("t1"),
                  has(baseline).label("has_base"), has(before1).label("has_b1"), has(before2).label("has_b2"),
                  func.min(case((o.year > baseline, o.year))).label("after"))
           .select_from(o).outerjoin(brk, brk.c.indicator_id == o.indicator_id)
           .where(*conds).group_by(*key).subquery())
    t0 = case((and_(agg.c.has_base == 1, agg.c.t1 > baseline), baseline),
              (and_(agg.c.has_b1 == 1, agg.c.t1 > before1), before1),
              (and_(agg.c.has_b2 == 1, agg.c.t1 > before2), before2),
              (agg.c.after < agg.c.t1, agg.c.after), else_=agg.c.first)
    ends = select(agg, t0.label("t0")).subquery()
    v0, v1 = aliased(Observation), aliased(Observation)

    def at(v, y):
        return and_(v.indicator_id == ends.c.indicator_id, v.violence_type == ends.c.violence_type,
                    v.area_code == ends.c.area_code, v.grp == ends.c.grp, v.category == ends.c.category,
                    v.year == y, visible(v, approved_only))

    return (select(ends.c.indicator_id, ends.c.violence_type, ends.c.area_code, ends.c.grp, ends.c.category,
                   ends.c.n, ends.c.t0, v0.value_num, v0.numerator, v0.denominator,
                   ends.c.t1, v1.value_num, v1.numerator, v1.denominator)
            .join(v0, at(v0, ends.c.t0)).join(v1, at(v1, ends.c.t1)))


SERIES_COLUMNS = ["indicator_id", "indicator", "goal", "measure", "violence_type", "area_code", "grp", "category",
                  "kind", "status", "explanation", "n_values", "n_rule", "n_t0", "n_y0", "n_t1", "n_y1",
                  "n_target_value", "n_target_year", "n_cagr", "n_required", "n_ratio", "n_p", "n_noise"]
INDICATOR_COLUMNS = ["indicator_id", "indicator", "goal", "measure", "kind", "status", "basis", "distribution",
                     "explanation"]
# state: the measure's combined implementation (progress.measure_state); reports: {reported status: how many
# agencies}; expected: how many agencies owe a report
MEASURE_COLUMNS = ["measure_id", "code", "goal", "text", "agencies", "frequency", "state", "reports", "expected",
                   "outcome", "outcome_distribution", "indicators", "mismatch"]
# implementation: {measure state: how many measures}; reports: {reported status: how many reports}; expected: how
# many reports the goal's measures are owed
GOAL_COLUMNS = ["goal", "measure_outcomes", "indicators", "series", "implementation", "reports", "mismatches", "score",
                "expected", "scored"]  # scored: how many headline series the score is the mean of
# The levels are computed on plain rows (building a DataFrame per level cost more than the statuses themselves);
# the public readers return DataFrames of these rows.
SeriesRow = namedtuple("SeriesRow", SERIES_COLUMNS)
IndicatorRow = namedtuple("IndicatorRow", INDICATOR_COLUMNS)
MeasureRow = namedtuple("MeasureRow", MEASURE_COLUMNS)
GoalRow = namedtuple("GoalRow", GOAL_COLUMNS)


def series_statuses(s: Session, year: int, approved_only: bool = True, indicator_ids: list[int] | None = None,
                    headline_only: bool = True, explained: bool = True,
                    refs: list[IndicatorRef] | None = None) -> pd.DataFrame:
    """Every series' status for the year with the numbers behind it (headline series by default), under the
    catalog revision in force for the year."""
    pin_year(s, year)
    return pd.DataFrame(series_rows(s, year, approved_only, indicator_ids, headline_only, explained, refs),
                        columns=SERIES_COLUMNS)


def series_rows(s: Session, year: int, approved_only: bool = True, indicator_ids: list[int] | None = None,
                headline_only: bool = True, explained: bool = True,
                refs: list[IndicatorRef] | None = None) -> list[SeriesRow]:
    """series_statuses as rows."""
    plan = plan_info(s)
    refs = {r.id: r for r in (refs if refs is not None else indicator_refs(s))}
    rows = []
    for iid, vt, area, grp, cat, n, t0, y0, num0, den0, t1, y1, num1, den1 in _endpoints(
            s, year, approved_only, plan.baseline_year, indicator_ids, headline_only):
        i = refs.get(iid)
        if i is None:
            continue
        last = Point(int(t1), float(y1), num1, den1)
        points = [Point(int(t0), float(y0), num0, den0), last] if n >= 2 else [last]
        a = assess(i.kind, i.direction, points, i.target_value, i.target_year, plan.baseline_year, plan.end_year)
        rows.append(SeriesRow(iid, i.code, i.goal, i.measure, vt, area, grp, cat, i.kind, a.status,
                              explain(a, i.kind) if explained else "", int(n), a.rule, a.t0, a.y0, a.t1, a.y1,
                              a.target_value, a.target_year, a.cagr, a.required, a.ratio, a.p, a.noise))
    return rows


def indicator_statuses(s: Session, year: int, approved_only: bool = True,
                       indicator_ids: list[int] | None = None) -> pd.DataFrame:
    """One status per indicator (all, or those of `indicator_ids`): its headline series' status; without a
    headline, the worst-placed of its breakdown series with their distribution (basis 'breakdowns'); without
    values, why there is none; under the catalog revision in force for the year."""
    pin_year(s, year)
    return pd.DataFrame(indicator_rows(s, year, approved_only, indicator_ids=indicator_ids),
                        columns=INDICATOR_COLUMNS)


def indicator_rows(s: Session, year: int, approved_only: bool = True, series: list[SeriesRow] | None = None,
                   indicator_ids: list[int] | None = None, refs: list[IndicatorRef] | None = None,
                   explained: bool = True) -> list[IndicatorRow]:
    """indicator_statuses as rows, from the headline `series` when given (of the same indicators); without
    `explained`, every explanation is empty."""
    refs = refs if refs is not None else indicator_refs(s)
    if indicator_ids is not None:
        wanted = set(indicator_ids)
        refs = [r for r in refs if r.id in wanted]
    if series is None:
        series = series_rows(s, year, approved_only, [r.id for r in refs] if indicator_ids is not None
                             else None, refs=refs)
    headline = {r.indicator_id: (r.status, r.explanation) for r in series}
    lacking = [r.id for r in refs if r.id not in headline and r.kind in QUANTITATIVE
               and r.direction != 0]
    by_ind: dict[int, list[str]] = {}
    if lacking:
        for part in series_rows(s, year, approved_only, lacking, headline_only=False, explained=False, refs=refs):
            by_ind.setdefault(int(part.indicator_id), []).append(part.status)
    rows = []
    for r in refs:
        if r.id in headline:
            st, ex = headline[r.id]
            rows.append(IndicatorRow(r.id, r.code, r.goal, r.measure, r.kind, st, "headline", {st: 1}, ex))
        elif r.id in by_ind:
            dist = distribution(by_ind[r.id])
            st = worst(list(dist))
            n = sum(dist.values())
            ex = texts.PROGRESS_RULES[by_number(n, ("breakdown_one", "breakdowns"))].format(
                n=n, dist=distribution_text(dist)) \
                if explained else ""
            rows.append(IndicatorRow(r.id, r.code, r.goal, r.measure, r.kind, st, "breakdowns", dist, ex))
        else:
            key = ("not_quantitative" if r.kind not in QUANTITATIVE else "no_direction" if r.direction == 0
                   else "development" if r.is_development else "no_values")
            st = NOT_ASSESSED if key in ("not_quantitative", "no_direction") else INSUFFICIENT
            rows.append(IndicatorRow(r.id, r.code, r.goal, r.measure, r.kind, st, "none", {st: 1},
                                     f"**{texts.PROGRESS_STATUSES[st]}** – {texts.PROGRESS_RULES[key]}"
                                     if explained else ""))
    return rows


def _implementation(s: Session, year: int, approved_only: bool,
                    measure_ids: list[int] | None = None) -> dict[int, dict[str, int]]:
    """Per measure (all, or those of `measure_ids`): how many reports of each implementation status, from the
    agencies that answer for the measure (scope.measure_reporter_ids)."""
    owed = measure_reporter_ids(s)
    codes = {m.id: m.code for m in measure_refs(s)}
    out: dict[int, dict[str, int]] = {}
    params = {"year": year} if measure_ids is None else {"year": year, "ids": measure_ids}
    for mid, agency_id, st in fetch(s, _implementation_query(approved_only, measure_ids is not None), params).all():
        if agency_id in owed.get(codes.get(mid), ()):
            counts = out.setdefault(int(mid), {})
            counts[st] = counts.get(st, 0) + 1
    return {mid: {st: c[st] for st in _IMPLEMENTATION_ORDER if st in c} for mid, c in out.items()}


_IMPLEMENTATION_ORDER = tuple(Implementation)  # iterating the enum itself cost a third of this reader


@lru_cache(maxsize=4)
def _implementation_query(approved_only: bool, some_measures: bool = False):
    q = (select(MeasureStatus.measure_id, MeasureStatus.agency_id, MeasureStatus.status)
         .where(MeasureStatus.year == bindparam("year"), visible(MeasureStatus, approved_only)))
    return q.where(MeasureStatus.measure_id.in_(bindparam("ids", expanding=True))) if some_measures else q


def measure_progress(s: Session, year: int, approved_only: bool = True) -> pd.DataFrame:
    """Per measure: the reported implementation statuses (how many agencies reported each) and the outcome
    status (worst-placed of its indicators) side by side, a mismatch flagged; the measures of the catalog
    revision in force for the year."""
    pin_year(s, year)
    return pd.DataFrame(measure_rows(s, year, approved_only, indicator_rows(s, year, approved_only)),
                        columns=MEASURE_COLUMNS)


def measure_rows(s: Session, year: int, approved_only: bool, indicators: list[IndicatorRow],
                 goal: int | None = None) -> list[MeasureRow]:
    """measure_progress as rows (of one goal's measures when `goal` is given) from their indicators' rows."""
    mine: dict[str, list] = {}  # measure code -> [(indicator, status, basis, distribution)]
    for r in indicators:
        if r.measure:
            mine.setdefault(r.measure, []).append((r.indicator, r.status, r.basis, r.distribution))
    impl = _implementation(s, year, approved_only,
                           None if goal is None else [m.id for m in measure_refs(s) if m.goal == goal])
    owed = measure_reporters(s)
    rows = []
    for m in measure_refs(s):
        if goal is not None and m.goal != goal:
            continue
        inds = mine.get(m.code, [])
        outcome = worst([st for _, st, _, _ in inds]) if inds else NOT_ASSESSED
        spread: dict[str, int] = {}
        if inds and all(basis != "headline" for _, _, basis, _ in inds):
            for _, _, basis, dist in inds:
                if basis == "breakdowns":
                    spread = {st: spread.get(st, 0) + n for st, n in dist.items()}
        counts = impl.get(m.id, {})
        expected = owed.get(m.code, 0)
        rows.append(MeasureRow(m.id, m.code, m.goal, m.text, m.agencies, m.frequency,
                               measure_state(counts, expected), counts, expected, outcome, distribution_ordered(spread),
                               {code: st for code, st, _, _ in inds},
                               Implementation.DONE in counts and outcome == WORSE))
    return rows


@dataclass(frozen=True)
class Progress:
    """Every status of a year, computed once: headline series, indicators, measures and goals (of one goal when
    `goal` is set). Rows are kept as computed; the DataFrames are built on first use."""

    year: int
    goal: int | None
    series_rows: list[SeriesRow]
    indicator_rows: list[IndicatorRow]
    measure_rows: list[MeasureRow]
    goal_rows: list[GoalRow]

    @cached_property
    def series(self) -> pd.DataFrame:
        return pd.DataFrame(self.series_rows, columns=SERIES_COLUMNS)

    @cached_property
    def indicators(self) -> pd.DataFrame:
        return pd.DataFrame(self.indicator_rows, columns=INDICATOR_COLUMNS)

    @cached_property
    def measures(self) -> pd.DataFrame:
        return pd.DataFrame(self.measure_rows, columns=MEASURE_COLUMNS)

    @cached_property
    def goals(self) -> pd.DataFrame:
        return pd.DataFrame(self.goal_rows, columns=GOAL_COLUMNS)

    def of_goal(self, goal: int) -> GoalRow | None:
        """The goal's row: its distributions, mismatches and score."""
        return next((g for g in self.goal_rows if g.goal == goal), None)

    def outcomes(self) -> dict[str, str]:
        """Measure code → outcome status."""
        return {m.code: m.outcome for m in self.measure_rows}


def snapshot(s: Session, year: int, approved_only: bool = True, goal: int | None = None) -> Progress:
    """The year's statuses at every level (what the overview and the goal pages read, cached once per year);
    with `goal`, only that goal's (a goal's statuses depend on nothing outside it)."""
    pin_year(s, year)
    refs = indicator_refs(s)
    if goal is not None:
        refs = [r for r in refs if r.goal == goal]
    # Without the explanations: no view shows them from here (the measure in detail and the indicator page ask
    # indicator_rows for their few), and formatting them was a third of a snapshot's Python time.
    series = series_rows(s, year, approved_only, None if goal is None else [r.id for r in refs],
                         explained=False, refs=refs)
    indicators = indicator_rows(s, year, approved_only, series, refs=refs, explained=False)
    measures = measure_rows(s, year, approved_only, indicators, goal)
    return Progress(year, goal, series, indicators, measures, goal_rows(series, indicators, measures))


def goal_progress(s: Session, year: int, approved_only: bool = True) -> pd.DataFrame:
    """Per goal: the distributions of its measures' outcomes, its indicators' and headline series' statuses and
    the reported implementation statuses, never one average that hides them; our status score beside them (a fixed
    table per status, SCORES, not Open SDG's continuous score)."""
    return snapshot(s, year, approved_only).goals


def measure_states(states: list[MeasureState]) -> dict[MeasureState, int]:
    """How many measures are in each state, in the states' order (every measure counted once)."""
    return {st: states.count(st) for st in MeasureState if st in states}


def goal_rows(series: list[SeriesRow], indicators: list[IndicatorRow], measures: list[MeasureRow]) -> list[GoalRow]:
    """The per-goal distributions from headline series, indicator and measure rows."""
    by_goal: dict[int, dict[str, list]] = {}

    def of(goal) -> dict[str, list]:
        return by_goal.setdefault(int(goal), {"series": [], "indicators": [], "outcomes": [], "impl": [],
                                              "states": [], "mismatches": [], "expected": []})

    for r in series:
        of(r.goal)["series"].append(r.status)
    for r in indicators:
        of(r.goal)["indicators"].append(r.status)
    for m in measures:
        g = of(m.goal)
        g["outcomes"].append(m.outcome)
        g["impl"].append(m.reports)
        g["expected"].append(m.expected)
        g["states"].append(m.state)
        if m.mismatch:
            g["mismatches"].append(m.code)
    rows = []
    for goal in sorted(by_goal):
        g = by_goal[goal]
        impl: dict[str, int] = {}
        for counts in g["impl"]:
            for st, n in counts.items():
                impl[st] = impl.get(st, 0) + n
        scored = [SCORES[st] for st in g["series"] if st in SCORES]
        rows.append(GoalRow(goal, distribution(g["outcomes"]), distribution(g["indicators"]),
                            distribution(g["series"]), measure_states(g["states"]),
                            {st: impl[st] for st in Implementation if st in impl}, g["mismatches"],
                            sum(scored) / len(scored) if scored else None, sum(g["expected"]), len(scored)))
    return rows


def outcome_changes(s: Session, year: int, approved_only: bool = True) -> pd.DataFrame:
    """Measures whose outcome status differs from the one computed for the year before."""
    return changed_outcomes(snapshot(s, year, approved_only), snapshot(s, year - 1, approved_only))


def changed_outcomes(now: Progress, before: Progress) -> pd.DataFrame:
    """Measures whose outcome differs between two snapshots: measure, before, after."""
    was = before.outcomes()
    changed = [(c, was[c], st) for c, st in now.outcomes().items() if c in was and was[c] != st]
    return pd.DataFrame(changed, columns=["measure", "before", "after"])


def status_rows(s: Session, year: int) -> list[dict]:
    """Every series (all breakdowns), indicator, measure and goal status for `python -m okdata status` (statuses
    by their Swedish names, the command line's contract)."""
    STATUS, IMPL, MEASURE_STATES = texts.PROGRESS_STATUSES, texts.IMPLEMENTATION, texts.MEASURE_STATES
    pin_year(s, year)
    refs = indicator_refs(s)
    series = series_rows(s, year, True, headline_only=False, explained=False, refs=refs)
    order = {r.id: n for n, r in enumerate(refs)}  # catalog order: 2.9a before 2.10a
    series.sort(key=lambda r: (order[r.indicator_id], r.violence_type, r.area_code, r.grp, r.category))
    out = []
    for r in series:
        out.append({"level": texts.STATUS_LEVELS["series"], "id": r.indicator, "goal": r.goal, "measure": r.measure,
                    "violence_type": r.violence_type, "area": r.area_code, "group": r.grp, "category": r.category,
                    "status": STATUS[r.status], "values": r.n_values, "base_year": _int(r.n_t0),
                    "base_value": _round(r.n_y0),
                    "latest_year": _int(r.n_t1), "latest_value": _round(r.n_y1),
                    "target_value": _round(r.n_target_value), "target_year": _int(r.n_target_year),
                    "cagr": _round(r.n_cagr), "required": _round(r.n_required), "ratio": _round(r.n_ratio),
                    "p": _round(r.n_p), "noise": r.n_noise, "rule": r.n_rule})
    headline = [r for r in series if r.violence_type == "" and r.area_code == COUNTY_CODE and r.grp == ""
                and r.category == ""]
    indicators = indicator_rows(s, year, True, headline, refs=refs)
    for r in indicators:
        out.append({"level": texts.STATUS_LEVELS["indicator"], "id": r.indicator, "goal": r.goal, "measure": r.measure,
                    "status": STATUS[r.status], "basis": r.basis, "distribution": _joined(r.distribution, STATUS)})
    measures = measure_rows(s, year, True, indicators)
    for r in measures:
        out.append({"level": texts.STATUS_LEVELS["measure"], "id": r.code, "goal": r.goal, "measure": r.code,
                    "status": STATUS[r.outcome],
                    "indicators": "; ".join(f"{k}: {STATUS[v]}" for k, v in r.indicators.items()),
                    "implementation": MEASURE_STATES[r.state], "reported": sum(r.reports.values()),
                    "expected": r.expected, "reports": _joined(r.reports, IMPL), "mismatch": bool(r.mismatch)})
    for r in goal_rows(headline, indicators, measures):
        out.append({"level": texts.STATUS_LEVELS["goal"], "id": str(r.goal), "goal": r.goal,
                    "measures": _joined(r.measure_outcomes, STATUS), "indicators": _joined(r.indicators, STATUS),
                    "series": _joined(r.series, STATUS), "implementation": _joined(r.implementation, MEASURE_STATES),
                    "reported": sum(r.reports.values()), "expected": r.expected, "reports": _joined(r.reports, IMPL),
                    "mismatches": ", ".join(r.mismatches),
                    "score": _round(r.score)})
    return out


def _joined(d: dict, labels: dict) -> str:
    return "; ".join(f"{labels[k]}: {v}" for k, v in d.items())


def _round(x):
    """A figure of the status command to four decimals (None for none); a whole number as it is, which rounding
    would return unchanged at several times the cost (77 000 series list some 540 000 figures, issue 16)."""
    if x is None or x != x:
        return None
    if type(x) is float:
        return x if x.is_integer() else round(x, 4)
    return round(float(x), 4)


def _int(x):
    return None if x is None or x != x else int(x)
