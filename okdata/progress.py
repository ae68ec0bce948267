"""Progress statuses as PROGRESS_METHOD.md defines them: per series, per measure and per goal.

A series is one indicator with one breakdown. `assess` is a pure function of the series' values and the
indicator's direction and target; the readers below fetch only what they need (headline series for the
overview, one indicator's breakdowns on demand) and aggregate in SQL.
"""

import math
from dataclasses import asdict, dataclass, field

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session

from okdata import texts
from okdata.catalog import COUNTY_CODE, current_plan, indicators_frame, measures_frame
from okdata.formatting import fmt_num, fmt_value
from okdata.models import Indicator, MeasureStatus, Observation, SeriesBreak
from okdata.values import visible

TARGET_REACHED, ON_TRACK, TOO_SLOW, LIMITED, WORSE = (
    "Målvärdet nått", "I rätt takt", "Framsteg, men för långsamt", "Begränsade framsteg", "Försämring")
SIGNIFICANT, MODERATE, NO_CERTAIN = "Betydande framsteg", "Måttliga framsteg", "Ingen säker förändring"
INSUFFICIENT, NOT_ASSESSED = "Otillräckliga data", "Bedöms inte"
# From best to worst; the outcome of a measure is its worst-placed series.
ASSESSED = [TARGET_REACHED, ON_TRACK, SIGNIFICANT, TOO_SLOW, MODERATE, LIMITED, NO_CERTAIN, WORSE]
ALL_STATUSES = [*ASSESSED, INSUFFICIENT, NOT_ASSESSED]
ICONS = {TARGET_REACHED: "★", ON_TRACK: "▲", SIGNIFICANT: "▲", TOO_SLOW: "△", MODERATE: "△", LIMITED: "▷",
         NO_CERTAIN: "≈", WORSE: "▼", INSUFFICIENT: "…", NOT_ASSESSED: "–"}
SCORES = {TARGET_REACHED: 5, ON_TRACK: 5, SIGNIFICANT: 5, TOO_SLOW: 2, MODERATE: 2, LIMITED: 0, NO_CERTAIN: 0,
          WORSE: -5}
Z95 = 1.96


@dataclass
class Point:
    year: int
    value: float
    numerator: float | None = None
    denominator: float | None = None


@dataclass
class Assessment:
    """A series' status and every number behind it."""

    status: str
    rule: str
    t0: int | None = None
    y0: float | None = None
    t1: int | None = None
    y1: float | None = None
    target_value: float | None = None
    target_year: int | None = None
    cagr: float | None = None
    required: float | None = None
    ratio: float | None = None
    p: float | None = None
    noise: str = ""
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def cagr(a: float, b: float, years: float) -> float:
    """Compound annual growth rate from a to b over `years`."""
    return (b / a) ** (1 / years) - 1


