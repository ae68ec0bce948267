"""Mål: a goal's what-must-be-in-place, its measures with agencies and status, and its indicators."""

import streamlit as st

from okdata import overview, texts, ui
from okdata.catalog import goals_frame
from okdata.values import data_years, default_year

ctx = ui.frame("goals")
st.title(texts.PAGE_TITLES["goals"])
goals = ui.read(goals_frame)
titles = dict(zip(goals.number, goals.title))
left, right = st.columns([3, 1])
with left:
    goal = ui.select_param(texts.CHOOSE_GOAL, list(titles), "mal", "goal_goal",
                           format_func=lambda n: f"{texts.GOAL_N.format(n=n)}: {titles[n]}")
with right:
    year = ui.select_param(texts.YEAR, ui.read(data_years), "ar", "goal_year", default=ui.read(default_year))
ui.example_banner()

info = ui.read(overview.goal_info, goal)
st.header(f"{texts.GOAL_N.format(n=goal)}: {info['title']}")
a, b = st.columns(2)
with a:
    st.markdown(f"**{texts.IN_PLACE}**")
    st.markdown("\n".join(f"- {x}" for x in info["in_place"]))
with b:
    st.markdown(f"**{texts.DEVELOPMENT_AREAS}**")
    st.markdown("\n".join(f"- {x}" for x in info["development_areas"]))

st.subheader(texts.MEASURES)
ui.table(ui.read(overview.measure_table, goal, year, ctx.approved_only), key="goal_measures")
st.subheader(texts.INDICATORS)
ui.table(ui.read(overview.indicator_table, year, ctx.approved_only, goal), key="goal_indicators")
