"""What the Översikt and Mål pages show: goals, measures, indicators and the reporting state of a year."""

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from sqlalchemy import bindparam, exists, func, select
from sqlmodel import Session

from okdata import texts
from okdata.catalog import (
    area_names,
    from_catalog,
    goal_titles,
    goals_frame,
    indicator_record,
    indicator_refs,
    measure_refs,
    pin_year,
    plan_info,
)
from okdata.catalog_edits import break_years
from okdata.charts import VIOLENCE_COLORS, describe_series, series_chart
from okdata.db import fetch
from okdata.domain import NOT_QUANTITATIVE, QUANTITATIVE, Dimension, Frequency
from okdata.explore import DIMENSIONS, TOTALS, series_points
from okdata.export import ValueRows, as_records, source_label, stored_values
from okdata.formatting import as_shown, fmt_value, held, period_label, shown_table
from okdata.models import Indicator, MeasureStatus, Observation
from okdata.periods import report_year, reporting_year_choices
from okdata.progress import ICONS, distribution_text
from okdata.scope import measure_reporter_ids, visible
from okdata.snapshot import indicator_rows, snapshot
from okdata.values import HEADLINE, measure_statuses, year_choices


@dataclass(frozen=True)
class GoalCard:
    """One goal on the overview, with the reporting state of the chosen year."""

    number: int
    title: str
    measures: int
    indicators: int
    expected: int
    reported: int
    measures_with_status: int


def overview_years(s: Session) -> tuple[list[int], int]:
    """The years Översikt offers, newest first, and the one it starts on: the years the other pages offer
    (year_choices) that are reporting years (reporting_year_choices), so that its reporting state and goal
    statuses are never counted for a year before the plan, which nobody reports for, and its links to
    Rapporteringsläge and Mål open the year it shows; the reporting years while the plan holds nothing yet."""
    years, default = year_choices(s)
    reporting = reporting_year_choices(s)
    offered = [y for y in years if y in reporting] or reporting
    return offered, default if default in offered else report_year(offered)


def goal_cards(s: Session, year: int, approved_only: bool = True) -> list[GoalCard]:
    """The goals with counts and the year's reporting state, under the catalog revision in force for the year (a
    measure retired from a later year still counts in this one)."""
    pin_year(s, year)
    measures, inds = measure_refs(s), indicator_refs(s)
    yearly = {i.id for i in inds
              if i.kind in QUANTITATIVE and i.frequency == Frequency.YEARLY and not i.is_development}
    o, m = Observation, MeasureStatus
    # A carried-over indicator's values are stored under the earlier plan's indicator: the refs' id is that key.
    # EXISTS per key stops at the first row (DISTINCT over the observations read every row of the year: 4× slower).
    key = func.coalesce(Indicator.series_id, Indicator.id)
    reported = {k for (k,) in fetch(s, select(key).where(key.in_(sorted(yearly)), exists().where(
        o.indicator_id == key, o.year == year, visible(o, approved_only)))).all()} if yearly else set()
    # a status of an agency that answers for the measure (a return for Länsstyrelsen may hold any measure's)
    owed, code = measure_reporter_ids(s), {x.id: x.code for x in measures}
    with_status = {mid for mid, agency in fetch(s, select(m.measure_id, m.agency_id).where(
        m.measure_id.in_(list(code)), m.year == year, visible(m, approved_only))).all()
        if agency in owed.get(code[mid], ())}
    cards = []
    for number, title in goal_titles(s).items():
        mine = [i.id for i in inds if i.goal == number]
        goal_measures = [x.id for x in measures if x.goal == number]
        cards.append(GoalCard(number, title, len(goal_measures), len(mine), len(yearly.intersection(mine)),
                              len(reported.intersection(mine)), len(with_status.intersection(goal_measures))))
    return cards


