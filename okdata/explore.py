"""Readers for the analysts' views: an indicator's series and breakdowns, violence types side by side,
municipalities per 100 000 inhabitants, agencies' reporting against what they owe, what changed since last year.

Every reader filters and aggregates in SQL and returns a small DataFrame.
"""

import pandas as pd
from sqlalchemy import func, select
from sqlmodel import Session

from okdata import texts
from okdata.catalog import COUNTY_CODE, AgencyInfo, indicators_frame
from okdata.formatting import SMALL_COUNT
from okdata.models import Agency, Area, ImportBatch, Indicator, MeasureStatus, Observation
from okdata.population import fill_years, population_frame
from okdata.template import agency_scope, expected_rows
from okdata.values import visible

DIMENSIONS = {"våldstyp": "violence_type", "område": "area_code", "grupp": "grp", "kategori": "category"}
TOTALS = {"violence_type": "", "area_code": COUNTY_CODE, "grp": "", "category": ""}


def indicator_series(s: Session, indicator_id: int, approved_only: bool = True,
                     dimension: str | None = None) -> pd.DataFrame:
    """An indicator's values over the years: the headline, or one breakdown (every other dimension at total).

    Columns: year, member (the breakdown's value, "" for the headline), value, numerator, denominator,
    example, source, batch_id, comment."""
    o = Observation
    column = DIMENSIONS.get(dimension) if dimension else None
    conds = [getattr(o, c) == total for c, total in TOTALS.items() if c != column]
    member = getattr(o, column) if column else o.violence_type
    q = (select(o.year, member, o.value_num, o.value_text, o.numerator, o.denominator, o.is_example, o.source,
                o.batch_id, o.comment)
         .where(o.indicator_id == indicator_id, visible(o, approved_only), *conds).order_by(o.year))
    if column:
        q = q.where(getattr(o, column) != TOTALS[column])
    df = pd.DataFrame(s.execute(q).all(), columns=["year", "member", "value", "text", "numerator", "denominator",
                                                   "example", "source", "batch_id", "comment"])
    return df


def violence_frame(s: Session, types: list[str], approved_only: bool = True) -> pd.DataFrame:
    """Every indicator broken down by violence type: its values per type and year (other dimensions at total)."""
    o = Observation
    from okdata.models import Goal

    q = (select(Indicator.code, Indicator.name, Indicator.kind, Indicator.unit, Goal.number, o.violence_type, o.year,
                o.value_num, o.is_example)
         .join(Indicator, Indicator.id == o.indicator_id).join(Goal, Goal.id == Indicator.goal_id)
         .where(o.violence_type.in_(types), o.area_code == COUNTY_CODE, o.grp == "", o.category == "",
                o.value_num.is_not(None), visible(o, approved_only))
         .order_by(Indicator.sort_key, o.violence_type, o.year))
    return pd.DataFrame(s.execute(q).all(), columns=["indicator", "name", "kind", "unit", "goal", "violence_type",
                                                     "year", "value", "example"])


def county_population(s: Session, years: list[int]) -> pd.DataFrame:
    """The county's population for the years, with how each was obtained (publicerad, interpolerad, …)."""
    pop = fill_years(population_frame(s), years)
    return pop[pop.area_code == COUNTY_CODE].reset_index(drop=True)


def municipal_indicators(s: Session) -> pd.DataFrame:
    """Indicators that have values per municipality."""
    ids = set(s.scalars(select(Observation.indicator_id).distinct().where(Observation.area_code != COUNTY_CODE)))
    ind = indicators_frame(s)
    return ind[ind.indicator_id.isin(ids)].reset_index(drop=True)


def municipal_frame(s: Session, indicator_id: int, year: int, approved_only: bool = True) -> pd.DataFrame:
    """The indicator's values per area for the year (other dimensions at total) with population.

    Columns: area_code, area, value, example, population, method, per_100k."""
    o = Observation
    q = (select(o.area_code, Area.name, o.value_num, o.is_example)
         .join(Area, Area.code == o.area_code)
         .where(o.indicator_id == indicator_id, o.year == year, o.violence_type == "", o.grp == "",
                o.category == "", o.value_num.is_not(None), visible(o, approved_only)))
    df = pd.DataFrame(s.execute(q).all(), columns=["area_code", "area", "value", "example"])
    pop = fill_years(population_frame(s), [year])
    df = df.merge(pop[["area_code", "population", "method"]], on="area_code", how="left")
    df["per_100k"] = df.value / df.population * 100_000
    return df


def suppress_small(df: pd.DataFrame, kind: str) -> pd.Series:
    """Display text per row: counts below 5 as "<5" (they may identify people in small municipalities)."""
    from okdata.formatting import fmt_value

    return df.value.map(lambda v: f"<{SMALL_COUNT}" if kind == "count" and 0 < v < SMALL_COUNT
                        else fmt_value(v, kind))


def agency_reporting(s: Session, agency: AgencyInfo, years: list[int], approved_only: bool = False) -> pd.DataFrame:
    """Per year: values expected from the agency, values it reported (live uploads), and the share."""
    o = Observation
    rows = []
    for year in years:
        expected = expected_rows(s, agency, year)
        codes = {e.indicator for e in expected}
        keys = {(e.indicator, e.violence_type, e.area_code, e.grp, e.category) for e in expected}
        q = (select(Indicator.code, o.violence_type, o.area_code, o.grp, o.category)
             .join(Indicator, Indicator.id == o.indicator_id).join(ImportBatch, ImportBatch.id == o.batch_id)
             .where(o.year == year, Indicator.code.in_(codes), visible(o, approved_only),
                    ImportBatch.kind == "upload", ImportBatch.agency_id == agency.id))
        got = {tuple(r) for r in s.execute(q)} & keys
        statuses = s.scalar(select(func.count()).select_from(MeasureStatus).join(
            ImportBatch, ImportBatch.id == MeasureStatus.batch_id).where(
            MeasureStatus.agency_id == agency.id, MeasureStatus.year == year, visible(MeasureStatus, approved_only),
            ImportBatch.kind == "upload"))
        rows.append({"year": year, "expected": len(keys), "reported": len(got),
                     "share": len(got) / len(keys) if keys else None, "statuses": statuses})
    return pd.DataFrame(rows, columns=["year", "expected", "reported", "share", "statuses"])


