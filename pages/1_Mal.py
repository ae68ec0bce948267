"""Mål: a goal's what-must-be-in-place, its measures with agencies and status, and its indicators."""

import streamlit as st

from okdata import overview, texts
from okdata.catalog import goal_titles
from okdata.domain import NOT_QUANTITATIVE
from okdata.progress import ICONS
from okdata.values import data_state
from okdata.web import access, page, widgets
from okdata.web.views import progress as views
from okdata.web.views import report as report_view

with page.frame("goals") as ctx:
    st.title(texts.PAGE_TITLES["goals"])
    state = access.read(data_state)
    years, default = list(state.years), state.default
    left, right = st.columns([3, 1])
    with right:  # the year first: the goals offered, and their titles, are those of the catalog in force for it
        year = widgets.select_param(texts.YEAR, years, "ar", "goal_year", default=default)
    titles = access.read_general(goal_titles, year)
    with left:
        goal = widgets.select_param(texts.CHOOSE_GOAL, list(titles), "mal", "goal_goal", unknown_as_none=True,
                                   format_func=lambda n: f"{texts.GOAL_N.format(n=n)}: {titles[n]}")
    if goal is None:  # a goal the year's catalog lacks (retired from a later year): said, not swapped
        st.warning(texts.GOAL_NOT_IN_YEAR.format(goal=widgets.plain(widgets.url_param("mal")[:40]), year=year))
        st.stop()
    widgets.example_banner(state.example)

    view = access.read_chart(year, overview.goal_view, goal, year, ctx.approved_only)  # kept: tables drawn once
    info = view.info
    st.header(f"{texts.GOAL_N.format(n=goal)}: {widgets.plain(info['title'])}")
    views.goal_summary(view.summary, year, view.plan_start or 0)
    a, b = st.columns(2)
    with a:
        st.markdown(f"**{texts.IN_PLACE}**")
        st.markdown("\n".join(f"- {widgets.plain(x)}" for x in info["in_place"]))
    with b:
        st.markdown(f"**{texts.DEVELOPMENT_AREAS}**")
        st.markdown("\n".join(f"- {widgets.plain(x)}" for x in info["development_areas"]))

    report_view.goal_analysis(year, goal)
    st.subheader(texts.MEASURES)
    widgets.drawn_once(widgets.trend_table, view.measures, key="goal_measures", trend_column=texts.TRENDS["column"],
                       widths=overview.MEASURE_TABLE_WIDTHS, row_height=overview.MEASURE_ROW_HEIGHT)
    # the text's column by position: its heading names the period
    with st.expander(texts.PROGRESS_VIEW["measure_texts"]):
        st.markdown("\n".join(f"- **{c}** {widgets.plain(t)}" for c, t in zip(view.measures[texts.COL_CODE],
                                                                             view.measures.iloc[:, 1])))
    if view.mismatches:
        st.warning(texts.PROGRESS_VIEW["mismatch"].format(codes=", ".join(view.mismatches)))
    st.subheader(texts.INDICATORS)
    widgets.drawn_once(widgets.table, view.indicators, key="goal_indicators",
                       indicator_links=[texts.COL_INDICATOR_ID], year=year)

    # --- One measure in detail ------------------------------------------------------------------------------------
    measures = view.measure_texts
    code = widgets.select_param(texts.PROGRESS_VIEW["measure_pick"], list(measures), "atgard", "goal_measure",
                           format_func=lambda c: f"{c} {measures[c]}")
    st.header(texts.PROGRESS_VIEW["measure_detail"].format(code=code))
    detail = access.read_chart(year, overview.measure_detail, code, year, ctx.approved_only)  # kept: drawn once
    st.markdown(widgets.plain(detail["text"]))
    st.caption(f"{texts.COL_AGENCIES}: {widgets.plain(detail['agencies'])} · {texts.COL_FREQUENCY}: "
               f"{widgets.plain(detail['frequency'])}")
    for ind in detail["indicators"]:
        with st.container(border=True, key=f"goal_ind_{ind['code']}"):
            st.subheader(f"{ind['code']} {widgets.plain(ind['name'])}")
            widgets.indicator_link(ind["code"], year)
            st.markdown(f"{ICONS[ind['status']]} **{texts.PROGRESS_STATUSES[ind['status']]}**")
            with st.expander(texts.PROGRESS_VIEW["explain"]):
                st.markdown(ind["explanation"])
            if ind["milestone"]:
                st.markdown(ind["milestone"])  # Ja or Nej (the check allows nothing else) and a year
            if ind["kind"] in NOT_QUANTITATIVE:
                widgets.drawn_once(widgets.table, ind["table"], key=f"goal_tbl_{ind['code']}")
                continue
            options = [""] + ind["breakdowns"]
            dim = widgets.select_param(texts.PROGRESS_VIEW["breakdown_pick"], options, f"uppdelning_{ind['code']}",
                                  f"goal_dim_{ind['code']}", format_func=lambda b: texts.BREAKDOWNS.get(
                                      b, texts.PROGRESS_VIEW["no_breakdown"]),
                                  in_url=lambda b: texts.DIMENSION_WORDS.get(b, ""))
            data = access.read_chart(year, overview.indicator_chart_data, ind["id"], dim or None, ctx.approved_only,
                                     year)
            if data["frame"].empty:
                st.caption(texts.PROGRESS_VIEW["no_values"])
                continue
            widgets.chart(data["figure"], key=f"goal_chart_{ind['code']}_{dim}", alt=data["alt"], data=data["table"],
                     data_label=texts.PROGRESS_VIEW["data_table"])
            widgets.downloads(data["values"], ind["code"], key=f"goal_dl_{ind['code']}_{dim}")
    st.subheader(texts.PROGRESS_VIEW["descriptions"])
    widgets.drawn_once(widgets.table, detail["statuses"], key="goal_statuses")
