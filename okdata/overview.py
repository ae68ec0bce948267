"""What the Översikt and Mål pages show: goals, measures, indicators and the reporting state of a year."""

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from sqlmodel import Session

from okdata import texts
from okdata.catalog import QUANTITATIVE, goals_frame, measures_frame
from okdata.formatting import fmt_value
from okdata.values import headline_latest


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
    status_counts: dict


def goal_cards(s: Session, year: int, approved_only: bool = True) -> list[GoalCard]:
    """The 8 goals with counts and the year's reporting state (counted in SQL, one row per goal)."""
    from okdata.catalog import plan_info

    q, impl = _goal_cards_queries(approved_only)
    params = {"plan": plan_info(s).id, "year": year}
    dist: dict[int, dict[str, int]] = {}
    for goal_id, status, n in s.execute(impl, params):
        dist.setdefault(goal_id, {})[status] = int(n)
    return [GoalCard(int(number), title, int(m or 0), int(i or 0), int(e or 0), int(r or 0), int(st or 0),
                     {x: dist[gid][x] for x in texts.MEASURE_STATUSES if x in dist.get(gid, {})})
            for gid, number, title, m, i, e, r, st in s.execute(q, params)]


@lru_cache(maxsize=4)
def _goal_cards_queries(approved_only: bool):
    """goal_cards' two statements (counts per goal; implementation statuses per goal), built once."""
    from sqlalchemy import and_, bindparam, case, exists, func, select

    from okdata.models import Goal, Indicator, Measure, MeasureStatus, Observation
    from okdata.values import visible

    plan, year = bindparam("plan"), bindparam("year")
    yearly = and_(Indicator.kind.in_(QUANTITATIVE), Indicator.frequency == texts.FREQUENCIES["yearly"],
                  Indicator.is_development.is_(False))
    has_value = exists().where(Observation.indicator_id == Indicator.id, Observation.year == year,
                               visible(Observation, approved_only))
    ind = (select(Indicator.goal_id, func.count().label("n"), func.sum(case((yearly, 1), else_=0)).label("expected"),
                  func.sum(case((and_(yearly, has_value), 1), else_=0)).label("reported"))
           .where(Indicator.plan_period_id == plan, Indicator.retired.is_(False)).group_by(Indicator.goal_id)
           .subquery())
    has_status = exists().where(MeasureStatus.measure_id == Measure.id, MeasureStatus.year == year,
                                visible(MeasureStatus, approved_only))
    mea = (select(Measure.goal_id, func.count().label("n"), func.sum(case((has_status, 1), else_=0)).label("status"))
           .where(Measure.plan_period_id == plan, Measure.retired.is_(False)).group_by(Measure.goal_id).subquery())
    q = (select(Goal.id, Goal.number, Goal.title, mea.c.n, ind.c.n, ind.c.expected, ind.c.reported, mea.c.status)
         .outerjoin(mea, mea.c.goal_id == Goal.id).outerjoin(ind, ind.c.goal_id == Goal.id)
         .where(Goal.plan_period_id == plan).order_by(Goal.number))
    impl = (select(Measure.goal_id, MeasureStatus.status, func.count())
            .join(Measure, Measure.id == MeasureStatus.measure_id)
            .where(MeasureStatus.year == year, visible(MeasureStatus, approved_only))
            .group_by(Measure.goal_id, MeasureStatus.status))
    return q, impl


def source_label(is_example: bool, source: str, batch_id: int | None = None) -> str:
    """Where a value comes from, as shown beside it: Exempeldata, its published source, or the upload."""
    if is_example:
        return texts.EXAMPLE_DATA
    if source:
        return source
    return texts.UPLOADED_VALUE + (f" ({texts.TRENDS['batch'].format(id=int(batch_id))})" if batch_id is not None
                                   else "")