def indicator_table(s: Session, year: int, approved_only: bool = True, goal: int | None = None,
                    trends: dict[int, dict] | None = None) -> pd.DataFrame:
    """Indicators (of a goal) with their latest headline value up to the year, ready to show (`trends`:
    headline_trends of the same year and goal, read here when not given)."""
    pin_year(s, year)  # the catalog revision in force for the year
    if trends is None:
        trends = headline_trends(s, year, approved_only, goal)
    rows = []
    for i in indicator_refs(s):
        if goal is not None and i.goal != goal:
            continue
        v = trends.get(i.id)
        value = (texts.DEVELOPMENT_INDICATOR if i.is_development else texts.NO_VALUES if v is None else v["value"])
        rows.append((i.measure or texts.GOAL_LEVEL, i.code, i.name, texts.KINDS[i.kind], texts.DIRECTIONS[i.direction],
                     texts.FREQUENCIES[i.frequency], ", ".join(texts.BREAKDOWNS[x] for x in i.breakdowns) or "–",
                     value,
                     "" if v is None else str(v["year"]),
                     "" if v is None else source_label(v["example"], v["source"], approved=v["approved"])))
    return shown_table(rows, [texts.COL_CODE, texts.COL_INDICATOR_ID, texts.COL_INDICATOR, texts.COL_KIND,
                              texts.COL_DIRECTION, texts.COL_FREQUENCY, texts.COL_BREAKDOWNS, texts.COL_LATEST,
                              texts.COL_LATEST_YEAR, texts.COL_SOURCE])


# The measure's text is long: it wraps in tall rows (five lines; the longest are also listed whole under the table),
# and the statuses, which start with their state, fit beside it at 1366 px without scrolling (issue 17).
MEASURE_TABLE_WIDTHS = {0: 45, 1: 210, 2: 100, 3: 70, 4: 140, 5: 140, 6: 95}
MEASURE_ROW_HEIGHT = 108


def measure_table(progress, trends: dict[int, dict], goal: int, period: str, plan_start: int = 0) -> pd.DataFrame:
    """A goal's measures from a progress snapshot: code, text, agencies, frequency, the year's reported
    implementation status (for a year before the plan's first, `plan_start`, that it is followed up from then)
    beside the outcome status of its indicators (⚠ before a mismatch: reported done while the outcome worsens), and
    its first indicator's latest headline value with its trend (`trends`: headline_trends); the text's heading
    names the plan `period` ('2024–2027')."""

    year, prog = progress.year, [m for m in progress.measure_rows if m.goal == goal]
    by_measure: dict[str, list[int]] = {}
    for i in progress.indicator_rows:
        if i.measure:
            by_measure.setdefault(i.measure, []).append(i.indicator_id)
    latest, sparks = [], []
    for m in prog:
        mine = [trends[i] for i in by_measure.get(m.code, []) if i in trends]
        show = mine[0] if mine else None
        latest.append("–" if show is None else (show["text"] if len(by_measure[m.code]) == 1
                                                else f"{show['code']}: {show['text']}"))
        sparks.append(show["values"] if show else [])
    return shown_table({
        texts.COL_CODE: [m.code for m in prog],
        texts.COL_MEASURE.format(period=period): [m.text for m in prog],
        texts.COL_AGENCIES: [m.agencies for m in prog],
        texts.COL_FREQUENCY: [texts.FREQUENCIES[m.frequency] for m in prog],
        texts.PROGRESS_VIEW["col_impl"].format(year=year): [
            texts.PROGRESS_VIEW["before_plan"].format(start=plan_start) if year < plan_start
            else implementation_text(m.state, m.reports, m.expected) for m in prog],
        texts.PROGRESS_VIEW["col_outcome"].format(year=year): [
            held("⚠" if m.mismatch else "", ICONS[m.outcome], texts.PROGRESS_STATUSES[m.outcome])
            + (f" ({distribution_text(m.outcome_distribution)})" if m.outcome_distribution else "") for m in prog],
        texts.PROGRESS_VIEW["col_trend"]: latest,
        texts.TRENDS["column"]: sparks,
    })


