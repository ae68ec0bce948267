"""Myndigheter: per agency its measures and indicators, what it reported per year against what it owes,
the missing values, its latest upload and the deadline."""

import streamlit as st

from okdata import explore, texts
from okdata.formatting import fmt_time
from okdata.periods import report_year
from okdata.web import access, page, widgets
from okdata.web.views import progress as views

with page.frame("agencies") as ctx:
    st.title(texts.PAGE_TITLES["agencies"])
    choices, years = access.read(explore.agency_choices)
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

    view = access.read(explore.agency_view, agency, sorted(years), year, ctx.scope)
    if view.state.overdue:
        st.error(texts.AGENCY_VIEW["overdue"].format(year=year, deadline=view.deadline))
    elif view.deadline is not None:
        st.info(texts.AGENCY_VIEW["deadline"].format(year=year, deadline=view.deadline))
    if view.latest is None:
        st.caption(texts.AGENCY_VIEW["no_upload"].format(agency=widgets.plain(agency.name), year=year))
    else:
        st.caption(texts.AGENCY_VIEW["latest"].format(year=year, id=view.latest["id"],
                                                      user=widgets.plain(view.latest["user"]),
                                                      when=fmt_time(view.latest["created_at"]),
                                                      status=texts.BATCH_STATUSES.get(view.latest["status"])))

    st.header(texts.AGENCY_VIEW["reporting"])
    st.caption(texts.AGENCY_VIEW["counted"])
    views.reporting_table(view.reporting, key="ag_reporting")
    st.header(texts.AGENCY_VIEW["missing"].format(year=year))
    if view.missing.empty:
        st.success(texts.AGENCY_VIEW["none_missing"].format(year=year))
    else:
        widgets.table(view.missing.rename(columns={"indicator": texts.COL_INDICATOR_ID,
                                                   "breakdown": texts.COL_BREAKDOWN}),
                 key="ag_missing", height=300)

    st.header(texts.AGENCY_VIEW["measures"].format(agency=widgets.plain(agency.name)))
    widgets.table(view.measures[["code", "text", "agencies", "frequency"]].assign(
        frequency=view.measures.frequency.map(texts.FREQUENCIES)).rename(columns={
        "code": texts.COL_CODE, "text": texts.COL_MEASURE.format(period=ctx.period), "agencies": texts.COL_AGENCIES,
        "frequency": texts.COL_FREQUENCY}), key="ag_measures")
    st.header(texts.AGENCY_VIEW["indicators"])
    widgets.table(view.indicators[["code", "name", "kind", "frequency"]].assign(
        kind=view.indicators.kind.map(texts.KINDS), frequency=view.indicators.frequency.map(texts.FREQUENCIES))
             .rename(columns={"code": texts.COL_INDICATOR_ID, "name": texts.COL_INDICATOR, "kind": texts.COL_KIND,
                              "frequency": texts.COL_FREQUENCY}), key="ag_indicators",
             indicator_links=[texts.COL_INDICATOR_ID], year=year)