def indicator_table(s: Session, year: int, approved_only: bool = True, goal: int | None = None) -> pd.DataFrame:
    """Indicators (of a goal) with their latest headline value up to the year, ready to show."""
    from sqlalchemy import select

    from okdata.catalog import plan_info
    from okdata.models import Goal, Indicator, Measure

    q = (select(Indicator.id, Indicator.code, Measure.code, Indicator.name, Indicator.kind, Indicator.direction,
                Indicator.frequency, Indicator.breakdowns, Indicator.is_development)
         .join(Goal, Goal.id == Indicator.goal_id).outerjoin(Measure, Measure.id == Indicator.measure_id)
         .where(Indicator.plan_period_id == plan_info(s).id, Indicator.retired.is_(False))
         .order_by(Goal.number, Indicator.measure_id.is_(None), Indicator.sort_key))
    if goal is not None:
        q = q.where(Goal.number == goal)
    inds = s.execute(q).all()
    latest = {r.indicator_id: r for r in headline_latest(s, year, approved_only).itertuples()}
    rows = []
    for iid, code, measure, name, kind, direction, frequency, breakdowns, development in inds:
        v = latest.get(iid)
        value = (texts.DEVELOPMENT_INDICATOR if development else texts.NO_VALUES if v is None else
                 fmt_value(v.value_num, kind, v.value_text if isinstance(v.value_text, str) else None))
        rows.append((measure or texts.GOAL_LEVEL, code, name, texts.KINDS[kind], texts.DIRECTIONS[direction],
                     frequency, ", ".join(texts.BREAKDOWNS[x] for x in breakdowns) or "–", value,
                     "" if v is None else str(int(v.year)), "" if v is None else source_label(bool(v.is_example),
                                                                                            v.source)))
    return pd.DataFrame(rows, columns=[texts.COL_CODE, texts.COL_INDICATOR_ID, texts.COL_INDICATOR, texts.COL_KIND,
                                       texts.COL_DIRECTION, texts.COL_FREQUENCY, texts.COL_BREAKDOWNS,
                                       texts.COL_LATEST, texts.COL_LATEST_YEAR, texts.COL_SOURCE])


# The measure's text is long: narrower than the rest so that statuses and values fit without scrolling
MEASURE_TABLE_WIDTHS = {0: 50, 1: 190, 2: 110, 3: 80, 4: 150, 5: 180, 6: 115}


def measure_table(progress, trends: dict[int, dict], goal: int) -> pd.DataFrame:
    """A goal's measures from a progress snapshot: code, text, agencies, frequency, the year's reported
    implementation status beside the outcome status of its indicators (⚠ before a mismatch: reported done while
    the outcome worsens), and its first indicator's latest headline value with its trend (`trends`:
    headline_trends)."""
    from okdata.progress import ICONS, distribution_text

    year, prog = progress.year, progress.measures
    prog = prog[prog.goal == goal]
    by_measure: dict[str, list[int]] = {}
    for measure, iid in zip(progress.indicators.measure, progress.indicators.indicator_id):
        if measure:
            by_measure.setdefault(measure, []).append(iid)
    latest, sparks = [], []
    for code in prog.code:
        mine = [trends[i] for i in by_measure.get(code, []) if i in trends]
        show = mine[0] if mine else None
        latest.append("–" if show is None else (show["text"] if len(by_measure[code]) == 1
                                                else f"{show['code']}: {show['text']}"))
        sparks.append(show["values"] if show else [])
    outcome = [("⚠ " if flag else "") + f"{ICONS[o]} {o}" + (f" ({distribution_text(d)})" if d else "")
               for o, d, flag in zip(prog.outcome, prog.outcome_distribution, prog.mismatch)]
    return pd.DataFrame({
        texts.COL_CODE: prog.code,
        texts.COL_MEASURE: prog.text,
        texts.COL_AGENCIES: prog.agencies,
        texts.COL_FREQUENCY: prog.frequency,
        texts.PROGRESS_VIEW["col_impl"].format(year=year): [implementation_text(c) for c in prog.implementation],
        texts.PROGRESS_VIEW["col_outcome"].format(year=year): outcome,
        texts.PROGRESS_VIEW["col_trend"]: latest,
        texts.TRENDS["column"]: sparks,
    }).reset_index(drop=True)


def implementation_text(counts: dict[str, int]) -> str:
    """'◐ Pågående (3), ● Genomförd (1)': the reported statuses with how many agencies reported each."""
    if not counts:
        return texts.NOT_REPORTED
    return ", ".join(f"{texts.STATUS_ICONS.get(st, '')} {st}" + (f" ({n})" if len(counts) > 1 or n > 1 else "")
                     for st, n in counts.items())


