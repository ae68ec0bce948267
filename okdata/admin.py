"""The county coordinator's edits: indicator targets and directions, series breaks; and reporting completeness per
agency against the deadline (the reporting years themselves are periods.py). Every edit is audited."""

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from sqlalchemy import func, select
from sqlmodel import Session

from okdata import texts
from okdata.auth import Actor, audit, require
from okdata.catalog import bump_revision, current_plan, plan_for_year
from okdata.domain import Role
from okdata.models import ImportBatch, Indicator, SeriesBreak
from okdata.periods import deadline_of
from okdata.returns import reporting_agencies
from okdata.template import catalog_frames, expected_count


def _indicator(s: Session, code: str) -> Indicator:
    ind = s.scalars(select(Indicator).where(Indicator.code == code,
                                            Indicator.plan_period_id == current_plan(s).id)).first()
    if ind is None:
        raise ValueError(texts.ADMIN["unknown_indicator"].format(code=code))
    return ind


def edit_indicator(s: Session, actor: Actor, code: str, *, direction: int, target_value: float | None,
                   target_year: int | None) -> bool:
    """Set an indicator's direction and target (the catalog file sets them only once); False when they were
    already so (nothing written)."""
    require(actor, Role.COORDINATOR)
    if direction not in (-1, 0, 1):
        raise ValueError(texts.ADMIN["bad_direction"])
    if (target_value is None) != (target_year is None):
        raise ValueError(texts.ADMIN["target_needs_year"])
    ind = _indicator(s, code)
    if ind.kind == "share" and target_value is not None and not 0 <= target_value <= 100:
        raise ValueError(texts.ADMIN["share_target"])
    before = {"direction": ind.direction, "target_value": ind.target_value, "target_year": ind.target_year}
    ind.direction, ind.target_value, ind.target_year = direction, target_value, target_year
    s.add(ind)
    s.flush()
    after = {"direction": ind.direction, "target_value": ind.target_value, "target_year": ind.target_year}
    if after != before:
        bump_revision(s)
        audit(s, actor.username, "catalog_edit", "indicator", code,
              texts.AUDIT["catalog_edit"].format(indicator=code), before=before, after=after)
    return after != before


def add_series_break(s: Session, actor: Actor, code: str, year: int, description: str) -> None:
    """Record that an indicator's definition changed from `year`: earlier values are not compared with later."""
    require(actor, Role.COORDINATOR)
    if not description.strip():
        raise ValueError(texts.ADMIN["break_needs_text"])
    ind = _indicator(s, code)
    s.add(SeriesBreak(indicator_id=ind.id, year=year, description=description.strip(), created_by=actor.username))
    s.flush()
    audit(s, actor.username, "series_break", "indicator", code,
          texts.AUDIT["series_break"].format(indicator=code, year=year),
          after={"year": year, "description": description.strip()})


def series_breaks(s: Session) -> pd.DataFrame:
    """Every series break with its indicator code."""
    q = (select(SeriesBreak, Indicator.code).join(Indicator, Indicator.id == SeriesBreak.indicator_id)
         .order_by(Indicator.code, SeriesBreak.year))
    return pd.DataFrame([{"indicator": code, "year": b.year, "description": b.description, "by": b.created_by}
                         for b, code in s.execute(q)], columns=["indicator", "year", "description", "by"])


COUNTED = ("submitted", "approved", "returned")  # an agency's uploads that say where its return stands


@dataclass(frozen=True)
class Completeness:
    """One agency's return for a year against the deadline."""

    agency: str
    expected: int
    uploads: int
    last_upload: datetime | None
    status: str  # saknas, inskickad, godkand, aterssand
    overdue: bool


def completeness(s: Session, year: int, today: date | None = None) -> list[Completeness]:
    """Per reporting agency: expected values, uploads for the year, latest state, overdue against the deadline."""
    deadline = deadline_of(s, year)
    q = (select(ImportBatch.agency_id, ImportBatch.status, func.count(), func.max(ImportBatch.created_at))
         .where(ImportBatch.kind == "upload", ImportBatch.year == year, ImportBatch.status.in_(COUNTED))
         .group_by(ImportBatch.agency_id, ImportBatch.status))
    states: dict[int, dict[str, tuple[int, datetime]]] = {}
    for agency_id, status, n, last in s.execute(q):
        states.setdefault(agency_id, {})[status] = (n, last)
    frames = catalog_frames(s)
    plan = plan_for_year(s, year)
    return [agency_state(a.name, expected_count(frames, a, year, plan.end_year if plan else None),
                         states.get(a.id, {}), deadline, today)
            for a in reporting_agencies(s)]


def agency_state(agency: str, expected: int, states: dict[str, tuple[int, datetime]], deadline: date | None,
                 today: date | None = None) -> Completeness:
    """An agency's return for a year from its uploads' {status: (count, latest time)} (rolled back ones left
    out): approved before submitted before returned; overdue when nothing counts after the deadline."""
    today = today or date.today()
    n = sum(v[0] for v in states.values())
    last = max((v[1] for v in states.values()), default=None)
    if "approved" in states:
        status = "godkand"
    elif "submitted" in states:
        status = "inskickad"
    elif "returned" in states:
        status = "aterssand"
    else:
        status = "saknas"
    overdue = deadline is not None and today > deadline and status in ("saknas", "aterssand")
    return Completeness(agency, expected, n, last, status, overdue)
