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
    """A goal's measures: code, text, agencies, follow-up, frequency and the year's reported status."""
    m = measures_frame(s)
    m = m[m.goal == goal]
    counts = status_counts(s, year, approved_only)
    return pd.DataFrame({
        texts.COL_CODE: m["code"],
        texts.COL_MEASURE: m["text"],
        texts.COL_AGENCIES: m["agencies"],
        texts.COL_FOLLOW_UP: m["follow_up"],
        texts.COL_FREQUENCY: m["frequency"],
        texts.COL_STATUS.format(year=year): [status_text(counts, i) for i in m["measure_id"]],
    }).reset_index(drop=True)


def goal_info(s: Session, goal: int) -> dict:
    """A goal's title, what must be in place and its development areas."""
    g = goals_frame(s).set_index("number").loc[goal]
    return {"number": goal, "title": g["title"], "in_place": list(g["in_place"]),
            "development_areas": list(g["development_areas"])}