def headline_trends(s: Session, year: int, approved_only: bool = True) -> dict[int, dict]:
    """Per indicator with headline values up to the year: the latest value with an arrow against the one before
    it ('1 250 ↓ (2025)') and all values in year order (for a small trend line)."""
    from sqlalchemy import select

    from okdata.models import Indicator, Observation
    from okdata.values import HEADLINE, visible

    o = Observation
    q = (select(o.indicator_id, Indicator.code, Indicator.kind, o.year, o.value_num, o.value_text)
         .join(Indicator, Indicator.id == o.indicator_id)
         .where(o.year <= year, HEADLINE, visible(o, approved_only)).order_by(o.indicator_id, o.year))
    series: dict[int, list] = {}
    for iid, code, kind, y, v, txt in s.execute(q):
        series.setdefault(iid, []).append((code, kind, y, v, txt))
    out = {}
    for iid, pts in series.items():
        code, kind, y, v, txt = pts[-1]
        arrow = ""
        if len(pts) > 1 and v is not None and pts[-2][3] is not None:
            arrow = " ↑" if v > pts[-2][3] else " ↓" if v < pts[-2][3] else " →"
        out[iid] = {"code": code, "text": f"{fmt_value(v, kind, txt if isinstance(txt, str) else None)}{arrow} ({y})",
                    "values": [p[3] for p in pts if p[3] is not None]}
    return out


def goal_info(s: Session, goal: int) -> dict:
    """A goal's title, what must be in place and its development areas."""
    g = goals_frame(s).set_index("number").loc[goal]
    return {"number": goal, "title": g["title"], "in_place": list(g["in_place"]),
            "development_areas": list(g["development_areas"])}


def goal_measures(s: Session, goal: int) -> dict[str, str]:
    """A goal's live measures, code → text, in plan order."""
    from sqlalchemy import select

    from okdata.catalog import plan_info
    from okdata.models import Goal, Measure

    q = (select(Measure.code, Measure.text).join(Goal, Goal.id == Measure.goal_id)
         .where(Goal.number == goal, Measure.plan_period_id == plan_info(s).id, Measure.retired.is_(False))
         .order_by(Measure.sort_key))
    return dict(s.execute(q).all())


def measure_detail(s: Session, code: str, year: int, approved_only: bool = True) -> dict:
    """A measure with each indicator's status and explanation, and the statuses and descriptions per year."""
    from sqlalchemy import select

    from okdata.catalog import plan_info
    from okdata.explore import indicator_series
    from okdata.models import Indicator, Measure
    from okdata.progress import indicator_statuses
    from okdata.values import measure_statuses

    m = measures_frame(s).set_index("code").loc[code]
    q = (select(Indicator.id.label("indicator_id"), Indicator.code.label("id"), Indicator.name, Indicator.kind,
                Indicator.breakdowns).join(Measure, Measure.id == Indicator.measure_id)
         .where(Measure.code == code, Measure.plan_period_id == plan_info(s).id, Indicator.retired.is_(False))
         .order_by(Indicator.sort_key))
    inds = list(s.execute(q))
    statuses = indicator_statuses(s, year, approved_only, indicator_ids=[i.indicator_id for i in inds])
    statuses = dict(zip(statuses.indicator_id, statuses.itertuples()))
    out = []
    for i in inds:
        st = statuses[i.indicator_id]
        table, milestone = pd.DataFrame(), ""
        if i.kind in ("milestone", "descriptive"):
            df = indicator_series(s, int(i.indicator_id), approved_only)
            df = df[df.year <= year]
            table = pd.DataFrame({texts.YEAR: df.year, texts.PROGRESS_VIEW["col_value"]: [
                fmt_value(v, i.kind, t if isinstance(t, str) else None) for v, t in zip(df.value, df.text)],
                texts.PROGRESS_VIEW["col_source"]: [source_label(bool(e), src, b) for e, src, b in zip(
                    df.example, df.source, df.batch_id)]})
            milestone = milestone_text(df) if i.kind == "milestone" else ""
        out.append({"indicator_id": int(i.indicator_id), "id": i.id, "name": i.name, "kind": i.kind,
                    "breakdowns": list(i.breakdowns), "status": st.status, "explanation": st.explanation,
                    "table": table, "milestone": milestone})
    rows = measure_statuses(s, int(m.measure_id), approved_only)
    rows = rows[rows.year <= year]
    per_year = pd.DataFrame({texts.YEAR: rows.year, texts.COL_AGENCIES: rows.agency,
                             texts.REPORT["status"]: rows.status, texts.REPORT["description"]: rows.description,
                             texts.COL_SOURCE: [source_label(bool(e), "", b) for e, b in zip(rows.is_example,
                                                                                              rows.batch_id)]})
    return {"code": code, "text": m.text, "agencies": m.agencies, "frequency": m.frequency, "indicators": out,
            "statuses": per_year}


