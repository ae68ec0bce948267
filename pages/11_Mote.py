"""Mötesläge: a projector-friendly walk through the year — title, overview, one slide per goal — with notes and
decisions saved per goal and meeting. The slides are okdata/web/views/meeting.py."""


import streamlit as st

from okdata import clock, meetings, report, texts
from okdata.periods import report_year, reporting_years
from okdata.web import access, page, widgets
from okdata.web.views import meeting

with page.frame("meeting", sidebar="collapsed") as ctx:
    meeting.setup()
    years = access.read(reporting_years)
    # the date column holds a whole date at 1366×768 (2026-12-24 and its calendar button)
    prev, label, next_, pick_year, pick_date = st.columns([2, 4.5, 2, 1, 1.6], vertical_alignment="bottom")
    with pick_year:
        year = widgets.select_param(texts.YEAR, years, "ar", "meet_year",
                                    default=report_year(years))
    with pick_date:
        meeting_date = st.date_input(texts.MEETING_DATE,
                                     value=widgets.url_param("mote", widgets.url_date(), clock.today()),
                                     key="meet_date", format="YYYY-MM-DD")
        st.query_params["mote"] = meeting_date.isoformat()
    data = access.read_chart(None, report.report_data, year, True)  # kept: its charts drawn once (chart_built)
    goals = data["goals"]
    total = len(goals) + 2
    screen = widgets.url_param("skarm", widgets.url_int(0, total - 1), 0)
    meeting.navigation(prev, label, next_, screen, total, texts.GOAL_N.format(n=goals[screen - 2]["number"])
                       if screen >= 2 else texts.MEETING_OVERVIEW if screen == 1 else texts.MEETING_START)
    widgets.example_banner()
    previous = access.read(meetings.previous_meeting, meeting_date)

    with st.container(key="meet_slide"):
        if screen == 0:
            meeting.title_slide(ctx, data, meeting_date, previous)
        elif screen == 1:
            meeting.overview_slide(goals)
        else:
            meeting.goal_slide(ctx, goals[screen - 2], year, meeting_date, previous)
