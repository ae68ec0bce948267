"""One indicator on a page of its own (as Open SDG has): its status with the explanation, and what the catalog
says about it — measure and goal, responsible agencies, kind, unit, direction, frequency, target, series breaks,
where its values come from, catalog revision (issue 20, item 2). Its chart and table: overview.indicator_chart_data."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from okdata import texts
from okdata.catalog import current_plan, goals_frame, indicator_refs, measure_refs, pin_year
from okdata.db import fetch
from okdata.domain import IndicatorRef
from okdata.formatting import fmt_list, fmt_value
from okdata.models import Observation, SeriesBreak
from okdata.progress import ICONS
from okdata.snapshot import indicator_rows


@dataclass(frozen=True)
class IndicatorPage:
    """What the Indikator page shows besides the chart: the indicator, its status and the metadata as
    (label, text) pairs in a fixed order."""

    ref: IndicatorRef
    status: str
    status_line: str
    explanation: str
    metadata: list[tuple[str, str]]


def indicator_choices(s: Session, year: int) -> dict[str, str]:
    """Every indicator of the catalog revision in force for the year, code → 'code name', in catalog order (what
    the page offers: one retired later can still be opened for a year it was reported for)."""
    pin_year(s, year)
    return {i.code: f"{i.code} {i.name}" for i in indicator_refs(s)}


def indicator_page(s: Session, code: str, year: int, approved_only: bool = True) -> IndicatorPage:
    """The indicator with this catalog code for the year, as the catalog revision in force for the year has it
    (its direction, target, measure): its status and explanation, and its metadata."""
    pin_year(s, year)
    i = next(r for r in indicator_refs(s) if r.code == code)
    row = indicator_rows(s, year, approved_only, indicator_ids=[i.id])[0]
    M = texts.INDICATOR_META
    goal = goals_frame(s).set_index("number").loc[i.goal, "title"]
    measure = next((m for m in measure_refs(s) if m.code == i.measure), None)
    breaks = fetch(s, select(SeriesBreak.year, SeriesBreak.description)
                   .where(SeriesBreak.indicator_id == i.id).order_by(SeriesBreak.year)).all()
    sources = sorted(set(fetch(s, select(Observation.source).distinct().where(
        Observation.indicator_id == i.id, Observation.source != "", Observation.is_example.is_(False)))
        .scalars().all()))
    plan = current_plan(s)
    pin = s.info.get("plan_pin")  # the catalog read above (pin_year): cited as shown, under the plan read
    revision = pin[1] if pin is not None and pin[0] == plan.id else None
    target = (M["target_value"].format(value=fmt_value(i.target_value, i.kind), year=i.target_year or plan.end_year)
              if i.target_value is not None else M["none"])
    metadata = [
        (M["goal"], f"{texts.GOAL_N.format(n=i.goal)}: {goal}"),
        (M["measure"], f"{measure.code} {measure.text}" if measure else M["goal_level"]),
        (M["agencies"], measure.agencies if measure else texts.COUNTY_COORDINATOR_NAME),
        (M["kind"], texts.KINDS[i.kind]),
        (M["unit"], i.unit or M["none"]),
        (M["per_capita"], M["per_capita_rate"] if i.kind == "rate" else M["per_capita_yes"] if i.per_capita
         else M["per_capita_no"]),
        (M["direction"], texts.DIRECTIONS[i.direction]),
        (M["frequency"], texts.FREQUENCIES[i.frequency]),
        (M["breakdowns"], fmt_list(texts.BREAKDOWNS[b] for b in i.breakdowns) or M["none"]),
        (M["target"], target),
        (M["breaks"], "; ".join(f"{y}: {d}" for y, d in breaks) or M["none"]),
        (M["source"], fmt_list(sources) if sources else M["returns"].format(
            agencies=measure.agencies if measure else texts.COUNTY_COORDINATOR_NAME)),
        (M["revision"], M["revision_text"].format(plan=plan.name, revision=revision or plan.revision)),
    ]
    if i.is_development:
        metadata.append((M["development"], texts.DEVELOPMENT_INDICATOR))
    line = f"{ICONS[row.status]} **{texts.PROGRESS_STATUSES[row.status]}** ({texts.YEAR} {year})"
    return IndicatorPage(i, row.status, line, row.explanation, metadata)