def implementation_text(state: str, reports: dict[str, int], expected: int) -> str:
    """'◐ Pågående – rapporter: Pågående 3, Genomförd 1 (4 av 26)': the measure's combined state, then the reports
    behind it when more than one agency answers for it."""
    head = held(texts.STATUS_ICONS[state], texts.MEASURE_STATES[state])
    if expected <= 1 or not reports:
        return head
    spread = ", ".join(f"{texts.IMPLEMENTATION[st]} {n}" for st, n in reports.items())
    return texts.PROGRESS_VIEW["state_reports"].format(state=head, reports=spread, reported=sum(reports.values()),
                                                       expected=expected)


def headline_trends(s: Session, year: int, approved_only: bool = True, goal: int | None = None) -> dict[int, dict]:
    """Per indicator (of a goal) with headline values up to the year: the latest value with an arrow against the
    one before it ('1 250 ↓ (2025)'), its year and provenance, and all values in year order (for a small trend
    line); both from the indicator's last series break on (catalog_edits.add_series_break)."""
    pin_year(s, year)  # the catalog revision in force for the year
    refs = {r.id: r for r in indicator_refs(s) if goal is None or r.goal == goal}
    params = {"year": year, "ids": list(refs)}
    series: dict[int, list] = {}
    for row in fetch(s, _headline_query(approved_only, goal is not None), params).all():
        series.setdefault(row[0], []).append(row)
    out = {}
    breaks = break_years(s)
    for iid, pts in series.items():
        if iid not in refs:
            continue
        pts.sort(key=lambda p: p[1])
        start = max((b for b in breaks.get(iid, ()) if b <= pts[-1][1]), default=None)
        if start is not None:  # the series since its last break: nothing before it is compared with after
            pts = [p for p in pts if p[1] >= start]
        code, kind = refs[iid].code, refs[iid].kind
        _, y, v, txt, example, source, approved = pts[-1]
        arrow = ""
        if len(pts) > 1 and v is not None and pts[-2][2] is not None:
            now, before = as_shown(v), as_shown(pts[-2][2])  # the direction of the figures as shown
            arrow = " ↑" if now > before else " ↓" if now < before else " →"
        value = fmt_value(v, kind, txt if isinstance(txt, str) else None)
        out[iid] = {"code": code, "text": f"{value}{arrow} ({y})", "value": value, "year": int(y),
                    "example": bool(example), "source": source, "approved": bool(approved),
                    "values": [p[2] for p in pts if p[2] is not None]}
    return out


@lru_cache(maxsize=4)
def _headline_query(approved_only: bool, some_indicators: bool):
    """headline_trends' statement, built once (:year and :ids bound). Sorted in Python: asked to sort, SQLite
    walks an index by year instead of the key index."""
    o = Observation
    q = (select(o.indicator_id, o.year, o.value_num, o.value_text, o.is_example, o.source, o.is_approved)
         .where(o.year <= bindparam("year"), HEADLINE, visible(o, approved_only)))
    return q.where(o.indicator_id.in_(bindparam("ids", expanding=True))) if some_indicators else q


@dataclass(frozen=True)
class GoalView:
    """What the Mål page shows of a goal for a year, read in one go: its title, what must be in place and its
    development areas (goal_info), its measures with statuses and trends, the measures reported done while the
    outcome worsens, its indicators with their latest values, and its measures to choose one from (code → text)."""

    measures: pd.DataFrame  # measure_table
    mismatches: list[str]
    indicators: pd.DataFrame  # indicator_table
    summary: object = None  # the goal's snapshot.GoalRow: its measures by state and outcome, its indicators
    info: dict | None = None  # goal_info
    measure_texts: dict[str, str] | None = None  # goal_measures
    plan_start: int | None = None  # the plan's first year: no measure is followed up before it


def goal_view(s: Session, goal: int, year: int, approved_only: bool = True) -> GoalView:
    """The goal's statuses (only its own: snapshot.snapshot with `goal`) and its indicators' headline values
    (one query serving both tables), with what the catalog says of the goal: one read for the page's goal part."""
    pin_year(s, year)  # the catalog revision in force for the year
    status = snapshot(s, year, approved_only, goal)
    trends = headline_trends(s, year, approved_only, goal)
    row = status.of_goal(goal)
    plan = plan_info(s)
    return GoalView(measure_table(status, trends, goal, period_label(plan.code), plan.start_year),
                    list(row.mismatches) if row else [],
                    indicator_table(s, year, approved_only, goal, trends), row, goal_info(s, goal),
                    goal_measures(s, goal), plan.start_year)


