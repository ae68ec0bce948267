"""The Samordnare's written analysis in the lägesrapport: a text per goal and year and a short summary for the
whole county (goal 0), drafted from the report's sentences; every save is a new version with who and when, and
audited, so earlier texts stay readable."""

import pandas as pd
from sqlalchemy import bindparam, func, select
from sqlmodel import Session

from okdata import texts
from okdata.auth import Actor, audit, require
from okdata.catalog import for_year, goals_frame
from okdata.db import fetch
from okdata.domain import Outcome, Result, Role, outcome
from okdata.file_text import MAX_TYPED, typed
from okdata.formatting import fmt_clock
from okdata.models import ReportAnalysis, utcnow

COUNTY = 0  # the goal number of the county summary
MAX_CHARS = MAX_TYPED  # as every text a person writes in the app


def save_analysis(s: Session, actor: Actor, year: int, goal: int, text: str) -> Outcome:
    """Save a new version of the analysis of `goal` (COUNTY for the summary) in the report for `year`."""
    require(actor, Role.COORDINATOR)
    label = _label(goal)
    if goal != COUNTY:
        with for_year(s, year):  # the goals of the year's report (a goal retired from a later year is in it)
            goals = set(int(n) for n in goals_frame(s).number)
        if goal not in goals:
            return outcome(Result.REFUSED, "analysis", "unknown_goal", None, goal=goal, year=year)
    text = typed(text)
    if len(text) > MAX_CHARS:
        return outcome(Result.REFUSED, "analysis", "too_long", None, what=label, n=MAX_CHARS)
    before = analyses(s, year).get(goal, "")
    if text == before:
        return outcome(Result.NOTHING, "analysis", "unchanged", None, what=label)
    row = ReportAnalysis(year=year, goal_number=goal, text=text, author=actor.username, saved_at=utcnow())
    s.add(row)
    s.flush()
    audit(s, actor.username, "analysis", "report_analysis", row.id,
          texts.AUDIT["analysis"].format(what=label, year=year), before={"text": before}, after={"text": text})
    return outcome(Result.DONE, "analysis", "ok", row.id, what=label, year=year,
                   time=fmt_clock(row.saved_at))


def analyses(s: Session, year: int) -> dict[int, str]:
    """The current text per goal (COUNTY for the summary) in the report for `year`; goals never written left out."""
    return {int(g): t for g, t in fetch(s, _LATEST_ANALYSES, {"year": year}).all()}


# the Mål page and the report ask this on every run: a Core statement built once, without the ORM's per-call work
_LATEST_ANALYSES = select(ReportAnalysis.goal_number, ReportAnalysis.text).where(ReportAnalysis.id.in_(
    select(func.max(ReportAnalysis.id)).where(ReportAnalysis.year == bindparam("year"))
    .group_by(ReportAnalysis.goal_number)))


def analysis_history(s: Session, year: int, goal: int) -> pd.DataFrame:
    """Every saved version of one analysis, newest first: when, who and the text."""
    rows = s.execute(select(ReportAnalysis.saved_at, ReportAnalysis.author, ReportAnalysis.text)
                     .where(ReportAnalysis.year == year, ReportAnalysis.goal_number == goal)
                     .order_by(ReportAnalysis.id.desc())).all()
    return pd.DataFrame(rows, columns=["saved_at", "author", "text"])


def proposal(content: dict, goal: int) -> str:
    """A first draft from the report's content (report.report_data of approved figures: once saved, everyone reads
    the text): for a goal its measures' implementation and the drafted sentence of each indicator with values; for
    COUNTY the measures of every goal and the largest changes. Example figures are labelled as the report labels
    them."""
    if not content.get("approved_only", True):
        raise ValueError("a draft is made of approved figures only")
    words = texts.ANALYSIS
    example = f" ({texts.EXAMPLE_DATA})"
    if goal == COUNTY:
        summary = content.get("summary", {})
        states = {}
        for g in content["goals"]:
            for st, n in g["status_distribution"].items():
                states[st] = states.get(st, 0) + n
        lines = [words["draft_county"].format(year=content["year"], measures=sum(states.values()),
                                              states=_states(states))]
        lines += [c["line"] + (example if c["example"] else "") for c in summary.get("changes", [])]
        return "\n".join(lines)
    g = next(x for x in content["goals"] if x["number"] == goal)
    lines = [words["draft_goal"].format(measures=len(g["measures"]), states=_states(g["status_distribution"]))]
    lines += [f"{i['code']} {i['name']}: {i['sentence']}" + (example if i["example"] else "")
              for i in g["indicators"] if i["code"] in g["charts"]]
    return "\n".join(lines)


def _states(dist: dict) -> str:
    return ", ".join(f"{texts.MEASURE_STATES[st].lower()} {n}" for st, n in dist.items()) or texts.NOT_REPORTED


def _label(goal: int) -> str:
    return texts.ANALYSIS["county"] if goal == COUNTY else texts.GOAL_N.format(n=goal)
