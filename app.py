"""Översikt: the 8 goals with the distribution of their statuses, reporting completeness, and what changed."""

import streamlit as st

from okdata import completeness, explore, overview, snapshot, texts
from okdata.formatting import fmt_contents, fmt_num
from okdata.values import data_state
from okdata.web import access, page, widgets
from okdata.web.views import progress as views

with page.frame("overview") as ctx:
    head, pick = st.columns([4, 1], vertical_alignment="bottom")
    head.title(texts.PAGE_TITLES["overview"])
    state = access.read(data_state)
    years, default = access.read(overview.overview_years)  # reporting years only: none before the plan
    with pick:
        year = widgets.select_param(texts.YEAR, years, "ar", "ov_year", default=default)
    widgets.example_banner(state.example)

    cards = access.read_year(year, overview.goal_cards, year, ctx.approved_only)
    status = access.read_year(year, snapshot.snapshot, year, ctx.approved_only)
    reporting = access.read_year(year, completeness.completeness, year)
    st.page_link("pages/13_Rapporteringslage.py", icon=":material/checklist:", query_params={"ar": year},
                 label=texts.PROGRESS_VIEW["completeness"].format(year=year, **completeness.returns_in(reporting)))
    views.goal_matrix([(c.number, c.title, status.of_goal(c.number)) for c in cards], year)
    st.caption(texts.OVERVIEW_INTRO.format(contents=fmt_contents(
        len(cards), sum(c.measures for c in cards), sum(c.indicators for c in cards), texts.REGIONAL_GOALS)))

    st.header(texts.GOALS_HEADING.format(year=year))
    for i, card in enumerate(cards):
        if i % 2 == 0:  # a row of two per pair, so that reading and tab order run 1, 2, 3 … as seen (issue 20)
            columns = st.columns(2)
        g = status.of_goal(card.number)
        with columns[i % 2].container(border=True, key=f"ov_goal_{card.number}"):
            st.subheader(f"{texts.GOAL_N.format(n=card.number)}: {widgets.plain(card.title)}")
            a, b = st.columns(2)
            a.metric(texts.MEASURES, card.measures)
            b.metric(texts.INDICATORS, card.indicators)
            left, right = st.columns(2)
            left.markdown(f"**{texts.PROGRESS_VIEW['distribution'].format(year=year)}**  \n"
                          + widgets.status_markdown(g.measure_outcomes, separator="  \n"))
            right.markdown(f"**{texts.PROGRESS_VIEW['indicators'].format(year=year)}**  \n"
                           + widgets.status_markdown(g.indicators, separator="  \n"))
            st.markdown(f"**{texts.PROGRESS_VIEW['implementation'].format(year=year)}**",
                        help=texts.PROGRESS_VIEW["implementation_help"])
            st.markdown(widgets.status_markdown(g.implementation, icons=texts.STATUS_ICONS,
                                                labels=texts.MEASURE_STATES))
            st.caption(texts.PROGRESS_VIEW["reports"].format(
                reported=sum(g.reports.values()), expected=g.expected, reports=widgets.status_markdown(
                    g.reports, icons=texts.STATUS_ICONS, labels=texts.IMPLEMENTATION)))
            if g.mismatches:
                st.warning(texts.PROGRESS_VIEW["mismatch"].format(codes=", ".join(g.mismatches)))
            if g.score is not None:
                st.caption(texts.PROGRESS_VIEW["score"].format(score=fmt_num(g.score, 1)),
                           help=texts.PROGRESS_VIEW["score_help"])
            st.markdown(f"**{texts.REPORTING_STATE.format(year=year)}**", help=texts.REPORTING_STATE_HELP)
            st.caption(texts.INDICATORS_REPORTED.format(reported=card.reported, expected=card.expected) + " · " +
                       texts.STATUSES_REPORTED.format(reported=card.measures_with_status, expected=card.measures))
            st.page_link("pages/1_Mal.py", label=texts.OPEN_GOAL.format(n=card.number), icon=":material/arrow_forward:",
                         query_params={"mal": card.number, "ar": year})

    st.header(texts.PROGRESS_VIEW["changes"].format(year=year - 1))
    left, right = st.columns(2)
    with left:
        st.subheader(texts.PROGRESS_VIEW["movements"], help=texts.PROGRESS_VIEW["movements_help"])
        views.change_list(access.read_year(year, explore.year_changes, year, ctx.approved_only))
    with right:
        st.subheader(texts.PROGRESS_VIEW["outcome_changes"])
        before = access.read_year(year - 1, snapshot.snapshot, year - 1, ctx.approved_only)
        views.outcome_change_list(snapshot.changed_outcomes(status, before))
        st.subheader(texts.PROGRESS_VIEW["implementation_changes"])
        views.status_change_list(access.read_year(year, explore.status_changes, year, ctx.approved_only))
