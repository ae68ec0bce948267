"""The Samordnare's edits of the catalog in force: goals, measures and indicators (added, changed or retired, each
saved as a new catalog revision), indicator directions and targets, series breaks. Every edit is audited, and each
raises the catalog revision where derived data depends on it."""

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session

from okdata import clock, texts
from okdata.auth import Actor, audit, require
from okdata.catalog import INDICATOR_FIELDS, catalog_document, current_plan, indicator_refs
from okdata.catalog_revisions import CatalogChange, CatalogPreview, preview_catalog, revision_year, save_catalog
from okdata.db import fetch
from okdata.domain import QUANTITATIVE, IndicatorRef, Outcome, Result, Role, outcome
from okdata.file_text import typed_within
from okdata.formatting import quoted
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


def _checked_settings(s: Session, code: str, direction: int, target_value: float | None,
                      target_year: int | None) -> Indicator:
    """The indicator whose direction and target are set, after checking them (ValueError in Swedish)."""
    if direction not in (-1, 0, 1):
        raise ValueError(texts.ADMIN["bad_direction"])
    if (target_value is None) != (target_year is None):
        raise ValueError(texts.ADMIN["target_needs_year"])
    ind = _indicator(s, code)
    if ind.kind == "share" and target_value is not None and not 0 <= target_value <= 100:
        raise ValueError(texts.ADMIN["share_target"])
    return ind


def preview_indicator(s: Session, code: str, direction: int, target_value: float | None,
                      target_year: int | None, from_year: int | None = None) -> CatalogPreview:
    """What setting an indicator's direction and target from `from_year` changes and whose status it may change,
    as the preview of a catalog edit shows it (ValueError in Swedish when they are not valid, or the save from that
    year would be refused); nothing is stored."""
    _checked_settings(s, code, direction, target_value, target_year)
    return preview_edit(s, "indicator", code, _settings(direction, target_value, target_year), from_year)


def edit_indicator(s: Session, actor: Actor, code: str, *, direction: int, target_value: float | None,
                   target_year: int | None, from_year: int | None = None,
                   previewed: Sequence[CatalogChange] | None = None) -> Outcome:
    """Set an indicator's direction and target as a catalog revision in force from `from_year` (None: the plan's
    first year), as every catalog change (the years before keep theirs): ok, or unchanged when they were already
    so (nothing written); ValueError in Swedish when they are not valid or the year is refused."""
    require(actor, Role.COORDINATOR)
    ind = _checked_settings(s, code, direction, target_value, target_year)
    before = {"direction": ind.direction, "target_value": ind.target_value, "target_year": ind.target_year}
    after = _settings(direction, target_value, target_year)
    if after == before:
        return outcome(Result.NOTHING, "catalog_edit", "unchanged", code=code)
    saved = save_catalog(s, actor, revised_document(s, "indicator", code, after), from_year,
                         texts.CATALOG_REVISION_APP, previewed)
    if saved.ok:
        audit(s, actor.username, "catalog_edit", "indicator", code,
              texts.AUDIT["catalog_edit"].format(indicator=code), before=before, after=after)
    return saved


def _settings(direction: int, target_value: float | None, target_year: int | None) -> dict:
    """Direction and target as the catalog document holds them (a form's number may come as a float)."""
    return {"direction": direction, "target_value": target_value,
            "target_year": int(target_year) if target_year is not None else None}


def add_series_break(s: Session, actor: Actor, code: str, year: int, description: str) -> Outcome:
    """Record that an indicator's definition changed from `year`: earlier values are not compared with later."""
    require(actor, Role.COORDINATOR)
    description = typed_within(description)
    if not description:
        raise ValueError(texts.ADMIN["break_needs_text"])
    last = clock.today().year + 1
    if not FIRST_BREAK_YEAR <= year <= last:  # 2099 is a typing mistake, not a definition change
        raise ValueError(texts.ADMIN["break_year"].format(year=year, first=FIRST_BREAK_YEAR, last=last))
    ind = _indicator(s, code)
    series = ind.series_id or ind.id
    same = s.scalars(select(SeriesBreak).where(SeriesBreak.indicator_id == series, SeriesBreak.year == year)).first()
    if same is not None:  # a second break of the same year would stand beside the first in every list
        raise ValueError(texts.ADMIN["break_twice"].format(code=code, year=year, description=quoted(same.description)))
    s.add(SeriesBreak(indicator_id=series, year=year, description=description, created_by=actor.username))
    s.flush()
    s.info.pop(BREAKS, None)  # break_years reads them again in this transaction
    audit(s, actor.username, "series_break", "indicator", code,
          texts.AUDIT["series_break"].format(indicator=code, year=year),
          after={"year": year, "description": description})
    return outcome(Result.DONE, "series_break", "ok", code=code, year=year)


def remove_series_break(s: Session, actor: Actor, break_id: int) -> Outcome:
    """Take away a series break saved by mistake (its indicator's values are compared across the year again).
    Audited with what it said; nothing to do when it is already gone (another tab removed it)."""
    require(actor, Role.COORDINATOR)
    row = s.get(SeriesBreak, break_id)
    if row is None:
        return outcome(Result.NOTHING, "series_break_removed", "gone")
    code = s.scalars(select(Indicator.code).where(Indicator.id == row.indicator_id)).first() or ""
    year, description = row.year, row.description
    s.delete(row)
    s.flush()
    s.info.pop(BREAKS, None)
    audit(s, actor.username, "series_break_removed", "indicator", code,
          texts.AUDIT["series_break_removed"].format(indicator=code, year=year),
          before={"year": year, "description": description})
    return outcome(Result.DONE, "series_break_removed", "ok", code=code, year=year)