def goal_info(s: Session, goal: int) -> dict:
    """A goal's title, what must be in place and its development areas."""

    def build():
        g = goals_frame(s).set_index("number").loc[goal]
        return g["title"], tuple(g["in_place"]), tuple(g["development_areas"])

    title, in_place, areas = from_catalog(s, ("goal_info", goal), build)
    return {"number": goal, "title": title, "in_place": list(in_place), "development_areas": list(areas)}


def goal_measures(s: Session, goal: int) -> dict[str, str]:
    """A goal's live measures, code → text, in plan order."""

    return {m.code: m.text for m in measure_refs(s) if m.goal == goal}


def measure_detail(s: Session, code: str, year: int, approved_only: bool = True) -> dict:
    """A measure with each indicator's status and explanation (a milestone's or descriptive indicator's values as
    a `table`; None for the others, whose values the page draws), and the statuses and descriptions per year."""
    pin_year(s, year)  # the catalog revision in force for the year
    m = next(m for m in measure_refs(s) if m.code == code)
    inds = [i for i in indicator_refs(s) if i.measure == code]
    statuses = {r.indicator_id: r for r in indicator_rows(s, year, approved_only,
                                                          indicator_ids=[i.id for i in inds])}
    out = []
    for i in inds:
        st = statuses[i.id]
        table, milestone = None, ""
        if i.kind in NOT_QUANTITATIVE:
            points = series_points(s, i.id, approved_only, up_to=year)
            table = shown_table([(y, fmt_value(v, i.kind, t if isinstance(t, str) else None),
                                  source_label(bool(e), src, b, bool(ok)))
                                 for y, _, v, t, _, _, e, src, b, _, ok in points],
                                [texts.YEAR, texts.PROGRESS_VIEW["col_value"], texts.PROGRESS_VIEW["col_source"]])
            milestone = milestone_text([(y, t) for y, _, _, t, *_ in points]) if i.kind == "milestone" else ""
        out.append({"id": i.id, "code": i.code, "name": i.name, "kind": i.kind,
                    "breakdowns": list(i.breakdowns), "status": st.status, "explanation": st.explanation,
                    "table": table, "milestone": milestone})
    per_year = shown_table([(y, agency, texts.IMPLEMENTATION[st], description, source_label(bool(e), "", b, bool(ok)))
                            for y, agency, st, description, e, b, ok in measure_statuses(s, m.id, approved_only)
                            if y <= year],
                           [texts.YEAR, texts.COL_AGENCIES, texts.REPORT["status"], texts.REPORT["description"],
                            texts.COL_SOURCE])
    return {"code": code, "text": m.text, "agencies": m.agencies, "frequency": texts.FREQUENCIES[m.frequency],
            "indicators": out,
            "statuses": per_year}


def milestone_text(points) -> str:
    """'Ja, nådd 2024' or 'Nej (2025)': a milestone's latest answer and the year it was first reached, from its
    (year, answer) pairs in year order."""
    answers = [(int(y), t) for y, t in points if isinstance(t, str) and t]
    if not answers:
        return texts.PROGRESS_VIEW["milestone_none"]
    year, latest = answers[-1]
    if latest.strip().casefold() == texts.YES.casefold():
        reached = year
        for y, t in reversed(answers):
            if t.strip().casefold() != texts.YES.casefold():
                break
            reached = y
        return texts.PROGRESS_VIEW["milestone_reached"].format(year=reached)
    return texts.PROGRESS_VIEW["milestone_not"].format(value=latest, year=year)


def explain_missing(kind: str) -> str:
    """Why an indicator has no status."""
    key = "not_quantitative" if kind in NOT_QUANTITATIVE else "insufficient"
    return texts.PROGRESS_RULES[key]


