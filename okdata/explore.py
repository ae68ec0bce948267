"""Readers for the analysts' views: an indicator's series and breakdowns, agencies' reporting against what they
owe, what changed since last year (violence types and municipalities side by side: comparisons.py).

Every reader filters and aggregates in SQL and returns a small DataFrame.
"""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pandas as pd
from sqlalchemy import bindparam, func, select
from sqlmodel import Session

from okdata import clock, texts
from okdata.catalog import COUNTY_CODE, area_names, current_plan, for_year, indicator_refs, measure_refs, pin_year
from okdata.completeness import COUNTED, Completeness, agency_state
from okdata.db import fetch, tuples
from okdata.domain import AgencyRef, Dimension
from okdata.formatting import as_shown, fmt_change, fmt_relative, fmt_value
from okdata.models import Agency, ImportBatch, Indicator, MeasureStatus, Observation
from okdata.periods import year_states
from okdata.scope import Scope, agency_scope, expected_rows, visible
from okdata.store import LIVE

DIMENSIONS = {Dimension.VIOLENCE_TYPE: "violence_type", Dimension.AREA: "area_code", Dimension.GROUP: "grp",
              Dimension.CATEGORY: "category"}  # the observation's column of each breakdown
TOTALS = {"violence_type": "", "area_code": COUNTY_CODE, "grp": "", "category": ""}


def series_points(s: Session, indicator_id: int, approved_only: bool = True, dimension: str | None = None,
                  up_to: int | None = None) -> list[tuple]:
    """An indicator's values over the years (up to `up_to`): the headline, or one breakdown (every other dimension
    at total), as tuples sorted by year and member: year, member (the breakdown's value, "" for the headline),
    value, text, numerator, denominator, is_example, source, batch_id, comment, is_approved."""
    params = {"indicator": indicator_id, "up_to": up_to if up_to is not None else 9999}
    # Sorted here, not by ORDER BY: asked to sort, SQLite took the (is_approved, indicator_id, year) index and
    # walked all the indicator's values (7 ms at 1M) instead of the key index (1 ms).
    return sorted(map(tuple, fetch(s, _series_query(approved_only, DIMENSIONS.get(dimension) if dimension else None),
                                       params)), key=lambda r: (r[0], r[1]))


@lru_cache(maxsize=16)
def _series_query(approved_only: bool, column: str | None):
    """series_points' statement for a dimension, built once (:indicator and :up_to bound)."""
    o = Observation
    conds = [getattr(o, c) == total for c, total in TOTALS.items() if c != column]
    member = getattr(o, column) if column else o.violence_type
    q = (select(o.year, member, o.value_num, o.value_text, o.numerator, o.denominator, o.is_example, o.source,
                o.batch_id, o.comment, o.is_approved)
         .where(o.indicator_id == bindparam("indicator"), o.year <= bindparam("up_to"), visible(o, approved_only),
                *conds))
    return q.where(getattr(o, column) != TOTALS[column]) if column else q


@dataclass(frozen=True)
class AgencyView:
    """What the Myndigheter page shows of one agency."""

    reporting: pd.DataFrame  # year, expected, reported, share, statuses, due (its deadline has passed)
    missing: pd.DataFrame  # indicator, breakdown: expected for the chosen year, not reported
    measures: pd.DataFrame
    indicators: pd.DataFrame
    latest: dict | None
    deadline: date | None  # of `year`
    state: Completeness  # of `year`: uploads, status, overdue
    reopened_until: date | None = None  # `year` is open again until this day


def agency_choices(s: Session) -> tuple[list[AgencyRef], list[int]]:
    """What the Myndigheter page offers: the reporting agencies and the reporting years (newest first)."""
    from okdata.periods import reporting_years
    from okdata.scope import reporting_agencies

    return reporting_agencies(s), reporting_years(s)


def default_agency(codes: list[str], own: str | None) -> str:
    """The agency the Myndigheter page opens on: the viewer's own when it reports, else the first."""
    return own if own in codes else codes[0]


