"""Översikt: the 8 goals with their measures, indicators and the chosen year's reporting state."""

import streamlit as st

from okdata import overview, texts, ui
from okdata.values import data_years, default_year

ctx = ui.frame("overview")
st.title(texts.PAGE_TITLES["overview"])
year = ui.select_param(texts.YEAR, ui.read(data_years), "ar", "ov_year", default=ui.read(default_year))
ui.example_banner()

cards = ui.read(overview.goal_cards, year, ctx.approved_only)
st.caption(texts.OVERVIEW_INTRO.format(goals=len(cards), measures=sum(c.measures for c in cards),
                                       indicators=sum(c.indicators for c in cards)))
columns = st.columns(2)
for i, card in enumerate(cards):
    with columns[i % 2].container(border=True, key=f"ov_goal_{card.number}"):
        st.subheader(f"{texts.GOAL_N.format(n=card.number)}: {card.title}")
        a, b = st.columns(2)
        a.metric(texts.MEASURES, card.measures)
        b.metric(texts.INDICATORS, card.indicators)
        st.markdown(f"**{texts.REPORTING_STATE.format(year=year)}**", help=texts.REPORTING_STATE_HELP)
        st.markdown(texts.INDICATORS_REPORTED.format(reported=card.reported, expected=card.expected))
        st.markdown(texts.STATUSES_REPORTED.format(reported=card.measures_with_status, expected=card.measures))
        if card.status_counts:
            st.caption(" · ".join(f"{s}: {n}" for s, n in card.status_counts.items()))
        st.page_link("pages/1_Mal.py", label=texts.OPEN_GOAL.format(n=card.number), icon=":material/arrow_forward:",
                     query_params={"mal": card.number, "ar": year})