def missing_values(s: Session, agency: AgencyInfo, year: int, approved_only: bool = False) -> pd.DataFrame:
    """The expected values the agency has not reported for the year."""
    o = Observation
    expected = expected_rows(s, agency, year)
    codes = {e.indicator for e in expected}
    q = (select(Indicator.code, o.violence_type, o.area_code, o.grp, o.category)
         .join(Indicator, Indicator.id == o.indicator_id).join(ImportBatch, ImportBatch.id == o.batch_id)
         .where(o.year == year, Indicator.code.in_(codes), visible(o, approved_only), ImportBatch.kind == "upload",
                ImportBatch.agency_id == agency.id))
    got = {tuple(r) for r in s.execute(q)}
    areas = dict(s.execute(select(Area.code, Area.name)).all())
    from okdata.returns import breakdown_label

    rows = [{"indicator": e.indicator, "breakdown": breakdown_label(e.violence_type, e.area_code, e.grp, e.category,
                                                                     areas)}
            for e in expected if (e.indicator, e.violence_type, e.area_code, e.grp, e.category) not in got]
    return pd.DataFrame(rows, columns=["indicator", "breakdown"])


def agency_measures(s: Session, agency: AgencyInfo) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The agency's measures and indicators."""
    return agency_scope(s, agency)


def latest_upload(s: Session, agency_id: int) -> dict | None:
    """The agency's latest upload: id, time, user, status, file."""
    b = s.scalars(select(ImportBatch).where(ImportBatch.kind == "upload", ImportBatch.agency_id == agency_id)
                  .order_by(ImportBatch.id.desc())).first()
    return None if b is None else {"id": b.id, "created_at": b.created_at, "user": b.user_name, "status": b.status,
                                   "file": b.file_name, "year": b.year}


def year_changes(s: Session, year: int, approved_only: bool = True, limit: int = 8) -> pd.DataFrame:
    """The largest movements of headline values from last year to this one (relative change)."""
    o = Observation
    q = (select(Indicator.code, Indicator.name, Indicator.kind, Indicator.direction, o.year, o.value_num,
                o.is_example)
         .join(Indicator, Indicator.id == o.indicator_id)
         .where(o.year.in_([year - 1, year]), o.violence_type == "", o.area_code == COUNTY_CODE, o.grp == "",
                o.category == "", o.value_num.is_not(None), visible(o, approved_only),
                Indicator.kind.in_(["count", "share", "rate", "index"])))
    df = pd.DataFrame(s.execute(q).all(), columns=["indicator", "name", "kind", "direction", "year", "value",
                                                   "example"])
    if df.empty:
        return pd.DataFrame(columns=["indicator", "name", "kind", "direction", "before", "after", "change",
                                     "example"])
    wide = df.pivot_table(index=["indicator", "name", "kind", "direction"], columns="year", values="value",
                          aggfunc="first").reset_index()
    ex = df.groupby("indicator").example.any()
    if year - 1 not in wide or year not in wide:
        return pd.DataFrame(columns=["indicator", "name", "kind", "direction", "before", "after", "change",
                                     "example"])
    wide = wide.dropna(subset=[year - 1, year]).rename(columns={year - 1: "before", year: "after"})
    wide["change"] = wide.apply(lambda r: (r.after - r.before) if r.kind == "share" else
                                ((r.after - r.before) / r.before if r.before else None), axis=1)
    wide["size"] = wide.apply(lambda r: abs(r.change) / 100 if r.kind == "share" else abs(r.change or 0), axis=1)
    wide["example"] = wide.indicator.map(ex)
    out = wide.sort_values("size", ascending=False).head(limit)
    return out[["indicator", "name", "kind", "direction", "before", "after", "change", "example"]].reset_index(
        drop=True)


def status_changes(s: Session, year: int, approved_only: bool = True) -> pd.DataFrame:
    """Measures whose reported implementation status changed from last year, per agency."""
    from okdata.models import Measure

    m = MeasureStatus
    q = (select(Measure.code, Agency.short_name, m.year, m.status)
         .join(Measure, Measure.id == m.measure_id).join(Agency, Agency.id == m.agency_id)
         .where(m.year.in_([year - 1, year]), visible(m, approved_only)))
    df = pd.DataFrame(s.execute(q).all(), columns=["measure", "agency", "year", "status"])
    if df.empty:
        return pd.DataFrame(columns=["measure", "agency", "before", "after"])
    wide = df.pivot_table(index=["measure", "agency"], columns="year", values="status", aggfunc="first")
    if year - 1 not in wide or year not in wide:
        return pd.DataFrame(columns=["measure", "agency", "before", "after"])
    wide = wide.dropna().rename(columns={year - 1: "before", year: "after"}).reset_index()
    changed = wide[wide.before != wide.after]
    return changed[["measure", "agency", "before", "after"]].reset_index(drop=True)


def violence_types() -> dict[str, str]:
    """Violence type codes and names, in the app's fixed order."""
    return dict(texts.VIOLENCE_TYPES)
