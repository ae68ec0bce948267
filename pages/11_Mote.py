"""Mötesläge: a projector-friendly walk through the year — title, overview, one screen per goal — with notes
and decisions saved per goal and meeting."""

from datetime import date

import pandas as pd
import streamlit as st

from okdata import meetings, report, report_files, snapshot, texts
from okdata.domain import ATTENTION
from okdata.periods import reporting_years
from okdata.web import access, page, widgets

ctx = page.frame("meeting")
years = access.read(reporting_years)
top = st.columns([2, 1, 1])
with top[1]:
    year = widgets.select_param(texts.YEAR, years, "ar", "meet_year", default=years[1] if len(years) > 1 else years[0])
with top[2]:
    meeting_date = st.date_input(texts.MEETING_DATE, value=widgets.url_param("mote", widgets.url_date(), date.today()),
                                 key="meet_date", format="YYYY-MM-DD")
    st.query_params["mote"] = meeting_date.isoformat()
data = access.read(report.report_data, year, True)
goals = data["goals"]
total = len(goals) + 2
screen = widgets.url_param("skarm", widgets.url_int(0, total - 1), 0)

nav = st.columns([1, 3, 1])
if nav[0].button(texts.MEETING_PREV, disabled=screen == 0, key="meet_prev", width="stretch", type="primary"):
    st.query_params["skarm"] = screen - 1
    st.rerun()
nav[1].markdown(f"<div style='text-align:center;font-size:1.2rem'>"
                f"{texts.MEETING_SCREEN.format(n=screen + 1, total=total)}</div>", unsafe_allow_html=True)
if nav[2].button(texts.MEETING_NEXT, disabled=screen == total - 1, key="meet_next", width="stretch",
                 type="primary"):
    st.query_params["skarm"] = screen + 1
    st.rerun()
widgets.example_banner()
previous = access.read(meetings.previous_meeting, meeting_date)


def status_line(dist: dict) -> str:
    return widgets.status_markdown(dist, texts.STATUS_ICONS, texts.MEASURE_STATES, "  ",
                                   empty=texts.REPORT["no_statuses"])


if screen == 0:
    st.title(texts.MEETING_TITLE.format(date=meeting_date.isoformat()))
    st.header(texts.MEETING_SUBTITLE.format(year=year))
    log = access.read(meetings.decision_log, None, meeting_date)
    if previous is None or log.empty:
        st.info(texts.MEETING_NO_PREVIOUS)
    else:
        st.markdown(f"### {texts.MEETING_LAST_DECISIONS.format(date=previous.isoformat())}")
        for r in log[log.meeting_date == previous.isoformat()].itertuples():
            label = texts.GOAL_N.format(n=r.goal) if r.goal else texts.MEETING_OVERVIEW
            st.markdown(f"**{label}:** {widgets.plain(r.decisions or r.notes)}")
    changes = access.read(meetings.changes_since, previous, ctx.scope)
    st.markdown(f"### {texts.MEETING_CHANGES}")
    if changes.empty:
        st.caption(texts.MEETING_NO_CHANGES)
    for c in changes.head(12).itertuples():
        st.markdown("- " + texts.MEETING_CHANGES_LINE.format(
            id=c.id, agency=c.agency, year=c.year, new=c.n_new, changed=c.n_changed, statuses=c.n_statuses,
            status=texts.BATCH_STATUSES[c.status]))
elif screen == 1:
    st.title(texts.MEETING_OVERVIEW)
    for g in goals:
        st.markdown(f"## {texts.GOAL_N.format(n=g['number'])}: {g['title']}")
        st.markdown(status_line(g["status_distribution"]))
else:
    g = goals[screen - 2]
    st.title(f"{texts.GOAL_N.format(n=g['number'])}: {g['title']}")
    st.markdown(status_line(g["status_distribution"]))
    by_code = {i["code"]: i for i in g["indicators"]}
    cols = st.columns(2)
    for n, cid in enumerate(g["charts"]):
        ind = by_code[cid]
        with cols[n % 2]:
            table_df = pd.DataFrame([{texts.YEAR: p["year"], ind["unit"]: p["value"], texts.COL_SOURCE: p["source"]}
                                     for p in ind["points"]])
            widgets.chart(report_files.indicator_figure(ind), key=f"meet_chart_{cid}", alt=ind["sentence"],
                          data=table_df)
    outcome = access.read(snapshot.measure_progress, year, True)
    mine = outcome[outcome.goal == g["number"]]
    st.markdown(f"## {texts.MEETING_MISMATCH}")
    mismatched = mine[mine.mismatch]
    if mismatched.empty:
        st.caption(texts.MEETING_NO_MISMATCH)
    for m in mismatched.itertuples():
        st.markdown(f"- ⚠ **{m.code}**: "
                    f"{texts.MEETING_MISMATCH_LINE.format(outcome=texts.PROGRESS_STATUSES[m.outcome])}")
    attention = [(m["code"], r["agency"], r["status"], r["description"]) for m in g["measures"]
                 for r in m["statuses"] if r["status"] in ATTENTION]
    st.markdown(f"## {texts.MEETING_ATTENTION}")
    if not attention:
        st.caption(texts.MEETING_NO_ATTENTION)
    for code, agency, status, desc in attention:
        st.markdown(f"- {texts.STATUS_ICONS[status]} **{code}** {agency}: {texts.IMPLEMENTATION[status]} – "
                    f"{widgets.plain(desc)}")
    notes, decisions = access.read(meetings.current_note, meeting_date, g["number"])
    with st.form(f"meet_form_{g['number']}_{meeting_date}"):
        new_notes = st.text_area(texts.MEETING_NOTES, value=notes, disabled=not ctx.actor.is_coordinator)
        new_decisions = st.text_area(texts.MEETING_DECISIONS, value=decisions,
                                     disabled=not ctx.actor.is_coordinator)
        if st.form_submit_button(texts.MEETING_SAVE, disabled=not ctx.actor.is_coordinator):
            widgets.say(access.act(meetings.save_note, ctx.actor, meeting_date, year, g["number"], new_notes,
                                   new_decisions,
                                   done=lambda note: texts.MEETING_SAVED.format(time=f"{note.saved_at:%H:%M}")))
    log = access.read(meetings.decision_log, g["number"], meeting_date)
    if not log.empty:
        st.markdown(f"## {texts.MEETING_LOG}")
        for r in log.itertuples():
            st.markdown(f"**{r.meeting_date}:** {widgets.plain(r.decisions or r.notes)}")
