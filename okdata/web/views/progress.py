"""Views of progress: the largest movements, changed statuses and outcomes, an agency's reporting per year and
every agency's reporting state for a year."""

from collections import Counter

import pandas as pd
import streamlit as st

from okdata import texts
from okdata.completeness import Completeness, returns_in
from okdata.domain import ReportingState
from okdata.explore import change_line
from okdata.formatting import fmt_contents, fmt_num, fmt_quantity, fmt_share, fmt_time, held
from okdata.progress import ICONS
from okdata.snapshot import GoalRow, changed_outcomes
from okdata.web.widgets import drawn_once, plain, reopened_note, status_markdown, style, table


def change_list(changes: pd.DataFrame) -> None:
    """The movements in the figures ranked by how surely they differ from noise, each with its verdict given the
    indicator's direction (icon and text), as text lines."""
    if changes.empty:
        st.caption(texts.PROGRESS_VIEW["no_changes"])
        return
    for r in changes.itertuples():
        st.markdown(f"- {plain(change_line(r))}" + (f" *({texts.EXAMPLE_DATA})*" if r.example else "")
                    + (f" *({texts.NOT_APPROVED})*" if r.submitted else ""))


def status_change_list(changes: pd.DataFrame) -> None:
    """Reported statuses changed since last year: how many of each change (the most common first), the full list
    in an expander. Counted and labelled in plain Python: through pandas' groupby, map and rename this was a fifth
    of a warm view of Översikt (issue 16)."""
    if changes.empty:
        st.caption(texts.PROGRESS_VIEW["no_changes"])
        return
    before, after = changes["before"].tolist(), changes["after"].tolist()
    for (was, now), n in Counter(zip(before, after)).most_common():
        st.markdown("- " + texts.PROGRESS_VIEW["transition_line"].format(
            before=held(texts.STATUS_ICONS[was], texts.IMPLEMENTATION[was]),
            after=held(texts.STATUS_ICONS[now], texts.IMPLEMENTATION[now]), n=n))
    with st.expander(texts.PROGRESS_VIEW["all_changes"].format(n=len(changes))):
        table(pd.DataFrame({texts.COL_CODE: changes["measure"].tolist(), texts.COL_AGENCIES: changes["agency"].tolist(),
                            texts.PROGRESS_VIEW["col_before"]: [texts.IMPLEMENTATION[x] for x in before],
                            texts.PROGRESS_VIEW["col_after"]: [texts.IMPLEMENTATION[x] for x in after]}),
              key="ov_status_changes")


def reporting_table(df: pd.DataFrame, key: str) -> None:
    """Reported against expected values per year, the share as a percentage; for a year whose deadline has not
    passed and that has nothing reported yet, no share (its "0 %" read as late beside a year that is)."""
    out = df.drop(columns="due")
    out["share"] = [fmt_share(share) if due or reported else texts.AGENCY_VIEW["not_due"]
                    for share, due, reported in zip(df["share"], df["due"], df["reported"])]
    table(out.rename(columns=texts.AGENCY_VIEW["columns"]), key=key)



def agency_body(view, agency: str, period: str, year: int) -> None:
    """Myndigheter's body beneath its boxes: the deadline (or that it has passed) and the agency's latest upload for
    `year`, its reporting per year, the values missing for `year`, its measures (their text as of the plan
    `period`) and its indicators (linked to their pages for `year`). Drawn once per kept reading
    (widgets.drawn_once: every table cell made safe text, turned into Arrow, was a third of a warm view, and the
    notices above the tables the better part of what was left, issue 16)."""
    words = texts.AGENCY_VIEW
    reopened = reopened_note(year, view.reopened_until)
    if view.state.overdue:
        st.error(words["overdue"].format(year=year, deadline=view.deadline) + reopened)
    elif view.deadline is not None:
        st.info(words["deadline"].format(year=year, deadline=view.deadline) + reopened)
    if view.latest is None:
        st.caption(words["no_upload"].format(agency=plain(agency), year=year))
    else:
        st.caption(words["latest"].format(year=year, id=view.latest["id"], user=plain(view.latest["user"]),
                                          when=fmt_time(view.latest["created_at"]),
                                          status=texts.BATCH_STATUSES.get(view.latest["status"])))
    st.header(words["reporting"])
    st.caption(words["counted"])
    reporting_table(view.reporting, key="ag_reporting")
    st.header(words["missing"].format(year=year))
    if view.missing.empty:
        st.success(words["none_missing"].format(year=year))
    else:
        table(view.missing.rename(columns={"indicator": texts.COL_INDICATOR_ID, "breakdown": texts.COL_BREAKDOWN}),
              key="ag_missing", height=300)
    st.header(words["measures"].format(agency=plain(agency)))
    measures = view.measures
    table(pd.DataFrame({texts.COL_CODE: measures["code"], texts.COL_MEASURE.format(period=period): measures["text"],
                        texts.COL_AGENCIES: measures["agencies"],
                        texts.COL_FREQUENCY: measures["frequency"].map(texts.FREQUENCIES)}), key="ag_measures")
    st.header(words["indicators"])
    indicators = view.indicators
    table(pd.DataFrame({texts.COL_INDICATOR_ID: indicators["code"], texts.COL_INDICATOR: indicators["name"],
                        texts.COL_KIND: indicators["kind"].map(texts.KINDS),
                        texts.COL_FREQUENCY: indicators["frequency"].map(texts.FREQUENCIES)}),
          key="ag_indicators", indicator_links=[texts.COL_INDICATOR_ID], year=year)


