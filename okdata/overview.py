"""What the Översikt and Mål pages show: goals, measures, indicators and the reporting state of a year."""

from dataclasses import dataclass

import pandas as pd
from sqlmodel import Session

from okdata import texts
from okdata.catalog import QUANTITATIVE, goals_frame, indicators_frame, measures_frame
from okdata.formatting import fmt_value
from okdata.values import headline_latest, measure_ids_with_status, reported_indicators, status_counts, status_text


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


def expected_yearly(indicators: pd.DataFrame) -> pd.DataFrame:
    """Indicators an agency is expected to report every year: quantitative, yearly, with a data source."""
    return indicators[indicators.kind.isin(QUANTITATIVE) & (indicators.frequency == texts.FREQUENCIES["yearly"])
                      & ~indicators.is_development]


def goal_cards(s: Session, year: int, approved_only: bool = True) -> list[GoalCard]:
    """The 8 goals with counts and the year's reporting state."""
    goals, measures, inds = goals_frame(s), measures_frame(s), indicators_frame(s)
    reported = reported_indicators(s, year, approved_only)
    with_status = measure_ids_with_status(s, year, approved_only)
    counts = status_counts(s, year, approved_only).merge(measures[["measure_id", "goal"]], on="measure_id")
    expected = expected_yearly(inds)
    cards = []
    for g in goals.itertuples():
        m = measures[measures.goal == g.number]
        e = expected[expected.goal == g.number]
        dist = counts[counts.goal == g.number].groupby("status")["n"].sum()
        cards.append(GoalCard(
            number=int(g.number), title=g.title, measures=len(m), indicators=int((inds.goal == g.number).sum()),
            expected=len(e), reported=int(e.indicator_id.isin(reported).sum()),
            measures_with_status=int(m.measure_id.isin(with_status).sum()),
            status_counts={st: int(dist[st]) for st in texts.MEASURE_STATUSES if st in dist.index},
        ))
    return cards


def source_label(is_example: bool, source: str) -> str:
    """Where a value comes from, as shown beside it."""
    if is_example:
        return texts.EXAMPLE_DATA
    return source or texts.UPLOADED_VALUE


def indicator_table(s: Session, year: int, approved_only: bool = True, goal: int | None = None) -> pd.DataFrame:
    """Indicators (of a goal) with their latest headline value up to the year, ready to show."""
    inds = indicators_frame(s)
    if goal is not None:
        inds = inds[inds.goal == goal]
    latest = headline_latest(s, year, approved_only)
    df = inds.merge(latest, on="indicator_id", how="left")
    out = pd.DataFrame({
        texts.COL_INDICATOR_ID: df["id"],
        texts.COL_INDICATOR: df["name"],
        texts.COL_KIND: df["kind"].map(texts.KINDS),
        texts.COL_DIRECTION: df["direction"].map(texts.DIRECTIONS),
        texts.COL_FREQUENCY: df["frequency"],
        texts.COL_BREAKDOWNS: df["breakdowns"].map(lambda b: ", ".join(texts.BREAKDOWNS[x] for x in b) or "–"),
        texts.COL_LATEST: [
            texts.DEVELOPMENT_INDICATOR if r.is_development else
            fmt_value(r.value_num, r.kind, r.value_text if isinstance(r.value_text, str) else None)
            if pd.notna(r.year) else texts.NO_VALUES
            for r in df.itertuples()
        ],
        texts.COL_LATEST_YEAR: df["year"].map(lambda y: "" if pd.isna(y) else str(int(y))),
        texts.COL_SOURCE: [source_label(bool(r.is_example), r.source) if pd.notna(r.year) else ""
                           for r in df.itertuples()],
    })
    out.insert(0, texts.COL_CODE, df["measure"].replace("", texts.GOAL_LEVEL))
    return out


def measure_table(s: Session, goal: int, year: int, approved_only: bool = True) -> pd.DataFrame:
    """A goal's measures: code, text, agencies, frequency, the year's reported implementation status beside the
    outcome status of its indicators (a mismatch flagged), and its first indicator's latest value and trend."""
    from okdata.progress import ICONS, measure_progress

    m = measures_frame(s)
    m = m[m.goal == goal]
    counts = status_counts(s, year, approved_only)
    prog = measure_progress(s, year, approved_only).set_index("code")
    trends = _trends(s, year, approved_only)
    inds = indicators_frame(s)
    first = inds[inds.measure != ""].groupby("measure").indicator_id.first()
    return pd.DataFrame({
        texts.COL_CODE: m["code"],
        texts.COL_MEASURE: m["text"],
        texts.COL_AGENCIES: m["agencies"],
        texts.COL_FREQUENCY: m["frequency"],
        texts.PROGRESS_VIEW["col_impl"].format(year=year): [status_text(counts, i) for i in m["measure_id"]],
        texts.PROGRESS_VIEW["col_outcome"].format(year=year): [f"{ICONS[prog.loc[c, 'outcome']]} "
                                                               f"{prog.loc[c, 'outcome']}" for c in m["code"]],
        texts.PROGRESS_VIEW["col_flag"]: ["⚠ " + texts.YES if prog.loc[c, "mismatch"] else "" for c in m["code"]],
        texts.PROGRESS_VIEW["col_trend"]: [trends.get(first.get(c), "–") for c in m["code"]],
    }).reset_index(drop=True)