def assess(kind: str, direction: int, points: list[Point], target_value: float | None = None,
           target_year: int | None = None, baseline_year: int = 2023, plan_end: int = 2027,
           break_year: int | None = None) -> Assessment:
    """The status of one series (PROGRESS_METHOD.md)."""
    if kind not in ("count", "share", "rate", "index"):
        return Assessment(NOT_ASSESSED, texts.PROGRESS_RULES["not_quantitative"])
    pts = sorted((p for p in points if p.value is not None and (break_year is None or p.year >= break_year)),
                 key=lambda p: p.year)
    if direction == 0:
        return Assessment(NOT_ASSESSED, texts.PROGRESS_RULES["no_direction"],
                          t1=pts[-1].year if pts else None, y1=pts[-1].value if pts else None)
    if len(pts) < 2:
        a = Assessment(INSUFFICIENT, texts.PROGRESS_RULES["insufficient"])
        if pts:
            a.t1, a.y1 = pts[-1].year, pts[-1].value
        return a
    last = pts[-1]
    earlier = pts[:-1]
    base = next((p for p in earlier if p.year == baseline_year), None) or \
        next((p for p in earlier if p.year > baseline_year), None) or earlier[0]
    a = Assessment("", "", base.year, base.value, last.year, last.value)
    years = last.year - base.year
    if target_value is not None:
        a.target_value, a.target_year = target_value, target_year or plan_end
        if direction * (last.value - target_value) >= 0:
            a.status, a.rule = TARGET_REACHED, texts.PROGRESS_RULES["target_reached"]
            return a
        horizon = a.target_year - base.year
        if base.value == 0 or target_value <= 0 or horizon <= 0:
            per_year = (last.value - base.value) / years
            needed = (target_value - base.value) / max(horizon, 1)
            a.ratio = direction * per_year / abs(needed) if needed else 0.0
            a.notes.append(texts.PROGRESS_RULES["zero_base"])
        else:
            a.cagr = cagr(base.value, last.value, years) if last.value > 0 else -1.0
            a.required = cagr(base.value, target_value, horizon)
            a.ratio = direction * a.cagr / abs(a.required) if a.required else 0.0
        r = a.ratio
        a.status = ON_TRACK if r >= 0.95 else TOO_SLOW if r >= 0.60 else LIMITED if r >= 0 else WORSE
        a.rule = texts.PROGRESS_RULES["ratio"]
    else:
        if base.value == 0:
            change = last.value - base.value
            a.p = direction * math.copysign(1.0, change) if change else 0.0
            a.notes.append(texts.PROGRESS_RULES["zero_base_no_target"])
        else:
            a.cagr = cagr(base.value, last.value, years) if last.value > 0 else -1.0
            a.p = direction * a.cagr
        p = a.p
        a.status = SIGNIFICANT if p >= 0.015 else MODERATE if p >= 0.005 else LIMITED if p >= 0 else WORSE
        a.rule = texts.PROGRESS_RULES["p"]
    noisy, a.noise = _noise(kind, base, last)
    if noisy:
        a.status, a.rule = NO_CERTAIN, texts.PROGRESS_RULES["noise"]
    return a


def _noise(kind: str, base: Point, last: Point) -> tuple[bool, str]:
    """Whether the change is within sampling noise, and the numbers of the test."""
    if kind == "count":
        diff, limit = abs(last.value - base.value), Z95 * math.sqrt(last.value + base.value)
        return diff < limit, texts.PROGRESS_NOISE["count"].format(diff=fmt_num(diff, 1), limit=fmt_num(limit, 1))
    if kind == "share" and base.denominator and last.denominator and base.numerator is not None \
            and last.numerator is not None:
        n0, n1, d0, d1 = base.numerator, last.numerator, base.denominator, last.denominator
        pooled = (n0 + n1) / (d0 + d1)
        se = math.sqrt(pooled * (1 - pooled) * (1 / d0 + 1 / d1)) if 0 < pooled < 1 else 0
        z = abs(n1 / d1 - n0 / d0) / se if se else math.inf
        return z < Z95, texts.PROGRESS_NOISE["share"].format(z=fmt_num(z, 2) if z != math.inf else "∞")
    return False, ""


def explain(a: Assessment, kind: str) -> str:
    """The status with every number behind it, in Swedish."""
    parts = [f"**{a.status}** – {a.rule}"]
    if a.t0 is not None and a.y0 is not None:
        parts.append(texts.PROGRESS_EXPLAIN["base"].format(year=a.t0, value=fmt_value(a.y0, kind)))
    if a.t1 is not None and a.y1 is not None:
        parts.append(texts.PROGRESS_EXPLAIN["latest"].format(year=a.t1, value=fmt_value(a.y1, kind)))
    if a.target_value is not None:
        parts.append(texts.PROGRESS_EXPLAIN["target"].format(value=fmt_value(a.target_value, kind),
                                                               year=a.target_year))
    if a.cagr is not None:
        parts.append(texts.PROGRESS_EXPLAIN["cagr"].format(value=fmt_num(a.cagr * 100, 2)))
    if a.required is not None:
        parts.append(texts.PROGRESS_EXPLAIN["required"].format(value=fmt_num(a.required * 100, 2)))
    if a.ratio is not None:
        parts.append(texts.PROGRESS_EXPLAIN["ratio"].format(value=fmt_num(a.ratio, 3)))
    if a.p is not None:
        parts.append(texts.PROGRESS_EXPLAIN["p"].format(value=fmt_num(a.p * 100, 1)))
    if a.noise:
        parts.append(a.noise)
    parts += a.notes
    return " ".join(parts)


