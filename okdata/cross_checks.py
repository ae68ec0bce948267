"""Cross-value rules of a return, as DHIS2's validation rules: values that contradict each other.

Each rule compares the return's counts with each other and with the approved values already stored for the
same indicator and year (a municipality's return against the county total Länsstyrelsen reported, and the other
way round); a problem is raised only where a value of this return takes part. Numerator against denominator and
a share against numerator/denominator are checked per row in checks.py.

- DEL_STORRE_AN_TOTAL (error): one part of a breakdown (a violence type, a municipality, a group, a category) is
  larger than the total of the same breakdown: a part cannot exceed the whole.
- KOMMUNSUMMA_OVER_LAN (warning): the municipalities' counts add up to more than the county's. A warning only:
  a case may be counted in two municipalities (a move during the year).
"""

from collections import defaultdict

from sqlalchemy import select
from sqlmodel import Session

from okdata import texts
from okdata.catalog import COUNTY_CODE
from okdata.checks import ParsedValue, Problem, problem
from okdata.formatting import fmt_num
from okdata.models import Area, Observation

# A value's key is (indicator id, year, violence type, area, group, category); a breakdown's total is "" (the county,
# COUNTY_CODE, for the area).


def check_consistency(s: Session, sheet: str, values: list[ParsedValue]) -> list[Problem]:
    """Every cross-value problem of a return's counts, in row order."""
    mine = {v.key: v for v in values if v.kind == "count" and v.value_num is not None}
    if not mine:
        return []
    stored = _stored_counts(s, {k[0] for k in mine}, {k[1] for k in mine})
    every = {**stored, **{k: v.value_num for k, v in mine.items()}}
    rows = {k: v.sheet_row for k, v in mine.items()}
    areas = dict(s.execute(select(Area.code, Area.name)).all())
    H = texts.COLUMNS_INDICATORS
    out: list[Problem] = []
    flagged: set[tuple] = set()  # totals already exceeded by one part: their sum needs no second problem

    def source(key) -> str:
        return texts.CROSS_CHECK_ROW.format(row=rows[key]) if key in rows else texts.CROSS_CHECK_STORED

    for key, value in every.items():
        # The key's total in each breakdown it is a part of (one tuple each, built directly: this runs four times
        # per value of a return).
        ind, year, vt, area, grp, cat = key
        totals = (("violence_type", vt, (ind, year, "", area, grp, cat)) if vt else None,
                  ("area", area, (ind, year, vt, COUNTY_CODE, grp, cat)) if area != COUNTY_CODE else None,
                  ("group", grp, (ind, year, vt, area, "", cat)) if grp else None,
                  ("category", cat, (ind, year, vt, area, grp, "")) if cat else None)
        for part in totals:
            if part is None:
                continue
            dimension, member, total_key = part
            total = every.get(total_key)
            if total is None or value <= total or not (key in rows or total_key in rows):
                continue
            flagged.add(total_key)
            out.append(problem(sheet, rows.get(key) or rows[total_key], H["value"], "DEL_STORRE_AN_TOTAL",
                               part=_part_label(dimension, member, areas), value=fmt_num(value),
                               part_source=source(key), total=fmt_num(total), total_source=source(total_key)))
    out += _municipal_sums(sheet, mine, every, rows, flagged)
    return sorted(out, key=lambda p: p.row or 0)


def _municipal_sums(sheet: str, mine: dict, every: dict, rows: dict, flagged: set) -> list[Problem]:
    county = COUNTY_CODE
    sums: dict[tuple, float] = defaultdict(float)
    involved: dict[tuple, bool] = defaultdict(bool)
    for key, value in every.items():
        ind, year, vt, area, grp, cat = key
        if area != county:
            rest = (ind, year, vt, county, grp, cat)
            sums[rest] += value
            involved[rest] |= key in mine
    out = []
    for total_key, total_sum in sums.items():
        total = every.get(total_key)
        if total is None or total_sum <= total or total_key in flagged or not (involved[total_key]
                                                                                  or total_key in mine):
            continue
        row = rows.get(total_key) or min(rows[k] for k in mine if (*k[:3], county, *k[4:]) == total_key)
        out.append(problem(sheet, row, texts.COLUMNS_INDICATORS["value"], "KOMMUNSUMMA_OVER_LAN",
                           indicator=mine[next(k for k in mine if k[0] == total_key[0])].indicator,
                           sum=fmt_num(total_sum), total=fmt_num(total)))
    return out


def _part_label(dimension: str, value: str, areas: dict[str, str]) -> str:
    if dimension == "violence_type":
        return texts.VIOLENCE_TYPES.get(value, value)
    if dimension == "area":
        return areas.get(value, value)
    return value


def _stored_counts(s: Session, indicator_ids: set[int], years: set[int]) -> dict[tuple, float]:
    o = Observation
    q = select(o.indicator_id, o.year, o.violence_type, o.area_code, o.grp, o.category, o.value_num).where(
        o.is_approved.is_(True), o.indicator_id.in_(indicator_ids), o.year.in_(years), o.value_num.is_not(None))
    return {tuple(r[:6]): r[6] for r in s.execute(q)}
