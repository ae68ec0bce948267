"""Readers of stored values and measure statuses (what the views show), aggregated in SQL."""

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import and_, bindparam, exists, select, text
from sqlmodel import Session

from okdata.catalog import COUNTY_CODE, current_plan
from okdata.db import fetch, tuples
from okdata.models import Agency, ImportBatch, MeasureStatus, Observation
from okdata.scope import visible

HEADLINE = and_(Observation.violence_type == "", Observation.area_code == COUNTY_CODE, Observation.grp == "",
                Observation.category == "")


# The years of the values by hopping along the (area_code, year) index (a "loose index scan"): per area the next
# year after the last one found. ~400 index seeks instead of reading a million rows for SELECT DISTINCT year
# (0,5 ms against 50 ms at 1 000 000 values). Plain SQL:1999 recursion, the same on SQLite and PostgreSQL.
# With them, in the same statement, the years of measure statuses and whether any status of the year is approved.
YEARS_SQL = text("""
    WITH RECURSIVE areas(code) AS (
        SELECT min(area_code) FROM observation
        UNION ALL
        SELECT (SELECT min(o.area_code) FROM observation o WHERE o.area_code > areas.code)
        FROM areas WHERE areas.code IS NOT NULL),
    years(code, year) AS (
        SELECT code, (SELECT min(o.year) FROM observation o WHERE o.area_code = areas.code)
        FROM areas WHERE areas.code IS NOT NULL
        UNION ALL
        SELECT code, (SELECT min(o.year) FROM observation o WHERE o.area_code = years.code AND o.year > years.year)
        FROM years WHERE years.year IS NOT NULL)
    SELECT DISTINCT year, 1 AS has_values, 0 AS approved_status FROM years WHERE year IS NOT NULL
    UNION ALL
    SELECT year, 0, max(CASE WHEN is_approved THEN 1 ELSE 0 END) FROM measure_status GROUP BY year""")


def year_choices(s: Session) -> tuple[list[int], int]:
    """The year selector's years, newest first (every year with a value or a status, and every opened reporting
    year of the plan period read, before anyone has reported for it), and the year it starts on: the newest year
    with approved measure statuses (the last reporting year), else the newest with values, else the plan's first
    year. No year after the plan period's end: the next plan's values are that plan's (the years before the plan
    are its baselines)."""
    from okdata.periods import plan_open_years

    end = current_plan(s).end_year
    found = [(y, v, a) for y, v, a in fetch(s, YEARS_SQL).all() if int(y) <= end]
    years = sorted({*(int(y) for y, _, _ in found), *plan_open_years(s)}, reverse=True)
    statuses = [int(y) for y, _, approved in found if approved]
    values = [int(y) for y, has_values, _ in found if has_values]
    return years, max(statuses or values or [current_plan(s).start_year])


def year_has_values(s: Session, year: int) -> bool:
    """Whether `year` holds an approved value."""
    return s.scalar(select(exists().where(Observation.year == year, visible(Observation)))) or False


@dataclass(frozen=True)
class DataState:
    """What every progress page asks of the stored data before it shows anything (one read): the year selector's
    years, newest first, and the year it starts on (year_choices), and whether example figures are shown (the
    Exempeldata banner)."""

    years: tuple[int, ...]
    default: int
    example: bool


def data_state(s: Session) -> DataState:
    """The year choices and the example flag, read together."""
    years, default = year_choices(s)
    return DataState(tuple(years), default, has_example_data(s))


def has_example_data(s: Session) -> bool:
    """Whether any example value or status is visible."""
    return bool(fetch(s, _EXAMPLE_SQL).scalar())


# every progress page asks this: a Core statement built once, without the ORM session's per-call work
_EXAMPLE_SQL = select(exists().where(ImportBatch.kind == "sample", ImportBatch.status == "approved"))


def measure_statuses(s: Session, measure_id: int, approved_only: bool = True) -> list[tuple]:
    """Every visible status row of a measure, newest first: year, agency, status, description, is_example,
    batch_id, is_approved."""
    return tuples(fetch(s, _measure_statuses_query(approved_only), {"measure": measure_id}))


@lru_cache(maxsize=2)
def _measure_statuses_query(approved_only: bool):
    """measure_statuses' statement, built once (:measure bound)."""
    return (select(MeasureStatus.year, Agency.short_name, MeasureStatus.status, MeasureStatus.description,
                   MeasureStatus.is_example, MeasureStatus.batch_id, MeasureStatus.is_approved)
            .join(Agency, Agency.id == MeasureStatus.agency_id)
            .where(MeasureStatus.measure_id == bindparam("measure"), visible(MeasureStatus, approved_only))
            .order_by(MeasureStatus.year.desc(), Agency.short_name))


