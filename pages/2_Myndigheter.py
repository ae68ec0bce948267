"""Myndigheter: per agency its measures and indicators, what it reported per year against what it owes,
the missing values, its latest upload and the deadline."""

import streamlit as st

from okdata import explore, texts
from okdata.periods import report_year
from okdata.web import access, page, widgets
from okdata.web.views import progress as views

with page.frame("agencies") as ctx:
    st.title(texts.PAGE_TITLES["agencies"])
    choices, years = access.read_chart(None, explore.agency_choices)  # kept as objects: not copied for each view
    agencies = {a.code: a for a in choices}
    left, right = st.columns([3, 1])
    with left:
        code = widgets.select_param(texts.AGENCY_VIEW["pick"], list(agencies), "myndighet", "ag_agency",
                                    format_func=lambda c: agencies[c].name,
                                    default=explore.default_agency(list(agencies), ctx.actor.agency_code))
    with right:
        year = widgets.select_param(texts.YEAR, years, "ar", "ag_year",
                                    default=report_year(years))
    agency = agencies[code]
    widgets.example_banner()

    view = access.read_chart(None, explore.agency_view, agency, sorted(years), year, ctx.scope)
    # kept as objects (read_chart): its notices and tables are drawn once per reading and sent again (issue 16)
    widgets.drawn_once(views.agency_body, view, agency=agency.name, period=ctx.period, year=year)