def agency_view(s: Session, agency: AgencyRef, years: list[int], year: int, scope: Scope = Scope()) -> AgencyView:
    """Per year the values the agency owes (its template's rows) against what it has reported in uploads that
    count (submitted or approved), the missing list for `year`, its measures and indicators and its latest
    upload (who made it only when the scope may see that upload). The measures and indicators are those of the
    catalog revision in force for `year`; what comes from the catalog is kept per revision (catalog.from_catalog)."""
    with for_year(s, year):  # the measures and indicators it had that year (a later revision may have moved them)
        measures, indicators = agency_scope(s, agency)
    expected = {y: expected_rows(s, agency, y) for y in years}
    # The agency's uploads first (a few ids), then their values through the batch index: given the ids as a list,
    # SQLite's planner takes that index; given a subquery it walked every indicator's values (100 ms at 1M).
    uploads_q, values_q, statuses_q = _agency_queries()
    uploads = fetch(s, uploads_q, {"agency": agency.id}).all()
    got: dict[int, set] = {}
    # Reported = held by one of the agency's live uploads, whether or not a later upload (its own or another
    # agency's, for an indicator two agencies report) has since become the current version (issue 13).
    live = [u.id for u in uploads if u.status in LIVE]
    for y, *key in fetch(s, values_q, {"batches": live, "years": years}).all():
        got.setdefault(int(y), set()).add(tuple(key))
    statuses = dict(fetch(s, statuses_q, {"agency": agency.id, "years": years}).all())
    rows = []
    today = clock.today()
    year_of = year_states(s, {*years, year}, today)  # their deadlines, and whether `year` is open again
    for y in years:
        keys = {(e.indicator, e.violence_type, e.area_code, e.grp, e.category) for e in expected[y]}
        reported = len(keys & got.get(y, set()))
        deadline = year_of[y].deadline
        due = deadline is not None and deadline < today  # the running year is not yet
        rows.append((y, len(keys), reported, reported / len(keys) if keys else None, statuses.get(y, 0), due))
    from okdata.returns import breakdown_label

    areas = area_names(s)
    missing = [(e.indicator, breakdown_label(e.violence_type, e.area_code, e.grp, e.category, areas))
               for e in expected.get(year, []) if (e.indicator, e.violence_type, e.area_code, e.grp, e.category)
               not in got.get(year, set())]
    latest = next((u for u in uploads if u.year == year), None)  # newest first: the year's latest upload
    deadline, states = year_of[year].deadline, {}
    for u in uploads:
        if u.year == year and u.status in COUNTED:
            n, first, last = states.get(u.status, (0, u.created_at, u.created_at))
            states[u.status] = (n + 1, min(first, u.created_at), max(last, u.created_at))
    return AgencyView(pd.DataFrame(rows, columns=["year", "expected", "reported", "share", "statuses", "due"]),
                      pd.DataFrame(missing, columns=["indicator", "breakdown"]), measures, indicators,
                      _upload_info(latest, scope.sees_batch(agency.id, latest.status)) if latest else None,
                      deadline,
                      agency_state(agency.name, len(expected.get(year, [])), states, deadline,
                                   reported=next((r[2] for r in rows if r[0] == year), None)),
                      year_of[year].reopened_until)


@lru_cache(maxsize=1)
def _agency_queries():
    """agency_view's statements, built once (:agency, :batches and :years bound)."""
    b, o, m = ImportBatch, Observation, MeasureStatus
    uploads = (select(b.id, b.created_at, b.user_name, b.status, b.file_name, b.year)
               .where(b.kind == "upload", b.agency_id == bindparam("agency")).order_by(b.id.desc()))
    values = (select(o.year, Indicator.code, o.violence_type, o.area_code, o.grp, o.category)
              .join(Indicator, Indicator.id == o.indicator_id)
              .where(o.batch_id.in_(bindparam("batches", expanding=True)),
                     o.year.in_(bindparam("years", expanding=True))))
    statuses = (select(m.year, func.count()).join(ImportBatch, ImportBatch.id == m.batch_id)
                .where(m.agency_id == bindparam("agency"), m.year.in_(bindparam("years", expanding=True)),
                       m.is_current.is_(True), ImportBatch.kind == "upload")
                .group_by(m.year))
    return uploads, values, statuses


def _upload_info(row, with_user: bool) -> dict:
    return {"id": row.id, "created_at": row.created_at, "user": row.user_name if with_user else "–",
            "status": row.status,
            "file": row.file_name, "year": row.year}


CHANGE_COLUMNS = ["indicator", "name", "kind", "direction", "before", "after", "change", "example", "z", "verdict",
                  "submitted"]


