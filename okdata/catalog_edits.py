"""The Samordnare's edits of the catalog in force: indicator directions and targets, series breaks. Every edit
is audited, and each raises the catalog revision where derived data depends on it."""

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session

from okdata import texts
from okdata.auth import Actor, audit, require
from okdata.catalog import bump_revision, current_plan, indicator_refs
from okdata.domain import QUANTITATIVE, IndicatorRef, Outcome, Result, Role, outcome
from okdata.models import Indicator, SeriesBreak


def editable_indicators(s: Session) -> list[IndicatorRef]:
    """The indicators whose direction, target and series breaks a Samordnare sets: the quantitative ones, in catalog
    order."""
    return [r for r in indicator_refs(s) if r.kind in QUANTITATIVE]


def _indicator(s: Session, code: str) -> Indicator:
    ind = s.scalars(select(Indicator).where(Indicator.code == code,
                                            Indicator.plan_period_id == current_plan(s).id)).first()
    if ind is None:
        raise ValueError(texts.ADMIN["unknown_indicator"].format(code=code))
    return ind


def edit_indicator(s: Session, actor: Actor, code: str, *, direction: int, target_value: float | None,
                   target_year: int | None) -> Outcome:
    """Set an indicator's direction and target (the catalog file sets them only once): ok, or unchanged when they
    were already so (nothing written); ValueError in Swedish when they are not valid."""
    require(actor, Role.COORDINATOR)
    if direction not in (-1, 0, 1):
        raise ValueError(texts.ADMIN["bad_direction"])
    if (target_value is None) != (target_year is None):
        raise ValueError(texts.ADMIN["target_needs_year"])
    ind = _indicator(s, code)
    if ind.kind == "share" and target_value is not None and not 0 <= target_value <= 100:
        raise ValueError(texts.ADMIN["share_target"])
    before = {"direction": ind.direction, "target_value": ind.target_value, "target_year": ind.target_year}
    target_year = int(target_year) if target_year is not None else None  # a form's number may come as a float
    ind.direction, ind.target_value, ind.target_year = direction, target_value, target_year
    s.add(ind)
    s.flush()
    after = {"direction": ind.direction, "target_value": ind.target_value, "target_year": ind.target_year}
    if after != before:
        bump_revision(s)
        audit(s, actor.username, "catalog_edit", "indicator", code,
              texts.AUDIT["catalog_edit"].format(indicator=code), before=before, after=after)
        return outcome(Result.DONE, "catalog_edit", "ok", code=code)
    return outcome(Result.NOTHING, "catalog_edit", "unchanged", code=code)


def add_series_break(s: Session, actor: Actor, code: str, year: int, description: str) -> Outcome:
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
    return outcome(Result.DONE, "series_break", "ok", code=code, year=year)


def series_breaks(s: Session) -> pd.DataFrame:
    """Every series break with its indicator code."""
    q = (select(SeriesBreak, Indicator.code).join(Indicator, Indicator.id == SeriesBreak.indicator_id)
         .order_by(Indicator.code, SeriesBreak.year))
    return pd.DataFrame([{"indicator": code, "year": b.year, "description": b.description, "by": b.created_by}
                         for b, code in s.execute(q)], columns=["indicator", "year", "description", "by"])


