"""Readers of stored values and measure statuses (what the views show), aggregated in SQL."""

import pandas as pd
from sqlalchemy import and_, case, func, select, text
from sqlmodel import Session

from okdata import texts
from okdata.catalog import COUNTY_CODE, current_plan
from okdata.db import fetch
from okdata.domain import Implementation
from okdata.models import Agency, ImportBatch, MeasureStatus, Observation
from okdata.scope import visible  # noqa: F401  (the views' filter; readers import it from here)

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
    """The year selector's years, newest first (every year with a value or a status), and the year it starts on:
    the newest year with approved measure statuses (the last reporting year), else the newest with values, else
    the plan's first year. One statement."""
    found = fetch(s, YEARS_SQL).all()
    years = sorted({int(y) for y, _, _ in found}, reverse=True)
    statuses = [int(y) for y, _, approved in found if approved]
    values = [int(y) for y, has_values, _ in found if has_values]
    return years, max(statuses or values or [current_plan(s).start_year])


def has_example_data(s: Session) -> bool:
    """Whether any example value or status is visible."""
    return s.scalar(select(func.count()).select_from(ImportBatch).where(ImportBatch.kind == "sample",
                                                                        ImportBatch.status == "approved")) > 0


def reported_indicators(s: Session, year: int, approved_only: bool = True) -> set[int]:
    """Ids of indicators with at least one value in the year."""
    return set(s.scalars(select(Observation.indicator_id).distinct()
                         .where(Observation.year == year, visible(Observation, approved_only))))


def status_counts(s: Session, year: int, approved_only: bool = True) -> pd.DataFrame:
    """Per measure and status, how many agencies reported it for the year."""
    rows = s.execute(
        select(MeasureStatus.measure_id, MeasureStatus.status, func.count().label("n"),
               func.sum(case((MeasureStatus.is_example.is_(True), 1), else_=0)).label("n_example"))
        .where(MeasureStatus.year == year, visible(MeasureStatus, approved_only))
        .group_by(MeasureStatus.measure_id, MeasureStatus.status)
    ).all()
    return pd.DataFrame(rows, columns=["measure_id", "status", "n", "n_example"])


def status_text(counts: pd.DataFrame, measure_id: int) -> str:
    """'Pågående (3), Genomförd (1)' for one measure, in the order of the status list."""
    mine = counts[counts.measure_id == measure_id].set_index("status")["n"]
    if mine.empty:
        return texts.NOT_REPORTED
    parts = [(texts.IMPLEMENTATION[st], int(mine[st])) for st in Implementation if st in mine.index]
    if len(parts) == 1 and parts[0][1] == 1:
        return parts[0][0]
    return ", ".join(f"{st} ({n})" for st, n in parts)


def measure_statuses(s: Session, measure_id: int, approved_only: bool = True) -> list[tuple]:
    """Every visible status row of a measure, newest first: year, agency, status, description, is_example,
    batch_id."""
    return [tuple(r) for r in s.execute(
        select(MeasureStatus.year, Agency.short_name, MeasureStatus.status, MeasureStatus.description,
               MeasureStatus.is_example, MeasureStatus.batch_id)
        .join(Agency, Agency.id == MeasureStatus.agency_id)
        .where(MeasureStatus.measure_id == measure_id, visible(MeasureStatus, approved_only))
        .order_by(MeasureStatus.year.desc(), Agency.short_name))]


def measure_ids_with_status(s: Session, year: int, approved_only: bool = True) -> set[int]:
    """Measures with at least one status for the year."""
    return set(s.scalars(select(MeasureStatus.measure_id).distinct()
                         .where(MeasureStatus.year == year, visible(MeasureStatus, approved_only))))

