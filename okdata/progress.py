"""The progress method (docs/metod.md): the status of one series from its values, its direction and its target,
explained in Swedish; and how statuses combine (worst-placed, distributions). Pure functions of plain values:
okdata/snapshot.py reads the values from the store and applies them per series, indicator, measure and goal.
"""

import math
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from okdata import texts
from okdata.domain import QUANTITATIVE, ChangeVerdict, Implementation, MeasureState, ProgressStatus
from okdata.formatting import fmt_num, fmt_value, held

TARGET_REACHED, ON_TRACK, SIGNIFICANT = ProgressStatus.TARGET_REACHED, ProgressStatus.ON_TRACK, \
    ProgressStatus.SIGNIFICANT
TOO_SLOW, MODERATE, LIMITED = ProgressStatus.TOO_SLOW, ProgressStatus.MODERATE, ProgressStatus.LIMITED
NO_CERTAIN, WORSE = ProgressStatus.NO_CERTAIN_CHANGE, ProgressStatus.WORSE
INSUFFICIENT, NOT_ASSESSED = ProgressStatus.INSUFFICIENT, ProgressStatus.NOT_ASSESSED
# From best to worst; the outcome of a measure is its worst-placed series.
ASSESSED = [TARGET_REACHED, ON_TRACK, SIGNIFICANT, TOO_SLOW, MODERATE, LIMITED, NO_CERTAIN, WORSE]
ALL_STATUSES = list(ProgressStatus)
ICONS = {TARGET_REACHED: "★", ON_TRACK: "▲", SIGNIFICANT: "▲", TOO_SLOW: "△", MODERATE: "△", LIMITED: "▷",
         NO_CERTAIN: "≈", WORSE: "▼", INSUFFICIENT: "◌", NOT_ASSESSED: "–"}
# The secondary "Statuspoäng" of a goal: the mean over its headline series of a fixed table per status. It is not
# Open SDG's score, which is continuous in R or P (docs/metod.md).
SCORES = {TARGET_REACHED: 5, ON_TRACK: 5, SIGNIFICANT: 5, TOO_SLOW: 2, MODERATE: 2, LIMITED: 0, NO_CERTAIN: 0,
          WORSE: -5}
Z95 = 1.96


def measure_state(reports: dict[str, int], expected: int) -> MeasureState:
    """A measure's implementation for the year from its responsible agencies' reports ({status: how many}) and how
    many agencies owe a report (docs/metod.md, "En åtgärds genomförande"). Attention first: one agency's delay is
    the measure's delay; done only when every responsible agency has reported done (a cancelled part aside);
    not started only when no one has started; cancelled only when every report says so."""
    total = sum(reports.values())
    if total == 0:
        return MeasureState.NOT_REPORTED
    active = {st: n for st, n in reports.items() if st != Implementation.CANCELLED and n}
    if not active:
        return MeasureState.CANCELLED
    if Implementation.DELAYED in active:
        return MeasureState.DELAYED
    if set(active) == {Implementation.DONE} and total >= expected:
        return MeasureState.DONE
    if set(active) == {Implementation.NOT_STARTED}:
        return MeasureState.NOT_STARTED
    return MeasureState.ONGOING


@dataclass(slots=True)
class Point:
    year: int
    value: float
    numerator: float | None = None
    denominator: float | None = None


@dataclass(slots=True)
class Assessment:
    """A series' status and every number behind it."""

    status: ProgressStatus
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


def growth(a: float, b: float, years: float) -> float:
    """The annual growth from a to b (same sign, a ≠ 0): CAGR of the magnitudes, with its sign turned when both
    are negative, so that −10 → −5 grows (Open SDG's sign factor)."""
    g = cagr(abs(a), abs(b), years)
    return -g if a < 0 else g


def _usable(x) -> bool:
    """A number: not missing, not NaN nor infinite."""
    return x is not None and math.isfinite(x)


def _base(earlier: list[Point], baseline_year: int, last_year: int) -> tuple[Point, str] | None:
    """The base among the values before the latest one (docs/metod.md): the baseline; else the closest year before
    it within two years; else the first year after it; with the note saying which year and why. None: no usable
    base (older values are not used)."""
    by_year = {p.year: p for p in earlier}
    if baseline_year in by_year:
        return by_year[baseline_year], ""
    key = "base_before_latest" if last_year == baseline_year else "base_before"
    for year in (baseline_year - 1, baseline_year - 2):
        if year in by_year:
            return by_year[year], texts.PROGRESS_EXPLAIN[key].format(baseline=baseline_year, year=year)
    after = next((p for p in earlier if p.year > baseline_year), None)
    if after is None:
        return None
    return after, texts.PROGRESS_EXPLAIN["base_after"].format(baseline=baseline_year, year=after.year)