# --- Readers -----------------------------------------------------------------------------------------------


def _series_points(s: Session, year: int, approved_only: bool, indicator_ids: list[int] | None = None,
                   headline_only: bool = True) -> dict[tuple, list[Point]]:
    o = Observation
    q = (select(o.indicator_id, o.violence_type, o.area_code, o.grp, o.category, o.year, o.value_num, o.numerator,
                o.denominator)
         .where(o.year <= year, o.value_num.is_not(None), visible(o, approved_only)))
    if headline_only:
        q = q.where(o.violence_type == "", o.area_code == COUNTY_CODE, o.grp == "", o.category == "")
    if indicator_ids is not None:
        q = q.where(o.indicator_id.in_(indicator_ids))
    out: dict[tuple, list[Point]] = {}
    for ind, vt, area, grp, cat, y, v, num, den in s.execute(q):
        out.setdefault((ind, vt, area, grp, cat), []).append(Point(int(y), float(v), num, den))
    return out


def _breaks(s: Session) -> dict[int, int]:
    rows = s.execute(select(SeriesBreak.indicator_id, SeriesBreak.year)).all()
    out: dict[int, int] = {}
    for ind, y in rows:
        out[ind] = max(out.get(ind, y), y)
    return out


def series_statuses(s: Session, year: int, approved_only: bool = True, indicator_ids: list[int] | None = None,
                    headline_only: bool = True) -> pd.DataFrame:
    """Every series' status for the year with the numbers behind it (headline series by default)."""
    plan = current_plan(s)
    ind = {r.indicator_id: r for r in indicators_frame(s).itertuples()}
    breaks = _breaks(s)
    rows = []
    for (iid, vt, area, grp, cat), pts in _series_points(s, year, approved_only, indicator_ids,
                                                         headline_only).items():
        i = ind.get(iid)
        if i is None:
            continue
        a = assess(i.kind, int(i.direction), pts, _opt(i.target_value), _opt_int(i.target_year),
                   plan.baseline_year, plan.end_year, breaks.get(iid))
        rows.append({"indicator_id": iid, "indicator": i.id, "goal": int(i.goal), "measure": i.measure,
                     "violence_type": vt, "area_code": area, "grp": grp, "category": cat, "kind": i.kind,
                     "status": a.status, "explanation": explain(a, i.kind), **{f"n_{k}": v for k, v in
                                                                              a.as_dict().items()
                                                                              if k not in ("status", "notes")}})
    cols = ["indicator_id", "indicator", "goal", "measure", "violence_type", "area_code", "grp", "category", "kind",
            "status", "explanation"]
    df = pd.DataFrame(rows)
    return df if not df.empty else pd.DataFrame(columns=cols)


def _opt(x):
    return None if x is None or x != x else float(x)


def _opt_int(x):
    return None if x is None or x != x else int(x)


def worst(statuses: list[str]) -> str:
    """The worst-placed assessed status (or the best non-assessed one when none is assessed)."""
    assessed = [st for st in statuses if st in ASSESSED]
    if assessed:
        return max(assessed, key=ASSESSED.index)
    if INSUFFICIENT in statuses:
        return INSUFFICIENT
    return NOT_ASSESSED