def year_changes(s: Session, year: int, approved_only: bool = True, limit: int = 8) -> pd.DataFrame:
    """The headline values that moved most surely from last year to this one, ranked by the status method's own
    noise test (progress.change_z: the z of a count or a share; a change under 1.96 is within noise), those the
    method cannot test (rates, indexes) after them by relative size; each with its verdict given the indicator's
    direction. `change` is relative for counts, rates and indexes, in percentage points for shares. An indicator
    with a series break from this year has no change (its values before are not compared with it). `submitted`:
    one of the two figures is not approved (only when the views show submitted ones too)."""
    from okdata.catalog_edits import break_years
    from okdata.progress import Point, change_verdict, change_z

    pin_year(s, year)  # the catalog revision in force for the year: its indicators, names and directions
    refs = {r.code: r for r in indicator_refs(s)}
    breaks = break_years(s)
    rows = []
    found = fetch(s, _year_changes_query(approved_only),
                  {"year": year, "before": year - 1, "plan": current_plan(s).id}).all()
    for code, name, kind, direction, v0, v1, change, example, n0, d0, n1, d1, approved in found:
        if code not in refs or year in breaks.get(refs[code].id, ()):  # a new series from this year: no change
            continue
        if v0 is not None and v1 is not None and as_shown(v1) == as_shown(v0):  # none as shown (82 % → 82,04 %)
            continue
        name, direction = refs[code].name, refs[code].direction
        z = change_z(kind, Point(year - 1, v0, n0, d0), Point(year, v1, n1, d1))
        rows.append((code, name, kind, int(direction or 0), v0, v1, change, bool(example), z,
                     change_verdict(int(direction or 0), v1 - v0, z), not approved))
    size = {r[0]: abs(r[6]) / 100 if r[2] == "share" else abs(r[6]) if r[6] is not None else 0 for r in rows}
    rows.sort(key=lambda r: (r[8] is None, -(r[8] if r[8] is not None else size[r[0]])))
    return pd.DataFrame(rows[:limit], columns=CHANGE_COLUMNS)


def change_line(r) -> str:
    """One row of year_changes as a line: 'Förbättring – 2.4a Name: 54 % → 76 % (+22 procentenheter)'; counts,
    rates and indexes also give the relative change."""
    delta = round(as_shown(r.after) - as_shown(r.before), 1)  # between the figures as shown
    change = fmt_change(delta, r.kind)
    if r.kind != "share" and r.before:
        change += f", {fmt_relative(delta, r.before)}"
    return texts.PROGRESS_VIEW["change_line"].format(
        verdict=texts.CHANGE_VERDICTS[r.verdict], indicator=r.indicator, name=r.name,
        before=fmt_value(r.before, r.kind), after=fmt_value(r.after, r.kind), change=change)


@lru_cache(maxsize=4)
def _year_changes_query(approved_only: bool):
    """year_changes' statement, built once (building it cost more than running it): the indicators of the plan
    period read (:plan), a carried-over one with the values stored under the earlier plan's (series_id)."""
    from sqlalchemy import and_, bindparam, case
    from sqlalchemy.orm import aliased

    year, before = bindparam("year"), bindparam("before")
    a, b = aliased(Observation), aliased(Observation)
    change = case((Indicator.kind == "share", b.value_num - a.value_num),
                  else_=(b.value_num - a.value_num) / func.nullif(a.value_num, 0))
    return (select(Indicator.code, Indicator.name, Indicator.kind, Indicator.direction, a.value_num, b.value_num,
                   change, a.is_example | b.is_example, a.numerator, a.denominator, b.numerator, b.denominator,
                   a.is_approved & b.is_approved)
            .join(Indicator, func.coalesce(Indicator.series_id, Indicator.id) == a.indicator_id)
            .join(b, and_(b.indicator_id == a.indicator_id, b.year == year, b.violence_type == "",
                          b.area_code == COUNTY_CODE, b.grp == "", b.category == "", visible(b, approved_only)))
            .where(a.year == before, a.violence_type == "", a.area_code == COUNTY_CODE, a.grp == "",
                   a.category == "", visible(a, approved_only), a.value_num.is_not(None), b.value_num.is_not(None),
                   Indicator.kind.in_(["count", "share", "rate", "index"]),
                   Indicator.plan_period_id == bindparam("plan"))
            .order_by(Indicator.sort_key))


def status_changes(s: Session, year: int, approved_only: bool = True) -> pd.DataFrame:
    """Measures of the catalog in force for the year whose reported implementation status changed from last year,
    per agency."""
    pin_year(s, year)
    measures = {m.code for m in measure_refs(s)}
    found = fetch(s, _status_changes_query(approved_only), {"year": year, "before": year - 1,
                                                             "plan": current_plan(s).id})
    return pd.DataFrame([r for r in tuples(found) if r[0] in measures],
                        columns=["measure", "agency", "before", "after"])


@lru_cache(maxsize=4)
def _status_changes_query(approved_only: bool):
    """status_changes' statement, built once."""
    from sqlalchemy import and_, bindparam
    from sqlalchemy.orm import aliased

    from okdata.models import Measure

    a, b = aliased(MeasureStatus), aliased(MeasureStatus)
    return (select(Measure.code, Agency.short_name, a.status, b.status)
            .join(b, and_(b.measure_id == a.measure_id, b.agency_id == a.agency_id, b.year == bindparam("year"),
                          visible(b, approved_only)))
            .join(Measure, Measure.id == a.measure_id).join(Agency, Agency.id == a.agency_id)
            .where(a.year == bindparam("before"), visible(a, approved_only), a.status != b.status,
                   Measure.plan_period_id == bindparam("plan"))
            .order_by(Measure.sort_key, Agency.short_name))

