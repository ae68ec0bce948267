"""Indikator: one indicator on a page of its own (issue 20) — its status with the explanation, the chart with a
chosen breakdown, its figures and files, and what the catalog says about it."""

import streamlit as st

from okdata import indicator, overview, texts
from okdata.domain import NOT_QUANTITATIVE
from okdata.values import data_state
from okdata.web import access, page, widgets

with page.frame("indicator") as ctx:
    st.title(texts.PAGE_TITLES["indicator"])
    st.caption(texts.INDICATOR_VIEW["intro"])
    state = access.read(data_state)
    years, default = list(state.years), state.default
    left, right = st.columns([3, 1])
    with right:  # the year first: the indicators offered are those of the catalog in force for it
        year = widgets.select_param(texts.YEAR, years, "ar", "ind_year", default=default)
    choices = access.read(indicator.indicator_choices, year)
    with left:
        code = widgets.select_param(texts.INDICATOR_VIEW["pick"], list(choices), "indikator", "ind_code",
                                    format_func=choices.get, unknown_as_none=True)
    if code is None:  # one the year's catalog lacks (retired, or added later): said, not swapped for another
        widgets.indicator_not_in_year(year)
    widgets.example_banner(state.example)
    view = access.read(indicator.indicator_page, code, year, ctx.approved_only)
    ref = view.ref
    st.header(f"{ref.code} {widgets.plain(ref.name)}")
    st.markdown(view.status_line)
    with st.expander(texts.PROGRESS_VIEW["explain"]):
        st.markdown(view.explanation)
    dim = None
    if ref.breakdowns and ref.kind not in NOT_QUANTITATIVE:
        dim = widgets.select_param(texts.PROGRESS_VIEW["breakdown_pick"], ["", *ref.breakdowns], "uppdelning",
                                   "ind_dim", format_func=lambda b: texts.BREAKDOWNS.get(
                                       b, texts.PROGRESS_VIEW["no_breakdown"]),
                                   in_url=lambda b: texts.DIMENSION_WORDS.get(b, "")) or None
    data = access.read_chart(None, overview.indicator_chart_data, ref.id, dim, ctx.approved_only, year)
    if data["table"].empty:
        st.info(texts.PROGRESS_VIEW["no_values"])
    elif ref.kind in NOT_QUANTITATIVE:
        widgets.table(data["table"], key="ind_table")
    else:
        widgets.chart(data["figure"], key=f"ind_chart_{ref.code}_{dim}", alt=data["alt"], data=data["table"],
                      data_label=texts.PROGRESS_VIEW["data_table"])
    if not data["table"].empty:
        widgets.downloads(data["values"], f"{ref.code}-{year}", key=f"ind_dl_{ref.code}_{dim}")
    st.subheader(texts.INDICATOR_VIEW["about"])
    st.markdown("\n".join(f"- **{label}:** {widgets.plain(text)}" for label, text in view.metadata))