def _year(p: Point) -> int:
    return p.year


def assess(kind: str, direction: int, points: list[Point], target_value: float | None = None,
           target_year: int | None = None, baseline_year: int = 2023, plan_end: int = 2027,
           break_year: int | None = None) -> Assessment:
    """The status of one series (docs/metod.md)."""
    if kind not in QUANTITATIVE:
        return Assessment(NOT_ASSESSED, texts.PROGRESS_RULES["not_quantitative"])
    pts = [p for p in points if _usable(p.value) and (break_year is None or p.year >= break_year)]
    if any(a.year > b.year for a, b in zip(pts, pts[1:])):
        pts.sort(key=_year)
    if direction == 0:
        return Assessment(NOT_ASSESSED, texts.PROGRESS_RULES["no_direction"],
                          t1=pts[-1].year if pts else None, y1=pts[-1].value if pts else None)
    if len(pts) < 2:
        a = Assessment(INSUFFICIENT, texts.PROGRESS_RULES["insufficient"])
        if pts:
            a.t1, a.y1 = pts[-1].year, pts[-1].value
        return a
    last = pts[-1]
    found = _base(pts[:-1], baseline_year, last.year)
    if found is None:
        key = "no_base" if last.year > baseline_year else "no_base_latest" if last.year == baseline_year \
            else "no_base_old"
        return Assessment(INSUFFICIENT, texts.PROGRESS_RULES[key].format(baseline=baseline_year, year=last.year),
                          t1=last.year, y1=last.value)
    base, note = found
    a = Assessment(INSUFFICIENT, "", base.year, base.value, last.year, last.value)
    if note:
        a.notes.append(note)
    years = last.year - base.year
    if target_value is not None:
        a.target_value, a.target_year = target_value, target_year or plan_end
        if direction * (last.value - target_value) >= 0:
            a.status, a.rule = TARGET_REACHED, texts.PROGRESS_RULES["target_reached"]
            return a
    if base.value * last.value < 0:
        a.status = INSUFFICIENT
        a.rule = texts.PROGRESS_RULES["sign_change"].format(y0=fmt_num(base.value), y1=fmt_num(last.value))
        return a
    if target_value is not None:
        horizon = a.target_year - base.year
        if direction * (base.value - target_value) >= 0:  # reached at the base year, left since
            a.status, a.rule = WORSE, texts.PROGRESS_RULES["target_left"]
        else:
            if base.value <= 0 or target_value <= 0 or horizon <= 0:
                per_year = (last.value - base.value) / years
                needed = (target_value - base.value) / max(horizon, 1)  # not 0: the target is not reached
                a.ratio = direction * per_year / abs(needed)
                a.notes.append(texts.PROGRESS_RULES["zero_base"] if base.value == 0
                               else texts.PROGRESS_RULES["target_zero"] if target_value <= 0
                               else texts.PROGRESS_RULES["negative_base"] if base.value < 0
                               else texts.PROGRESS_RULES["target_year"].format(year=a.target_year))
                a.notes.append(texts.PROGRESS_RULES["absolute"].format(change=_short(per_year),
                                                                       needed=_short(needed)))
            else:
                a.cagr = growth(base.value, last.value, years)
                a.required = cagr(base.value, target_value, horizon)
                a.ratio = direction * a.cagr / abs(a.required)
            r = a.ratio
            a.status = ON_TRACK if r >= 0.95 else TOO_SLOW if r >= 0.60 else LIMITED if r >= 0 else WORSE
            a.rule = texts.PROGRESS_RULES["ratio"]
    else:
        if base.value == 0:
            change = last.value - base.value
            a.p = direction * math.copysign(1.0, change) if change else 0.0
            a.notes.append(texts.PROGRESS_RULES["zero_base_no_target"])
        else:
            a.cagr = growth(base.value, last.value, years)
            a.p = direction * a.cagr
            if base.value < 0:
                a.notes.append(texts.PROGRESS_RULES["negative"])
        p = a.p
        a.status = SIGNIFICANT if p >= 0.015 else MODERATE if p >= 0.005 else LIMITED if p >= 0 else WORSE
        a.rule = texts.PROGRESS_RULES["p"]
    noisy, a.noise = _noise(kind, base, last)
    if noisy:
        a.status, a.rule = NO_CERTAIN, texts.PROGRESS_RULES["noise"]
    return a