def indicator_chart_values(s: Session, indicator_id: int, dimension: str | None, approved_only: bool = True,
                           year: int | None = None) -> dict:
    """An indicator's values over the years (headline or one breakdown) up to `year`, with its target and series
    breaks, the text alternative, the data table with the source of every value, and the values for the files
    (export.ValueRows), all from one read of its values (chart_values); with `year`, the indicator as the catalog
    revision in force for the year has it."""
    if year is not None:
        pin_year(s, year)
    i = indicator_record(s, indicator_id)
    points, breaks, values = chart_values(s, indicator_id, dimension, approved_only, year)
    labels: dict[str, str] = {}
    if dimension == Dimension.VIOLENCE_TYPE:
        labels = dict(texts.VIOLENCE_TYPE_SHORT)
    elif dimension == Dimension.AREA:
        labels = area_names(s)
    target = None  # without a year the target is for the plan's last year (the method's default)
    if pd.notna(i.target_value):
        target = (float(i.target_value), int(i.target_year) if pd.notna(i.target_year) else plan_info(s).end_year)
    title = f"{i.code} {i.name}" + (f" – {texts.EXAMPLE_DATA}" if any(p[6] for p in points) else "")
    drawn = [(y, m, v) for y, m, v, *_ in points if v is not None]
    frame = pd.DataFrame(drawn, columns=["year", "member", "value"])
    total = texts.CHARTS["total"]
    table = pd.DataFrame([(y, labels.get(m, m) or total, fmt_value(v, i.kind, t),
                           source_label(bool(e), src, b, bool(ok)), c or "")
                          for y, m, v, t, _, _, e, src, b, c, ok in points],
                         columns=[texts.YEAR, texts.PROGRESS_VIEW["col_member"], texts.PROGRESS_VIEW["col_value"],
                                  texts.PROGRESS_VIEW["col_source"], texts.COLUMNS_INDICATORS["comment"]])
    alt = describe_series(drawn, i.kind, title, labels)
    if target is not None:
        alt += " " + texts.REPORT["target"].format(value=fmt_value(target[0], i.kind), year=target[1]) + "."
    if breaks:
        alt += " " + texts.TRENDS["breaks"].format(years=", ".join(map(str, breaks)))
    return {"frame": frame, "title": title, "kind": i.kind, "unit": i.unit, "target": target,
            "labels": labels, "breaks": breaks, "alt": alt, "table": table, "values": values}


def chart_values(s: Session, indicator_id: int, dimension: str | None, approved_only: bool = True,
                 year: int | None = None) -> tuple[list[tuple], list[int], ValueRows]:
    """What a chart of the indicator is drawn from and offers as files, from one read of its values up to `year`:
    its points (explore.series_points' columns and whether the value is approved, a breakdown's total left out),
    the years of its series breaks and its files' records (the total included)."""
    stored = stored_values(s, [indicator_id], approved_only, dimension, last=year)
    column = DIMENSIONS.get(dimension) if dimension else None
    at = _STORED_MEMBER[column]
    points = [(r[5], r[at], *r[10:19]) for r in stored if column is None or r[at] != TOTALS[column]]
    return points, break_years(s).get(indicator_id, []), as_records(s, stored)


_STORED_MEMBER = {None: 6, "violence_type": 6, "area_code": 7, "grp": 8, "category": 9}  # in a stored_values row


def indicator_chart_data(s: Session, indicator_id: int, dimension: str | None, approved_only: bool = True,
                         year: int | None = None) -> dict:
    """indicator_chart_values with the chart drawn: lines per breakdown member (violence types in their fixed
    colours), the target as a dashed line, series breaks dotted."""

    d = indicator_chart_values(s, indicator_id, dimension, approved_only, year)
    d["figure"] = series_chart(d["frame"], d["kind"], d["unit"], d["title"], target=d["target"], labels=d["labels"],
                               colors=VIOLENCE_COLORS if dimension == Dimension.VIOLENCE_TYPE else None,
                               breaks=d["breaks"])
    return d
