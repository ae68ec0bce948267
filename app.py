"""Översikt: the 8 goals with the distribution of their statuses, reporting completeness, and what changed."""

import streamlit as st

from okdata import completeness, explore, overview, snapshot, texts
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

    # kept readings (the objects themselves), whose goals and changes are drawn once and sent again to the next
    # viewer: 234 elements made anew on every view were two thirds of a warm view (issue 16)
    cards = access.read_chart(year, overview.goal_cards, year, ctx.approved_only)
    status = access.read_chart(year, snapshot.snapshot, year, ctx.approved_only)
    before = access.read_chart(year - 1, snapshot.snapshot, year - 1, ctx.approved_only)
    reporting = access.read_chart(year, completeness.completeness, year)
    movements = access.read_chart(year, explore.year_changes, year, ctx.approved_only)
    statuses = access.read_chart(year, explore.status_changes, year, ctx.approved_only)
    views.goal_overview(cards, status, before, reporting, movements, statuses, year)