def _short(x: float) -> str:
    """A number with at most two decimals and no trailing zeros: −2, −2,5, −2,25."""
    s = fmt_num(x, 2)
    return s.rstrip("0").rstrip(",") if "," in s else s


def change_z(kind: str, base: Point, last: Point) -> float | None:
    """How far a change stands out from sampling noise, in the units of the method's noise tests (docs/metod.md):
    counts |x1 − x0| / √(x0 + x1), shares the two-proportion z; the change is certain at 1.96 or more. None when
    the method has no test for the values (rates, indexes, shares without numerator and denominator)."""
    if kind == "count" and base.value >= 0 and last.value >= 0:
        if base.value == last.value == 0:
            return 0.0
        return abs(last.value - base.value) / math.sqrt(last.value + base.value)
    if kind == "share" and all(_usable(x) for x in (base.numerator, base.denominator, last.numerator,
                                                     last.denominator)) and base.denominator > 0 \
            and last.denominator > 0:
        n0, n1, d0, d1 = base.numerator, last.numerator, base.denominator, last.denominator
        pooled = (n0 + n1) / (d0 + d1)
        if not 0 < pooled < 1:  # both shares 0 % or both 100 %: no change to detect
            return 0.0
        return abs(n1 / d1 - n0 / d0) / math.sqrt(pooled * (1 - pooled) * (1 / d0 + 1 / d1))
    return None


def _noise(kind: str, base: Point, last: Point) -> tuple[bool, str]:
    """Whether the change is within sampling noise, and the numbers of the test."""
    z = change_z(kind, base, last)
    if z is None:
        return False, ""
    if kind == "count":
        if base.value == last.value == 0:
            return True, texts.PROGRESS_NOISE["count_zero"]
        diff, limit = abs(last.value - base.value), Z95 * math.sqrt(last.value + base.value)
        return diff < limit, _count_noise(diff, limit)
    pooled = (base.numerator + last.numerator) / (base.denominator + last.denominator)
    if not 0 < pooled < 1:
        return True, texts.PROGRESS_NOISE["share_flat"].format(share=fmt_value(pooled * 100, "share"))
    return z < Z95, texts.PROGRESS_NOISE["share"].format(z=fmt_num(z, 2))


@lru_cache(maxsize=4096)
def _count_noise(diff: float, limit: float) -> str:
    """The count test's numbers as text, made once per pair: counts repeat, and a status of every series (77 000
    on 1 000 000 values) wrote some 3 500 texts 55 000 times, half of the method's time (issue 16)."""
    return texts.PROGRESS_NOISE["count"].format(diff=fmt_num(diff, 1), limit=fmt_num(limit, 1))


def change_verdict(direction: int, delta: float, z: float | None) -> ChangeVerdict:
    """Whether a change is an improvement given the indicator's direction, and whether it is certain: within
    noise by the method's test, an improvement or a deterioration (untested when the method has no test)."""
    if delta == 0 or (z is not None and z < Z95):
        return ChangeVerdict.NOISE
    if direction == 0:
        return ChangeVerdict.UNDIRECTED
    better = direction * delta > 0
    if z is None:
        return ChangeVerdict.UNTESTED_BETTER if better else ChangeVerdict.UNTESTED_WORSE
    return ChangeVerdict.BETTER if better else ChangeVerdict.WORSE


def explain(a: Assessment, kind: str) -> str:
    """The status with every number behind it, in Swedish."""
    parts = [f"**{texts.PROGRESS_STATUSES[a.status]}** – {a.rule}"]
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


def worst(statuses: list[ProgressStatus]) -> ProgressStatus:
    """The worst-placed assessed status (or the best non-assessed one when none is assessed)."""
    assessed = [st for st in statuses if st in ASSESSED]
    if assessed:
        return max(assessed, key=ASSESSED.index)
    if INSUFFICIENT in statuses:
        return INSUFFICIENT
    return NOT_ASSESSED


def distribution(statuses) -> dict[ProgressStatus, int]:
    """How many of each status, in the order of ALL_STATUSES."""
    statuses = list(statuses)
    return {st: statuses.count(st) for st in ALL_STATUSES if st in statuses}


def distribution_text(dist: dict[str, int]) -> str:
    """'▲ Betydande framsteg 3, ▼ Försämring 1' (icon and text, never colour alone)."""
    return ", ".join(held(ICONS[st], texts.PROGRESS_STATUSES[st], n) for st, n in dist.items())


def distribution_ordered(dist: dict[str, int]) -> dict[str, int]:
    """A distribution in the order of ALL_STATUSES."""
    return {st: dist[st] for st in ALL_STATUSES if st in dist}