def milestone_text(df: pd.DataFrame) -> str:
    """'Ja, nådd 2024' or 'Nej (2025)': a milestone's latest answer and the year it was first reached."""
    answers = [(int(y), t) for y, t in zip(df.year, df.text) if isinstance(t, str) and t]
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
    key = "not_quantitative" if kind in ("milestone", "descriptive") else "insufficient"
    return texts.PROGRESS_RULES[key]


def indicator_chart_values(s: Session, indicator_id: int, dimension: str | None, approved_only: bool = True,
                           year: int | None = None) -> dict:
    """An indicator's values over the years (headline or one breakdown) up to `year`, with its target and series
    breaks, the text alternative and the data table with the source of every value."""
    from sqlalchemy import select

    from okdata.charts import describe_series
    from okdata.explore import indicator_series
    from okdata.models import Area, Indicator, SeriesBreak

    i = dict(zip(("id", "name", "kind", "unit", "target_value", "target_year"), s.execute(
        select(Indicator.code, Indicator.name, Indicator.kind, Indicator.unit, Indicator.target_value,
               Indicator.target_year).where(Indicator.id == indicator_id)).one()))
    df = indicator_series(s, indicator_id, approved_only, dimension)
    if year is not None:
        df = df[df.year <= year]
    labels: dict[str, str] = {}
    if dimension == "våldstyp":
        labels = dict(texts.VIOLENCE_TYPE_SHORT)
    elif dimension == "område":
        labels = dict(s.execute(select(Area.code, Area.name)).all())
    target = None
    if i["target_value"] is not None:  # without a year the target is for the plan's last year (the method's default)
        from okdata.catalog import plan_info

        target = (float(i["target_value"]), int(i["target_year"] or plan_info(s).end_year))
    breaks = sorted(set(s.scalars(select(SeriesBreak.year).where(SeriesBreak.indicator_id == indicator_id))))
    title = f"{i['id']} {i['name']}" + (f" – {texts.EXAMPLE_DATA}" if df.example.any() else "")
    frame = df[["year", "member", "value"]].dropna()
    table = pd.DataFrame({
        texts.YEAR: df.year,
        texts.PROGRESS_VIEW["col_member"]: df.member.map(lambda m: labels.get(m, m) or texts.CHARTS["total"]),
        texts.PROGRESS_VIEW["col_value"]: [fmt_value(v, i["kind"]) for v in df.value],
        texts.PROGRESS_VIEW["col_source"]: [source_label(bool(e), src, b)
                                            for e, src, b in zip(df.example, df.source, df.batch_id)],
        texts.COLUMNS_INDICATORS["comment"]: df.comment.fillna(""),
    })
    alt = describe_series(frame, i["kind"], title, labels)
    if target is not None:
        alt += " " + texts.REPORT["target"].format(value=fmt_value(target[0], i["kind"]), year=target[1]) + "."
    if breaks:
        alt += " " + texts.TRENDS["breaks"].format(years=", ".join(map(str, breaks)))
    return {"frame": frame, "title": title, "kind": i["kind"], "unit": i["unit"], "target": target,
            "labels": labels, "breaks": breaks, "alt": alt, "table": table}


def indicator_chart_data(s: Session, indicator_id: int, dimension: str | None, approved_only: bool = True,
                         year: int | None = None) -> dict:
    """indicator_chart_values with the chart drawn: lines per breakdown member (violence types in their fixed
    colours), the target as a dashed line, series breaks dotted."""
    from okdata.charts import VIOLENCE_COLORS, series_chart

    d = indicator_chart_values(s, indicator_id, dimension, approved_only, year)
    d["figure"] = series_chart(d["frame"], d["kind"], d["unit"], d["title"], target=d["target"], labels=d["labels"],
                               colors=VIOLENCE_COLORS if dimension == "våldstyp" else None, breaks=d["breaks"])
    return d
