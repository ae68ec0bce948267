"""Våldstyper: every indicator broken down by violence type, as small multiples in fixed colours; per 100 000
inhabitants where it applies; years compared."""

import streamlit as st

from okdata import comparisons, texts
from okdata.web import access, page, widgets

with page.frame("violence") as ctx:
    st.title(texts.PAGE_TITLES["violence"])
    st.caption(texts.VIOLENCE_VIEW["intro"])
    types = widgets.multiselect_param(texts.VIOLENCE_VIEW["pick"], list(texts.VIOLENCE_TYPES), "valdstyp", "vt_types",
                                 format_func=texts.VIOLENCE_TYPE_SHORT.get, default=list(texts.VIOLENCE_TYPES))
    per_capita = widgets.toggle_param(texts.VIOLENCE_VIEW["per_capita"], "per100k", "vt_per_capita")
    widgets.example_banner()
    choices = access.read(comparisons.violence_choices, types, ctx.approved_only)
    if not choices:
        st.info(texts.VIOLENCE_VIEW["empty"])
        st.stop()
    left, right = st.columns([1, 2])
    with left:
        goal = widgets.select_param(texts.GOAL, list(choices), "mal", "vt_goal",
                                    format_func=lambda n: texts.GOAL_N.format(n=n))
    with right:
        first, last = widgets.range_param(texts.VIOLENCE_VIEW["compare"], choices[goal], "fran", "till", "vt_years")
    charts, files = access.read_chart(last, comparisons.violence_view, types, goal, first, last, per_capita,
                                      ctx.approved_only)
    columns = st.columns(2)
    for n, chart in enumerate(charts):
        with columns[n % 2]:
            widgets.chart(chart.figure, key=f"vt_{chart.key}", alt=chart.alt)
            widgets.indicator_link(chart.key, last)
    table = comparisons.violence_table(charts)
    with st.expander(texts.VIOLENCE_VIEW["data"]):
        widgets.table(table, key="vt_data")
    widgets.downloads(files, f"valdstyper-mal-{goal}-{first}-{last}", key="vt_dl")
