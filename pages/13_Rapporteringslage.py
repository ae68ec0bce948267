"""Rapporteringsläge: every reporting agency in one table, as DHIS2's reporting rate summary — its return's state,
on time or days late against the deadline, the share of expected values it holds and its last upload."""

import streamlit as st

from okdata import completeness, texts
from okdata.periods import report_year, reporting_year_choices, year_state
from okdata.values import data_state
from okdata.web import access, page, widgets
from okdata.web.views import progress as views

with page.frame("reporting") as ctx:
    st.title(texts.PAGE_TITLES["reporting"])
    state = access.read(data_state)
    years = access.read(reporting_year_choices)  # reporting years, not every year holding a value
    default = state.default if state.default in years else report_year(years)
    left, right = st.columns([3, 1])
    with right:
        year = widgets.select_param(texts.YEAR, years, "ar", "rr_year", default=default)
    widgets.example_banner(state.example)

    rows = access.read(completeness.completeness, year, values=True)
    state_of_year = access.read(year_state, year)
    deadline = state_of_year.deadline
    st.caption(texts.REPORTING_RATE["intro"].format(total=len(rows), year=year))
    st.markdown((texts.REPORTING_RATE["deadline"].format(year=year, deadline=deadline) if deadline
                 else texts.REPORTING_RATE["no_deadline"].format(year=year))
                + widgets.reopened_note(year, state_of_year.reopened_until))
    views.reporting_summary(rows)
    only_missing = widgets.toggle_param(texts.REPORTING_RATE["only_missing"], "ej_rapporterat", "rr_missing")
    views.reporting_rate_table([r for r in rows if not (only_missing and r.has_reported)], year, key="rr_table")