def measure_progress(s: Session, year: int, approved_only: bool = True,
                     series: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per measure: reported implementation statuses and the outcome status side by side, mismatch flagged."""
    measures = measures_frame(s)
    series = series if series is not None else series_statuses(s, year, approved_only)
    by_series: dict[str, list[str]] = {}
    for code, status in zip(series.measure, series.status):
        by_series.setdefault(code, []).append(status)
    impl = s.execute(select(MeasureStatus.measure_id, MeasureStatus.status)
                     .where(MeasureStatus.year == year, visible(MeasureStatus, approved_only))).all()
    by_measure: dict[int, list[str]] = {}
    for mid, st in impl:
        by_measure.setdefault(int(mid), []).append(st)
    kinds: dict[str, set[str]] = {}
    for code, kind in zip(*[indicators_frame(s)[c] for c in ("measure", "kind")]):
        kinds.setdefault(code, set()).add(kind)
    rows = []
    for m in measures.itertuples():
        mine = by_series.get(m.code, [])
        outcome = worst(mine) if mine else (
            NOT_ASSESSED if kinds.get(m.code, set()) <= {"milestone", "descriptive"} else INSUFFICIENT)
        reported = by_measure.get(int(m.measure_id), [])
        counts = {st: reported.count(st) for st in texts.MEASURE_STATUSES if st in reported}
        mismatch = "Genomförd" in counts and outcome == WORSE
        rows.append({"measure_id": int(m.measure_id), "code": m.code, "goal": int(m.goal), "text": m.text,
                     "agencies": m.agencies, "frequency": m.frequency, "implementation": counts,
                     "outcome": outcome, "mismatch": mismatch})
    return pd.DataFrame(rows)


def goal_progress(s: Session, year: int, approved_only: bool = True) -> pd.DataFrame:
    """Per goal: the distribution of its measures' outcome statuses, of its series' statuses and of the
    reported implementation statuses — never one average that hides them."""
    series = series_statuses(s, year, approved_only)
    measures = measure_progress(s, year, approved_only, series)
    rows = []
    for goal, m in measures.groupby("goal"):
        g_series = series[series.goal == goal] if not series.empty else series
        impl: dict[str, int] = {}
        for c in m.implementation:
            for st, n in c.items():
                impl[st] = impl.get(st, 0) + n
        scored = [SCORES[st] for st in g_series.status if st in SCORES] if len(g_series) else []
        rows.append({"goal": int(goal),
                     "measure_outcomes": _dist(list(m.outcome)),
                     "series": _dist(list(g_series.status)) if len(g_series) else {},
                     "implementation": {st: impl[st] for st in texts.MEASURE_STATUSES if st in impl},
                     "mismatches": list(m[m.mismatch].code),
                     "score": round(sum(scored) / len(scored), 1) if scored else None})
    return pd.DataFrame(rows)


def _dist(statuses: list[str]) -> dict[str, int]:
    return {st: statuses.count(st) for st in ALL_STATUSES if st in statuses}


def status_rows(s: Session, year: int) -> list[dict]:
    """Every series (all breakdowns), measure and goal status for `python -m okdata status`."""
    series = series_statuses(s, year, True, headline_only=False)
    out = []
    for r in series.sort_values(["indicator", "violence_type", "area_code", "grp", "category"]).itertuples():
        out.append({"level": "serie", "id": r.indicator, "goal": r.goal, "measure": r.measure,
                    "violence_type": r.violence_type, "area": r.area_code, "group": r.grp, "category": r.category,
                    "status": r.status, "base_year": _opt_int(r.n_t0), "base_value": _opt(r.n_y0),
                    "latest_year": _opt_int(r.n_t1), "latest_value": _opt(r.n_y1),
                    "target_value": _opt(r.n_target_value), "target_year": _opt_int(r.n_target_year),
                    "cagr": _round(r.n_cagr), "required": _round(r.n_required), "ratio": _round(r.n_ratio),
                    "p": _round(r.n_p), "noise": r.n_noise, "rule": r.n_rule})
    for r in measure_progress(s, year).itertuples():
        out.append({"level": "åtgärd", "id": r.code, "goal": r.goal, "measure": r.code, "status": r.outcome,
                    "implementation": "; ".join(f"{k} ({v})" for k, v in r.implementation.items()),
                    "mismatch": r.mismatch})
    for r in goal_progress(s, year).itertuples():
        out.append({"level": "mål", "id": str(r.goal), "goal": r.goal,
                    "status": "; ".join(f"{k}: {v}" for k, v in r.measure_outcomes.items()),
                    "series": "; ".join(f"{k}: {v}" for k, v in r.series.items()), "score": r.score})
    return out


def _round(x):
    return None if x is None or x != x else round(float(x), 4)


def indicator_by_code(s: Session, code: str) -> Indicator | None:
    """The current plan's indicator with this id."""
    return s.scalars(select(Indicator).where(Indicator.code == code,
                                             Indicator.plan_period_id == current_plan(s).id)).first()
