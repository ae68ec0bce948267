"""Kommuner: the 26 municipalities side by side for an indicator, sorted, with the county as reference; counts or
per 100 000 inhabitants (for counts of people or events), such counts below 5 shown as "<5" by default; and the
municipalities across the years, all or a saved comparison group."""

import streamlit as st

from okdata import comparisons, export, groups, texts
from okdata.formatting import fmt_value
from okdata.values import data_state
from okdata.web import access, page, widgets
from okdata.web.views.groups import group_manager

with page.frame("municipalities") as ctx:
    st.title(texts.PAGE_TITLES["municipalities"])
    st.caption(texts.MUNICIPALITY_VIEW["intro"])
    state = access.read(data_state)
    years, default = list(state.years), state.default
    left, mid, right = st.columns([3, 1, 1])
    with mid:  # the year first: the indicators offered are those of the catalog in force for it
        year = widgets.select_param(texts.YEAR, years, "ar", "mun_year", default=default)
    inds = access.read(comparisons.municipal_indicators, year, ctx.approved_only)
    if not inds:
        st.info(texts.MUNICIPALITY_VIEW["none"])
        st.stop()
    with left:
        code = widgets.select_param(texts.MUNICIPALITY_VIEW["pick"], list(inds), "indikator", "mun_ind",
                                    format_func=lambda c: f"{c} {inds[c][1]}", unknown_as_none=True)
    if code is None:  # one the year's catalog lacks, or without values per municipality: said, not swapped
        widgets.indicator_not_in_year(year)
    _, _, per_capita, kind = inds[code]
    with right:  # the values as stored (named by their kind), or per 100 000 for counts of people or events
        measures = ["antal", "per100k"] if per_capita else ["antal"]
        measure = widgets.select_param(texts.MUNICIPALITY_VIEW["measure"], measures, "matt", "mun_measure",
                                       format_func=lambda m: texts.KINDS[kind] if m == "antal"
                                       else texts.MUNICIPALITY_VIEW["per_capita"])
    widgets.indicator_link(code, year)
    hides = export.hides_small(kind, per_capita)  # the chosen year's; each year of the table hides by its own
    suppress = widgets.toggle_param(texts.MUNICIPALITY_VIEW["suppress"], "visa_sma", "mun_suppress", default=True,
                                    inverted=True, checkbox=True, shown=hides)
    widgets.example_banner(state.example)
    view = access.read_chart(year, comparisons.municipal_chart, inds[code][0], year, measure == "per100k", suppress,
                             ctx.approved_only)
    if view["chart"] is None:
        st.info(texts.MUNICIPALITY_VIEW["no_values"].format(year=year))
    else:
        if view["county"] is not None:
            st.metric(texts.COMPARISONS["county_metric"], fmt_value(view["county"], view["kind"]),
                      help=None if view["line"] else texts.COMPARISONS["no_county_line"]
                      + (texts.COMPARISONS["no_county_line_per_capita"] if per_capita else ""))
        chart = view["chart"]
        widgets.chart(chart.figure, key=f"mun_{chart.key}", alt=chart.alt, data=chart.table)
        widgets.downloads(view["values"], f"{code}-{year}-kommuner", key=f"mun_dl_{chart.key}")
        if suppress and hides:
            st.caption(texts.COMPARISONS["suppressed_note"])

    st.header(texts.MUNICIPALITY_VIEW["years_title"])
    st.caption(texts.MUNICIPALITY_VIEW["years_intro"])
    saved = access.read(groups.list_groups, ctx.actor.username)
    group_manager(ctx, saved, widgets.url_param("grupp", default=""))
    saved = access.read(groups.list_groups, ctx.actor.username)  # a group saved just now is offered at once
    left, right = st.columns([1, 2])
    with left:
        group = widgets.select_param(texts.COMPARISON_GROUPS["pick"], ["", *saved], "grupp", "mun_group",
                                     format_func=lambda g: g or texts.COMPARISON_GROUPS["all"])
    with right:
        first, last = widgets.range_param(texts.MUNICIPALITY_VIEW["years"], sorted(years), "fran", "till", "mun_years")
    table = access.read_chart(None, comparisons.municipal_years, inds[code][0], first, last, measure == "per100k",
                              suppress, ctx.approved_only, tuple(saved[group]) if group else None)  # kept: drawn once
    if not table.values:
        st.info(texts.MUNICIPALITY_VIEW["no_year_values"])
    else:
        widgets.heat_table(table.numbers, table.text, key="mun_years_table")
        if table.hidden and not hides:  # hidden in years whose catalog counted people; said where it happens
            st.caption(texts.COMPARISONS["suppressed_note"])
        widgets.downloads(table.values, f"{code}-{first}-{last}-kommuner", key="mun_years_dl")