FIRST_BREAK_YEAR = 1990  # the earliest year of any series the plans follow up
BREAKS = "okdata_series_breaks"  # the transaction's break years, in Session.info


def break_years(s: Session) -> dict[int, list[int]]:
    """Indicator id → the years of its series breaks, read once per transaction (a page draws several charts;
    add_series_break forgets them when it adds one)."""
    if BREAKS not in s.info:
        found: dict[int, set[int]] = {}
        for indicator, year in fetch(s, _BREAK_YEARS).all():
            found.setdefault(indicator, set()).add(int(year))
        s.info[BREAKS] = {i: sorted(years) for i, years in found.items()}
    return s.info[BREAKS]


_BREAK_YEARS = select(SeriesBreak.indicator_id, SeriesBreak.year)


def series_breaks(s: Session) -> pd.DataFrame:
    """Every series break with its indicator code."""
    q = (select(SeriesBreak, Indicator.code).join(Indicator, Indicator.id == SeriesBreak.indicator_id)
         .order_by(Indicator.code, SeriesBreak.year))
    return pd.DataFrame([{"indicator": code, "year": b.year, "description": b.description, "by": b.created_by,
                          "id": b.id} for b, code in s.execute(q)],
                        columns=["indicator", "year", "description", "by", "id"])




# --- Goals, measures and indicators: an edit is a revised catalog document (catalog_revisions) ---------------

GOAL_FIELDS = ("title", "in_place", "development_areas")
MEASURE_FIELDS = ("goal", "text", "follow_up", "agencies", "frequency", "note")


def revised_document(s: Session, what: str, code: str, fields: dict | None) -> dict:
    """The read plan's catalog document with one goal, measure or indicator added, changed (`fields`, the
    catalog file's keys; an indicator's "measure" is its measure's code, "" for a goal-level one with "goal") or
    retired (`fields` None). Nothing is stored."""
    doc = catalog_document(s)
    code = str(code).strip()
    if what == "goal":
        goals = {str(g["number"]): g for g in doc["goal"]}
        if fields is None:
            doc["goal"] = [g for g in doc["goal"] if str(g["number"]) != code]
        elif code in goals:
            goals[code].update({k: fields[k] for k in GOAL_FIELDS if k in fields})
        else:
            if not code.isdigit():
                problem = "goal_number" if code else "goal_number_missing"
                raise ValueError(texts.CATALOG_CHECK[problem].format(goal=code))
            doc["goal"].append({"number": int(code), "in_place": [], "development_areas": [],
                                **{k: fields[k] for k in GOAL_FIELDS if k in fields}})
    elif what == "measure":
        measures = {m["code"]: m for m in doc["measure"]}
        if fields is None:
            doc["measure"] = [m for m in doc["measure"] if m["code"] != code]
        elif code in measures:
            measures[code].update({k: fields[k] for k in MEASURE_FIELDS if k in fields})
        else:  # check_document checks the new code
            doc["measure"].append({"code": code, "indicator": [],
                                   **{k: fields[k] for k in MEASURE_FIELDS if k in fields}})
    elif what == "indicator":
        _revise_indicator(doc, code, fields)
    return doc


def _revise_indicator(doc: dict, code: str, fields: dict | None) -> None:
    found = None
    for m in doc["measure"]:
        for ind in m["indicator"]:
            if ind["id"] == code:
                found = (ind, m)
    for ind in doc["regional_indicator"]:
        if ind["id"] == code:
            found = (ind, None)
    place = None
    if found is not None:  # take it out; it is put back where `fields` says, in its place when that is where it was
        ind, m = found
        within = m["indicator"] if m else doc["regional_indicator"]
        place = (within, within.index(ind))
        within.remove(ind)
    if fields is None:
        return
    ind = dict(found[0]) if found else {"id": code}
    values = {k: v for k, v in fields.items() if k in INDICATOR_FIELDS and k != "id"}
    ind.update(values)
    for k in [k for k, v in ind.items() if v is None]:
        del ind[k]
    measure = fields.get("measure", found[1]["code"] if found and found[1] else "")
    if measure:
        target = next((m for m in doc["measure"] if m["code"] == measure), None)
        if target is None:
            raise ValueError(texts.CATALOG_CHECK["unknown_measure"].format(code=code, measure=measure))
        ind.pop("goal", None)
        within = target["indicator"]
    else:
        ind["goal"] = int(fields.get("goal", found[0].get("goal", 0) if found else 0))
        within = doc["regional_indicator"]
    if place is not None and place[0] is within and (measure or ind["goal"] == found[0].get("goal")):
        within.insert(place[1], ind)
    else:  # new, or moved to another measure: last there
        within.append(ind)


def preview_edit(s: Session, what: str, code: str, fields: dict | None, from_year: int | None = None) -> CatalogPreview:
    """What an edit would change and affect (ValueError in Swedish when it is not valid, or, with `from_year`, when
    the save from that year would be refused); nothing is stored."""
    preview = preview_catalog(s, revised_document(s, what, code, fields))
    if from_year is not None and not preview.empty:
        revision_year(s, preview, from_year)
    return preview


def edit_catalog(s: Session, actor: Actor, what: str, code: str, fields: dict | None, from_year: int,
                 previewed: Sequence[CatalogChange] | None = None) -> Outcome:
    """Save one edit as a new catalog revision in force from `from_year` (catalog_revisions.save_catalog; with
    `previewed`, refused when the catalog has changed since that preview)."""
    require(actor, Role.COORDINATOR)
    return save_catalog(s, actor, revised_document(s, what, code, fields), from_year, texts.CATALOG_REVISION_APP,
                        previewed)