def _trends(s: Session, year: int, approved_only: bool) -> dict[int, str]:
    """Per indicator: its latest headline value up to the year with an arrow against the value before it."""
    from sqlalchemy import select

    from okdata.catalog import COUNTY_CODE
    from okdata.models import Indicator, Observation
    from okdata.values import visible

    o = Observation
    q = (select(o.indicator_id, Indicator.kind, o.year, o.value_num, o.value_text)
         .join(Indicator, Indicator.id == o.indicator_id)
         .where(o.year <= year, o.violence_type == "", o.area_code == COUNTY_CODE, o.grp == "", o.category == "",
                visible(o, approved_only)).order_by(o.indicator_id, o.year))
    series: dict[int, list] = {}
    for iid, kind, y, v, txt in s.execute(q):
        series.setdefault(iid, []).append((kind, y, v, txt))
    out = {}
    for iid, pts in series.items():
        kind, y, v, txt = pts[-1]
        arrow = ""
        if len(pts) > 1 and v is not None and pts[-2][2] is not None:
            arrow = " ↑" if v > pts[-2][2] else " ↓" if v < pts[-2][2] else " →"
        out[iid] = f"{fmt_value(v, kind, txt if isinstance(txt, str) else None)}{arrow} ({y})"
    return out


def goal_info(s: Session, goal: int) -> dict:
    """A goal's title, what must be in place and its development areas."""
    g = goals_frame(s).set_index("number").loc[goal]
    return {"number": goal, "title": g["title"], "in_place": list(g["in_place"]),
            "development_areas": list(g["development_areas"])}


def goal_measure_codes(s: Session, goal: int) -> list[str]:
    """The codes of a goal's measures, in plan order."""
    m = measures_frame(s)
    return list(m[m.goal == goal].code)


def measure_detail(s: Session, code: str, year: int, approved_only: bool = True) -> dict:
    """A measure with each indicator's status and explanation, and the statuses and descriptions per year."""
    from okdata.progress import NOT_ASSESSED, series_statuses
    from okdata.values import measure_statuses

    m = measures_frame(s).set_index("code").loc[code]
    inds = indicators_frame(s)
    inds = inds[inds.measure == code]
    series = series_statuses(s, year, approved_only, list(inds.indicator_id))
    out = []
    for i in inds.itertuples():
        row = series[series.indicator_id == i.indicator_id] if not series.empty else series
        status = row.iloc[0].status if len(row) else NOT_ASSESSED
        explanation = row.iloc[0].explanation if len(row) else explain_missing(i.kind)
        table = pd.DataFrame()
        if i.kind in ("milestone", "descriptive"):
            from okdata.explore import indicator_series

            df = indicator_series(s, int(i.indicator_id), approved_only)
            table = pd.DataFrame({texts.YEAR: df.year, texts.PROGRESS_VIEW["col_value"]: [
                fmt_value(v, i.kind, t if isinstance(t, str) else None) for v, t in zip(df.value, df.text)],
                texts.PROGRESS_VIEW["col_source"]: [source_label(bool(e), src) for e, src in zip(df.example,
                                                                                                  df.source)]})
        out.append({"indicator_id": int(i.indicator_id), "id": i.id, "name": i.name, "kind": i.kind,
                    "breakdowns": list(i.breakdowns), "status": status, "explanation": explanation, "table": table})
    st = measure_statuses(s, int(m.measure_id), approved_only)
    statuses = pd.DataFrame({texts.YEAR: st.year, texts.COL_AGENCIES: st.agency,
                             texts.REPORT["status"]: st.status, texts.REPORT["description"]: st.description,
                             texts.COL_SOURCE: [source_label(bool(e), "") for e in st.is_example]})
    return {"code": code, "text": m.text, "agencies": m.agencies, "frequency": m.frequency, "indicators": out,
            "statuses": statuses}


def explain_missing(kind: str) -> str:
    """Why an indicator has no status."""
    key = "not_quantitative" if kind in ("milestone", "descriptive") else "insufficient"
    return texts.PROGRESS_RULES[key]


def indicator_chart_data(s: Session, indicator_id: int, dimension: str | None, approved_only: bool = True) -> dict:
    """An indicator's chart over the years (headline or one breakdown), its text alternative and data table."""
    from okdata.charts import VIOLENCE_COLORS, describe_series, series_chart
    from okdata.explore import indicator_series
    from okdata.models import Area

    i = indicators_frame(s).set_index("indicator_id").loc[indicator_id]
    df = indicator_series(s, indicator_id, approved_only, dimension)
    labels: dict[str, str] = {}
    colors = None
    if dimension == "våldstyp":
        labels, colors = dict(texts.VIOLENCE_TYPE_SHORT), VIOLENCE_COLORS
    elif dimension == "område":
        from sqlalchemy import select

        labels = dict(s.execute(select(Area.code, Area.name)).all())
    target = (float(i["target_value"]), int(i["target_year"])) if pd.notna(i["target_value"]) and \
        pd.notna(i["target_year"]) else None
    title = f"{i['id']} {i['name']}" + (f" – {texts.EXAMPLE_DATA}" if df.example.any() else "")
    frame = df[["year", "member", "value"]].dropna()
    figure = series_chart(frame, i["kind"], i["unit"], title, target=target, labels=labels, colors=colors)
    table = pd.DataFrame({texts.YEAR: df.year, texts.PROGRESS_VIEW["col_member"]: df.member.map(
        lambda m: labels.get(m, m) or texts.CHARTS["total"]), texts.PROGRESS_VIEW["col_value"]: [
        fmt_value(v, i["kind"]) for v in df.value], texts.PROGRESS_VIEW["col_source"]: [
        source_label(bool(e), src) + (f" (nr {b})" if not e else "") for e, src, b in zip(df.example, df.source,
                                                                                           df.batch_id)]})
    return {"frame": frame, "figure": figure, "alt": describe_series(frame, i["kind"], title, labels),
            "table": table}