def outcome_change_list(changes: pd.DataFrame) -> None:
    """Measures whose outcome status changed since last year, with icons (never colour alone)."""

    if changes.empty:
        st.caption(texts.PROGRESS_VIEW["no_outcome_changes"])
        return
    for r in changes.itertuples():
        st.markdown("- " + texts.PROGRESS_VIEW["outcome_line"].format(
            measure=r.measure, before=held(ICONS[r.before], texts.PROGRESS_STATUSES[r.before]),
            after=held(ICONS[r.after], texts.PROGRESS_STATUSES[r.after])))


def reporting_summary(rows: list[Completeness]) -> None:
    """How many agencies have sent in, wait for review, were returned, are late: four figures in a row."""
    a, b, c, d = st.columns(4)
    a.metric(texts.REPORTING_RATE["reported"], f"{sum(r.has_reported for r in rows)} / {len(rows)}")
    b.metric(texts.REPORTING_RATE["waiting"], sum(r.waiting for r in rows))  # corrections of approved ones too
    c.metric(texts.REPORTING_RATE["returned"], sum(r.status == ReportingState.RETURNED for r in rows))
    d.metric(texts.REPORTING_RATE["late"], sum(r.overdue for r in rows))


def reporting_rate_table(rows: list[Completeness], year: int, key: str) -> None:
    """One row per agency: state, on time or days late, share of expected values, last upload."""
    if not rows:
        st.success(texts.REPORTING_RATE["none_missing"].format(year=year))
        return
    words = texts.REPORTING_RATE

    def timing(r: Completeness) -> str:
        if r.days_late is not None:
            return words["days_late"].format(days=fmt_quantity(r.days_late, texts.DAYS))
        return words["on_time"] if r.has_reported else words["not_due"]

    table(pd.DataFrame({
        words["col_agency"]: [r.agency for r in rows],
        words["col_state"]: [texts.REPORTING_CORRECTION_WAITING if r.status == ReportingState.APPROVED and r.waiting
                             else texts.REPORTING_STATES[r.status] for r in rows],
        words["col_time"]: [timing(r) for r in rows],
        words["col_share"]: [fmt_share(r.share) for r in rows],
        words["col_values"]: [words["values"].format(reported=fmt_num(r.reported or 0), expected=fmt_num(r.expected))
                              for r in rows],
        words["col_last"]: [fmt_time(r.last_upload) for r in rows],
        words["col_uploads"]: [r.uploads for r in rows],
    }), key=key, wide=[words["col_agency"]])


def goal_summary(g: GoalRow | None, year: int, plan_start: int = 0) -> None:
    """A goal's own status at the top of Mål: its measures by implementation state (for a year before the plan's
    first, `plan_start`, that they are followed up from then) and by outcome, its indicators by status, each with
    icon and text."""
    words = texts.PROGRESS_VIEW
    if g is None:
        st.caption(texts.NOT_REPORTED)
        return
    with st.container(border=True, key="goal_summary"):
        st.markdown(f"**{words['implementation'].format(year=year)}:** "
                    + (words["before_plan"].format(start=plan_start) if year < plan_start else status_markdown(
                        g.implementation, icons=texts.STATUS_ICONS, labels=texts.MEASURE_STATES)))
        st.markdown(f"**{words['distribution'].format(year=year)}:** " + status_markdown(g.measure_outcomes))
        st.markdown(f"**{words['indicators'].format(year=year)}:** " + status_markdown(g.indicators))


def goal_overview(cards, status, before, reporting, movements: pd.DataFrame, statuses: pd.DataFrame,
                  year: int) -> None:
    """Översikt beneath its year: the reporting state's link, the goals at a glance (goal_matrix), a card per goal
    (its measures' and indicators' statuses, how much is reported) and what changed since the year before
    (`movements`, the outcomes from `before`'s statuses to `status`'s, the reported `statuses`). Drawn once per kept
    reading and sent again to the next viewer (widgets.drawn_once: 234 elements made anew were two thirds of a warm
    view, issue 16); the page's style beside it, as Streamlit sends a style where no recording can replay it."""
    style(MATRIX_CSS)
    drawn_once(_goal_overview, cards, status, before, reporting, movements, statuses, year=year)


def _goal_overview(cards, status, before, reporting, movements: pd.DataFrame, statuses: pd.DataFrame,
                   year: int) -> None:
    words = texts.PROGRESS_VIEW
    st.page_link("pages/13_Rapporteringslage.py", icon=":material/checklist:", query_params={"ar": year},
                 label=words["completeness"].format(year=year, **returns_in(reporting)))
    goal_matrix([(c.number, c.title, status.of_goal(c.number)) for c in cards], year)
    st.caption(texts.OVERVIEW_INTRO.format(contents=fmt_contents(
        len(cards), sum(c.measures for c in cards), sum(c.indicators for c in cards), texts.REGIONAL_GOALS)))

    st.header(texts.GOALS_HEADING.format(year=year))
    for i, card in enumerate(cards):
        if i % 2 == 0:  # a row of two per pair, so that reading and tab order run 1, 2, 3 … as seen (issue 20)
            columns = st.columns(2)
        with columns[i % 2].container(border=True, key=f"ov_goal_{card.number}"):
            _goal_card(card, status.of_goal(card.number), year)

    st.header(words["changes"].format(year=year - 1))
    left, right = st.columns(2)
    with left:
        st.subheader(words["movements"], help=words["movements_help"])
        change_list(movements)
    with right:
        st.subheader(words["outcome_changes"])
        outcome_change_list(changed_outcomes(status, before))
        st.subheader(words["implementation_changes"])
        status_change_list(statuses)


def _goal_card(card, g: GoalRow, year: int) -> None:
    """One goal's card on Översikt."""
    words = texts.PROGRESS_VIEW
    st.subheader(f"{texts.GOAL_N.format(n=card.number)}: {plain(card.title)}")
    a, b = st.columns(2)
    a.metric(texts.MEASURES, card.measures)
    b.metric(texts.INDICATORS, card.indicators)
    left, right = st.columns(2)
    left.markdown(f"**{words['distribution'].format(year=year)}**  \n"
                  + status_markdown(g.measure_outcomes, separator="  \n"))
    right.markdown(f"**{words['indicators'].format(year=year)}**  \n" + status_markdown(g.indicators, separator="  \n"))
    st.markdown(f"**{words['implementation'].format(year=year)}**", help=words["implementation_help"])
    st.markdown(status_markdown(g.implementation, icons=texts.STATUS_ICONS, labels=texts.MEASURE_STATES))
    st.caption(words["reports"].format(reported=sum(g.reports.values()), expected=g.expected, reports=status_markdown(
        g.reports, icons=texts.STATUS_ICONS, labels=texts.IMPLEMENTATION)))
    if g.mismatches:
        st.warning(words["mismatch"].format(codes=", ".join(g.mismatches)))
    if g.score is not None:
        st.caption(words["score"].format(score=fmt_num(g.score, 1), scored=g.scored, series=sum(g.series.values())),
                   help=words["score_help"])
    st.markdown(f"**{texts.REPORTING_STATE.format(year=year)}**", help=texts.REPORTING_STATE_HELP)
    st.caption(texts.INDICATORS_REPORTED.format(reported=card.reported, expected=card.expected) + " · " +
               texts.STATUSES_REPORTED.format(reported=card.measures_with_status, expected=card.measures))
    st.page_link("pages/1_Mal.py", label=texts.OPEN_GOAL.format(n=card.number), icon=":material/arrow_forward:",
                 query_params={"mal": card.number, "ar": year})


def goal_matrix(goals: list[tuple[int, str, GoalRow]], year: int) -> None:
    """All goals at a glance: per goal its measures by implementation state and by outcome, each state with its
    icon and text (never colour alone), as one table that fits the first screen (in MATRIX_CSS's type)."""
    words = texts.PROGRESS_VIEW
    head = (f"| {texts.GOAL} | {words['implementation'].format(year=year)} | "
            f"{words['distribution'].format(year=year)} |\n| --- | --- | --- |")
    lines = [head]
    for number, title, g in goals:
        impl = status_markdown(g.implementation, icons=texts.STATUS_ICONS, labels=texts.MEASURE_STATES) if g \
            else texts.NOT_REPORTED
        outcome = status_markdown(g.measure_outcomes) if g else texts.NOT_REPORTED
        lines.append(f"| **{number}** {plain(title)} | {impl} | {outcome} |")
    with st.container(key="ov_matrix"):
        st.markdown("\n".join(lines))


# Översikt's goal table in a smaller type with tight rows, so that all eight goals fit a 1366×768 laptop screen
# under the page's title (issue 17); the page starts higher than Streamlit's default for the same reason.
MATRIX_CSS = """
[data-testid='stMainBlockContainer'] { padding-top: 4rem; }
.st-key-ov_matrix table { font-size: 0.82rem; line-height: 1.3; margin-bottom: 0; }
.st-key-ov_matrix th, .st-key-ov_matrix td { padding: 0.2rem 0.45rem; }
.st-key-ov_matrix td:first-child { width: 34%; }
"""
